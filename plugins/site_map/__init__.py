"""sitemap.xml and robots.txt for the whole site: articles, pages, categories, albums.

Not pelican-sitemap: it has no image entries, cannot see pages other plugins
write (albums), stamps pages without a date with the build time (the same
input would not give the same bytes) and refuses to run without SITEURL,
which the preview build leaves empty.

Why this hook: a generator of its own whose ``generate_output`` runs after
every generator has built its context (albums included), and which writes
through Pelican's Writer like any page.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from pelican import signals
from warm_process import remembers

from incremental_render.fingerprint import left_as_read

from .settings import site_map_settings
from .sitemap import Entry, newest, robots_txt, sitemap_index, split, urlset

logger = logging.getLogger(__name__)

_IMG_SRC = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"')
# Its name among the texts kept with an article as read (the warm process).
_KEPT_AS = "\x00site_map"


class _Rendered:
    """Finished text posing as a template, so that ``Writer.write_file`` (its
    guard against writing a file twice, its ``content_written`` signal) writes it."""

    def __init__(self, text: str):
        self.text = text

    def render(self, _context) -> str:
        return self.text


def _lastmod(item):
    return getattr(item, "modified", None) or getattr(item, "date", None)


class SiteMapGenerator:
    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.values = site_map_settings(settings)

    def aware(self, when):
        """Album dates (album.md) carry no time zone; articles' do (Pelican
        sets TIMEZONE): the same zone makes them comparable, and their
        lastmod a W3C datetime with its offset."""
        if isinstance(when, datetime) and when.tzinfo is None:
            return when.replace(tzinfo=ZoneInfo(self.settings.get("TIMEZONE") or "UTC"))
        return when

    def absolute(self, url: str) -> str:
        if "://" in url:
            return url
        return f"{self.values['BASE_URL']}/{url.lstrip('/')}"

    def _images(self, html: str) -> tuple[str, ...]:
        seen = dict.fromkeys(self.absolute(src) for src in _IMG_SRC.findall(html or ""))
        return tuple(seen)

    def _article_entry(self, article) -> Entry:
        """In the warm build process, an article kept as read and left as
        read by the build (``left_as_read``) has the last build's entry, if
        its HTML is the HTML as read (no link in it made from another
        article's URL): the same address, date and photos. Else it is made,
        which searches its whole HTML for photos."""
        place = left_as_read(article)
        kept = place.get(_KEPT_AS) if place is not None else None
        if kept is not None:
            return kept
        content = article.content
        entry = Entry(self.absolute(article.url), _lastmod(article), self._images(content))
        if place is not None and content is getattr(article, "_content", None):
            place[_KEPT_AS] = entry
        return entry

    def entries(self) -> list[Entry]:
        """Every page worth finding, once, in a stable order. Drafts and hidden
        pages are never in ``articles``/``pages``; paginated list pages and
        tag pages are left out: they only lead to the articles listed here."""
        context = self.context
        articles = list(context.get("articles") or ())
        entries = [Entry(self.absolute(""), newest(map(_lastmod, articles)))]
        entries += map(self._article_entry, articles)
        # page_translations: the English pages under /en/ (plugins/theme_i18n).
        for page in [*(context.get("pages") or ()), *(context.get("page_translations") or ())]:
            entries.append(
                Entry(self.absolute(page.url), _lastmod(page), self._images(page.content))
            )
        categories = list(context.get("categories") or ())
        if categories and context.get("CATEGORIES_SAVE_AS"):
            newest_all = newest(_lastmod(a) for _, items in categories for a in items[:1])
            entries.append(Entry(self.absolute(context["CATEGORIES_URL"]), newest_all))
        for category, items in categories:
            # Articles come newest first, so the first one dates the list.
            entries.append(
                Entry(self.absolute(category.url), newest(_lastmod(a) for a in items[:1]))
            )
        albums = list(context.get("albums") or ())
        if albums:
            entries.append(
                Entry(
                    self.absolute(context.get("ALBUMS_URL", "album/")),
                    newest(self.aware(a.date) for a in albums),
                )
            )
        for album in albums:
            images = []
            for photo in album.photos:
                jpeg = photo.picture.largest_jpeg()
                if jpeg is not None:
                    images.append(self.absolute(jpeg.url))
            entries.append(Entry(self.absolute(album.url), self.aware(album.date), tuple(images)))
        # Legal documents (plugins/legal_documents): dated by the day they were issued.
        documents = list(context.get("legal_documents") or ())
        if documents:
            issued = [getattr(d, "issued_on", None) for d in documents]
            entries.append(
                Entry(self.absolute(context.get("LEGAL_DOCUMENTS_URL", "van-ban/")), newest(issued))
            )
        for document, day in zip(documents, issued if documents else (), strict=True):
            entries.append(Entry(self.absolute(document.url), day))
        seen: set[str] = set()
        unique = []
        for entry in entries:
            if entry.loc not in seen:
                seen.add(entry.loc)
                unique.append(entry)
        return unique

    def generate_output(self, writer) -> None:
        save_as = self.values["SAVE_AS"]
        chunks = split(self.entries(), self.values["MAX_URLS"])
        if len(chunks) == 1:
            writer.write_file(save_as, _Rendered(urlset(chunks[0], remembers())), self.context)
        else:
            stem = save_as[: -len(".xml")]
            parts = []
            for number, chunk in enumerate(chunks, 1):
                name = f"{stem}-{number}.xml"
                writer.write_file(name, _Rendered(urlset(chunk, remembers())), self.context)
                # Days (documents) and times (articles) do not compare: times decide.
                times = (e.lastmod for e in chunk if isinstance(e.lastmod, datetime))
                parts.append((self.absolute(name), newest(times)))
            writer.write_file(save_as, _Rendered(sitemap_index(parts)), self.context)
        count = sum(len(c) for c in chunks)
        logger.info("Sitemap: %d addresses in %d file(s)", count, len(chunks))
        if self.values["ROBOTS"]:
            text = robots_txt(self.absolute(save_as), self.values["DISALLOW"])
            writer.write_file("robots.txt", _Rendered(text), self.context)


def get_generators(pelican):
    return SiteMapGenerator


def check_settings(pelican) -> None:
    site_map_settings(pelican.settings)  # raises with every problem listed


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
