"""View counts from access logs: what is a view, once per visit, logs that rotate."""

import gzip
import json
import logging
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build_site
from tools.access_logs import BOTS, BROWSERS, log_line
from view_counts.counting import update_views
from view_counts.logformat import line_head, parse_time, view_pattern
from view_counts.state import ViewState, load_state, save_state
from view_counts.urls import normalise_path

NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
A, B = "/bai-viet/tin-a/", "/bai-viet/tin-b/"
IDENTITIES = ["bai-viet/a.md", "bai-viet/b.md"]
PATHS = {A: 0, B: 1}


def at(minutes: int) -> datetime:
    return NOW - timedelta(hours=5) + timedelta(minutes=minutes)


def count(state: ViewState, files: list[Path]) -> dict[str, int]:
    update_views(state, files, IDENTITIES, PATHS, "/bai-viet/", 30 * 60, NOW)
    return {k: sum(v.values()) for k, v in state.counts.items()}


def test_a_combined_log_line_is_parsed():
    line = log_line("1.2.3.4", at(0), "/bai-viet/x/?a=1", 304, agent="Zalo").encode()
    [match] = view_pattern("/bai-viet/").finditer(line)
    assert match.groups() == (b"/bai-viet/x/?a=1", b"304", b"Zalo")
    ip, stamp = line_head(line, match.start())
    assert ip == b"1.2.3.4"
    assert parse_time(stamp) == int(at(0).timestamp())
    assert parse_time(b"27/Feb/2023:23:04:05 +0700") == parse_time(b"27/Feb/2023:16:04:05 +0000")
    assert view_pattern("/bai-viet/").findall(b"garbage\n") == []


@pytest.mark.parametrize(
    "variant",
    [
        "/bai-viet/tin-a/",
        "/bai-viet/tin-a",
        "/bai-viet/tin-a/index.html",
        "/bai-viet/tin-a/?utm_source=zalo&fbclid=x",
        "/bai-viet/tin%2Da/",
        "//bai-viet/tin-a/#binh-luan",
    ],
)
def test_url_variants_are_one_page(variant):
    assert normalise_path(variant) == "/bai-viet/tin-a/"


def test_only_successful_gets_of_article_pages_by_people_count(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        log_line("1.1.1.1", at(0), A)
        + log_line("1.1.1.2", at(1), A, status=304)
        + log_line("1.1.1.3", at(2), A, status=404)
        + log_line("1.1.1.4", at(3), A, method="POST")
        + log_line("1.1.1.5", at(4), A, method="HEAD")
        + log_line("1.1.1.6", at(5), "/theme/css/main.css")
        + log_line("1.1.1.7", at(6), "/chuyen-muc/y-te/")
        + "".join(log_line("2.2.2.2", at(7), A, agent=bot) for bot in BOTS)
        + log_line("3.3.3.3", at(8), A, agent="-")
    )
    assert count(ViewState(), [log]) == {"bai-viet/a.md": 2}


def test_a_visitor_counts_once_per_half_hour_of_reading(tmp_path):
    log = tmp_path / "access.log"
    same = [log_line("1.1.1.1", at(m), A) for m in (0, 10, 25, 50, 100)]
    other_browser = log_line("1.1.1.1", at(1), A, agent=BROWSERS[1])
    other_page = log_line("1.1.1.1", at(2), B)
    log.write_text("".join(same) + other_browser + other_page)
    # 0, 10, 25 and 50 are one visit (no gap of 30 minutes); 100 is a new one.
    assert count(ViewState(), [log]) == {"bai-viet/a.md": 3, "bai-viet/b.md": 1}


def test_rotated_and_gzipped_logs_are_read_once(tmp_path):
    live = tmp_path / "access.log"
    live.write_text("".join(log_line(f"1.1.1.{i}", at(i), A) for i in range(3)))
    state = ViewState()
    assert count(state, [live]) == {"bai-viet/a.md": 3}
    # logrotate: access.log → access.log.1 → access.log.2.gz, a new access.log.
    live.rename(tmp_path / "access.log.1")
    with open(tmp_path / "access.log.1", "a") as old:
        old.write(log_line("1.1.1.9", at(9), A))  # written before the rotation took effect
    with (
        open(tmp_path / "access.log.1", "rb") as plain,
        gzip.open(tmp_path / "access.log.2.gz", "wb") as packed,
    ):
        shutil.copyfileobj(plain, packed)
    (tmp_path / "access.log.1").unlink()
    live.write_text(log_line("1.1.1.20", at(20), B))
    files = sorted(tmp_path.iterdir())
    assert count(state, files) == {"bai-viet/a.md": 4, "bai-viet/b.md": 1}
    assert count(state, files) == {"bai-viet/a.md": 4, "bai-viet/b.md": 1}  # nothing new


def test_a_log_truncated_in_place_is_read_from_its_start(tmp_path):
    live = tmp_path / "access.log"
    live.write_text("".join(log_line(f"1.1.1.{i}", at(i), A) for i in range(5)))
    state = ViewState()
    count(state, [live])
    live.write_text(log_line("9.9.9.9", at(60), B))  # copytruncate, then a new request
    assert count(state, [live]) == {"bai-viet/a.md": 5, "bai-viet/b.md": 1}


def test_a_line_still_being_written_waits_for_the_next_build(tmp_path):
    live = tmp_path / "access.log"
    line = log_line("1.1.1.1", at(0), A)
    live.write_text(log_line("1.1.1.2", at(0), B) + line[:20])
    state = ViewState()
    assert count(state, [live]) == {"bai-viet/b.md": 1}
    live.write_text(log_line("1.1.1.2", at(0), B) + line)
    assert count(state, [live]) == {"bai-viet/a.md": 1, "bai-viet/b.md": 1}


def test_malformed_lines_are_skipped_and_reported_in_one_warning(tmp_path, caplog):
    log = tmp_path / "access.log"
    log.write_text(
        "rác\n" + log_line("1.1.1.1", at(0), A) + '"GET /bai-viet/tin-a/ hỏng\n' + "\x00\x01\n"
    )
    with caplog.at_level(logging.WARNING):
        assert count(ViewState(), [log]) == {"bai-viet/a.md": 1}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "3 dòng nhật ký không đúng định dạng combined đã được bỏ qua "
        "(malformed access-log lines skipped)."
    ]


def test_a_broken_or_unreadable_log_is_named_and_the_others_still_count(tmp_path, caplog):
    good = tmp_path / "access.log"
    good.write_text(log_line("1.1.1.1", at(0), A))
    broken = tmp_path / "access.log.2.gz"
    broken.write_bytes(gzip.compress(log_line("1.1.1.2", at(0), B).encode())[:-12] + b"junk")
    with caplog.at_level(logging.WARNING):
        assert count(ViewState(), [good, broken]) == {"bai-viet/a.md": 1}
    assert "access.log.2.gz: không đọc được nhật ký truy cập" in caplog.text


def test_state_file_holds_no_ip_or_user_agent(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(log_line("203.113.45.67", NOW - timedelta(minutes=5), A))
    state = ViewState()
    count(state, [log])
    save_state(tmp_path / "state.json", state)
    text = (tmp_path / "state.json").read_text("utf-8")
    assert "203.113" not in text and "Mozilla" not in text and "Android" not in text
    assert json.loads(text)["counts"] == {"bai-viet/a.md": {"2026-11-28": 1}}
    # A visit still open is remembered for the next build, as a salted hash.
    reloaded = load_state(tmp_path / "state.json")
    log.write_text(log.read_text() + log_line("203.113.45.67", NOW - timedelta(minutes=1), A))
    assert count(reloaded, [log]) == {"bai-viet/a.md": 1}


def test_a_corrupt_state_file_is_rebuilt_with_a_warning(tmp_path, caplog):
    path = tmp_path / "state.json"
    path.write_text("{ không phải json")
    with caplog.at_level(logging.WARNING):
        state = load_state(path)
    assert state.counts == {} and state.files == {}
    assert "state.json: tệp trạng thái lượt xem bị hỏng" in caplog.text


# The whole build, with logs of the sample site.

SEED = "phuong-buoi-trien-khai-ke-hoach-chi-bo-4-tot-dang-vien-4-tot"
VNEID = "phuong-buoi-huong-dan-nguoi-dan-cai-dat-va-su-dung-ung-dung-vneid"


def write_settings(folder: Path) -> Path:
    settings = folder / "views_conf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        "VIEW_COUNTS_ENABLED = True\nVIEW_COUNTS_LOGS = ['logs/access.log*']\n",
        encoding="utf-8",
    )
    return settings


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "logs").mkdir()
    now = datetime.now(UTC)
    lines = [log_line(f"10.0.0.{i}", now - timedelta(days=2, minutes=i), f"/bai-viet/{SEED}/")
             for i in range(3)]  # fmt: skip
    lines += [log_line(f"10.0.1.{i}", now - timedelta(days=1, minutes=i), f"/bai-viet/{VNEID}/")
              for i in range(5)]  # fmt: skip
    lines.append(log_line("10.0.2.1", now - timedelta(days=90), f"/bai-viet/{SEED}/"))
    (tmp_path / "logs" / "access.log").write_text("".join(sorted(lines, key=lambda s: s[20:40])))
    return tmp_path


def test_counts_show_on_articles_and_most_read_lists(project):
    build_site(project / "out", content=project / "content", settings=write_settings(project))
    seed = (project / "out" / "bai-viet" / SEED / "index.html").read_text("utf-8")
    assert re.search(r"Ngày đăng <time[^>]*>27/02/2023 \| 23:04</time> \| Lượt xem: 4", seed)
    home = (project / "out" / "index.html").read_text("utf-8")
    most_read = re.search(r'<section class="most-read".*?</section>', home, re.S).group(0)
    # Last 30 days: VNeID 5, seed 3 (its 90-day-old view counts in the total only).
    assert re.findall(r'href="/bai-viet/([^/]+)/"', most_read) == [VNEID, SEED]
    category = (project / "out/chuyen-muc/thong-tin-co-so/index.html").read_text("utf-8")
    assert "Đọc nhiều" in category
    state = (project / "cache" / "view-counts.json").read_text("utf-8")
    assert "10.0." not in state and "Mozilla" not in state


def test_a_changed_slug_keeps_its_count(project):
    settings = write_settings(project)
    build_site(project / "out", content=project / "content", settings=settings)
    source = project / "content/bai-viet/2023" / f"{SEED}.md"
    source.write_text(source.read_text("utf-8").replace(f"Slug: {SEED}", "Slug: chi-bo-4-tot"))
    build_site(project / "out2", content=project / "content", settings=settings)
    page = (project / "out2/bai-viet/chi-bo-4-tot/index.html").read_text("utf-8")
    assert "Lượt xem: 4" in page


def test_counting_is_off_in_development_builds(site):
    seed = (site / "bai-viet" / SEED / "index.html").read_text("utf-8")
    assert "Lượt xem" not in seed
