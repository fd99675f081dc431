"""invoke publish, rollback and deploy: the live site changes in one step or not at all.

A small generated site keeps each publish to a second or two.
"""

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import brotli
import pytest

from portal.htmlpages import page_urls, read_page
from portal.precompress import precompress
from portal.verify import verify
from tests.sitebuild import PINNED_ENV, ROOT

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# Where a kill could hurt: with a finished build aside, after it is renamed
# into place, and between making the new link and swapping it in.
STEPS = ["compress", "ready", "switch"]


def article(title: str, date: str, extra: str = "", body: str = "Nội dung bài.") -> str:
    return f"Title: {title}\nDate: {date}\nCategory: Y tế\nSummary: Tóm tắt.\n{extra}\n{body}\n"


def make_site(folder: Path) -> None:
    """A small content folder and publish settings that name it relative to
    themselves, so a copy of ``folder`` is a site of its own."""
    content = folder / "content"
    (content / "bai-viet").mkdir(parents=True)
    (content / "trang").mkdir()
    (content / "images").mkdir()
    shutil.copy(ROOT / "tests/fixtures/check/images/anh.jpg", content / "images/anh.jpg")
    (content / "trang/lien-he.md").write_text(
        "Title: Liên hệ\nSlug: lien-he\n\nĐịa chỉ.\n", "utf-8"
    )
    (content / "bai-viet/tiem-chung.md").write_text(
        article(
            "Tiêm chủng mở rộng",
            "2024-03-24 14:45",
            body="![Ảnh minh họa: bàn tiêm chủng]({static}/images/anh.jpg)\n*Điểm tiêm*",
        ),
        "utf-8",
    )
    # A draft, and two posts dated half an hour either side of now in Hanoi.
    # Half an hour ago in Hanoi is still 6½ hours ahead in UTC (the machine's
    # zone in the tests): published only if "now" is taken in Hanoi time.
    now = datetime.now(HANOI)
    for name, title, date, extra in (
        ("nhap.md", "Bản nháp", "2024-03-25 08:00", "Status: draft\n"),
        ("vua-qua.md", "Vừa đến giờ", f"{now - timedelta(minutes=30):%Y-%m-%d %H:%M}", ""),
        ("hen-gio.md", "Hẹn giờ", f"{now + timedelta(minutes=30):%Y-%m-%d %H:%M}", ""),
    ):
        (content / "bai-viet" / name).write_text(article(title, date, extra), "utf-8")
    (folder / "publish_test.py").write_text(
        f"import sys\nfrom pathlib import Path\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *\n"
        "HERE = Path(__file__).resolve().parent\n"
        "PATH = str(HERE / 'content')\n"
        "PORTAL_DEPLOY_TARGET = str(HERE / 'server') + '/'\n",
        encoding="utf-8",
    )


@pytest.fixture
def content(tmp_path) -> Path:
    make_site(tmp_path)
    return tmp_path / "content"


@pytest.fixture
def settings(content) -> Path:
    return content.parent / "publish_test.py"


@pytest.fixture(scope="module")
def published_once(tmp_path_factory) -> Path:
    """A site published once over a live folder from before versioned publishing."""
    folder = tmp_path_factory.mktemp("published")
    make_site(folder)
    (folder / "public").mkdir()
    (folder / "public/index.html").write_text("bản cũ", "utf-8")
    result = publish(folder / "publish_test.py", folder / "public")
    assert result.returncode == 0, result.stderr
    return folder


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env={**os.environ, **PINNED_ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def publish(settings: Path, live: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run("portal.publish", str(settings), str(live), env=env)


def tree(folder: Path) -> str:
    """A digest of every file's path and bytes, and of where LIVE points."""
    digest = hashlib.sha256(os.readlink(folder).encode() if folder.is_symlink() else b"dir")
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def live(tmp_path, published_once) -> Path:
    """A site published once (a copy of it: the link inside is relative)."""
    site = tmp_path / "site"
    shutil.copytree(published_once, site, symlinks=True)
    return site / "public"


def test_publish_puts_a_verified_compressed_build_live(live):
    assert live.is_symlink()
    page = live / "bai-viet/tiem-chung-mo-rong/index.html"
    html = page.read_bytes()
    assert 'alt="Ảnh minh họa: bàn tiêm chủng"'.encode() in html
    assert (
        gzip.decompress((live / "bai-viet/tiem-chung-mo-rong/index.html.gz").read_bytes()) == html
    )
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == html
    feed = (live / "feeds/all.atom.xml").read_bytes()
    assert gzip.decompress((live / "feeds/all.atom.xml.gz").read_bytes()) == feed
    assert not list(live.rglob("*.jpg.gz")), "photos are compressed already"


def test_a_second_publish_switches_and_rollback_restores_the_previous(live):
    content, settings = live.parent / "content", live.parent / "publish_test.py"
    first = tree(live)
    (content / "bai-viet/moi.md").write_text(article("Tin mới", "2024-03-25 08:00"), "utf-8")
    result = publish(settings, live)
    assert result.returncode == 0, result.stderr
    assert (live / "bai-viet/tin-moi/index.html").is_file()
    assert "Đã đăng" in result.stderr

    result = run("portal.publish", "--rollback", str(live))
    assert result.returncode == 0, result.stderr
    assert tree(live) == first
    assert not (live / "bai-viet/tin-moi").exists()
    # Back again, to the folder from before versioned publishing; then there
    # is nothing older: said, and nothing changes.
    assert run("portal.publish", "--rollback", str(live)).returncode == 0
    oldest = tree(live)
    result = run("portal.publish", "--rollback", str(live))
    assert result.returncode == 1
    assert "không còn bản trước" in result.stderr
    assert tree(live) == oldest


def test_a_check_error_publishes_nothing_and_says_why(live):
    content, settings = live.parent / "content", live.parent / "publish_test.py"
    before = tree(live)
    (content / "bai-viet/anh-thieu.md").write_text(
        article("Ảnh thiếu", "2024-01-02 08:00", body="![Ảnh]({static}/images/khong-co.jpg)"),
        "utf-8",
    )
    result = publish(settings, live)
    assert result.returncode == 1
    assert "anh-thieu.md:6: LỖI (error): không tìm thấy ảnh {static}/images/khong-co.jpg" in (
        result.stderr
    )
    assert "trang đang chạy" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(live) == before


def test_a_build_that_fails_verification_publishes_nothing(live):
    settings = live.parent / "publish_test.py"
    before = tree(live)
    with settings.open("a", encoding="utf-8") as out:
        out.write("PORTAL_PUBLISH_REQUIRED_FILES = ['index.html', 'tim-kiem/chi-muc.json']\n")
    result = publish(settings, live)
    assert result.returncode == 1
    assert "tim-kiem/chi-muc.json: thiếu tệp bắt buộc" in result.stderr
    assert tree(live) == before
    assert not list(live.parent.glob("public.versions/.staging-*"))


def test_a_publish_killed_at_any_step_leaves_the_live_site_as_it_was(live):
    content, settings = live.parent / "content", live.parent / "publish_test.py"
    before = tree(live)
    (content / "bai-viet/moi.md").write_text(article("Tin mới", "2024-03-25 08:00"), "utf-8")
    for step in STEPS:
        result = publish(settings, live, env={"PORTAL_PUBLISH_TEST_KILL_AT": step})
        assert result.returncode == -9, (step, result.stderr)
        assert tree(live) == before, step
    # The next publish cleans up after the killed ones and goes through, and
    # rollback returns to the build that was live, not to one that never was.
    result = publish(settings, live)
    assert result.returncode == 0, result.stderr
    assert (live / "bai-viet/tin-moi/index.html").is_file()
    assert not list(live.parent.glob("public.versions/.staging-*"))
    # The folder from before, the first publish, this one: no build that never went live.
    assert len(list(live.parent.glob("public.versions/0*"))) == 3
    assert run("portal.publish", "--rollback", str(live)).returncode == 0
    assert tree(live) == before


def test_a_live_folder_from_before_is_kept_for_rollback(live):
    assert "phuongbuoi.example.vn" in (live / "index.html").read_text("utf-8")
    assert run("portal.publish", "--rollback", str(live)).returncode == 0
    assert (live / "index.html").read_text("utf-8") == "bản cũ"


def test_drafts_are_never_published_and_scheduled_posts_wait_for_their_hanoi_time(live):
    assert (live / "bai-viet/vua-den-gio/index.html").is_file()
    assert not (live / "bai-viet/hen-gio").exists()
    assert not (live / "bai-viet/ban-nhap").exists()
    assert not (live / "ban-nhap").exists()
    everything = b"".join(p.read_bytes() for p in live.rglob("*") if p.suffix in (".html", ".xml"))
    assert "Hẹn giờ".encode() not in everything
    assert "Bản nháp".encode() not in everything


def test_deploy_copies_the_live_site_with_rsync(live):
    content, settings = live.parent / "content", live.parent / "publish_test.py"
    server = live.parent / "server"
    result = run("portal.deploy", str(settings), str(live))
    assert result.returncode == 0, result.stderr
    assert (server / "bai-viet/tiem-chung-mo-rong/index.html").read_bytes() == (
        live / "bai-viet/tiem-chung-mo-rong/index.html"
    ).read_bytes()
    # A post taken down disappears from the server at the next deploy.
    (content / "bai-viet/tiem-chung.md").unlink()
    (content / "bai-viet/khac.md").write_text(article("Tin khác", "2024-03-25 08:00"), "utf-8")
    assert publish(settings, live).returncode == 0
    assert run("portal.deploy", str(settings), str(live)).returncode == 0
    assert not (server / "bai-viet/tiem-chung-mo-rong").exists()
    assert (server / "bai-viet/tin-khac/index.html").is_file()
    assert not (server / ".lock").exists()


def test_deploy_without_a_target_says_what_to_set(tmp_path, settings):
    with settings.open("a", encoding="utf-8") as out:
        out.write("PORTAL_DEPLOY_TARGET = ''\n")
    result = run("portal.deploy", str(settings), str(tmp_path / "public"))
    assert result.returncode == 1
    assert "PORTAL_DEPLOY_TARGET" in result.stderr


def test_precompressed_files_are_the_same_bytes_every_time(tmp_path):
    # Enough files for the work to be shared among processes.
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for number in range(60):
            (folder / f"trang-{number}.html").write_text(f"<p>Bưởi {number}</p>\n" * 50, "utf-8")
        (folder / "nho.css").write_text("p{}", "utf-8")  # too small to gain anything
        assert precompress(folder) == 120
    assert not (tmp_path / "a/nho.css.gz").exists()
    for path in sorted((tmp_path / "a").glob("*.*.*")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
    page = (tmp_path / "a/trang-7.html").read_bytes()
    assert gzip.decompress((tmp_path / "a/trang-7.html.gz").read_bytes()) == page
    assert brotli.decompress((tmp_path / "a/trang-7.html.br").read_bytes()) == page


def test_verification_names_each_broken_link_feed_and_missing_file(tmp_path):
    site = tmp_path / "site"
    (site / "feeds").mkdir(parents=True)
    (site / "images").mkdir()
    (site / "images/co.jpg").write_bytes(b"jpeg")
    (site / "index.html").write_text(
        '<!doctype html><html lang="vi"><title>t</title>'
        '<a href="https://phuongbuoi.example.vn/bai-viet/khong-co/">x</a>'
        '<img src="/images/co.jpg" alt="c"><img src="/images/mat.jpg" alt="m">'
        '<a href="https://dichvucong.gov.vn/">ngoài</a></html>',
        "utf-8",
    )
    (site / "feeds/all.atom.xml").write_text("<feed><entry></feed>", "utf-8")
    (site / "feeds/all.json").write_text('{"items": [}', "utf-8")
    settings = {
        "SITEURL": "https://phuongbuoi.example.vn",
        "PORTAL_PUBLISH_REQUIRED_FILES": ["index.html", "tim-kiem/index/manifest.json"],
    }
    problems = verify(site, settings)
    assert problems[0] == "tim-kiem/index/manifest.json: thiếu tệp bắt buộc (required file missing)"
    assert problems[1:3] == [
        "index.html: liên kết hỏng (broken link) https://phuongbuoi.example.vn/bai-viet/khong-co/",
        "index.html: liên kết hỏng (broken link) /images/mat.jpg",
    ]
    assert problems[3].startswith("feeds/all.atom.xml: XML hỏng (does not parse)")
    assert problems[4].startswith("feeds/all.json: JSON hỏng (does not parse)")
    assert len(problems) == 5
    # A plugin's own step, named in the settings, runs after the built-in ones.
    extra = {**settings, "PORTAL_PUBLISH_VERIFY": ["tests.test_publish:_always_unhappy"]}
    assert verify(site, extra)[-1] == "index.html: không vui (unhappy)"


def _always_unhappy(site: Path, settings: dict) -> list[str]:
    return ["index.html: không vui (unhappy)"]


def test_the_quick_link_reader_finds_what_the_html_parser_finds(site):
    # The verification reads links by pattern for speed; on every page of the
    # sample site it must find exactly what the full parser (the crawl tests) finds.
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        page = read_page(path)
        expected = page.links + page.images + page.script_srcs
        assert sorted(page_urls(path)) == sorted(expected), path


def test_bad_publish_settings_are_all_listed_before_anything_happens(live):
    before = tree(live)
    settings = live.parent / "publish_test.py"
    with settings.open("a", encoding="utf-8") as out:
        out.write("PORTAL_PUBLISH_KEEP = 1\nPORTAL_PUBLISH_BROTLI_QUALITY = 12\n")
    result = publish(settings, live)
    assert result.returncode == 1
    assert "PORTAL_PUBLISH_KEEP = 1: expected a whole number, at least 2" in result.stderr
    assert "PORTAL_PUBLISH_BROTLI_QUALITY = 12: expected a whole number from 0 to 11" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert tree(live) == before
