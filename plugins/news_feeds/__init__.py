"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the whole site and each category.

Replaces Pelican's own feeds (switched off in pelicanconf.py) with feeds that
validate: absolute URLs everywhere in the content, lasting tag: ids, full
content beside the summary, the lead image as an enclosure and media:content,
and no build time in them. Settings: NEWS_FEEDS_* (settings.py); every
absolute address comes from FEED_DOMAIN.

Templates get ``news_feeds``: ``news_feeds.site`` (the site's feeds),
``news_feeds.category(category)`` and ``news_feeds.page_url`` (the
"Đăng ký nhận tin" page).
"""

from pelican import signals

from .generator import NewsFeedsGenerator
from .settings import news_feeds_settings


def check_settings(pelican) -> None:
    # At start-up, so a bad setting stops the build before any file is read.
    news_feeds_settings(pelican.settings)


def add_generator(_pelican):
    return NewsFeedsGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(add_generator)
