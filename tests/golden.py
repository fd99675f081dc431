"""Golden pages: a few key pages of the sample site, checked in byte for byte.

``invoke regen-golden`` (``python -m tests.golden``) rewrites them after an
intended change; review the diff before committing it.
"""

import tempfile
from pathlib import Path

from tests.sitebuild import build_site

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SEED_SLUG = "phuong-buoi-trien-khai-ke-hoach-chi-bo-4-tot-dang-vien-4-tot"

# golden file name -> page of the built site
GOLDEN_PAGES = {
    "seed-article.html": f"bai-viet/{SEED_SLUG}/index.html",
    "category-thong-tin-co-so.html": "chuyen-muc/thong-tin-co-so/index.html",
    "home.html": "index.html",
    "feeds-page.html": "feeds/index.html",
    "feed-giao-duc.atom.xml": "feeds/chuyen-muc/giao-duc.atom.xml",
    "feed-giao-duc.rss.xml": "feeds/chuyen-muc/giao-duc.rss.xml",
}


def regenerate() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        GOLDEN_DIR.mkdir(exist_ok=True)
        for name, page in GOLDEN_PAGES.items():
            (GOLDEN_DIR / name).write_bytes((site / page).read_bytes())
            print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    regenerate()
