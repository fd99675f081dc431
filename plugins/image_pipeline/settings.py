"""IMAGE_PIPELINE_* settings: defaults, checks, and the Recipe they make."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import ImageColor

from cache_files import cache_root
from plugin_settings import Option, read_settings, whole_number

from .image import EXTENSIONS, Recipe

PREFIX = "IMAGE_PIPELINE"


def _colour(value: Any) -> bool:
    try:
        ImageColor.getrgb(value)
    except (ValueError, AttributeError, TypeError):
        return False
    return True


def _widths(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(v, int) and not isinstance(v, bool) and v >= 16 for v in value)
    )


def _formats(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(v in ("webp", "avif") for v in value)


def _folders(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) and k and v for k, v in value.items()
    )


def _quality(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100


SCHEMA = {
    # Content folder -> where its photos are published. Photos in these
    # folders are never copied as they are: only their renditions are.
    "FOLDERS": Option({"images": "images", "albums": "album"}, _folders, "a dict of str: str"),
    "WIDTHS": Option([480, 960, 1600], _widths, "a list of widths in pixels (>= 16)"),
    "THUMBNAIL_WIDTH": Option(320, whole_number(16), "a width in pixels (>= 16)"),
    # JPEG is always made (every browser, feeds, link previews); these are extra.
    "FORMATS": Option(["webp"], _formats, 'a list of "webp" and/or "avif"'),
    "JPEG_QUALITY": Option(82, _quality, "1 to 100"),
    "WEBP_QUALITY": Option(78, _quality, "1 to 100"),
    "AVIF_QUALITY": Option(55, _quality, "1 to 100"),
    "BACKGROUND": Option("#ffffff", _colour, "a colour such as '#ffffff'"),
    "MAX_PIXELS": Option(120_000_000, whole_number(1), "a number of pixels"),
    "PUBLISH_ORIGINALS": Option(False, lambda v: isinstance(v, bool), "True or False"),
    "CACHE_PATH": Option("", lambda v: isinstance(v, str), "a folder path, or '' for CACHE_PATH"),
    "PROCESSES": Option(0, whole_number(0), "a number of processes, 0 for one per core"),
    # Width of the <img src> fallback and of the JPEG feeds and previews use.
    "LEAD_WIDTH": Option(960, whole_number(16), "a width in pixels"),
    "SIZES": Option(
        "(min-width: 44rem) 42rem, 100vw", lambda v: isinstance(v, str), "a sizes attribute"
    ),
}


def pipeline_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    return read_settings(settings, PREFIX, SCHEMA)


def recipe_from(values: Mapping[str, Any]) -> Recipe:
    return Recipe(
        widths=tuple(sorted(set(values["WIDTHS"]))),
        thumbnail=values["THUMBNAIL_WIDTH"],
        formats=("jpeg", *sorted(set(values["FORMATS"]))),
        quality=tuple(sorted((fmt, values[f"{fmt.upper()}_QUALITY"]) for fmt in EXTENSIONS)),
        background=ImageColor.getrgb(values["BACKGROUND"])[:3],
        max_pixels=values["MAX_PIXELS"],
        original=values["PUBLISH_ORIGINALS"],
    )


def cache_folder(values: Mapping[str, Any], settings: Mapping[str, Any]) -> Path:
    if values["CACHE_PATH"]:
        return Path(values["CACHE_PATH"])
    return cache_root(settings) / "image_pipeline"
