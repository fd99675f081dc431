"""The Pelican adapter: which articles go in which feed, and writing the files.

A generator of its own (``get_generators``) because feeds must be written
after every article is read and every plugin has finished with them
(``generate_output`` runs after ``all_generators_finalized``): the albums
plugin's ``lead_image`` is set by then.
"""

import heapq
import logging
from dataclasses import dataclass

from pelican.generators import Generator

from .entries import Entry, entry_from_article, shared_ids, site_url
from .formats import Channel, atom, json_feed, rss
from .settings import news_feeds_settings

logger = logging.getLogger(__name__)

MIME_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


@dataclass(frozen=True)
class FeedLink:
    kind: str  # rss, atom or json
    title: str  # for <link rel="alternate" title> and the feeds page
    path: str  # site-relative, as templates join it to SITEURL
    url: str  # absolute, for readers to copy

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.kind]

    @property
    def label(self) -> str:
        return LABELS[self.kind]


class FeedLinks:
    """What templates need: ``news_feeds.site``, ``news_feeds.category(cat)``
    and ``news_feeds.page_url``. Constant work per page, whatever the archive."""

    def __init__(self, feed_settings: dict, sitename: str):
        self._settings = feed_settings
        self.page_url = feed_settings["PAGE_URL"]
        self.max_items = feed_settings["MAX_ITEMS"]
        self.site = [
            self._link(kind, f"{sitename} – {LABELS[kind]}", feed_settings[f"ALL_{kind.upper()}"])
            for kind in ("rss", "atom", "json")
        ]

    def category(self, category) -> list[FeedLink]:
        return [
            self._link(
                kind,
                f"{category.name} – {LABELS[kind]}",
                self._settings[f"CATEGORY_{kind.upper()}"].format(slug=category.slug),
            )
            for kind in ("rss", "atom")
        ]

    def _link(self, kind: str, title: str, path: str) -> FeedLink:
        return FeedLink(kind, title, path, site_url(self._settings["BASE_URL"], path))


def latest_articles(articles, count: int) -> list:
    """The ``count`` newest articles, newest first. nlargest: O(n log count)
    on a 50,000-article archive; the source path breaks ties between posts of
    the same minute, the same way on every build."""
    return heapq.nlargest(count, articles, key=lambda a: (a.date, a.relative_source_path))


class _Rendered:
    """A finished document posing as a template, so that it is written by
    ``Writer.write_file``: its guard against writing one file twice and its
    ``content_written`` signal apply to feeds as to pages."""

    def __init__(self, text: str):
        self.text = text

    def render(self, _context) -> str:
        return self.text


class NewsFeedsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed_settings = news_feeds_settings(self.settings)
        self._entries: dict[str, Entry] = {}  # by source path: built once per article

    def generate_context(self) -> None:
        self.links = FeedLinks(self.feed_settings, self.settings["SITENAME"])
        self.context["news_feeds"] = self.links

    def generate_output(self, writer) -> None:
        articles = self.context.get("articles", [])
        self._warn_about_shared_ids(articles)
        base = self.feed_settings["BASE_URL"]
        sitename = self.settings["SITENAME"]
        description = self.settings.get("SITE_DESCRIPTION") or sitename
        latest = self._latest(articles)
        site_feeds = (
            (rss, self.feed_settings["ALL_RSS"]),
            (atom, self.feed_settings["ALL_ATOM"]),
            (json_feed, self.feed_settings["ALL_JSON"]),
        )
        for make, path in site_feeds:
            channel = self._channel("all", sitename, description, base + "/", path)
            self._write(writer, path, make, channel, latest)
        for category, in_category in self.context.get("categories", []):
            latest = self._latest(in_category)
            home = site_url(base, category.url)
            title = f"{sitename} – {category.name}"
            about = f"Tin bài chuyên mục {category.name} của {sitename}."
            for make, key in ((rss, "CATEGORY_RSS"), (atom, "CATEGORY_ATOM")):
                path = self.feed_settings[key].format(slug=category.slug)
                channel = self._channel(f"chuyen-muc/{category.slug}", title, about, home, path)
                self._write(writer, path, make, channel, latest)
        writer.write_file(
            self.feed_settings["PAGE_SAVE_AS"],
            self.get_template("feeds"),
            self.context,
            page_name="feeds",
        )

    def _latest(self, articles) -> list:
        return latest_articles(articles, self.feed_settings["MAX_ITEMS"])

    def _entry(self, article) -> Entry:
        key = article.relative_source_path
        if key not in self._entries:
            self._entries[key] = entry_from_article(
                article,
                self.feed_settings,
                self._default_author(),
                self.settings["TIMEZONE"],
            )
        return self._entries[key]

    def _default_author(self) -> str:
        # Never an empty author name: the validators reject it.
        return self.settings.get("AUTHOR") or self.settings["SITENAME"]

    def _channel(self, name: str, title: str, description: str, home: str, path: str) -> Channel:
        authority, date = self.feed_settings["ID_AUTHORITY"], self.feed_settings["ID_DATE"]
        return Channel(
            id=f"tag:{authority},{date}:feeds/{name}",
            title=title,
            description=description,
            home_url=home,
            self_url=site_url(self.feed_settings["BASE_URL"], path),
            author=self._default_author(),
            language=self.settings.get("DEFAULT_LANG", "vi"),
        )

    def _write(self, writer, path: str, make, channel: Channel, articles: list) -> None:
        def document() -> str:
            return make(channel, [self._entry(article) for article in articles]).decode("utf-8")

        write_made = getattr(writer, "write_made", None)
        if write_made is not None:
            # incremental_render: made again only when one of its articles
            # (or the channel, or a setting) changed since the last build.
            write_made(path, f"{make.__name__}\0{channel!r}", articles, document, self.context)
        else:
            writer.write_file(path, _Rendered(document()), self.context)

    def _warn_about_shared_ids(self, articles) -> None:
        """Two posts with one id would look like one post to feed readers."""
        authority, date = self.feed_settings["ID_AUTHORITY"], self.feed_settings["ID_DATE"]
        sources = ((a.relative_source_path, a.metadata.get("id")) for a in articles)
        for id_, paths in shared_ids(sources, authority, date):
            logger.warning(
                "Các bài %s có cùng mã tin %s: trình đọc tin sẽ coi là một bài. "
                "Sửa dòng 'Id:' của bài mới cho khác đi (xem mục Mã tin trong "
                "hướng dẫn biên tập).",
                ", ".join(paths),
                id_,
            )
