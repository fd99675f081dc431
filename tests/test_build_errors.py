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


# Publishing (a failed or killed publish leaves the live site as it was,
# rollback, the live folder from before versioned publishing): test_publish.py.
