"""The index built in a process of its own while Pelican renders the pages.

Both need every article, neither needs the other: once the articles are read
(all_generators_finalized) a fork of the build writes the index, and the
build's own process renders pages meanwhile. SearchIndexGenerator's
generate_output then only waits for it. The fork shares the articles with
the build (nothing is pickled; fork_memory.frozen, until the fork is done,
keeps the garbage collector from copying them).

The fork gives up if anything goes wrong or a warning is logged
(fork_memory.start): the build's process then writes the index itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack

from fork_memory import finished, frozen, living, start

logger = logging.getLogger(__name__)


class Background:
    """``job`` running in a fork of the build, if this system can fork."""

    def __init__(self, job: Callable[[], None]):
        # Until done(): the garbage collector kept off the shared objects, and
        # the fork counted against the memory budget of the pages' forks.
        self.alive = ExitStack()
        self.alive.enter_context(frozen())
        self.alive.enter_context(living())
        try:
            self.pid = start(job)
        except BaseException:
            self.alive.close()
            raise

    def done(self) -> bool:
        """Wait for it: True if it finished its job, False if the build's
        process must do it (no fork, a failure, a warning)."""
        try:
            done = self.pid is not None and finished(self.pid)
        finally:
            self.alive.close()
        if not done:
            logger.debug("vn_search: the background index gave up or could not start")
        return done
