"""Bad input meets the build: clear messages naming the file, and publish refuses it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitebuild import PINNED_ENV, ROOT


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def run(module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env={**os.environ, **PINNED_ENV},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_file_that_is_not_utf8_is_named_with_what_to_do(content, tmp_path):
    # "Nội dung" in Windows-1258, as old Vietnamese Windows editors save it:
    # ô is 0xF4 and the dot below a separate mark, 0xF2.
    (content / "bai-viet" / "2024" / "ban-cu.md").write_bytes(
        b"Title: Tin cu\nDate: 2024-01-01 08:00\n\nN\xf4\xf2i dung\n"
    )
    result = run("portal.build", "pelicanconf.py", str(tmp_path / "out"), "--content", str(content))
    assert result.returncode == 1
    assert "bai-viet/2024/ban-cu.md" in result.stderr
    assert "không ở bảng mã UTF-8" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    # Everything else is still built.
    assert (tmp_path / "out" / "index.html").is_file()


def test_an_impossible_date_is_named(content, tmp_path):
    (content / "bai-viet" / "2024" / "ngay-sai.md").write_text(
        "Title: Ngày sai\nDate: 2024-13-45 08:00\nCategory: Y tế\n\nNội dung\n", "utf-8"
    )
    result = run("portal.build", "pelicanconf.py", str(tmp_path / "out"), "--content", str(content))
    assert result.returncode == 1
    assert "bai-viet/2024/ngay-sai.md: '2024-13-45 08:00' is not a valid date" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_failed_publish_leaves_the_live_site_untouched(content, tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    (live / "index.html").write_text("bản đang chạy", "utf-8")
    settings = tmp_path / "publish_test.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
        f"PATH = {str(content)!r}\n",
        encoding="utf-8",
    )
    (content / "bai-viet" / "2024" / "anh-thieu.md").write_text(
        "Title: Ảnh thiếu\nDate: 2024-01-02 08:00\nCategory: Y tế\n\n"
        "![Ảnh minh họa]({static}/images/khong-co.jpg)\n",
        "utf-8",
    )
    result = run("portal.publish", str(settings), str(live))
    assert result.returncode == 1
    assert "images/khong-co.jpg" in result.stderr
    assert "trang đang chạy" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "live", "publish_test.py"]
    assert (live / "index.html").read_text("utf-8") == "bản đang chạy"


def test_good_publish_replaces_the_live_site_and_keeps_the_previous(tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    (live / "index.html").write_text("bản cũ", "utf-8")
    result = run("portal.publish", "publishconf.py", str(live))
    assert result.returncode == 0, result.stderr
    assert "phuongbuoi.example.vn" in (live / "index.html").read_text("utf-8")
    assert (tmp_path / "live.previous" / "index.html").read_text("utf-8") == "bản cũ"
