"""Rebuilds convert only the articles that changed, and still equal a full build.

plugins/markdown_reuse keeps each article's converted body between builds.
One site is edited in place, the way an editor works with the preview
running, and after each edit the rebuild is compared file by file with a
full build of the same content (PORTAL_FULL_BUILD=1: nothing kept).
"""

import re
import shutil

import pytest

from tests.sitebuild import ROOT
from tests.test_incremental import (
    _both,
    _build,
    _edit,
    _finish,
    _new_photo,
    _settings_file,
    assert_same_tree,
)

SEED = "bai-viet/2023/phuong-buoi-trien-khai-ke-hoach-chi-bo-4-tot-dang-vien-4-tot.md"
ALBUM = "albums/hoi-nghi-chi-bo-4-tot-2023/album.md"
PHOTO = "images/2024/bong-da-thieu-nien/tran-dau.jpg"
OTHER = "bai-viet/2024/soi-noi-giai-bong-da-thieu-nien-phuong-buoi-he-2024.md"


def _unchanged(log: str) -> int:
    found = re.search(r"Markdown: (\d+) articles unchanged", log)
    assert found, log
    return int(found.group(1))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("body-cache")
    content = root / "content"
    for folder in ("bai-viet", "images", "trang", "albums"):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    theme = root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    plugins = root / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    # The pool for a handful of articles too: its bodies are kept as well.
    settings = _settings_file(root, theme, plugins, "MARKDOWN_REUSE_POOL_MIN_FILES = 1\n")
    log = _finish(_build(settings, content, root / "output"))
    articles = len(list((content / "bai-viet").rglob("*.md")))
    return root, settings, content, articles, log


def _rebuild(site, tmp_path) -> str:
    root, settings, content, _, _ = site
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    log = _both(settings, content, root / "output", full)
    assert_same_tree(root / "output", full)
    return log


def test_a_rebuild_converts_only_the_edited_article(site, tmp_path):
    root, _, content, articles, first = site
    assert _unchanged(first) == 0
    _edit(content / OTHER, "\n\n", "\n\nMột đoạn mới do biên tập viên thêm.\n\n")
    log = _rebuild(site, tmp_path)
    assert _unchanged(log) == articles - 1
    page = next((root / "output" / "bai-viet").rglob("soi-noi-giai-bong-da*/index.html"))
    assert "Một đoạn mới do biên tập viên thêm." in page.read_text(encoding="utf-8")


def test_an_album_caption_edit_reaches_the_article_that_shows_the_album(site, tmp_path):
    root, _, content, _, _ = site
    _edit(content / ALBUM, "Ký kết giao ước thi đua", "Lễ ký kết giao ước thi đua năm 2023")
    log = _rebuild(site, tmp_path)
    assert _unchanged(log) == 0, "album.md shapes bodies: every article is converted again"
    page = next((root / "output" / "bai-viet").rglob("phuong-buoi-trien-khai*/index.html"))
    assert "Lễ ký kết giao ước thi đua năm 2023" in page.read_text(encoding="utf-8")


def test_a_replaced_photo_gives_its_new_size_in_the_articles(site, tmp_path):
    _new_photo(site[2] / PHOTO)
    _rebuild(site, tmp_path)  # the sizes in <picture> equal a full build's


def test_a_warning_in_a_body_shows_on_every_build(site):
    root, settings, content, _, _ = site
    missing = "![Ảnh chưa có]({static}/images/2023/khong-co-anh-nay.jpg)"
    _edit(content / SEED, "\n\n", f"\n\n{missing}\n\n")
    for _ in range(2):
        log = _finish(_build(settings, content, root / "output"))
        assert "khong-co-anh-nay.jpg" in log, log
