"""Keeping the garbage collector off the objects a fork shares with the build.

A fork of the build reads the build's objects (articles, templates) from
pages it shares with it until either process writes to them. The garbage
collector writes to every object it scans; gc.freeze() moves the objects
that exist now out of its reach, so neither process copies those pages
for it. Forks nest (the search index's fork while the pages' forks run):
only the outermost freeze ends with an unfreeze.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["frozen"]


@contextmanager
def frozen() -> Iterator[None]:
    outermost = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if outermost:
            gc.unfreeze()
