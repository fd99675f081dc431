"""Article pages rendered on every core give the same site as one process.

plugins/incremental_render queues the article, tag, category and archive
pages a build must render and shares them out among forks of the build
(parallel.py); a fork that fails or warns leaves its share to the build's
own process.
"""

import logging
import os
import re
import shutil

from incremental_render.parallel import render_all
from tests.sitebuild import ROOT
from tests.test_incremental import _build, _finish, _settings_file, assert_same_tree


def test_pages_rendered_in_forks_equal_a_build_in_one_process(tmp_path):
    content = tmp_path / "content"
    for folder in ("bai-viet", "images", "trang", "albums", "van-ban"):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    forks = _settings_file(
        tmp_path,
        ROOT / "theme",
        plugins,
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
