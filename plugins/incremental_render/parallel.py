"""Pages to render, rendered on every core.

Rendering a page is a pure function of its template and context: the
writer queues the pages that must be rendered while a generator writes its
output, and when the generator is done they are shared out among forks of
the build, each of which renders its share and writes the files. The forks
read the templates and articles the build already holds (nothing pickled;
fork_memory.frozen keeps the garbage collector from copying them).

A fork that fails, or logs anything at warning level or above, gives up: the
build's own process renders that share again, so errors and warnings reach
editors (and --fatal-warnings) exactly as without the forks.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

from fork_memory import frozen
from log_watch import Logged

logger = logging.getLogger(__name__)

_DONE, _GAVE_UP = 0, 3


def render_all(jobs: Sequence[Any], render: Callable[[Any, bool], None], processes: int) -> None:
    """``render(job, again)`` for every job, in ``processes`` processes (the
    build's own one included). ``again`` is True for a job a fork may have
    half done."""
    if not hasattr(os, "fork"):  # Windows: the build's own process only
        processes = 1
    shares = [jobs[i::processes] for i in range(processes)] if processes > 1 else [jobs]
    forks: list[tuple[int, Sequence[Any]]] = []
    failed = []
    with frozen():
        try:
            for share in shares[1:]:
                pid = os.fork()
                if pid == 0:  # the fork: its share, then leave without the build's clean-up
                    _run_share(share, render)
                forks.append((pid, share))
            for job in shares[0]:
                render(job, False)
        finally:
            for pid, share in forks:
                _, status = os.waitpid(pid, 0)
                if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == _DONE):
                    failed.append(share)
    for share in failed:
        logger.debug("incremental_render: a fork gave up, %d pages rendered again", len(share))
        for job in share:
            render(job, True)


def _run_share(share: Sequence[Any], render: Callable[[Any, bool], None]) -> None:
    code = _GAVE_UP
    try:
        with Logged() as logged:
            for job in share:
                render(job, False)
        code = _GAVE_UP if logged.seen else _DONE
    except BaseException:  # the build's process renders it again and reports
        code = _GAVE_UP
    finally:
        os._exit(code)
