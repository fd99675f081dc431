"""Printing and archiving an article (Decree 42/2022/ND-CP, art. 7.1)."""

import re

from tests.conftest import SCREENSHOTS
from tests.golden import SEED_SLUG


def test_printed_article_has_text_date_and_address_but_no_navigation(browser, site_url):
    page = browser.new_page()
    page.goto(f"{site_url}/bai-viet/{SEED_SLUG}/")
    page.emulate_media(media="print")
    for chrome in ("header.site-header", "nav.main-nav", "footer.site-footer", ".share",
                   "nav.breadcrumb", ".related"):  # fmt: skip
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("h1").is_visible()
    assert page.locator(".dateline").inner_text().startswith("Ngày đăng 27/02/2023 | 23:04")
    address = page.locator(".print-url")
    assert address.is_visible()
    assert f"/bai-viet/{SEED_SLUG}/" in address.inner_text()
    assert page.locator(".print-site").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(format="A4", path=SCREENSHOTS / "seed-article.pdf")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 10, f"{pages} pages"
    page.close()
