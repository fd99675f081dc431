"""PHOTO_ALBUMS_* settings, validated at start-up."""

from collections.abc import Mapping
from typing import Any

from plugin_settings import Option, read_settings, whole_number

PREFIX = "PHOTO_ALBUMS"


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


SCHEMA = {
    "FOLDER": Option("albums", _text, "a folder name under the content folder"),
    "URL": Option("album/{slug}/", lambda v: _text(v) and "{slug}" in v, "a URL with {slug}"),
    "SAVE_AS": Option(
        "album/{slug}/index.html", lambda v: _text(v) and "{slug}" in v, "a path with {slug}"
    ),
    "INDEX_URL": Option("album/", _text, "a URL"),
    "INDEX_SAVE_AS": Option("album/index.html", _text, "a path"),
    "PER_PAGE": Option(12, whole_number(1), "a number of albums per index page"),
    "HOME_COUNT": Option(4, whole_number(0), "how many albums the home page shows"),
    "THUMBNAIL_SIZES": Option(
        "(min-width: 50rem) 15rem, 45vw", _text, "a sizes attribute for thumbnails"
    ),
}


def albums_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    return read_settings(settings, PREFIX, SCHEMA)
