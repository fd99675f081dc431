"""The output folder updated in place: what the last build made and this one did not.

An incremental build leaves the output folder where it is: unchanged pages
stay as they are, changed ones are replaced. Moving the folder aside and
linking every unchanged file back (as the first version did) costs a
``mkdir`` and a ``link`` per file, then a deletion per file of the old
folder: some 2.6 s of disk work on every edit at 5,000 articles, ten times
that at 50,000.

What the new build no longer makes (the pages of a deleted article, the
feed of a category that is gone, an index file fewer, whichever plugin
wrote it) must still go. The rule: every file a build wants in the output
is either written during the build, or is one of its pages kept by the
Writer (the build's manifest names them), or is kept by another plugin that
says so with ``cache_files.mark_kept`` (a photo's renditions), which moves
its ctime and nothing else. Whatever else has a ctime from before the build
began is left from an earlier build: removed, with the folders it leaves
empty. A folder a plugin keeps in order itself (``leave_folder`` in this
package: the search index's, whose files it knows by name) is neither
listed nor swept here: the 7,600 index files of a 5,000-article site then
cost no ``utime`` in the plugin nor ``stat`` in this listing on every edit.

The folder is listed in a thread (``OldFiles``), started while the build
still writes its last files and waits for the search index's fork, which
leaves the build's process idle: after the build, only what that listing
found dated from before the build and not kept is looked at again (a file
written or kept meanwhile has a new ctime), not every folder of the output
(6,500 of them at 5,000 articles: 0.1 s of each edit).

The build's start is read from the file system's own clock, in the output
folder itself (the ctime of a file made there for the purpose and removed
at once): the clock, and the rounding, of every ctime the sweep compares
it with. If that clock went backwards during the build, nothing is
removed: a stale file lives until the next build rather than a wanted one
being lost.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
from collections.abc import Container
from pathlib import Path

logger = logging.getLogger(__name__)


def file_system_now(folder: Path) -> int:
    """Now, in nanoseconds, as the file system dates a change in ``folder``."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".incremental-clock-")
    try:
        return os.fstat(handle).st_ctime_ns
    finally:
        os.close(handle)
        os.unlink(name)


class OldFiles:
    """The files of ``output`` dated before ``began_ns``, but those named in
    ``kept`` (the build's own so far: a container the build adds to while
    this runs) and those in the folders named in ``left`` (relative to
    ``output``, without a trailing "/"; the build's too), listed in a
    thread from now on."""

    def __init__(
        self, output: Path, began_ns: int, kept: Container[str], left: Container[str] = ()
    ) -> None:
        # Every path listed starts with it: the folders above are never climbed.
        self.output, self.began_ns, self.kept = os.path.normpath(output), began_ns, kept
        self.left = left
        self._found: list[str] = []  # relative to output: one short str per file
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="incremental-sweep", daemon=True)
        self._thread.start()

    def sweep(self, kept: Container[str]) -> int:
        """Remove the files listed that are still dated before the build and
        not in ``kept`` nor in the folders ``left``, and the folders they
        leave empty; how many."""
        found = self.listed()
        if file_system_now(Path(self.output)) < self.began_ns:
            logger.warning(
                "incremental_render: the clock went back during the build; files left by "
                "earlier builds are removed by the next one"
            )
            return 0
        removed = 0
        emptied: set[str] = set()
        for relative in found:
            path = os.path.join(self.output, relative)
            if relative in kept or not _older(path, self.began_ns):
                continue
            if _inside(relative, self.left):
                continue  # a plugin's to keep in order (a folder left after the listing passed)
            logger.debug("incremental_render: %s is no longer made, removed", relative)
            os.unlink(path)
            removed += 1
            folder = os.path.dirname(path)
            while folder != self.output and folder not in emptied:
                emptied.add(folder)
                folder = os.path.dirname(folder)
        # Never the output folder itself: a site with nothing in it is still a site.
        for folder in sorted(emptied, key=len, reverse=True):
            with contextlib.suppress(OSError):  # not empty: it holds this build's files
                os.rmdir(folder)
        return removed

    def listed(self) -> list[str]:
        """Once the listing is done: each file found, relative to the output."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found

    def _run(self) -> None:
        try:
            self._list(self.output, "")
        except BaseException as error:  # raised again where the sweep runs
            self._error = error

    def _list(self, folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            return
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if relative not in self.left:
                    self._list(entry.path, relative + "/")
            elif relative not in self.kept and _older(entry.path, self.began_ns):
                self._found.append(relative)


def _inside(relative: str, folders: Container[str]) -> bool:
    """Whether the file at ``relative`` is in one of ``folders``, at any depth."""
    folder = os.path.dirname(relative)
    while folder:
        if folder in folders:
            return True
        folder = os.path.dirname(folder)
    return False


def _older(path: str, began_ns: int) -> bool:
    try:
        return os.stat(path, follow_symlinks=False).st_ctime_ns < began_ns
    except FileNotFoundError:
        return False
