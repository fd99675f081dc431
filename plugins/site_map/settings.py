"""SITE_MAP_* settings. The absolute base URL is FEED_DOMAIN, as for feeds and link previews."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugin_settings import Option, PluginSettingsError, list_of_strings, read_settings

PREFIX = "SITE_MAP"

SCHEMA = {
    "SAVE_AS": Option(
        "sitemap.xml", lambda v: isinstance(v, str) and v.endswith(".xml"), "a .xml path"
    ),
    # The protocol's limit per file; past it sitemap.xml becomes an index of
    # sitemap-1.xml, sitemap-2.xml...
    "MAX_URLS": Option(
        50_000,
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 50_000,
        "1 to 50000",
    ),
    "ROBOTS": Option(True, lambda v: isinstance(v, bool), "True or False"),
    # Paths crawlers are asked to skip: drafts shown to editors, and search
    # results, which are made in the browser and only repeat the articles.
    "DISALLOW": Option(["/ban-nhap/", "/tim-kiem/"], list_of_strings, "a list of URL paths"),
}


def site_map_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    values = read_settings(settings, PREFIX, SCHEMA)
    base = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    if not isinstance(base, str) or not base.startswith(("http://", "https://")):
        raise PluginSettingsError(
            f"FEED_DOMAIN = {base!r}: the sitemap needs the site's absolute address, "
            "such as 'https://phuongbuoi.example.vn'"
        )
    values["BASE_URL"] = base.rstrip("/")
    return values
