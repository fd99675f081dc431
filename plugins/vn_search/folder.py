"""The index's folders in the output, kept in order by the index itself.

Every file of the index but ``manifest.json`` lies in one of FOLDERS, which
hold nothing else, and every build names each file it wants there (its
writer's names, or the kept index's). So the index removes what else they
hold (an article fewer: its text; a shard fewer) and the build's sweep
(incremental_render/sweep.py) leaves them alone: a file kept from the last
build needs no ``mark_kept`` (a ``utime``) for the sweep to spare it, and
the sweep's listing no ``stat``. That is 7,600 files of each edit at 5,000
articles, 70,000 at 50,000.

A kept file is a hard link to the cache's, and is known by its inode,
recorded when it was written: one ``stat`` of the output's file, not one
of each (``os.path.samestat``) on every build (kept.keep_in_place).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Collection
from pathlib import Path

logger = logging.getLogger(__name__)

# Where index.py writes its files: shards, postings, docs, texts.
FOLDERS = ("d", "p", "s", "t")


def leave_to_index(output_path: str, index_path: str) -> None:
    """Before the build writes its pages: the index's folders are its own."""
    from incremental_render import leave_folder  # Pelican's side only, not the workers'

    for name in FOLDERS:
        leave_folder(output_path, f"{index_path.rstrip('/')}/{name}")


def remove_strays(folder: Path, wanted: Collection[str]) -> int:
    """Remove every file of ``folder``'s FOLDERS that ``wanted`` (names
    relative to ``folder``) does not name, and those folders if they are
    left empty; how many files."""
    removed = 0
    for name in FOLDERS:
        try:
            entries = list(os.scandir(folder / name))
        except FileNotFoundError:
            continue
        for entry in entries:
            if f"{name}/{entry.name}" in wanted:
                continue
            if entry.is_dir(follow_symlinks=False):
                logger.warning("vn_search: %s is no index file; left as it is", entry.path)
                continue
            os.unlink(entry.path)
            removed += 1
        with contextlib.suppress(OSError):  # not empty: it holds this build's files
            os.rmdir(folder / name)
    return removed
