"""An album in Chromium: the lightbox by mouse and keyboard, and the page without scripts."""

import re

import pytest
from playwright.sync_api import expect

from tests.browsing import PageProblems
from tests.conftest import PHONE

ALBUM = "/album/ngay-hoi-van-hoa-phuong-buoi-2025/"

pytestmark = pytest.mark.browser


def test_lightbox_opens_moves_closes_and_gives_focus_back(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(site_url + "/album/", wait_until="load")
    page.get_by_role("link", name=re.compile("Ngày hội văn hóa")).first.click()
    assert page.locator("h1").inner_text() == "Ngày hội văn hóa phường Bưởi 2025"
    thumbnails = page.locator(".album-photos a")
    first = thumbnails.nth(0)
    first.click()
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    assert dialog.locator(".lightbox-caption").inner_text() == "Phố phường rực rỡ cờ hoa ngày hội"
    # The lightbox sets the address with history.replaceState: Playwright
    # hears of it a moment later, so these wait for it (up to their timeout).
    expect(page).to_have_url(re.compile(r"#anh-duong-pho$"))
    page.keyboard.press("ArrowRight")
    assert dialog.locator(".lightbox-caption").inner_text().startswith("Trận bóng đá")
    assert dialog.locator(".lightbox-counter").inner_text() == "Ảnh 2/5"
    expect(page).to_have_url(re.compile(r"#anh-bong-da$"))
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # wraps round to the last photo
    assert dialog.locator(".lightbox-counter").inner_text() == "Ảnh 5/5"
    # Focus stays in the dialog: Tab never reaches the page behind it.
    for _ in range(6):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.id") == "anh-duong-pho"
    expect(page).to_have_url(re.compile(r"^[^#]*$"))
    # The large photo showed: it was loaded and decoded.
    context.close()
    assert problems.items == []


def test_a_shared_photo_address_opens_that_photo(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + ALBUM + "#anh-bong-da", wait_until="load")
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    assert dialog.locator(".lightbox-counter").inner_text() == "Ảnh 2/5"
    image = dialog.locator("img")
    image.evaluate("i => i.decode()")
    assert image.evaluate("i => i.naturalWidth") > 0
    context.close()


def test_swipe_moves_to_the_next_photo(browser, site_url):
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.goto(site_url + ALBUM, wait_until="load")
    page.locator(".album-photos a").nth(0).click()
    box = page.locator("dialog.lightbox").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 300, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 60, y, steps=4)
    page.mouse.up()
    counter = page.locator(".lightbox-counter").inner_text()
    context.close()
    assert counter == "Ảnh 2/5"


def test_without_javascript_a_thumbnail_is_a_link_to_the_large_photo(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(site_url + ALBUM, wait_until="load")
    album_problems = list(problems.items)  # (a bare photo then asks for /favicon.ico)
    page.locator(".album-photos a").nth(1).click()
    assert page.url == site_url + ALBUM.rstrip("/") + "/bong-da-1200.jpg"
    size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    context.close()
    assert size == [1200, 800]
    assert album_problems == []
