"""Checks a finished build must pass before it goes live.

Each step takes the built folder and the settings and returns problems as
lines (empty: passed). ``STEPS`` are the built-in ones; a plugin adds its own
by naming it in publishconf.py::

    PORTAL_PUBLISH_VERIFY = ["my_plugin.verify:index_is_complete"]

and files every good build must contain (a search index, say) go in
``PORTAL_PUBLISH_REQUIRED_FILES``.
"""

import importlib
import json
import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from portal.htmlpages import page_urls, target_file

logger = logging.getLogger(__name__)

Step = Callable[[Path, dict], list[str]]


def links_resolve(site: Path, settings: dict) -> list[str]:
    """Every internal link, image and script of every page names a built file."""
    origins = tuple(o for o in (settings.get("SITEURL"), settings.get("FEED_DOMAIN")) if o)
    broken = []
    # Absolute links (the menu, the theme's files, every link with RELATIVE_URLS
    # off) are the same on every page: look each one up once.
    known: dict[str, bool] = {}
    for path in sorted(site.rglob("*.html")):
        for url in page_urls(path):  # one page at a time: 50,000 must not sit in memory
            absolute = url.startswith("/") or "://" in url
            found = known.get(url) if absolute else None
            if found is None:
                target = target_file(site, path, url, origins)
                found = target is None or target.is_file()
                if absolute:
                    known[url] = found
            if not found:
                broken.append(f"{path.relative_to(site)}: liên kết hỏng (broken link) {url}")
    return broken


def feeds_parse(site: Path, settings: dict) -> list[str]:
    """Every XML file (feeds, sitemap) and JSON feed is well-formed: readers reject the rest."""
    problems = []
    for path in sorted(site.rglob("*.xml")):
        try:
            ET.parse(path)
        except ET.ParseError as error:
            problems.append(f"{path.relative_to(site)}: XML hỏng (does not parse): {error}")
    feeds = site / "feeds"
    for path in sorted(feeds.rglob("*.json")) if feeds.is_dir() else []:
        try:
            json.loads(path.read_bytes())
        except ValueError as error:
            problems.append(f"{path.relative_to(site)}: JSON hỏng (does not parse): {error}")
    return problems


def required_files(site: Path, settings: dict) -> list[str]:
    return [
        f"{name}: thiếu tệp bắt buộc (required file missing)"
        for name in settings.get("PORTAL_PUBLISH_REQUIRED_FILES", ["index.html"])
        if not (site / name).is_file()
    ]


STEPS: list[Step] = [required_files, links_resolve, feeds_parse]


def load_step(name: str) -> Step:
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)


def verify(site: Path, settings: dict) -> list[str]:
    steps = STEPS + [load_step(name) for name in settings.get("PORTAL_PUBLISH_VERIFY", [])]
    problems = []
    for step in steps:
        problems += step(site, settings)
    return problems
