"""The index built in a process of its own while Pelican renders the pages.

Both need every article, neither needs the other: once the articles are read
(all_generators_finalized) a fork of the build writes the index, and the
build's own process renders pages meanwhile. SearchIndexGenerator's
generate_output then only waits for it. The fork shares the articles with
the build (nothing is pickled; fork_memory.frozen, until the fork is done,
keeps the garbage collector from copying them).

The fork gives up if anything goes wrong or is logged at warning level or
above: the build's process then writes the index itself, so errors and
warnings reach editors (and --fatal-warnings) exactly as without it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from contextlib import ExitStack

from fork_memory import frozen, living
from log_watch import Logged

logger = logging.getLogger(__name__)

_DONE, _GAVE_UP = 0, 3


def _run(job: Callable[[], None]) -> None:
    warned = Logged()
    logging.getLogger().addHandler(warned)
    try:
        job()
    except BaseException:  # the build's process does it again and reports
        os._exit(_GAVE_UP)
    logging.shutdown()
    os._exit(_GAVE_UP if warned.seen else _DONE)


class Background:
    """``job`` running in a fork of the build, if this system can fork."""

    def __init__(self, job: Callable[[], None]):
        self.process = None
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        # Until done(): the garbage collector kept off the shared objects, and
        # the fork counted against the memory budget of the pages' forks.
        self.alive = ExitStack()
        self.alive.enter_context(frozen())
        self.alive.enter_context(living())
        try:
            self.process = multiprocessing.get_context("fork").Process(
                target=_run, args=(job,), name="vn_search index"
            )
            self.process.start()
        except BaseException:
            self.alive.close()
            raise

    def done(self) -> bool:
        """Wait for it: True if it finished its job, False if the build's
        process must do it (no fork, a failure, a warning)."""
        if self.process is None:
            return False
        self.process.join()
        self.alive.close()
        if self.process.exitcode != _DONE:
            logger.debug("vn_search: background index gave up (%s)", self.process.exitcode)
        return self.process.exitcode == _DONE
