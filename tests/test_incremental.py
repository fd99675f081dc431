"""Incremental builds give the same bytes as a full build, for every kind of edit.

One full build of a small site (the sample content plus 24 generated
articles, so that category and tag pages have several pages) is the starting
state. Each case copies it (output hard-linked, as a previous build leaves
it), applies one edit, rebuilds incrementally on that output, builds the
edited site from scratch with PORTAL_FULL_BUILD=1, and compares the two
trees file by file.
"""

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.sitebuild import PINNED_ENV, ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from incremental_render.state import manifest_path

CACHE = ROOT / "cache"  # pelicanconf's CACHE_PATH: Pelican's default, cache/
ARTICLE = "bai-viet/2024/soi-noi-giai-bong-da-thieu-nien-phuong-buoi-he-2024.md"
PHOTO = "images/2024/bong-da-thieu-nien/tran-dau.jpg"
GENERATED = "bai-viet/2022"
TAGS = ["Tổ dân phố", "Môi trường", "Phường Bưởi"]


def _generated_article(i: int) -> str:
    return (
        f"Title: Tổ dân phố số {i} họp bàn kế hoạch tháng {i % 12 + 1}\n"
        f"Date: 2022-{i % 12 + 1:02d}-{i % 27 + 1:02d} 08:{i:02d}\n"
        "Category: Thông tin cơ sở\n"
        f"Slug: to-dan-pho-{i:02d}\n"  # retitling keeps the address, as editors do
        f"Tags: {TAGS[i % 3]}, {TAGS[(i + 1) % 3]}\n"
        "Author: Trung tâm VHTT&TT Tây Hồ\n\n"
        f"Tổ dân phố số {i} họp bàn kế hoạch: vệ sinh ngõ xóm, an ninh trật tự.\n\n"
        f"Đoạn thứ hai của bài {i}: các hộ gia đình thống nhất lịch trực.\n"
    )


def _settings_file(folder: Path, theme: Path, plugins: Path, extra: str = "") -> Path:
    # The plugins as they were when the module started: their code is in
    # every page's key, and other work on plugins/ must not change the keys
    # between the starting build and an edit's build.
    path = folder / "settings.py"
    path.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(plugins)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"sys.path.remove({str(plugins)!r})\n"
        f"sys.path.insert(0, {str(plugins)!r})\n"
        f"PLUGIN_PATHS = [{str(plugins)!r}]\n"
        f"THEME = {str(theme)!r}\n{extra}",
        encoding="utf-8",
    )
    return path


def _build(settings: Path, content: Path, output: Path, full: bool = False):
    env = {**os.environ, **PINNED_ENV, "PORTAL_FULL_BUILD": "1" if full else ""}
    command = [sys.executable, "-m", "portal.build", str(settings), str(output)]
    command += ["--content", str(content), "--verbose"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _both(settings: Path, content: Path, output: Path, full_output: Path) -> str:
    """The full build (from its own copy of the content: the photo caches'
    indexes are per content folder) runs beside the incremental one."""
    source = full_output.parent / "full-content"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(content, source)
    full = _build(settings, source, full_output, full=True)
    log = _finish(_build(settings, content, output))
    _finish(full)
    return log


def _finish(process) -> str:
    out, err = process.communicate()
    assert process.returncode == 0, f"build failed\n{out}\n{err}"
    return err


def _tree(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in folder.rglob("*") if p.is_file()}


def assert_same_tree(incremental: Path, full: Path) -> None:
    got, want = _tree(incremental), _tree(full)
    assert sorted(set(got) - set(want)) == [], "files the full build does not make"
    assert sorted(set(want) - set(got)) == [], "files the incremental build missed"
    for name in sorted(want):
        a, b = got[name].read_bytes(), want[name].read_bytes()
        if a != b:
            diff = difflib.unified_diff(
                b.decode(errors="replace").splitlines(),
                a.decode(errors="replace").splitlines(),
                f"full/{name}",
                f"incremental/{name}",
                lineterm="",
                n=1,
            )
            pytest.fail(f"{name} differs from the full build:\n" + "\n".join(list(diff)[:40]))


def _kept_whole(log: str) -> int:
    """How many pages were kept with their paginated list (writer._kept_group)."""
    return int(re.search(r"\((\d+) of them in lists kept whole\)", log).group(1))


def _counts(log: str) -> tuple[int, int]:
    line = next(x for x in log.splitlines() if "Incremental build:" in x and "rendered" in x)
    words = line.split("Incremental build:")[1].split()
    return int(words[0]), int(words[3])  # rendered, kept


@pytest.fixture(scope="module")
def start(tmp_path_factory):
    """The site before any edit, built once (full), with its manifest."""
    root = tmp_path_factory.mktemp("incremental")
    content = root / "content"
    # Articles, their photos and the pages; albums and legal documents have
    # their own tests, and leaving them out keeps each build short.
    for folder in ("bai-viet", "images", "trang"):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    (content / GENERATED).mkdir(parents=True)
    for i in range(24):
        (content / GENERATED / f"to-dan-pho-{i:02d}.md").write_text(
            _generated_article(i), encoding="utf-8"
        )
    theme = root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    plugins = root / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    settings = _settings_file(root, theme, plugins)
    output = root / "output"
    _finish(_build(settings, content, output))
    assert manifest_path(CACHE, output).is_file()
    yield root
    manifest_path(CACHE, output).unlink(missing_ok=True)


@pytest.fixture
def forget_manifest(tmp_path):
    yield
    manifest_path(CACHE, tmp_path / "output").unlink(missing_ok=True)


def _case(start: Path, tmp: Path):
    """A copy of the starting state as the previous build left it."""
    content = tmp / "content"
    shutil.copytree(start / "content", content)
    output = tmp / "output"
    shutil.copytree(start / "output", output, copy_function=os.link)
    shutil.copy(manifest_path(CACHE, start / "output"), manifest_path(CACHE, output))
    return content, output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _new_photo(path: Path) -> None:
    with Image.open(path) as photo:
        size = (photo.width // 2, photo.height // 2 + 7)
    Image.new("RGB", size, (200, 40, 40)).save(path, quality=80)


def _body(c):
    _edit(c / ARTICLE, "\n\n", "\n\nMột đoạn mới do biên tập viên thêm.\n\n")


def _title(c):
    _edit(c / GENERATED / "to-dan-pho-05.md", "họp bàn", "tổng kết")


def _category(c):
    _edit(c / GENERATED / "to-dan-pho-07.md", "Category: Thông tin cơ sở", "Category: Y tế")


def _tags(c):
    _edit(c / GENERATED / "to-dan-pho-08.md", "Tags: ", "Tags: Phòng dịch, ")


def _date(c):
    _edit(c / GENERATED / "to-dan-pho-09.md", "Date: 2022-", "Date: 2021-")


def _summary(c):
    # No Summary: line, so the first paragraph is the summary lists show.
    _edit(c / GENERATED / "to-dan-pho-10.md", "Tổ dân phố số 10 họp", "Tổ dân phố số 10 đã họp")


def _delete(c):
    (c / GENERATED / "to-dan-pho-11.md").unlink()


def _add(c):
    text = _generated_article(30).replace("Date: 2022-07-04", "Date: 2026-12-30")
    (c / GENERATED / "to-dan-pho-30.md").write_text(text, encoding="utf-8")


def _photo(c):
    _new_photo(c / PHOTO)


def _page(c):
    _edit(c / "trang/gioi-thieu.md", "\n\n", "\n\nMột câu giới thiệu mới.\n\n")


# Each case is two builds, so unrelated edits share one: each touches other
# articles, and none of them re-renders every page (which would hide the
# others' mistakes). Adding the newest article changes the "Tin mới" aside
# of every article page, so it has a case of its own.
CASES = {
    "body": [_body],
    "title": [_title],
    "category-and-tags": [_category, _tags],
    "date-and-summary": [_date, _summary],
    "delete-photo-page": [_delete, _photo, _page],
    "add": [_add],
}


@pytest.mark.parametrize("case", list(CASES))
def test_incremental_build_equals_full_build(start, tmp_path, case, forget_manifest):
    content, output = _case(start, tmp_path)
    # The case's output is hard links to the starting one: a build that
    # wrote through a file instead of replacing it would change both.
    before = {name: path.read_bytes() for name, path in _tree(start / "output").items()}
    for edit in CASES[case]:
        edit(content)
    log = _both(start / "settings.py", content, output, tmp_path / "full")
    assert_same_tree(output, tmp_path / "full")
    after = {name: path.read_bytes() for name, path in _tree(start / "output").items()}
    assert after == before, "the build wrote through a file of the previous output"
    rendered, kept = _counts(log)
    assert kept > 0, "the incremental build rendered every page"
    if case == "body":
        # Its own page and the feeds that carry its text (the site's RSS,
        # Atom and JSON, its category's RSS and Atom), no other: the edit is
        # past the first paragraph, so the summary that lists and
        # neighbours show is unchanged, and other categories' feeds are kept.
        assert rendered == 1 + 5, log
        # Its tags' and category's pages list it unchanged: kept as lists.
        assert _kept_whole(log) > 10, log
    if case == "title":
        # The lists that show the new title are keyed page by page again.
        assert 0 < _kept_whole(log) < kept, log
        # PORTAL_FULL_BUILD=1 leaves no manifest: the next build is full too.
        assert not manifest_path(CACHE, tmp_path / "full").exists()


def test_template_and_setting_edits_render_everything_they_should(start, tmp_path, forget_manifest):
    content, output = _case(start, tmp_path)
    # The same theme folder as the starting build, so only its bytes change.
    os.rename(start / "theme", start / "theme.original")
    try:
        shutil.copytree(start / "theme.original", start / "theme")
        footer = start / "theme/templates/_site_footer.html"  # rendered once per build
        _edit(footer, "<footer", '<p class="mark">mới</p>\n<footer')
        _both(start / "settings.py", content, output, tmp_path / "full")
        assert_same_tree(output, tmp_path / "full")
        assert 'class="mark"' in (output / "bai-viet").rglob("index.html").__next__().read_text()

        # Then a setting that every page prints, on top of that build.
        changed = _settings_file(
            tmp_path, start / "theme", start / "plugins", 'SITE_SHORTNAME = "Bưởi mới"\n'
        )
        shutil.rmtree(tmp_path / "full")
        _both(changed, content, output, tmp_path / "full")
        assert_same_tree(output, tmp_path / "full")
    finally:
        shutil.rmtree(start / "theme")
        os.rename(start / "theme.original", start / "theme")


def test_no_change_rebuild_renders_nothing(start, tmp_path, forget_manifest):
    content, output = _case(start, tmp_path)
    log = _finish(_build(start / "settings.py", content, output))
    rendered, kept = _counts(log)
    assert rendered == 0 and kept > 50, log
    assert _kept_whole(log) > 10, log


@pytest.mark.parametrize("listed", ["after the build", "while it writes"])
def test_the_sweep_removes_only_what_the_build_neither_made_nor_kept(tmp_path, listed):
    from cache_files import mark_kept
    from incremental_render.sweep import OldFiles, file_system_now

    output = tmp_path / "output"
    old = {
        "bai-cu/index.html": "trang của bài đã xoá",
        "bai-giu/index.html": "trang giữ nguyên",
        "anh/giu.jpg": "ảnh giữ nguyên",
        "tim-kiem/index/p/9-0.bin": "tệp chỉ mục thừa",
        "tim-kiem/index/t/0.bin": "tệp của một thư mục plugin tự dọn",
        "index.html": "trang chủ cũ",
    }
    for name, text in old.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(text, encoding="utf-8")
    # The file system dates changes in ticks of a few milliseconds: the
    # build begins on the tick after the old files' (a loop of stat calls
    # that ends on the next tick, not a sleep).
    before = file_system_now(output)
    while (began := file_system_now(output)) == before:
        pass
    # The warm build lists the folder in a thread while it writes its last
    # files: what it writes or keeps meanwhile is looked at again.
    # A plugin keeps tim-kiem/index/t in order itself: never swept, and not
    # listed if it says so before the listing gets there.
    left = {"tim-kiem/index/t"}
    old_files = OldFiles(output, began, {}, left) if listed == "while it writes" else None
    if old_files is not None:
        assert len(old_files.listed()) == len(old) - 1  # listed before anything is written
    (output / "index.html").write_text("trang chủ mới", encoding="utf-8")  # written
    (output / "bai-moi").mkdir()
    (output / "bai-moi" / "index.html").write_text("bài mới", encoding="utf-8")
    kept_photo = output / "anh" / "giu.jpg"
    mark_kept(kept_photo, os.stat(kept_photo))  # kept by another plugin

    if old_files is None:  # listed after the build, the folder left only then
        left_late: set[str] = set()
        old_files = OldFiles(output, began, {}, left_late)
        assert "tim-kiem/index/t/0.bin" in old_files.listed()
        left_late.update(left)
    kept = {"bai-giu/index.html"}
    removed = old_files.sweep(kept)

    found = {str(p.relative_to(output)) for p in output.rglob("*") if p.is_file()}
    assert found == {
        "index.html",
        "bai-moi/index.html",
        "bai-giu/index.html",
        "anh/giu.jpg",
        "tim-kiem/index/t/0.bin",
    }
    assert removed == 2
    assert not (output / "bai-cu").exists(), "a folder left empty goes too"
    assert not (output / "tim-kiem" / "index" / "p").exists()
    assert (output / "anh" / "giu.jpg").read_text(encoding="utf-8") == "ảnh giữ nguyên"


def test_the_warm_build_process_equals_full_builds_and_reports_every_time(
    start, tmp_path, forget_manifest
):
    """``invoke serve``'s builds (portal.warm_build): one process, several
    saves. Each result equals a full build; a warning is reported on every
    save while it stands, not once per process; a broken file fails the
    build with its name, and the next save builds again."""
    from portal.warm_build import WarmBuilder

    content, output = _case(start, tmp_path)
    log = tmp_path / "warm.log"
    with log.open("w", encoding="utf-8") as stderr:
        builder = WarmBuilder(
            start / "settings.py", output, ROOT, content, stderr, env={**os.environ, **PINNED_ENV}
        )
        try:
            missing = "![Ảnh chưa có]({static}/images/2023/khong-co-anh-nay.jpg)"
            _edit(content / ARTICLE, "\n\n", f"\n\n{missing}\n\n")
            assert builder.build() == 0
            _title(content)
            assert builder.build() == 0
            # The same process built both: a warning stands until it is fixed.
            assert log.read_text(encoding="utf-8").count("khong-co-anh-nay.jpg") == 2
            _full(start, content, tmp_path / "full")
            assert_same_tree(output, tmp_path / "full")

            broken = content / GENERATED / "to-dan-pho-05.md"
            _edit(broken, "Date: 2022-", "Date: 2022-13-")
            assert builder.build() == 1
            assert "to-dan-pho-05.md" in log.read_text(encoding="utf-8")
            _edit(broken, "Date: 2022-13-", "Date: 2022-")
            _body(content)
            assert builder.build() == 0
        finally:
            builder.stop()
    _full(start, content, tmp_path / "full")
    assert_same_tree(output, tmp_path / "full")


def test_the_warm_process_reads_only_changed_files_and_equals_full_builds(
    start, tmp_path, forget_manifest
):
    """The warm process keeps the articles it read (build_speed/warm_articles.py):
    after each kind of edit it reads only what changed, and every result
    equals a full build of the same content. A photo replaced changes the
    catalog every body is made from: everything is read again."""
    from portal.warm_build import WarmBuilder

    content, output = _case(start, tmp_path)
    log = tmp_path / "warm.log"

    def kept_by_last_build() -> int:
        lines = [
            line for line in log.read_text(encoding="utf-8").splitlines() if "articles kept" in line
        ]
        return int(lines[-1].split("warm build:")[1].split()[0])

    with log.open("w", encoding="utf-8") as stderr:
        builder = WarmBuilder(
            start / "settings.py",
            output,
            ROOT,
            content,
            stderr,
            env={**os.environ, **PINNED_ENV},
            verbose=True,
        )
        try:
            assert builder.build() == 0
            assert kept_by_last_build() == 0  # a new process has read nothing yet
            steps = [
                ("title", [_title], 1),
                ("category-and-tags", [_category, _tags], 2),
                ("date-and-summary", [_date, _summary], 2),
                ("add", [_add], 1),
                ("delete-page", [_delete, _page], 0),
                ("body", [_body], 1),
                ("photo", [_photo], None),
            ]
            for name, edits, read_again in steps:
                for edit in edits:
                    edit(content)
                assert builder.build() == 0, name
                articles = len(list((content / "bai-viet").rglob("*.md")))
                if read_again is not None:
                    # One sample article warns here (its photo strip names an album
                    # this site lacks): it is read again on every build, to warn.
                    assert kept_by_last_build() == articles - read_again - 1, name
                else:
                    assert kept_by_last_build() == 0, name
                _full(start, content, tmp_path / "full")
                assert_same_tree(output, tmp_path / "full")
        finally:
            builder.stop()


_COUNT_ARTICLES_AFTER_SAVES = """
import gc, io, sys
from pelican.contents import Article
from portal import warm_build
sys.stdin = io.StringIO("build\\n" * int(sys.argv[1]))
code = warm_build.main(sys.argv[2:])
gc.collect()
print("alive", code, sum(isinstance(o, Article) for o in gc.get_objects()), file=sys.stderr)
"""


def test_the_warm_process_lets_each_builds_articles_go(start, tmp_path, forget_manifest):
    """``invoke serve`` runs for a whole working day: what a save's build made
    must not outlive it. Pelican memoizes every article's HTML in caches held
    by its class; left alone they held each build's articles, some 12 MB per
    save at 5,000 articles. After three saves the process holds what it
    keeps to read less (warm_articles): each article as read and the copy
    of it made for the next save, nothing more."""
    content, output = _case(start, tmp_path)
    command = [sys.executable, "-c", _COUNT_ARTICLES_AFTER_SAVES, "3"]
    command += [str(start / "settings.py"), str(output), "--content", str(content)]
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **PINNED_ENV}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "0\n0\n0\n"  # three saves, three builds
    _alive, code, articles = done.stderr.splitlines()[-1].split()
    assert code == "0"
    # One sample article warns on every build (its photo strip names an
    # album this site lacks), so it is read again each time, never kept.
    kept = len(list((content / "bai-viet").rglob("*.md"))) - 1
    assert int(articles) == 2 * kept, done.stderr[-2000:]


def _full(start: Path, content: Path, output: Path) -> None:
    shutil.rmtree(output, ignore_errors=True)
    source = output.parent / "full-content"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(content, source)
    _finish(_build(start / "settings.py", source, output, full=True))


def test_page_keys_tell_where_each_part_ends():
    from incremental_render.fingerprint import hexdigest

    assert hexdigest("ab", "c") != hexdigest("a", "bc")
    assert hexdigest("") != hexdigest() != hexdigest("", "")
    assert hexdigest("Đảng", "viên") == hexdigest("Đảng", "viên")


def test_a_page_outside_the_output_is_refused_every_time(tmp_path, monkeypatch):
    """writer._output_path remembers Pelican's sanitised_join: the same
    paths, and a name that leaves the output folder raises every time."""
    import warm_process
    from pelican.utils import sanitised_join

    from incremental_render.writer import _output_path

    base = str(tmp_path / "output")
    for warm in (False, True):  # remembered in the warm build process only
        monkeypatch.setattr(warm_process, "_warm", warm)
        for name in ("index.html", "bai-viet/tin/index.html", "a/../b.html"):
            assert _output_path(base, name) == sanitised_join(base, name)
        for _ in range(2):
            with pytest.raises(RuntimeError):
                _output_path(base, "../ngoai/index.html")
