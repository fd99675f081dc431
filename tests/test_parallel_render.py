"""Article pages rendered on every core give the same site as one process.

plugins/incremental_render queues the article, tag, category and archive
pages a build must render and shares them out among forks of the build
(parallel.py); a fork that fails or warns leaves its share to the build's
own process.
"""

import gc
import logging
import os
import re
import shutil

from fork_memory import fork_fits, frozen, living, resident_mib
from incremental_render.parallel import render_all
from tests.sitebuild import ROOT
from tests.test_incremental import _build, _finish, _settings_file, assert_same_tree


def _site(tmp_path, folders: tuple[str, ...], settings: str):
    """A copy of the sample content's ``folders`` and of the plugins, and a
    settings file with ``settings`` added."""
    content = tmp_path / "content"
    for folder in folders:
        shutil.copytree(ROOT / "content" / folder, content / folder)
    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    return _settings_file(tmp_path, ROOT / "theme", plugins, settings), content


def test_pages_rendered_in_forks_equal_a_build_in_one_process(tmp_path):
    forks, content = _site(
        tmp_path,
        ("bai-viet", "images", "trang", "albums", "van-ban"),
        "INCREMENTAL_RENDER_PARALLEL_MIN_PAGES = 1\nINCREMENTAL_RENDER_PROCESSES = 3\n",
    )
    log = _finish(_build(forks, content, tmp_path / "forks"))
    _finish(_build(forks, content, tmp_path / "one", full=True))
    assert_same_tree(tmp_path / "forks", tmp_path / "one")
    assert re.search(r"incremental_render: \d+ pages rendered in 3 processes", log), log


def test_a_share_whose_fork_fails_or_warns_is_rendered_by_the_build(tmp_path):
    build = os.getpid()
    seen_again = []

    def render(job, again):
        if os.getpid() != build:
            if job == 4:
                raise RuntimeError("a template error in a fork")
            if job == 5:
                logging.getLogger("theme").warning("a warning in a fork")
        elif again:
            seen_again.append(job)
        (tmp_path / str(job)).write_text(str(os.getpid()))

    render_all(list(range(9)), render, 3)
    assert sorted(int(p.name) for p in tmp_path.iterdir()) == list(range(9))
    # Shares are jobs[i::3]: the build keeps 0, 3, 6; job 4's fork failed and
    # job 5's warned, so both of their whole shares came back to the build.
    assert sorted(seen_again) == [1, 2, 4, 5, 7, 8]
    assert all((tmp_path / str(job)).read_text() == str(build) for job in seen_again)


def test_a_build_over_the_memory_budget_renders_in_one_process(tmp_path):
    settings, content = _site(
        tmp_path,
        ("bai-viet", "images"),
        "INCREMENTAL_RENDER_PARALLEL_MIN_PAGES = 1\nFORK_MEMORY_BUDGET_MIB = 64\n",
    )
    log = _finish(_build(settings, content, tmp_path / "out"))
    # Rendered as they come, in the build's own process: no queue, no forks.
    assert "pages rendered in" not in log, log
    assert "Incremental build: 0 pages rendered" not in log, log
    assert (tmp_path / "out" / "tim-kiem" / "index" / "manifest.json").is_file()


def test_a_bad_memory_budget_stops_the_build_at_start_up(tmp_path):
    settings, _ = _site(tmp_path, (), 'FORK_MEMORY_BUDGET_MIB = "2G"\n')
    process = _build(settings, ROOT / "content", tmp_path / "out")
    _, err = process.communicate()
    assert process.returncode == 1
    assert "FORK_MEMORY_BUDGET_MIB = '2G': expected a whole number of MiB" in err, err
    assert "Traceback" not in err


def test_forks_already_running_count_against_the_budget():
    budget = {"FORK_MEMORY_BUDGET_MIB": int(resident_mib() * 2.5)}
    assert fork_fits(budget)  # the build and one fork: 2 × its size
    with living():  # the search index's fork, say
        assert not fork_fits(budget)  # 3 × its size
    assert fork_fits(budget)


def test_nested_freezes_keep_the_objects_frozen_until_the_outermost_ends():
    """The search index's fork freezes the build's objects; the pages'
    forks freeze them again meanwhile: the inner block's end must not
    thaw what the outer one's fork still shares."""
    assert gc.get_freeze_count() == 0
    with frozen():
        with frozen():
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() > 0, "thawed by the inner block"
    assert gc.get_freeze_count() == 0
