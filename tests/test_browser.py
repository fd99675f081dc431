"""The sample site in headless Chromium, as residents meet it on phones and desktops."""

from pathlib import Path

import pytest

from tests.golden import SEED_SLUG

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 800}
PAGES = {"home": "/", "seed-article": f"/bai-viet/{SEED_SLUG}/"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: ./dev test installs it"
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors, uncaught exceptions and failed requests of one page."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"exception: {error}"))
        page.on("requestfailed", lambda r: self.items.append(f"failed: {r.url}"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.items.append(f"console: {message.text}")

    def _response(self, response):
        if response.status >= 400:
            self.items.append(f"HTTP {response.status}: {response.url}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen_without_errors(browser, site_url, name, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(site_url + PAGES[name], wait_until="load")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    # Load the lazy photos now, then check that none is broken.
    page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    # Decoded before the screenshot, so photos show in it (decode() of a
    # broken image fails, which the check below reports more plainly).
    page.evaluate(
        "Promise.allSettled(Array.from(document.images).map(i => i.decode())).then(() => true)"
    )
    broken = page.evaluate(
        "Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{viewport['width']}.png", full_page=True)
    # The theme's script ran: the buttons it enables are visible.
    if name == "seed-article":
        assert page.locator("button.print-page").is_visible()
        assert page.locator("button.copy-link").is_visible()
    context.close()
    assert overflow <= 0, f"horizontal scroll of {overflow}px"
    assert broken == []
    assert problems.items == []


def test_without_javascript_residents_can_navigate_and_read(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(site_url + "/")
    # The category menu opens without scripts (<details>) and leads somewhere.
    page.get_by_text("Các chuyên mục", exact=True).first.click()
    page.get_by_role("link", name="Thông tin cơ sở").first.click()
    assert page.locator("h1").inner_text() == "Thông tin cơ sở"
    # From the list to the article, and the article reads in full.
    page.locator(f'a[href="/bai-viet/{SEED_SLUG}/"]').first.click()
    assert page.locator("h1").inner_text().startswith("Phường Bưởi: Triển khai")
    assert page.locator("figure figcaption").count() == 5
    assert page.locator("figure img").first.is_visible()
    # Buttons that need scripts are not offered; the plain share link is.
    assert not page.locator("button.print-page").is_visible()
    assert page.get_by_role("link", name="Chia sẻ Facebook").is_visible()
    # Back up the breadcrumb.
    page.locator("nav.breadcrumb").get_by_role("link", name="Trang chủ").click()
    assert page.url == site_url + "/"
    context.close()
    assert problems.items == []


def test_search_box_submits_a_plain_get_form(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/")
    page.get_by_role("searchbox", name="Tìm kiếm").fill("đảng viên")
    page.get_by_role("searchbox", name="Tìm kiếm").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert "q=%C4%91%E1%BA%A3ng+vi%C3%AAn" in page.url
    assert page.locator("h1").inner_text() == "Tìm kiếm"
    context.close()


def test_keyboard_user_can_skip_to_the_content(browser, site_url):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_url + f"/bai-viet/{SEED_SLUG}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#noi-dung")
    context.close()
