"""NEWS_FEEDS_* settings with their defaults, and the feeds' base URL.

Every absolute address in the feeds (links, ids' domain, URLs inside the
content) comes from one setting, Pelican's FEED_DOMAIN: the preview server in
pelicanconf.py, the public SITEURL in publishconf.py.
"""

import re
from typing import Any
from urllib.parse import urlsplit

from plugin_settings import Option, PluginSettingsError, read_settings, whole_number

PREFIX = "NEWS_FEEDS"


def _path(template_fields: tuple[str, ...] = ()):
    """A site-relative output path, with exactly the {fields} given."""

    def check(value: Any) -> bool:
        if not isinstance(value, str) or not value or value.startswith("/"):
            return False
        return sorted(re.findall(r"{(\w*)}", value)) == sorted(template_fields)

    return check


def _optional_host(value: Any) -> bool:
    return value is None or (isinstance(value, str) and bool(re.fullmatch(r"[\w.-]+", value)))


def _tag_date(value: Any) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value))


SCHEMA = {
    # How many of the latest articles each feed carries.
    "MAX_ITEMS": Option(50, whole_number(1), "a whole number ≥ 1"),
    # Today's public addresses: subscribers of the old feeds keep theirs.
    "ALL_RSS": Option("feeds/all.rss.xml", _path(), "a path such as 'feeds/all.rss.xml'"),
    "ALL_ATOM": Option("feeds/all.atom.xml", _path(), "a path such as 'feeds/all.atom.xml'"),
    "ALL_JSON": Option("feeds/all.json", _path(), "a path such as 'feeds/all.json'"),
    "CATEGORY_RSS": Option(
        "feeds/chuyen-muc/{slug}.rss.xml", _path(("slug",)), "a path with {slug}"
    ),
    "CATEGORY_ATOM": Option(
        "feeds/chuyen-muc/{slug}.atom.xml", _path(("slug",)), "a path with {slug}"
    ),
    # The "Đăng ký nhận tin" page that lists every feed.
    "PAGE_URL": Option("feeds/", _path(), "a site-relative URL such as 'feeds/'"),
    "PAGE_SAVE_AS": Option("feeds/index.html", _path(), "a path such as 'feeds/index.html'"),
    # Entry ids are tag: URIs (RFC 4151), tag:AUTHORITY,DATE:SOURCE-PATH. Both
    # parts must never change once published, even when the site moves to a
    # new domain: then set ID_AUTHORITY to the old host name. None means the
    # host of FEED_DOMAIN.
    "ID_AUTHORITY": Option(None, _optional_host, "None or a host name such as 'phuong.vn'"),
    "ID_DATE": Option("2023", _tag_date, "a date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'"),
}


def _base_url_problem(settings) -> str | None:
    base = settings.get("FEED_DOMAIN")
    parts = urlsplit(base) if isinstance(base, str) else None
    if parts and parts.scheme in ("http", "https") and parts.netloc and not parts.query:
        return None
    return (
        f"FEED_DOMAIN = {base!r}: expected the site's absolute address such as "
        "'https://phuong.example.vn' (feeds need absolute URLs)"
    )


def news_feeds_settings(settings) -> dict:
    """The NEWS_FEEDS_* values plus BASE_URL (FEED_DOMAIN without a trailing
    slash); every problem, FEED_DOMAIN's included, in one error."""
    problem = _base_url_problem(settings)
    try:
        values = read_settings(settings, PREFIX, SCHEMA)
    except PluginSettingsError as error:
        if problem:
            raise PluginSettingsError(f"{error}\n  {problem}") from None
        raise
    if problem:
        raise PluginSettingsError(f"1 bad setting in pelicanconf.py:\n  {problem}")
    values["BASE_URL"] = settings["FEED_DOMAIN"].rstrip("/")
    if values["ID_AUTHORITY"] is None:
        values["ID_AUTHORITY"] = urlsplit(values["BASE_URL"]).hostname
    return values
