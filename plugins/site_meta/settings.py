"""SITE_META_* settings: defaults and checks, every problem reported at once.

The site's absolute address is not a setting of ours: it is FEED_DOMAIN, the
one base URL the feeds already use (the preview server in pelicanconf.py, the
public SITEURL in publishconf.py), so link previews, feeds and the sitemap can
never disagree about where the site lives.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from plugin_settings import Option, PluginSettingsError, read_settings, whole_number

PREFIX = "SITE_META"


def _sizes(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(_size(v) for v in value)


def _size(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 16 for n in value)
    )


def _text(value: Any) -> bool:
    return isinstance(value, str)


SCHEMA = {
    # og:image / twitter:image: what Facebook and Zalo show full width.
    "SHARE_SIZE": Option((1200, 630), _size, "a (width, height) pair such as (1200, 630)"),
    # NewsArticle images, 1:1, 4:3 and 16:9 as Google asks; kept moderate
    # because every article with a photo gets one file of each.
    "LD_IMAGE_SIZES": Option(
        [(720, 720), (800, 600), (1200, 675)], _sizes, "a list of (width, height) pairs"
    ),
    # Theme image used when an article has no photo; {width}x{height} are
    # those of the sizes above, one file per size under theme/static/.
    "DEFAULT_IMAGE": Option(
        "img/share-{width}x{height}.png", _text, "a path under theme/static/ with {width}x{height}"
    ),
    "DEFAULT_IMAGE_ALT": Option("Biểu trưng Cổng thông tin điện tử phường Bưởi", _text, "a text"),
    # The same on the pages in other languages (Lang: en), by language.
    "DEFAULT_IMAGE_ALTS": Option(
        {"en": "Logo of the Bưởi Ward Information Portal"},
        lambda v: isinstance(v, dict) and all(_text(k) and _text(x) for k, x in v.items()),
        "a dict of language → text such as {'en': 'Logo of …'}",
    ),
    "LOGO": Option("img/logo-512.png", _text, "a PNG path under theme/static/"),
    "TITLE_MAX": Option(70, whole_number(20), "a number of characters (>= 20)"),
    "DESCRIPTION_MAX": Option(160, whole_number(40), "a number of characters (>= 40)"),
    # Google shows at most 110 characters of a NewsArticle headline.
    "HEADLINE_MAX": Option(110, whole_number(20), "a number of characters (>= 20)"),
    "LOCALE": Option("vi_VN", _text, "an Open Graph locale such as 'vi_VN'"),
    # og:locale of the pages in the other languages (Lang: en, plugins/theme_i18n).
    "LOCALES": Option(
        {"en": "en_US"},
        lambda v: isinstance(v, dict) and all(_text(k) and _text(x) for k, x in v.items()),
        "a dict of language → Open Graph locale such as {'en': 'en_US'}",
    ),
    "TWITTER_SITE": Option("", _text, "'' or an account such as '@phuongbuoi'"),
    # Output files search engines should not index: the "not found" page and
    # search results (made in the browser, they only repeat the articles).
    "NOINDEX": Option(
        ["404.html", "tim-kiem/index.html"],
        lambda v: isinstance(v, list | tuple) and all(isinstance(s, str) for s in v),
        "a list of output paths such as '404.html'",
    ),
}


def base_url(settings: Mapping[str, Any]) -> str | None:
    base = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    if not isinstance(base, str) or not base.startswith(("http://", "https://")):
        return None
    return base.rstrip("/")


def site_meta_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The SITE_META_* values plus BASE_URL; raises listing every problem,
    missing theme images included."""
    problems = []
    try:
        values = read_settings(settings, PREFIX, SCHEMA)
    except PluginSettingsError as error:
        problems += [line.strip() for line in str(error).splitlines()[1:]]
        values = None
    base = base_url(settings)
    if base is None:
        problems.append(
            f"FEED_DOMAIN = {settings.get('FEED_DOMAIN')!r}: expected the site's absolute "
            "address such as 'https://phuongbuoi.example.vn'"
        )
    if values is not None:
        values["BASE_URL"] = base
        problems += _missing_images(values, Path(settings.get("THEME", "")) / "static")
    if problems:
        raise PluginSettingsError(
            f"{len(problems)} problem(s) with the site_meta settings in pelicanconf.py:\n  "
            + "\n  ".join(problems)
        )
    return values


def _missing_images(values: Mapping[str, Any], static: Path) -> list[str]:
    problems = []
    for width, height in [values["SHARE_SIZE"], *values["LD_IMAGE_SIZES"]]:
        name = values["DEFAULT_IMAGE"].format(width=width, height=height)
        if not (static / name).is_file():
            problems.append(f"SITE_META_DEFAULT_IMAGE: {static / name} does not exist")
    if not (static / values["LOGO"]).is_file():
        problems.append(f"SITE_META_LOGO: {static / values['LOGO']} does not exist")
    return problems
