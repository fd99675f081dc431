"""``invoke check``: every problem in the content, found without building the site.

Reads sources as bytes and never writes. Problems come back sorted by file
and line, each with what to do, so one run shows them all.
"""

from pathlib import Path

from plugin_settings import Option, list_of_strings, read_settings, whole_number
from portal import ROOT
from portal.check.albums import check_albums
from portal.check.documents import check_documents
from portal.check.links import check_links, find_links, site_addresses
from portal.check.metadata import check_metadata
from portal.check.problems import ERROR, WARNING, Problem
from portal.check.slugs import check_duplicate_slugs
from portal.check.source import Source, read_source

__all__ = ["ERROR", "ROOT", "WARNING", "Problem", "check_content", "sources_in"]

SCHEMA = {
    "SUMMARY_MAX_LENGTH": Option(200, whole_number(1), "a whole number of characters"),
    # Addresses other plugins write that no source names, so that
    # root-relative links to them pass; "van-ban/*" accepts a whole section.
    "KNOWN_URLS": Option(
        # site_map, news_feeds (the /feeds/ page), photo_albums, legal_documents
        ["sitemap.xml", "robots.txt", "feeds/*", "album/*", "van-ban/*"],
        list_of_strings,
        "a list of paths",
    ),
}


def sources_in(content: Path, settings: dict) -> list[tuple[Path, str]]:
    """Markdown sources Pelican will read, with their kind, in a stable order."""
    found = []
    for kind, key in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings[key]:
            root = content / folder
            if root.is_dir():
                found += [(p, kind) for p in sorted(root.rglob("*.md")) if p.is_file()]
    return found


def check_content(content: Path, settings: dict) -> list[Problem]:
    options = read_settings(settings, "PORTAL_CHECK", SCHEMA)
    settings = {**settings, **{f"PORTAL_CHECK_{k}": v for k, v in options.items()}}
    problems: list[Problem] = []
    sources: list[tuple[Source, list]] = []
    for path, kind in sources_in(content, settings):
        source, found = read_source(path, kind)
        problems += found
        if source.text is None:
            continue
        problems += check_metadata(source, settings)
        links = find_links(source)
        # Links are checked once every address is known; until then keep only
        # them, not the text: 50,000 articles' text would not fit in memory.
        source.text, source.lines = "", []
        sources.append((source, links))
    problems += check_duplicate_slugs([source for source, _ in sources])
    addresses = site_addresses([source for source, _ in sources], settings, content)
    for source, links in sources:
        problems += check_links(source, links, content, addresses)
    problems += check_albums(content)
    problems += check_documents(content, settings)
    return sorted(set(problems))
