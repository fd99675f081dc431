"""Pages to render, rendered on every core.

Rendering a page is a pure function of its template and context: the
writer queues the pages that must be rendered while a generator writes its
output, and when the generator is done they are shared out among forks of
the build, each of which renders its share and writes the files. The forks
read the templates and articles the build already holds (nothing pickled;
fork_memory.frozen keeps the garbage collector from copying them).

A fork that fails or warns gives up (fork_memory.start): the build's own
process renders that share again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from functools import partial
from typing import Any

from fork_memory import finished, frozen, start

logger = logging.getLogger(__name__)


def render_all(jobs: Sequence[Any], render: Callable[[Any, bool], None], processes: int) -> None:
    """``render(job, again)`` for every job, in ``processes`` processes (the
    build's own one included). ``again`` is True for a job a fork may have
    half done."""
    shares = [jobs[i::processes] for i in range(processes)] if processes > 1 else [jobs]
    forks: list[tuple[int | None, Sequence[Any]]] = []
    with frozen() if processes > 1 else nullcontext():  # no fork, nothing to keep shared
        try:
            for share in shares[1:]:
                forks.append((start(partial(_render_share, share, render)), share))
            for job in shares[0]:
                render(job, False)
        finally:
            gave_up = [share for pid, share in forks if pid is None or not finished(pid)]
    for share in gave_up:
        logger.debug("incremental_render: a fork gave up, %d pages rendered again", len(share))
        for job in share:
            render(job, True)


def _render_share(share: Sequence[Any], render: Callable[[Any, bool], None]) -> None:
    for job in share:
        render(job, False)
