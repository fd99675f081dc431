"""Unchanged pages linked into the new output by a thread, while the build
digests the next pages.

A rebuild in which one article changed still links thousands of pages from
the previous output, each in a folder of its own: a ``mkdir`` and a ``link``
per page, about half a millisecond together on the build machine's disk,
some 3 s at 5,000 articles. Both calls release the GIL, so a thread makes
them while the build's own thread computes page keys, which is CPU work.

``wait()`` before anything reads the output or forks (the page renderers,
the end of the build): it raises the first error the thread met.
"""

from __future__ import annotations

import os
import queue
import threading


class BackgroundLinks:
    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._error: OSError | None = None

    def link(self, source: str, target: str) -> None:
        """Hard-link ``source`` to ``target``, making its folder; soon."""
        if self._thread is None:
            # A daemon: a build that fails before wait() must still exit.
            self._thread = threading.Thread(target=self._run, name="incremental-links", daemon=True)
            self._thread.start()
        self._jobs.put((source, target))

    def wait(self) -> None:
        """Return when every link asked for is made."""
        if self._thread is None:
            return
        self._jobs.put(None)
        self._thread.join()
        self._thread = None
        error, self._error = self._error, None
        if error is not None:
            raise error

    def _run(self) -> None:
        made: set[str] = set()
        while (job := self._jobs.get()) is not None:
            if self._error is not None:
                continue  # drain: the build stops at wait()
            source, target = job
            try:
                folder = os.path.dirname(target)
                if folder not in made:
                    os.makedirs(folder, exist_ok=True)
                    made.add(folder)
                os.link(source, target)
            except OSError as error:
                self._error = error
