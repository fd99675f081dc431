"""What each template prints from its context, as digests.

THIS MUST FOLLOW theme/templates/*.html. Only the templates listed in
TEMPLATES can be skipped; every other page (home, lists of lists, albums,
documents, feeds, sitemap) is rendered on every build. Editing a template
renders every page again (the theme's bytes are in every key), so these
projections only need to match the templates as they are now; when you make
a template print something new from its context, add it here, and add the
edit to tests/test_incremental.py.

Context names fall in four groups:
- FRAME_READS: what base.html, its header and footer partials, _meta.html
  and _macros.html print on every page;
- TEMPLATES[name]: what that template prints of its own objects;
- NOT_READ: names no skippable template prints (listed so that the checker
  below knows them);
- anything else (a new plugin's global): digested whole into the frame, which
  is safe (pages may render more often than needed) until it is classified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from .fingerprint import Fingerprints, hexdigest

Projection = Callable[[Fingerprints, Any, Mapping[str, Any]], str]

# The "Tin mới" aside of article.html: the newest articles but the page's own.
LATEST_ASIDE = 7


def _full(fp: Fingerprints, value, ctx) -> str:
    return fp.full(value) if value is not None else "None"


def _value(fp: Fingerprints, value, ctx) -> str:
    return fp.value(value)


def _cards(fp: Fingerprints, value, ctx) -> str:
    return fp.cards(value)


def _latest(fp: Fingerprints, value, ctx) -> str:
    # The generator's list, the same on every article page: digested once.
    return fp.once("latest", value, lambda v: fp.cards((v or [])[: LATEST_ASIDE + 1]))


def _page_url(fp: Fingerprints, value, ctx) -> str:
    return "None" if value is None else f"{value.number}:{value.url}"


def _paginator(fp: Fingerprints, value, ctx) -> str:
    return "None" if value is None else str(value.num_pages)


def _category_most_read(fp: Fingerprints, value, ctx) -> str:
    category = ctx.get("category")
    return fp.cards((value or {}).get(getattr(category, "slug", None)) or ())


def _menu_entry(page) -> str:
    return f"{page.slug}\x00{page.url}\x00{page.title}\x00{getattr(page, 'lang', '')}"


def _pages_menu(fp: Fingerprints, value, ctx) -> str:
    # base.html: slug, title and link of every page and of its translations
    # (not their text: editing a page's body renders that page only).
    return hexdigest(
        *(
            _menu_entry(p) + "".join(_menu_entry(t) for t in getattr(p, "translations", ()))
            for p in value or ()
        )
    )


def _categories_menu(fp: Fingerprints, value, ctx) -> str:
    return hexdigest(*(f"{cat.name}\x00{cat.url}" for cat, _articles in value or ()))


def _truth(fp: Fingerprints, value, ctx) -> str:
    return repr(bool(value))


# Every page: the header menus, feeds in <head> and the footer (base.html,
# _site_header.html, _site_footer.html);
# canonical URL, Open Graph and JSON-LD (_meta.html through page_meta, which
# reads the page's own object, its output_file and the settings); the
# language of the page (page_language reads the page's own object).
FRAME_READS: dict[str, Projection] = {
    "portal_categories": _categories_menu,
    "pages": _pages_menu,
    "news_feeds": _value,
    "legal_documents": _truth,
    "language_homes": _value,
    "localsiteurl": _value,
}

_PAGINATED = {
    "articles_page": _value,  # number, URL and the cards it lists
    "articles_paginator": _paginator,
    "articles_previous_page": _page_url,
    "articles_next_page": _page_url,
}

TEMPLATES: dict[str, dict[str, Projection]] = {
    "article.html": {"article": _full, "articles": _latest},
    "page.html": {"page": _full},
    "category.html": {
        "category": _value,
        **_PAGINATED,
        "most_read_by_category": _category_most_read,
    },
    "tag.html": {"tag": _value, **_PAGINATED},
    "period_archives.html": {"dates": _cards, "period": _value, "period_num": _value},
}

# Names in the context that no skippable template prints. Functions
# (page_meta, picture) compute from the page's own object and the settings.
NOT_READ = frozenset(
    {
        "all_articles", "articles", "authors", "author", "albums", "album_thumbnail_sizes",
        "blog", "categories", "category", "dates", "draft_pages", "drafts",
        "featured_articles", "generated_content", "hidden_articles", "hidden_pages",
        "image_catalog", "latest_albums", "legal_document_facets", "most_read",
        "most_read_by_category", "output_file", "override_output", "page", "page_meta",
        "page_name", "page_translations", "period", "period_archives", "period_num",
        "picture", "related_posts", "relative_urls", "static_content", "static_links",
        "staticfiles", "tag", "tags", "template_name", "url", "article",
        "dates_page", "dates_paginator", "dates_previous_page", "dates_next_page",
        "articles_page", "articles_paginator", "articles_previous_page",
        "articles_next_page", "translations", "hidden_translations",
        "pages_translations", "drafts_translations",
    }
)  # fmt: skip


def skippable(template_name: str | None) -> bool:
    return template_name in TEMPLATES


_KNOWN = frozenset(FRAME_READS) | NOT_READ


def unknown_names(
    context: Mapping[str, Any], template_name: str, settings: frozenset = frozenset()
) -> list[str]:
    """Lower-case context names this module has not classified. ``settings``:
    the upper-case names already known, so that they are not tested again."""
    rest = context.keys() - _KNOWN - TEMPLATES.get(template_name, {}).keys() - settings
    return sorted(name for name in rest if not name.isupper())


def page_digest(
    fp: Fingerprints,
    template_name: str,
    context: Mapping[str, Any],
    shared: Mapping[str, Any],
    own: Iterable[str],
) -> str:
    """The digest of everything ``template_name`` prints from ``context``,
    settings and theme aside (the writer adds those). ``shared``: the
    generator's context that ``context`` extends, the same for many pages;
    ``own``: the names ``context`` has besides ``shared``'s."""
    reads = TEMPLATES[template_name]
    parts = [template_name, str(context.get("output_file"))]
    # The frame's values are the same objects on most pages: their texts
    # are made once per build for each set of them, not once per page.
    frame = [context.get(name) for name in FRAME_READS]
    parts += fp.once_for(
        "frame",
        frame,
        lambda: [
            f"{name}={fp.once(name, value, partial(project, fp, ctx=context))}"
            for (name, project), value in zip(FRAME_READS.items(), frame, strict=True)
        ],
    )
    for name, project in reads.items():
        parts.append(f"{name}={project(fp, context.get(name), context)}")
    # The context's names are sorted out once per template and set of names
    # (a plugin may add one), not once per page: 7,000 set differences over
    # 300 names at 5,000 articles.
    own = tuple(own)
    unknown = fp.once_for(
        f"unknown:{template_name}:{len(shared)}",
        [shared],
        lambda: _unknown(fp, template_name, shared, own),
        own,
    )
    for name in unknown:
        parts.append(f"?{name}={fp.once(name, context[name], fp.value)}")
    return hexdigest(*parts)


def _unknown(fp: Fingerprints, template_name: str, shared, own: tuple[str, ...]) -> list[str]:
    settings = fp.once("settings", shared, lambda c: frozenset(k for k in c if k.isupper()))
    common = unknown_names(shared, template_name, settings)
    extra = unknown_names(dict.fromkeys(own), template_name, settings)
    return sorted(set(common).union(extra)) if extra else common
