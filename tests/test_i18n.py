"""The theme in two languages: English pages under /en/ with an English frame,
paired with their Vietnamese originals by hreflang (plugins/theme_i18n)."""

import os
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.sitebuild import PINNED_ENV

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "theme" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
DOMAIN = "http://127.0.0.1:8000"  # FEED_DOMAIN of pelicanconf.py
PAIRS = {"gioi-thieu": "en", "chuc-nang-nhiem-vu": "en/functions", "lien-he": "en/contacts"}


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]*)"', html).group(1)


def test_hreflang_pairs_point_both_ways_with_absolute_urls(site):
    for vietnamese, english in PAIRS.items():
        both = {"vi": f"{DOMAIN}/{vietnamese}/", "en": f"{DOMAIN}/{english}/"}
        assert alternates(read(site, vietnamese)) == both, vietnamese
        assert alternates(read(site, english)) == both, english


def test_pages_without_a_translation_have_no_hreflang(site):
    assert alternates(read(site, "")) == {}
    assert alternates(read(site, "tim-kiem")) == {}


def test_english_pages_say_so_and_link_back(site):
    for vietnamese, english in PAIRS.items():
        page = read(site, english)
        assert html_lang(page) == "en", english
        assert f'href="/{vietnamese}/" lang="vi" hreflang="vi">Tiếng Việt</a>' in page
        original = read(site, vietnamese)
        assert html_lang(original) == "vi"
        assert f'href="/{english}/" lang="en" hreflang="en">English</a>' in original


def test_the_english_frame_is_in_english(site):
    # The visible page; the JSON-LD breadcrumb in <head> comes from site_meta.
    page = read(site, "en/contacts").split("<body", 1)[1]
    for english in ("Home", "Photo albums", "Search", "Skip to main content", "Archives"):
        assert f">{english}<" in page or f'"{english}"' in page, english
    for vietnamese in ("Trang chủ", "Album Ảnh", "Bỏ qua, đến nội dung chính", "Lưu trữ"):
        assert vietnamese not in page, vietnamese
    # The menu leads to the English versions of the pages it lists.
    assert '<li><a href="/en/contacts/">Contacts</a></li>' in page


def test_vietnamese_pages_keep_the_vietnamese_frame_and_list_no_english_page(site):
    home = read(site, "")
    assert ">Trang chủ<" in home and ">Home<" not in home
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in home
    # Only the header's language link leads to /en/: no English page among the
    # Vietnamese ones in the menu or the footer.
    assert re.findall(r'href="/en/[^"]*"', home) == ['href="/en/"']


def test_every_theme_string_has_an_english_translation():
    extracted = {
        message
        for _, _, message, *_ in extract_from_dir(
            ROOT,
            method_map=[("theme/templates/**.html", "jinja2")],
            options_map={"theme/templates/**.html": {"trim_blocks": "true"}},
        )
    }
    assert len(extracted) > 50  # the extraction found the templates' strings
    with open(CATALOG, "rb") as stream:
        catalog = read_po(stream, locale="en")
    untranslated = sorted((m for m in extracted if not _translated(catalog.get(m))), key=str)
    assert untranslated == [], "run `invoke translations` and translate these"


def _translated(entry) -> bool:
    """Translated, every plural form too (ngettext's are (one, other) pairs)."""
    if entry is None:
        return False
    forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return all(forms)


def test_a_mistyped_translates_is_named_and_keeps_the_page_out_of_the_menus(tmp_path):
    pages = tmp_path / "content" / "trang"
    pages.mkdir(parents=True)
    (pages / "lien-he.md").write_text("Title: Liên hệ\nSlug: lien-he\n\nĐịa chỉ.\n")
    (pages / "en-contacts.md").write_text(
        "Title: Contacts\nSlug: contacts\nLang: en\nTranslates: lien-ha\n\nAddress.\n"
    )
    content = ("--content", str(tmp_path / "content"))
    result = subprocess.run(
        [sys.executable, "-m", "portal.build", "pelicanconf.py", str(tmp_path / "out"), *content],
        cwd=ROOT,
        env={**os.environ, **PINNED_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert "en-contacts.md" in output and "Translates: lien-ha" in output, output
    home = (tmp_path / "out" / "lien-he" / "index.html").read_text(encoding="utf-8")
    assert "Contacts" not in home
    assert (tmp_path / "out" / "en" / "contacts" / "index.html").is_file()


def test_the_sitemap_lists_the_english_pages(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for english in PAIRS.values():
        assert f"<loc>{DOMAIN}/{english}/</loc>" in sitemap, english
