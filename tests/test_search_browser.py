"""Search in Chromium: the results page and the header box, on the sample site
and on a tiny site made for what the sample lacks (a title with <script>,
an article with "buổi" but not "Bưởi")."""

import functools
import http.server
import re
import threading
from urllib.parse import quote

import pytest

from tests.browsing import PageProblems
from tests.conftest import PHONE
from tests.golden import SEED_SLUG
from tests.sitebuild import build_site

pytestmark = pytest.mark.browser

SEED = f"/bai-viet/{SEED_SLUG}/"


def _results(page, site_url, query, **params):
    """Open the results page for ``query`` and wait until it has answered."""
    extra = "".join(f"&{k}={quote(str(v))}" for k, v in params.items())
    page.goto(f"{site_url}/tim-kiem/?q={quote(query)}{extra}")
    page.wait_for_function(
        "(() => { const s = document.querySelector('.search-status');"
        " return s && s.textContent && !s.textContent.startsWith('Đang tìm'); })()"
    )
    if page.locator(".search-result-list").count() == 0 and "Tìm thấy" in _status(page):
        page.wait_for_selector(".search-result-list")
    return page.locator(".search-result-title a")


def _status(page):
    return page.locator(".search-status").inner_text()


@pytest.mark.parametrize("query", ["dang vien", "đảng viên", "ĐẢNG VIÊN"])
def test_with_or_without_diacritics_the_seed_article_comes_first(page, site_url, query):
    links = _results(page, site_url, query)
    assert links.first.get_attribute("href") == SEED
    assert page.locator(".search-result").first.locator("mark").count() >= 2
    assert page.problems.items == []


def test_buoi_finds_the_articles_about_the_ward(page, site_url):
    links = _results(page, site_url, "buoi")
    # Every sample article (14) and every sample document (8) is about Bưởi.
    assert "Tìm thấy 22 kết quả" in _status(page)
    assert links.count() == 10
    first = page.locator(".search-result").first
    assert first.locator(".search-result-meta time").count() == 1
    assert "Bưởi" in first.locator("mark").all_inner_texts()
    # Page 2 has the rest, through a shareable link.
    page.get_by_role("link", name="Trang sau ›").click()
    page.wait_for_selector(".search-result-list")
    assert "trang=2" in page.url
    assert page.locator(".search-result").count() == 10  # 22 results: 10, 10, 2
    assert page.problems.items == []


def test_a_quoted_phrase_matches_the_words_in_that_order(page, site_url):
    links = _results(page, site_url, '"sổ tay đảng viên điện tử"')
    hrefs = sorted(links.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    # Two articles and two documents (their summaries) have the phrase.
    assert len(hrefs) == 4 and SEED in hrefs and "/van-ban/55-kh-du/" in hrefs
    _results(page, site_url, '"điện tử sổ tay"')  # the same words, another order
    assert "Không tìm thấy" in _status(page)


def test_no_results_say_what_to_try(page, site_url):
    _results(page, site_url, "xyzzy")
    status = _status(page)
    assert "Không tìm thấy kết quả nào có “xyzzy”" in status
    assert "ít từ hơn" in status and "chính tả" in status
    assert page.get_by_role("link", name="chuyên mục").is_visible()
    # Some words match: the reader is told, and gets the partial matches.
    links = _results(page, site_url, "đảng viên xyzzy")
    assert "Không có kết quả nào có đủ mọi từ" in _status(page)
    assert links.first.get_attribute("href") == SEED
    assert page.problems.items == []


def test_filters_by_category_and_year(page, site_url):
    _results(page, site_url, "buoi")
    page.get_by_label("Năm").select_option("2023")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_selector(".search-result-list")
    assert "nam=2023" in page.url
    dates = page.locator(".search-result-meta time").all_inner_texts()
    assert dates and all(d.endswith("/2023") for d in dates)
    _results(page, site_url, "buoi", **{"chuyen-muc": "Y tế"})
    metas = page.locator(".search-result-meta").all_inner_texts()
    assert len(metas) == 2 and all(m.endswith("| Y tế") for m in metas)


def test_header_box_loads_nothing_until_typing_and_works_by_keyboard(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = PageProblems(page)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "/", wait_until="load")
    assert not [u for u in requested if "/tim-kiem/index/" in u or "engine.js" in u]
    # Keyboard only: skip link, brand, then the search box.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "hop-tim-kiem"
    page.keyboard.type("dang vie")  # the last word still being typed
    page.wait_for_selector(".search-suggest[data-query='dang vie'] .search-suggest-option")
    assert [u for u in requested if u.endswith("/tim-kiem/index/manifest.json")]
    box = page.locator("#hop-tim-kiem")
    assert box.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    first = page.locator(".search-suggest-option").first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("data-href") == SEED
    page.keyboard.press("Enter")
    page.wait_for_url("**" + SEED)
    # Enter without choosing a suggestion opens the results page.
    page.locator("#hop-tim-kiem").focus()
    page.keyboard.type("đảng viên")
    page.wait_for_selector(".search-suggest[data-query='đảng viên'] .search-suggest-option")
    page.keyboard.press("Escape")
    assert page.locator(".search-suggest").is_hidden()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/tim-kiem/\?q=.*"))
    page.wait_for_selector(".search-result-list")
    # Tab reaches the filters, then the first result.
    page.locator("#tu-khoa").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.search-result') !== null"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == SEED
    context.close()
    assert problems.items == []


def test_without_javascript_the_page_explains_itself(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/tim-kiem/?q=dang+vien")
    assert "cần JavaScript" in page.locator(".search-noscript").inner_text()
    assert page.get_by_role("link", name="chuyên mục").is_visible()
    context.close()


@pytest.fixture(scope="module")
def tiny_site_url(tmp_path_factory):
    content = tmp_path_factory.mktemp("content")
    articles = {
        "phuong-buoi-ra-quan.md": ("Phường Bưởi ra quân dọn vệ sinh", "2024-05-02", "Phường Bưởi"),
        "mot-buoi-sang.md": ("Một buổi sáng ở chợ", "2024-05-03", "Buổi sáng chợ đông vui"),
        "canh-bao.md": (
            "Cảnh báo <script>alert(1)</script> lừa đảo",
            "2024-05-01",
            "Công an phường Bưởi cảnh báo lừa đảo qua điện thoại & <b>tin nhắn</b>",
        ),
    }
    for name, (title, date, text) in articles.items():
        folder = content / "bai-viet" / "2024"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(
            f"Title: {title}\nDate: {date} 08:00\nCategory: Tin tức - Sự kiện\n\n{text}.\n",
            encoding="utf-8",
        )
    site = tmp_path_factory.mktemp("tiny-site")
    build_site(site, content=content)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_exact_diacritics_rank_first(page, tiny_site_url):
    links = _results(page, tiny_site_url, "Bưởi")
    assert links.count() == 3
    assert links.all_inner_texts()[-1] == "Một buổi sáng ở chợ"
    links = _results(page, tiny_site_url, "buổi")
    assert links.all_inner_texts()[0] == "Một buổi sáng ở chợ"
    # Typed without marks, the site's own word (the ward) comes first.
    links = _results(page, tiny_site_url, "buoi")
    assert links.all_inner_texts()[0] != "Một buổi sáng ở chợ"


def test_result_text_is_shown_as_text_never_run(page, tiny_site_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    links = _results(page, tiny_site_url, "lua dao")
    assert links.first.inner_text() == "Cảnh báo <script>alert(1)</script> lừa đảo"
    assert page.locator(".search-results script, .search-results b").count() == 0
    page.locator("#hop-tim-kiem").fill("script")
    page.wait_for_selector(".search-suggest[data-query='script'] .search-suggest-option")
    assert "<script>" in page.locator(".search-suggest-option").first.inner_text()
    assert dialogs == []
    assert page.problems.items == []


@pytest.mark.parametrize("query", ["55/KH-ĐU", "55 KH DU", "55/kh-du"])
def test_a_code_number_finds_its_document_first(page, site_url, query):
    links = _results(page, site_url, query)
    assert links.first.get_attribute("href") == "/van-ban/55-kh-du/"
    meta = page.locator(".search-result").first.locator(".search-result-meta")
    assert "Văn bản số 55/KH-ĐU" in meta.inner_text()
    assert meta.locator("time").get_attribute("datetime") == "2023-01-27"
    assert page.problems.items == []
