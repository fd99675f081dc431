"""A crawl of the whole built site: what every page must be and link to."""

import re

import pytest

from tests.htmlpages import all_pages, read_page, target_file
from tests.sitebuild import ROOT, build_site

# The origins under which the built site lives: pelicanconf's FEED_DOMAIN
# (the preview server) and publishconf's SITEURL.
LOCAL_ORIGINS = ("http://127.0.0.1:8000", "https://phuongbuoi.example.vn")


@pytest.fixture(scope="module")
def pages(site):
    found = all_pages(site)
    assert len(found) > 30, "the sample site should have more pages than that"
    return found


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The site as ``invoke publish`` builds it: absolute URLs, warnings fatal."""
    output = tmp_path_factory.mktemp("published")
    build_site(output, settings=ROOT / "publishconf.py", extra=("--fatal-warnings",))
    return output


def broken_links(site, pages) -> list[str]:
    broken = []
    for page in pages:
        for url in page.links + page.images + page.script_srcs:
            target = target_file(site, page.path, url, LOCAL_ORIGINS)
            if target is not None and not target.is_file():
                broken.append(f"{page.path.relative_to(site)}: {url}")
    return broken


def test_every_internal_link_and_image_resolves(site, pages):
    assert broken_links(site, pages) == []


def test_published_site_links_resolve_under_its_address(published):
    pages = all_pages(published)
    assert len(pages) > 30
    assert broken_links(published, pages) == []
    home = (published / "index.html").read_text("utf-8")
    assert 'href="https://phuongbuoi.example.vn/bai-viet/' in home


def test_every_fragment_link_has_its_target(site, pages):
    missing = []
    for page in pages:
        for url in page.links:
            if "#" not in url or url.startswith("http"):
                continue
            path, fragment = url.split("#", 1)
            target = target_file(site, page.path, path) if path else page.path
            if fragment and fragment not in read_page(target).ids:
                missing.append(f"{page.path.relative_to(site)}: {url}")
    assert missing == []


def test_every_page_has_one_h1_a_title_and_speaks_its_language(site, pages):
    problems = []
    for page in pages:
        name = page.path.relative_to(site)
        if page.h1_count != 1:
            problems.append(f"{name}: {page.h1_count} <h1>")
        if not page.title.strip():
            problems.append(f"{name}: empty <title>")
        # Vietnamese, except the English pages under /en/ (plugins/theme_i18n).
        expected = "en" if name.parts[0] == "en" else "vi"
        if page.lang != expected:
            problems.append(f"{name}: lang={page.lang!r}, expected {expected!r}")
    assert problems == []


def test_titles_are_unique(site, pages):
    seen = {}
    for page in pages:
        seen.setdefault(page.title.strip(), []).append(str(page.path.relative_to(site)))
    assert {t: p for t, p in seen.items() if len(p) > 1} == {}


def test_no_inline_script_style_or_event_handler(site, pages):
    # The site must work under Content-Security-Policy: script-src 'self';
    # style-src 'self'.
    offenders = []
    for page in pages:
        name = page.path.relative_to(site)
        offenders += [f"{name}: inline <script>" for _ in page.inline_scripts]
        if page.style_elements:
            offenders.append(f"{name}: <style>")
        offenders += [f"{name}: {a}" for a in page.style_attributes]
        offenders += [f"{name}: {a}" for a in page.handler_attributes]
    assert offenders == []


def test_scripts_are_served_from_the_site_itself(pages):
    for page in pages:
        for src in page.script_srcs:
            assert re.match(r"^/theme/js/[\w-]+\.js$", src), src
