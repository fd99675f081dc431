"""Feed entries as plain data, and the rule that gives each one its lasting id.

The feed writers (formats.py) take these dataclasses only, so they can be
tested without Pelican; ``entry_from_article`` is the one place that reads
Pelican's Article.
"""

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from markupsafe import Markup

from .absolute import absolute_html, absolute_url

# Characters RFC 4151 allows in a tag: URI's specific part without escaping.
_TAG_SAFE = "/-._~!$&'()*+,;=:@"
_TAG_PLAIN = re.compile(r"[A-Za-z0-9/._~-]*")


@dataclass(frozen=True)
class Term:
    name: str
    url: str  # absolute address of the category or tag page
    scheme: str  # absolute address of the list it belongs to (categories, tags)


@dataclass(frozen=True)
class Image:
    url: str  # absolute
    mime_type: str
    length: int  # bytes of the file a reader would download
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    title: str
    published: datetime
    updated: datetime
    author: str
    category: Term | None
    tags: tuple[Term, ...]
    summary_html: str
    content_html: str
    image: Image | None = None


def entry_id(authority: str, date: str, source_path: str, explicit: str | None = None) -> str:
    """``tag:AUTHORITY,DATE:SPECIFIC`` (RFC 4151).

    SPECIFIC is the source file's path inside the content folder without its
    extension: it does not change when the title, slug, category, date or text
    does. An editor who renames or moves the file keeps the old id by writing
    it in an ``Id:`` line; a complete ``tag:`` URI there is taken as it is.
    """
    if explicit:
        explicit = explicit.strip()
        if explicit.startswith("tag:"):
            return explicit
        # Forgive what editors copy along with the path: content/ and .md.
        specific = explicit.strip("/").removeprefix("content/").removesuffix(".md")
    else:
        specific = posixpath.splitext(source_path.replace("\\", "/"))[0]
    # Checked first: quote() costs more than the rest, on 50,000 ids a build.
    if not _TAG_PLAIN.fullmatch(specific):
        specific = quote(specific, safe=_TAG_SAFE)
    return f"tag:{authority},{date}:{specific}"


def shared_ids(
    sources: Iterable[tuple[str, str | None]], authority: str, date: str
) -> list[tuple[str, list[str]]]:
    """(id, source paths) for every id that more than one file has, from
    (source path, Id: line or None) pairs. Paths are unique, so only Id: lines
    can collide: the other ids are computed only where they could match one."""
    sources = list(sources)
    by_id = defaultdict(list)
    for path, explicit in sources:
        if explicit:
            by_id[entry_id(authority, date, path, explicit)].append(path)
    if not by_id:
        return []
    for path, explicit in sources:
        if not explicit:
            implicit = entry_id(authority, date, path)
            if implicit in by_id:
                by_id[implicit].append(path)
    return sorted((id_, sorted(paths)) for id_, paths in by_id.items() if len(paths) > 1)


def plain_text(html: str) -> str:
    """Text of a title or summary: no tags, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", Markup(html).striptags()).strip()


def site_url(base_url: str, url: str) -> str:
    """Absolute address of a site-relative Pelican URL ('bai-viet/x/')."""
    return absolute_url(url, base_url + "/") if "://" not in url else url


def entry_from_article(article, feed_settings: dict, default_author: str, timezone: str) -> Entry:
    """The feed entry of a Pelican article; every URL in it absolute."""
    base = feed_settings["BASE_URL"]
    url = site_url(base, article.url)
    zone = ZoneInfo(timezone)
    published = article.date.astimezone(zone)
    updated = getattr(article, "modified", None) or article.date
    updated = max(updated.astimezone(zone), published)
    author = getattr(article, "author", None)
    author = str(getattr(author, "name", author) or "").strip() or default_author
    categories_url = site_url(base, article.settings.get("CATEGORIES_URL", ""))
    tags_url = site_url(base, article.settings.get("TAGS_URL", ""))
    category = getattr(article, "category", None)
    # Pelican expands {static}/{filename} links with the address it is given;
    # whatever stays relative (editors' own links, #anchors) is fixed after.
    content = absolute_html(article.get_content(base), url)
    summary = absolute_html(str(getattr(article, "summary", "") or ""), url)
    return Entry(
        id=entry_id(
            feed_settings["ID_AUTHORITY"],
            feed_settings["ID_DATE"],
            article.relative_source_path,
            article.metadata.get("id"),
        ),
        url=url,
        title=plain_text(article.title),
        published=published,
        updated=updated,
        author=author,
        category=Term(category.name, site_url(base, category.url), categories_url)
        if category
        else None,
        tags=tuple(
            Term(tag.name, site_url(base, tag.url), tags_url)
            for tag in getattr(article, "tags", ())
        ),
        summary_html=summary,
        content_html=content,
        image=_lead_image(getattr(article, "lead_image", None), base),
    )


def _lead_image(lead, base_url: str) -> Image | None:
    # Set by the albums/images plugin before any output is written: the
    # published JPEG with its real size in bytes.
    if lead is None:
        return None
    return Image(
        url=site_url(base_url, lead.url.lstrip("/")),
        mime_type=lead.mime_type,
        length=int(lead.length),
        width=getattr(lead, "width", None),
        height=getattr(lead, "height", None),
    )
