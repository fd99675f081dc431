"""The sample site in headless Chromium, as residents meet it on phones and desktops."""

import re

import pytest
from playwright.sync_api import expect

from tests.browsing import PageProblems
from tests.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.golden import SEED_SLUG

PAGES = {"home": "/", "seed-article": f"/bai-viet/{SEED_SLUG}/"}

pytestmark = pytest.mark.browser


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
    expect(page).to_have_url(re.compile(r"#noi-dung$"))  # waits for the jump
    context.close()
