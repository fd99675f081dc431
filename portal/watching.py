"""Builds start the moment a file is saved, for ``invoke serve``.

livereload looks for changes by polling: every 0.8 s it lists and stats
every watched file. A save therefore waits 0.4 s on average (up to 0.8 s)
before its build starts, and while the editor only reads, the preview keeps
listing the whole content folder. Here the operating system tells instead
(inotify, through watchfiles): a save starts its build about 50 ms later,
and nothing runs while nothing changes.

Only *when* to look changes. livereload's own ``examine`` still decides
which task a change belongs to (content or code), by the modification times
it keeps, exactly as when it polls.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import watchfiles
from livereload.watcher import Watcher
from tornado import ioloop

logger = logging.getLogger(__name__)

# How long a burst of writes (an editor saving several files, a photo being
# copied) may go quiet before it is taken as one change, in milliseconds.
QUIET_MS = 50
# Where the operating system cannot tell (no inotify, its limit reached).
POLL_MS = 300


class SaveWatcher(Watcher):
    """A livereload watcher told of changes by the operating system, under
    the folder (or file) each watched pattern starts with."""

    def __init__(self):
        super().__init__()
        self.paths: set[Path] = set()
        self.stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def watch(self, path, func=None, delay=None, ignore=None):
        # "…/content/**/*" is watched from "…/content"; a file, as it is.
        self.paths.add(Path(str(path).split("*", 1)[0]))
        super().watch(path, func, delay, ignore)

    def start(self, callback) -> bool:
        """livereload's hook, on its event loop: ``callback`` (its
        ``poll_tasks``) runs on that loop after each change. True: no polling."""
        if self._thread is None:
            loop = ioloop.IOLoop.current()
            self._thread = threading.Thread(
                target=self._wait_for_changes,
                args=(loop, callback),
                name="save-watcher",
                daemon=True,
            )
            self._thread.start()
            # As livereload's inotify watcher does: take now what livereload
            # queued at start-up, or the first save would only consume that.
            callback()
        return True

    def stop(self) -> None:
        self.stopped.set()

    def _wait_for_changes(self, loop, callback) -> None:
        try:
            self._watch(loop, callback, polling=False)
        except (OSError, RuntimeError) as error:  # no inotify, or its limit reached
            logger.warning(
                "The system cannot report saved files (%s): looking for changes "
                "every %.1f s instead",
                error,
                POLL_MS / 1000,
            )
            self._watch(loop, callback, polling=True)

    def _watch(self, loop, callback, polling: bool) -> None:
        changes = watchfiles.watch(
            *sorted(path for path in self.paths if path.exists()),
            step=QUIET_MS,
            stop_event=self.stopped,
            raise_interrupt=False,
            force_polling=polling,
            poll_delay_ms=POLL_MS,
        )
        for changed in changes:
            logger.debug("changed: %s", ", ".join(sorted(path for _kind, path in changed)))
            loop.add_callback(callback)  # the one thread-safe call of a tornado loop
