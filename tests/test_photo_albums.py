"""Albums and galleries as editors write them, and what residents get from them."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from photo_albums.metadata import parse_album, parse_album_text
from tests.sitebuild import PINNED_ENV, ROOT
from tools import make_test_photos as photos

ALBUM_MD = """\
Title: Ngày hội văn hóa phường Bưởi 2025
Date: 2025-03-23 08:00
Cover: IMG_0002.jpg
Summary: Một số hình ảnh tại ngày hội.

- IMG_0002.jpg: Chú thích hiện dưới ảnh | alt: Ảnh minh họa: mô tả cho người khiếm thị
- IMG_0001.jpg:
- IMG_9999.jpg: Ảnh không có trong thư mục
"""


def test_album_metadata_is_read_and_a_missing_photo_is_named_with_its_line(tmp_path):
    (tmp_path / "album.md").write_text(ALBUM_MD, encoding="utf-8")
    for name in ("IMG_0001.jpg", "IMG_0002.jpg"):
        (tmp_path / name).write_bytes(b"")
    meta, problems = parse_album(tmp_path / "album.md")
    assert meta.title == "Ngày hội văn hóa phường Bưởi 2025"
    assert meta.date.isoformat() == "2025-03-23T08:00:00"
    assert meta.cover == "IMG_0002.jpg"
    first, second, _ = meta.photos
    assert (first.file, first.caption, first.alt) == (
        "IMG_0002.jpg",
        "Chú thích hiện dưới ảnh",
        "Ảnh minh họa: mô tả cho người khiếm thị",
    )
    assert (second.file, second.caption, second.alt) == ("IMG_0001.jpg", "", "")
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'album.md'}:8: photo IMG_9999.jpg is listed but not in the folder: "
        "add the file or remove the line"
    ]


def test_album_metadata_mistakes_are_all_reported_with_lines():
    text = "Title: A\nNgay: 2025\nDate: hôm qua\n\n- a.jpg: x\nchữ lạc\n"
    _, problems = parse_album_text(text, "album.md")
    lines = [(p.line, p.message.split(" ")[0]) for p in problems]
    assert lines == [(2, "unknown"), (3, "date"), (6, "expected")]
    _, problems = parse_album_text("Summary: x\n", "album.md")
    assert {p.message for p in problems} == {
        "missing 'Title:' line at the top of the file",
        "missing 'Date:' line at the top of the file",
    }


# The build as `invoke build` runs it, plus a receiver that prints every
# article's lead image once the build is done (what the feeds plugin reads).
PROBE = """
import json, sys
from pelican import signals
from portal.build import main
seen = []
def keep(generators):  # a named function: blinker holds receivers weakly
    seen.extend(generators)
def report(pelican):
    articles = [a for g in seen for a in getattr(g, "articles", [])]
    leads = {a.slug: a.lead_image and a.lead_image.__dict__ for a in articles}
    print("LEADS " + json.dumps(leads))
signals.all_generators_finalized.connect(keep)
signals.finalized.connect(report)
sys.exit(main(sys.argv[1:]))
"""


def run_build(
    content: Path, output: Path, *extra: str, settings: str = "pelicanconf.py"
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", PROBE, settings, str(output), "--content", str(content)]
    env = {**os.environ, **PINNED_ENV, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*command, *extra], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    """The sample content plus an album and an article with every kind of bad photo."""
    root = tmp_path_factory.mktemp("albums")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    made = photos.write_all(root / "made")
    album = content / "albums" / "anh-loi"
    album.mkdir()
    # Not listed: ordered by date taken (gps.jpg has one) before those without.
    for name in ("orientation-6", "gps", "icc", "truncated", "not-a-photo", "huge"):
        shutil.copy(made[name], album / made[name].name)
    (album / "album.md").write_text(
        "Title: Ảnh lỗi\nDate: 2020-01-01 08:00\n\n"
        "- orientation-6.jpg: Ảnh dọc | alt: Ảnh minh họa: dải đỏ ở trên\n"
        "- thieu.jpg: Ảnh không có\n",
        encoding="utf-8",
    )
    shutil.copy(made["truncated"], content / "images" / "hong.jpg")
    (content / "bai-viet" / "2025" / "bai-anh-loi.md").write_text(
        "Title: Bài có ảnh lỗi\nDate: 2025-05-05 08:00\nCategory: Tin tức - Sự kiện\n\n"
        "Đoạn mở đầu.\n\n![Ảnh minh họa: hỏng]({static}/images/hong.jpg)\n*Ảnh hỏng*\n\n"
        "![Ảnh minh họa: không có]({static}/images/khong-co.jpg)\n\n"
        "[album: anh-loi]\n*Cả album*\n",
        encoding="utf-8",
    )
    # One album per index page, to see the index paginated.
    settings = root / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\nPHOTO_ALBUMS_PER_PAGE = 1\n",
        encoding="utf-8",
    )
    output = root / "output"
    return content, output, run_build(content, output, settings=str(settings))


def test_bad_photos_are_each_named_once_and_the_rest_is_built(bad_site):
    _, output, result = bad_site
    log = result.stderr + result.stdout
    assert result.returncode == 0, log
    assert "Traceback" not in log
    expected = [
        "albums/anh-loi/truncated.jpg: is damaged",
        "albums/anh-loi/not-a-photo.jpg: is not a photo",
        "albums/anh-loi/huge.png: has 900 megapixels",
        "images/hong.jpg: is damaged",
        "bai-viet/2025/bai-anh-loi.md: photo images/khong-co.jpg does not exist",
        "albums/anh-loi/album.md:5: photo thieu.jpg is listed but not in the folder",
    ]
    for message in expected:
        assert log.count(message) == 1, (message, log)
    assert (output / "album" / "anh-loi" / "index.html").is_file()


def test_publish_fails_on_a_bad_photo(bad_site, tmp_path):
    content, _, _ = bad_site
    result = run_build(content, tmp_path / "out", "--fatal-warnings")
    assert result.returncode == 1


def test_no_broken_image_and_srcset_widths_are_the_real_widths(bad_site):
    _, output, _ = bad_site
    checked = 0
    for page in [
        output / "album" / "anh-loi" / "index.html",
        *output.glob("bai-viet/*/index.html"),
    ]:
        html = page.read_text(encoding="utf-8")
        for srcset in re.findall(r'srcset="([^"]+)"', html):
            for candidate in srcset.split(", "):
                url, width = candidate.split(" ")
                with Image.open(output / url.lstrip("/")) as image:
                    assert f"{image.width}w" == width, (page, url)
                checked += 1
        for src in re.findall(r'<img\b[^>]*?\bsrc="([^"]+)"', html):
            assert (output / src.lstrip("/")).is_file(), (page, src)
    assert checked > 50
    assert not list(output.rglob("*.part"))
    # No original is published: only renditions.
    assert not (output / "images" / "hong.jpg").exists()
    assert not list((output / "album").rglob("gps.jpg"))


def test_album_page_order_captions_and_no_javascript_links(bad_site):
    _, output, _ = bad_site
    html = (output / "album" / "anh-loi" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<a id="([^"]+)" href="([^"]+)"', html)
    # Listed first; then by date taken (gps.jpg), then by name (icc.jpg).
    assert [i for i, _ in ids] == ["anh-orientation-6", "anh-gps", "anh-icc"]
    assert "<figcaption>Ảnh dọc</figcaption>" in html
    assert "3 ảnh" in html
    for _, href in ids:  # without JavaScript a thumbnail opens the large photo
        with Image.open(output / href.lstrip("/")) as image:
            assert image.format == "JPEG" and image.width == 120
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="/album/anh-loi/"' in home  # newest albums on the home page
    assert "Album mới" in (output / "index.html").read_text(encoding="utf-8")


def test_every_article_gets_a_lead_image_for_feeds(bad_site):
    _, output, result = bad_site
    line = next(x for x in result.stdout.splitlines() if x.startswith("LEADS "))
    leads = json.loads(line.removeprefix("LEADS "))
    seed = leads["phuong-buoi-trien-khai-ke-hoach-chi-bo-4-tot-dang-vien-4-tot"]
    assert seed["url"] == "images/2023/chi-bo-4-tot/01-pho-bi-thu-960.jpg"
    assert (seed["width"], seed["height"], seed["mime_type"]) == (960, 640, "image/jpeg")
    assert seed["length"] == (output / seed["url"]).stat().st_size
    assert seed["source"] == "images/2023/chi-bo-4-tot/01-pho-bi-thu.jpg"
    # Its own photos are refused or missing: the first good one is from its gallery.
    assert leads["bai-co-anh-loi"]["url"] == "album/anh-loi/orientation-6-120.jpg"
    assert any(lead is None for lead in leads.values())  # articles without photos


def test_album_index_is_paginated_like_category_pages(bad_site):
    _, output, _ = bad_site
    pages = [output / "album" / "index.html", output / "album" / "trang" / "3" / "index.html"]
    first, last = (page.read_text(encoding="utf-8") for page in pages)
    assert "Ngày hội văn hóa phường Bưởi 2025" in first and "Trang 1/3" in first
    assert 'rel="next" href="/album/trang/2/"' in first
    assert "Ảnh lỗi" in last and 'rel="prev" href="/album/trang/2/"' in last


def test_gallery_syntax_picks_photos_from_a_folder_in_the_order_written(tmp_path):
    from markdown import Markdown

    from image_pipeline.image import Recipe
    from image_pipeline.pipeline import find_sources, process

    folder = tmp_path / "images" / "2024" / "vneid"
    folder.mkdir(parents=True)
    for name, colour in (("a.jpg", "red"), ("b.jpg", "blue"), ("c.jpg", "green")):
        Image.new("RGB", (90, 60), colour).save(folder / name)
    recipe = Recipe(widths=(60,), thumbnail=30, formats=("jpeg",))
    catalog = process(
        find_sources(tmp_path, {"images": "images"}), recipe, tmp_path / "cache", tmp_path
    )
    md = Markdown(
        extensions=["photo_albums.syntax"],
        extension_configs={
            "photo_albums.syntax": {"content_path": str(tmp_path), "catalog": catalog}
        },
    )
    html = md.convert(
        "[album: images/2024/vneid | c.jpg, a.jpg, z.jpg]\n*Điểm hỗ trợ*\n\n"
        "[album: images/2024/vneid]"
    )
    strip, grid = html.split("</figure>")[:2]
    assert re.findall(r'href="/images/2024/vneid/(\w)-60.jpg"', strip) == ["c", "a"]
    assert 'alt="Điểm hỗ trợ"' in strip and "<figcaption>Điểm hỗ trợ</figcaption>" in strip
    assert 'data-image-missing="images/2024/vneid/z.jpg"' in strip
    assert '<ul class="photo-grid" data-lightbox="">' in grid
    assert re.findall(r'alt="([^"]*)"', grid) == ["Ảnh 1", "Ảnh 2", "Ảnh 3"]
