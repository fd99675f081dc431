"""WCAG 2.2 AA in Chromium: axe-core on the main kinds of page, keyboard use, reflow.

axe-core comes from the npm package that ``./dev test`` installs into
node_modules/ (package.json); it is injected with ``page.evaluate``, which a
strict Content-Security-Policy would not block either.
"""

import json
from pathlib import Path

import pytest

from tests.conftest import DESKTOP, PHONE
from tests.golden import SEED_SLUG
from tests.sitebuild import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.browser


def first_album(site: Path) -> str:
    albums = sorted(p.parent.name for p in (site / "album").glob("*/index.html"))
    albums = [name for name in albums if name != "trang"]
    assert albums, "the sample content has albums"
    return f"/album/{albums[0]}/"


PAGES = {
    "home": lambda site: "/",
    "article": lambda site: f"/bai-viet/{SEED_SLUG}/",
    "category": lambda site: "/chuyen-muc/thong-tin-co-so/",
    "album": first_album,
    "search": lambda site: "/tim-kiem/?q=dang+vien",
    "404": lambda site: "/404.html",
    # The album with its lightbox open: the dialog's buttons need names too.
    "lightbox": first_album,
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.is_file(), "axe-core is missing: ./dev test installs it (npm ci)"
    return AXE.read_text("utf-8")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {', '.join(targets)}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_22_aa_violations(browser, site, site_url, axe_source, name, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + PAGES[name](site), wait_until="load")
    if name == "search":
        # Results are drawn by the search script: check them, not an empty page.
        page.wait_for_selector("#noi-dung li a", timeout=10_000)
    if name == "lightbox":
        page.locator("[data-lightbox] a").first.click()
        page.wait_for_selector("dialog.lightbox[open]")
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    context.close()
    violations = result["violations"]
    assert violations == [], describe(violations) + "\n" + json.dumps(violations)[:2000]


def test_share_and_print_buttons_are_reached_and_used_by_keyboard(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site_url}/bai-viet/{SEED_SLUG}/", wait_until="load")
    # The first Tab lands on the skip link, which leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    reached = {}
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return [e.tagName, e.className, getComputedStyle(e).outlineStyle]; })()"
        )
        if focused[0] == "BUTTON" and focused[1] in ("copy-link", "print-page", "share-zalo"):
            reached[focused[1]] = focused[2]
        if len(reached) == 3:
            break
    # Each is reachable, with a visible focus ring.
    assert set(reached) == {"copy-link", "print-page", "share-zalo"}
    assert all(style != "none" for style in reached.values()), reached
    page.focus("button.copy-link")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.share-status').textContent !== ''")
    context.close()


@pytest.mark.parametrize("path", ["/", f"/bai-viet/{SEED_SLUG}/"])
def test_text_reflows_at_400_percent_zoom(browser, site_url, path):
    # WCAG 1.4.10: 1280 px at 400 % zoom is 320 CSS px, with no sideways scroll
    # (200 % zoom, 640 px, is the easier case).
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0, f"horizontal scroll of {overflow}px at 320 px"
