"""Canonical URLs, Open Graph and Twitter card tags, JSON-LD: what pages say about themselves.

The Pelican adapter around ``describe`` (pure). Templates call
``page_meta(title, description, language, home)`` once, from
``theme/templates/_meta.html``; it reads the page's own object from the
template context (``article``, ``page``, ``album``, ``category``) and returns
a ``describe.PageMeta``. An English page is described in English: its frame's
SITENAME and SITE_DESCRIPTION as the context gives them (plugins/theme_i18n),
the breadcrumb's first step as the template translated it, en_US.

Why these hooks: share images are cropped by the image pipeline, which needs
the requests before it publishes its files (its ``generate_output``) and
after each article's lead photo is known (``all_generators_finalized``), so
the crops are requested there; everything else happens while pages render.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from PIL import Image

from image_pipeline import request_crop, set_lead_images
from vietnamese.text import shorten

from .describe import (
    PageMeta,
    ShareImage,
    Site,
    absolute,
    breadcrumb_list,
    canonical_path,
    image_gallery,
    iso,
    news_article,
    script_json,
    web_site,
)
from .settings import site_meta_settings

logger = logging.getLogger(__name__)

_FIRST_IMG_ALT = re.compile(r'<img\b[^>]*?\balt="([^"]*)"')


def _plain(value) -> str:
    """Text of a title or summary, which may hold HTML, entities unescaped."""
    return Markup(str(value or "")).striptags()


class SiteMetaGenerator:
    """Holds the share images of each page (by URL) and answers ``page_meta``."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.values = site_meta_settings(settings)
        base = self.values["BASE_URL"]
        static = Path(settings["THEME"]) / "static"
        static_url = f"{base}/{settings.get('THEME_STATIC_DIR', 'theme')}"
        with Image.open(static / self.values["LOGO"]) as logo:
            logo_size = logo.size
        self.site = Site(
            base_url=base,
            name=settings.get("SITENAME", ""),
            description=settings.get("SITE_DESCRIPTION", ""),
            logo=ShareImage(f"{static_url}/{self.values['LOGO']}", *logo_size, "image/png"),
            title_max=self.values["TITLE_MAX"],
            description_max=self.values["DESCRIPTION_MAX"],
            headline_max=self.values["HEADLINE_MAX"],
        )
        self.share_size = tuple(self.values["SHARE_SIZE"])
        self.ld_sizes = [tuple(size) for size in self.values["LD_IMAGE_SIZES"]]
        pattern = f"{static_url}/{self.values['DEFAULT_IMAGE']}"
        self.defaults = {
            size: ShareImage(
                pattern.format(width=size[0], height=size[1]),
                *size,
                "image/png",
                self.values["DEFAULT_IMAGE_ALT"],
            )
            for size in sorted({self.share_size, *self.ld_sizes})
        }
        self.crops: dict[str, dict[tuple[int, int], ShareImage]] = {}  # by page URL
        context["page_meta"] = self.page_meta
        # The partial prints this as validated here, default included.
        context["SITE_META_TWITTER_SITE"] = self.values["TWITTER_SITE"]

    # -- share images, requested at all_generators_finalized ----------------

    def request_crops(self, generators, key: str, source: str, alt: str) -> None:
        crops = {}
        for size in sorted({self.share_size, *self.ld_sizes}):
            lead = request_crop(generators, source, size)
            if lead is not None:
                url = absolute(self.site.base_url, lead.url)
                crops[size] = ShareImage(url, lead.width, lead.height, lead.mime_type, alt)
        if crops:
            self.crops[key] = crops

    def image(self, key: str, size: tuple[int, int], default=None) -> ShareImage:
        return self.crops.get(key, {}).get(size) or default or self.defaults[size]

    def default_image(self, language: str) -> ShareImage:
        """The site's share image, its alt text in the page's language."""
        image = self.defaults[self.share_size]
        alt = self.values["DEFAULT_IMAGE_ALTS"].get(language)
        return replace(image, alt=alt) if alt else image

    # -- what templates call -------------------------------------------------

    def locale(self, language: str) -> str:
        if language == self.settings.get("DEFAULT_LANG", "vi"):
            return self.values["LOCALE"]
        return self.values["LOCALES"].get(language, language)

    @pass_context
    def page_meta(self, ctx, title="", description="", language="", home="") -> PageMeta:
        """``title`` and ``description`` are the page's own blocks: what a page
        without an object of its own (home, lists, search) is described by;
        ``language`` is the page's, ``home`` the home page's name in it."""
        language = language or self.settings.get("DEFAULT_LANG", "vi")
        site = replace(
            self.site,
            name=str(ctx.get("SITENAME") or self.site.name),
            description=str(ctx.get("SITE_DESCRIPTION") or self.site.description),
            language=language,
            home_name=str(home or self.site.home_name),
        )
        output_file = ctx.get("output_file") or ""
        noindex = output_file in self.values["NOINDEX"]
        article, page, album = ctx.get("article"), ctx.get("page"), ctx.get("album")
        category = ctx.get("category")
        if article is not None:
            noindex = noindex or getattr(article, "status", "") == "draft"
        canonical = "" if noindex else absolute(site.base_url, canonical_path(output_file))
        content = article if article is not None else page
        other_languages = {t.lang for t in getattr(content, "translations", ())} - {language}
        common = {
            "canonical": canonical,
            "robots": "noindex" if noindex else "",
            "title": shorten(_plain(title) or site.name, site.title_max),
            "description": shorten(_plain(description) or site.description, site.description_max),
            "image": self.default_image(language),
            "locale": self.locale(language),
            "locale_alternates": tuple(self.locale(lang) for lang in sorted(other_languages)),
        }
        if article is not None:
            return self._article(site, article, canonical, common)
        if page is not None and hasattr(page, "title"):
            return self._page(site, page, canonical, common)
        if album is not None:
            return self._album(site, album, canonical, common)
        if category is not None and hasattr(category, "name"):
            crumbs = [(category.name, absolute(site.base_url, category.url))]
            title = shorten(category.name, site.title_max)
            ld = (script_json(breadcrumb_list(site, crumbs)),)
            return PageMeta(**{**common, "title": title, "json_ld": ld})
        if output_file == "index.html":
            return PageMeta(**common, json_ld=(script_json(web_site(site)),))
        return PageMeta(**common)

    def _content_fields(self, site: Site, item, common: dict) -> dict:
        return {
            **common,
            "title": shorten(_plain(item.title), site.title_max),
            "description": shorten(
                _plain(getattr(item, "summary", "")) or common["description"],
                site.description_max,
            ),
            "image": self.image(item.url, self.share_size, common["image"]),
        }

    def _article(self, site: Site, article, canonical: str, common: dict) -> PageMeta:
        fields = self._content_fields(site, article, common)
        modified = getattr(article, "modified", None)
        category = article.category
        tags = tuple(tag.name for tag in getattr(article, "tags", ()))
        author = getattr(article, "author", None)
        url = canonical or absolute(site.base_url, article.url)
        ld = [
            news_article(
                site,
                url=url,
                headline=_plain(article.title),
                description=fields["description"],
                images=[self.image(article.url, size) for size in self.ld_sizes],
                published=article.date,
                modified=modified,
                author=author.name if author else "",
                section=category.name,
                keywords=list(tags),
            ),
            breadcrumb_list(
                site,
                [
                    (category.name, absolute(site.base_url, category.url)),
                    (fields["title"], url),
                ],
            ),
        ]
        return PageMeta(
            **fields,
            og_type="article",
            published=iso(article.date),
            modified=iso(modified or article.date),
            section=category.name,
            tags=tags,
            json_ld=tuple(script_json(data) for data in ld),
        )

    def _page(self, site: Site, page, canonical: str, common: dict) -> PageMeta:
        fields = self._content_fields(site, page, common)
        crumbs = [(fields["title"], canonical or absolute(site.base_url, page.url))]
        return PageMeta(**fields, json_ld=(script_json(breadcrumb_list(site, crumbs)),))

    def _album(self, site: Site, album, canonical: str, common: dict) -> PageMeta:
        base = site.base_url
        url = canonical or absolute(base, album.url)
        title = shorten(album.title, site.title_max)
        description = shorten(album.summary or common["description"], site.description_max)
        photos = []
        for photo in album.photos:
            jpeg = photo.picture.largest_jpeg()
            if jpeg is not None:
                image = ShareImage(absolute(base, jpeg.url), jpeg.width, jpeg.height, "")
                photos.append((image, photo.caption or photo.alt))
        gallery = image_gallery(
            site,
            url=url,
            name=album.title,
            description=description,
            published=album.date if getattr(album.date, "tzinfo", None) else None,
            photos=photos,
        )
        index_url = absolute(base, self.context.get("ALBUMS_URL", "album/"))
        crumbs = breadcrumb_list(site, [("Album Ảnh", index_url), (title, url)])
        fields = {**common, "title": title, "description": description}
        return PageMeta(
            **{**fields, "image": self.image(album.url, self.share_size, common["image"])},
            json_ld=(script_json(gallery), script_json(crumbs)),
        )


def get_generators(pelican):
    return SiteMetaGenerator


def check_settings(pelican) -> None:
    site_meta_settings(pelican.settings)  # raises with every problem listed


def prepare_share_images(generators) -> None:
    """Ask the image pipeline for each article's, page's and album's crops."""
    meta = next((g for g in generators if isinstance(g, SiteMetaGenerator)), None)
    if meta is None:
        return
    items = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items += [*generator.articles, *generator.translations, *generator.drafts]
        elif isinstance(generator, PagesGenerator):
            items += [*generator.pages, *generator.hidden_pages]
    if any(not hasattr(item, "lead_image") for item in items):
        # Receivers of one signal run in no set order: make sure the image
        # pipeline's lead photos are known before they are cropped.
        set_lead_images(generators)
    for item in items:
        lead = getattr(item, "lead_image", None)
        if lead is None or not item.save_as:
            continue  # no photo, or a draft that this build does not write
        match = _FIRST_IMG_ALT.search(item._content or "")
        alt = html.unescape(match.group(1)) if match else _plain(item.title)
        meta.request_crops(generators, item.url, lead.source, alt)
    for album in meta.context.get("albums") or ():
        if album.cover is not None:
            meta.request_crops(generators, album.url, album.cover.source, album.cover.alt)


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(prepare_share_images)
