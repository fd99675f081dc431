"""new-post, new-album and fix-text: what editors run before writing, and to repair a file."""

import codecs
import hashlib
import os
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from photo_albums.metadata import parse_album
from portal.check import check_content
from portal.fix_text import fix_file
from portal.new_album import new_album
from portal.new_post import new_post
from tests.sitebuild import PINNED_ENV, ROOT, build_site

SETTINGS = {
    "PORTAL_CATEGORIES": ["Tin tức - Sự kiện", "Thông tin cơ sở", "Y tế"],
    "ARTICLE_PATHS": ["bai-viet"],
    "PAGE_PATHS": ["trang"],
    "STATIC_PATHS": ["images"],
    "AUTHOR": "Trung tâm VHTT&TT Tây Hồ",
    "DRAFT_URL": "ban-nhap/{slug}/",
    "DIRECT_TEMPLATES": ["index"],
    "ARTICLE_URL": "bai-viet/{slug}/",
    "PAGE_URL": "{slug}/",
    "CATEGORY_URL": "chuyen-muc/{slug}/",
    "TAG_URL": "the/{slug}/",
    "ARCHIVES_URL": "luu-tru/",
    "ALBUMS_URL": "album/",
    "DEFAULT_CATEGORY": "Tin tức - Sự kiện",
    "THEME": str(ROOT / "theme"),
}


def test_new_post_writes_a_draft_with_every_line_filled_in(tmp_path):
    settings = {**SETTINGS, "PATH": str(tmp_path)}
    # 20:30 UTC is already the next day in Hanoi.
    now = datetime(2024, 12, 31, 20, 30, tzinfo=UTC)
    path, address = new_post("Đảng viên trẻ phường Bưởi", "Thông tin cơ sở", settings, now)
    assert path == tmp_path / "bai-viet/2025/dang-vien-tre-phuong-buoi.md"
    assert address == "/ban-nhap/dang-vien-tre-phuong-buoi/"
    assert path.read_text("utf-8").splitlines()[:8] == [
        "Title: Đảng viên trẻ phường Bưởi",
        "Date: 2025-01-01 03:30",
        "Category: Thông tin cơ sở",
        "Tags:",
        "Summary:",
        "Author: Trung tâm VHTT&TT Tây Hồ",
        "Slug: dang-vien-tre-phuong-buoi",
        "Status: draft",
    ]
    # What the check says of it: only that the summary is still to write.
    problems = check_content(tmp_path, settings)
    assert [(p.severity, p.line) for p in problems] == [("warning", 5)]
    # Never over an existing post.
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        new_post("Đảng viên trẻ phường Bưởi", "Thông tin cơ sở", settings, now)
    assert path.read_bytes() == before


def test_new_post_suggests_the_category_meant():
    with pytest.raises(ValueError, match="có phải là 'Thông tin cơ sở'"):
        new_post("Tin", "thong tin co so", {**SETTINGS, "PATH": "/nonexistent"})


def test_new_post_from_the_command_line_prints_the_path(tmp_path):
    command = ["portal.new_post", "Tin mới", "--category", "Y tế", "--content", str(tmp_path)]
    result = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        env={**os.environ, **PINNED_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (printed,) = result.stdout.splitlines()
    assert Path(printed).name == "tin-moi.md" and Path(printed).is_file()
    assert "/ban-nhap/tin-moi/" in result.stderr


def photo(path: Path, taken: str | None) -> None:
    image = Image.new("RGB", (8, 6), (30, 120, 60))
    exif = image.getexif()
    if taken:
        exif.get_ifd(0x8769)[36867] = taken
    image.save(path, exif=exif)


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }


def test_new_album_copies_photos_in_the_order_taken_and_leaves_the_originals(tmp_path):
    phone = tmp_path / "DCIM"
    phone.mkdir()
    photo(phone / "IMG_0003.jpg", "2025:03:23 08:05:00")
    photo(phone / "IMG_0001.jpg", "2025:03:23 09:30:00")
    photo(phone / "IMG_0002.jpg", "2025:03:23 08:05:00")
    photo(phone / "anh-zalo.jpg", None)
    (phone / "ghi-chu.txt").write_text("không phải ảnh", "utf-8")
    before = fingerprint(phone)

    path = new_album(phone, "Ngày hội văn hóa", tmp_path / "content")

    assert fingerprint(phone) == before
    assert path == tmp_path / "content/albums/ngay-hoi-van-hoa/album.md"
    assert path.read_text("utf-8") == (
        "Title: Ngày hội văn hóa\n"
        "Date: 2025-03-23 08:05\n"
        "Cover: IMG_0002.jpg\n"
        "Summary:\n"
        "\n"
        "- IMG_0002.jpg:\n"
        "- IMG_0003.jpg:\n"
        "- IMG_0001.jpg:\n"
        "- anh-zalo.jpg:\n"
    )
    for name in ("IMG_0001.jpg", "anh-zalo.jpg"):
        assert (path.parent / name).read_bytes() == (phone / name).read_bytes()
    assert not (path.parent / "ghi-chu.txt").exists()
    meta, problems = parse_album(path)
    assert problems == [] and len(meta.photos) == 4
    with pytest.raises(FileExistsError):
        new_album(phone, "Ngày hội văn hóa", tmp_path / "content")


def test_fix_text_converts_to_utf8_nfc_and_keeps_a_backup(tmp_path):
    cases = {
        "windows-1258.md": b"Title: Tin\n\nN\xf4\xf2i dung\n",  # ộ as ô + combining dot
        "utf-16.md": "Title: Tin\n\nNội dung\n".encode("utf-16"),
        "to-hop.md": unicodedata.normalize("NFD", "Title: Tin\n\nNội dung\n").encode("utf-8"),
        "bom.md": codecs.BOM_UTF8 + "Title: Tin\n\nNội dung\n".encode(),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        message = fix_file(path)
        assert "bản cũ giữ ở" in message, message
        assert path.read_bytes() == "Title: Tin\n\nNội dung\n".encode()
        assert (tmp_path / f"{name}.bak").read_bytes() == data
    # A file already right is left alone, and a second backup never replaces the first.
    assert "không cần sửa" in fix_file(tmp_path / "to-hop.md")
    assert not (tmp_path / "to-hop.md.bak.1").exists()


def test_drafts_show_a_badge_in_the_preview(tmp_path):
    content = tmp_path / "content"
    (content / "bai-viet").mkdir(parents=True)
    (content / "bai-viet/nhap.md").write_text(
        "Title: Bài đang viết\nDate: 2024-03-25 08:00\nCategory: Y tế\nStatus: draft\n\n"
        "Nội dung.\n",
        "utf-8",
    )
    build_site(tmp_path / "out", content=content)
    html = (tmp_path / "out/ban-nhap/bai-dang-viet/index.html").read_text("utf-8")
    assert '<p class="draft-badge">BẢN NHÁP' in html


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    # Every file, not only the golden pages: feeds, search index, photos, albums.
    # Two fresh builds (not the session's site) so that content edited while
    # the suite runs cannot make a difference.
    trees = []
    for name in ("first", "second"):
        build_site(tmp_path / name)
        out = tmp_path / name
        trees.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    first, second = trees
    assert sorted(first) == sorted(second)
    assert sorted(str(name) for name in first if first[name] != second[name]) == []
