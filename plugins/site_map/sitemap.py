"""sitemap.xml (with lastmod and image entries) and robots.txt: pure functions over plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from xml.sax.saxutils import escape

URLSET = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
)
INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
# Google reads at most this many images per page.
MAX_IMAGES = 1000


@dataclass(frozen=True)
class Entry:
    loc: str  # absolute URL
    lastmod: date | None = None  # a datetime, or a day
    images: tuple[str, ...] = field(default=())  # absolute URLs


def w3c(when: date | None) -> str:
    """2023-02-27T23:04:00+07:00 (W3C datetime with the site's offset), or a day."""
    if isinstance(when, datetime):
        return when.isoformat(timespec="seconds")
    return when.isoformat() if when else ""


def urlset(entries: list[Entry], remember: bool = False) -> str:
    """``remember``: keep each entry's lines for the next call (the warm
    build process, which gives unchanged articles the same entries)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', URLSET]
    lines += map(_url if remember else _url_text, entries)
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _url(entry: Entry) -> str:
    # Equal times in two time zones are equal datetimes, and equal entries,
    # but not the same text: the zone is part of what is remembered.
    return _url_lines(entry, getattr(entry.lastmod, "tzinfo", None))


# An entry's lines, remembered: the warm build process gives an unchanged
# article the last build's entry, and formatting 5,000 dates with their
# time zone and escaping their addresses took 0.03 s of every save.
@lru_cache(maxsize=1 << 17)
def _url_lines(entry: Entry, zone) -> str:
    return _url_text(entry)


def _url_text(entry: Entry) -> str:
    lines = [f"<url><loc>{escape(entry.loc)}</loc>"]
    if entry.lastmod:
        lines.append(f"<lastmod>{w3c(entry.lastmod)}</lastmod>")
    for image in entry.images[:MAX_IMAGES]:
        lines.append(f"<image:image><image:loc>{escape(image)}</image:loc></image:image>")
    lines.append("</url>")
    return "\n".join(lines)


def sitemap_index(locations: list[tuple[str, datetime | None]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', INDEX]
    for loc, lastmod in locations:
        mod = f"<lastmod>{w3c(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<sitemap><loc>{escape(loc)}</loc>{mod}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def split(entries: list[Entry], per_file: int) -> list[list[Entry]]:
    return [entries[i : i + per_file] for i in range(0, len(entries), per_file)] or [[]]


def robots_txt(sitemap_url: str, disallow: list[str]) -> str:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallow)]
    if not disallow:
        lines.append("Disallow:")
    return "\n".join([*lines, "", f"Sitemap: {sitemap_url}", ""])


def newest(dates) -> datetime | None:
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None
