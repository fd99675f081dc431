"""The English pages' frame all in English: what scripts say (search box,
lightbox), the head tags (og:locale, JSON-LD breadcrumb) and the site's name;
the Vietnamese pages keep theirs (plugins/theme_i18n, js/strings.js)."""

import html
import json
import re
from pathlib import Path

import pytest

from plugin_settings import PluginSettingsError
from tests.golden import SEED_SLUG
from theme_i18n.settings import localized_settings

ENGLISH = "/en/contacts/"


def read(site: Path, path: str) -> str:
    return (site / path.strip("/") / "index.html").read_text(encoding="utf-8")


def meta(html: str, prop: str) -> list[str]:
    return re.findall(rf'<meta property="{prop}" content="([^"]*)">', html)


def breadcrumb(html: str) -> list[str]:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html):
        data = json.loads(block)
        if data["@type"] == "BreadcrumbList":
            return [item["name"] for item in data["itemListElement"]]
    return []


def suggest(page, query: str):
    """Type ``query`` in the header box and wait for its answer."""
    page.locator("#hop-tim-kiem").fill(query)
    page.wait_for_selector(f".search-suggest[data-query='{query}']")
    return page.locator(".search-suggest")


@pytest.mark.browser
def test_the_header_search_box_speaks_english_on_an_english_page(page, site_url):
    page.goto(site_url + ENGLISH)
    box = page.get_by_role("combobox", name="Search")  # its label
    assert box.get_attribute("placeholder") == "Search"
    panel = suggest(page, "xyzzy")
    assert panel.locator(".search-suggest-note").inner_text() == (
        "Nothing has all these words yet. Press Enter to search on the results page."
    )
    assert page.get_by_role("listbox").get_attribute("aria-label") == "Suggested results"
    assert page.locator(".search-box [role=status]").inner_text() == "No suggestions"
    # A legal document among the suggestions says what it is, in English.
    panel = suggest(page, "55/KH-ĐU")
    first = panel.locator(".search-suggest-option").first
    assert first.get_attribute("data-href") == "/van-ban/55-kh-du/"
    assert first.locator(".search-result-meta").inner_text().startswith("Document No. 55/KH-ĐU |")
    note = panel.locator(".search-suggest-note").inner_text()
    assert re.fullmatch(r"1 result\. Press Enter to see it\.|\d+ results\. Press Enter .*", note)
    assert page.problems.items == []


@pytest.mark.browser
def test_results_say_which_are_documents_and_which_are_articles(page, site_url):
    # Two articles and two documents have this phrase (tests/test_search_browser.py).
    page.goto(site_url + "/tim-kiem/?q=%22s%E1%BB%95+tay+%C4%91%E1%BA%A3ng+vi%C3%AAn%22")
    page.wait_for_selector(".search-result-list")
    assert (
        page.locator(".search-status").inner_text() == 'Tìm thấy 4 kết quả có “"sổ tay đảng viên"”.'
    )
    kinds = page.locator(".search-result").evaluate_all(
        """items => items.map(item => [
             item.querySelector('.search-result-title a').getAttribute('href'),
             item.querySelector('.search-result-meta').textContent])"""
    )
    documents = [meta for href, meta in kinds if href.startswith("/van-ban/")]
    articles = [meta for href, meta in kinds if href.startswith("/bai-viet/")]
    assert documents and articles and len(documents) + len(articles) == len(kinds)
    assert all(m.startswith("Văn bản số ") and not m.endswith("| Văn bản") for m in documents)
    assert not any("Văn bản" in m for m in articles)
    assert page.problems.items == []


@pytest.mark.browser
def test_the_lightbox_speaks_the_page_language(page, site_url):
    # No English page has photos yet: give one a strip of two, as Markdown
    # would write it, and start the lightbox on it as main.js does.
    page.goto(site_url + ENGLISH)
    page.evaluate(
        """async () => {
             const strip = document.createElement("ul");
             strip.className = "photo-strip";
             for (const name of ["a", "b"]) {
               const item = document.createElement("li");
               const link = document.createElement("a");
               link.href = "/theme/img/favicon.svg";
               const img = document.createElement("img");
               img.src = link.href;
               img.alt = name;
               link.append(img);
               item.append(link);
               strip.append(item);
             }
             document.querySelector("main").append(strip);
             const { enableLightbox } = await import("/theme/js/lightbox.js");
             enableLightbox(document);
           }"""
    )
    page.locator(".photo-strip a").first.click()
    dialog = page.get_by_role("dialog", name="Photo viewer")
    assert dialog.is_visible()
    assert dialog.locator(".lightbox-counter").inner_text() == "Photo 1 of 2"
    for name in ("Close ✕", "Next photo ›", "‹ Previous photo"):
        assert dialog.get_by_role("button", name=name).is_visible(), name
    assert page.problems.items == []


def test_the_english_head_says_english_and_names_the_vietnamese_version(site):
    english = read(site, ENGLISH)
    assert meta(english, "og:locale") == ["en_US"]
    assert meta(english, "og:locale:alternate") == ["vi_VN"]
    assert breadcrumb(english) == ["Home", "Contacts"]
    assert meta(english, "og:site_name") == ["Bưởi Ward Information Portal"]
    assert "<title>Contacts – Bưởi Ward</title>" in english
    vietnamese = read(site, "/lien-he/")
    assert meta(vietnamese, "og:locale") == ["vi_VN"]
    assert meta(vietnamese, "og:locale:alternate") == ["en_US"]
    assert breadcrumb(vietnamese) == ["Trang chủ", "Liên hệ"]
    # A page with no translation names no other locale.
    assert meta(read(site, "/"), "og:locale:alternate") == []


def test_the_english_frame_names_the_site_in_english(site):
    body = read(site, ENGLISH).split("<body", 1)[1]
    assert '<span class="brand-name">Bưởi Ward</span>' in body
    assert '<p class="footer-name">Bưởi Ward Information Portal</p>' in body
    assert "Tây Hồ District Centre for Culture, Information and Sports" in body
    for vietnamese in ("Cổng thông tin điện tử phường Bưởi", "Trung tâm Văn hóa", "Phường Bưởi"):
        assert vietnamese not in body, vietnamese
    home = read(site, "/")
    assert '<p class="footer-name">Cổng thông tin điện tử phường Bưởi</p>' in home


def test_script_words_are_in_the_page_language_and_documents_stay_vietnamese(site):
    english = read(site, ENGLISH)
    assert 'data-text-photo-close="Close ✕"' in english
    assert 'data-text-suggest-count-one="{count} result. Press Enter to see it."' in english
    assert (
        'data-text-suggest-count-other="{count} results. Press Enter to see them all."' in english
    )
    home = read(site, "/")
    assert 'data-text-photo-close="Đóng ✕"' in home
    assert 'data-text-suggest-status-other="{count} gợi ý"' in home
    documents = read(site, "/van-ban/")
    assert 'data-text-count-other="{count} văn bản"' in documents
    results = read(site, "/tim-kiem/")
    assert 'data-text-found-other="Tìm thấy {count} kết quả có “{query}”{scope}."' in results


def test_a_missing_english_site_setting_is_named_at_start_up():
    settings = {"DEFAULT_LANG": "vi", "SITENAME": "Cổng", "SITENAME_EN": "Portal"}
    settings["THEME_I18N_LOCALIZED"] = ["SITENAME", "SITE_PUBLISHER"]
    with pytest.raises(PluginSettingsError) as error:
        localized_settings(settings, ["en", "vi"])
    assert "SITE_PUBLISHER_EN" in str(error.value) and "SITENAME_EN" not in str(error.value)
    settings["SITE_PUBLISHER_EN"] = "Centre"
    assert localized_settings(settings, ["en"])["SITE_PUBLISHER"] == {"en": "Centre"}


# text(holder, "name", "fallback" or counted(holder, "name", count, "fallback"
_SCRIPT_WORDS = re.compile(
    r'\b(text|counted)\(\s*[\w.()"]+,\s*"([\w-]+)",\s*(?:[\w.]+,\s*)?"([^"]*)"'
)


def test_each_script_fallback_is_what_the_vietnamese_pages_say(site):
    """The Vietnamese a script falls back on is the catalogue's msgid."""
    scripts = Path(__file__).resolve().parent.parent / "theme" / "static" / "js"
    calls = [
        match
        for path in sorted(scripts.rglob("*.js"))
        for match in _SCRIPT_WORDS.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(calls) > 30  # the pattern still finds them
    said = {}
    for path in ("/", "/tim-kiem/", "/van-ban/", "/bai-viet/" + SEED_SLUG):
        for name, value in re.findall(r'data-text-([\w-]+)="([^"]*)"', read(site, path)):
            said.setdefault(name, set()).add(html.unescape(value))
    for kind, name, fallback in calls:
        attribute = f"{name}-other" if kind == "counted" else name
        assert said.get(attribute) == {fallback}, attribute
