"""Forks of the build, kept within the build's memory budget.

A fork of the build reads the build's objects (articles, templates) from
pages it shares with it until either process writes to them. Reading an
object is a write (its reference count), so a fork that renders pages or
indexes articles copies, page by page, much of what it reads: at worst a
fork costs as much memory as the build. ``fork_fits`` allows a fork only
while the build and its forks, counted that way, stay within
FORK_MEMORY_BUDGET_MIB (2 GiB by default, what a big site's build may use):
a small site gets every core, a site of 50,000 articles builds in one
process and stays within it.

The garbage collector writes to every object it scans; ``frozen`` (gc.freeze)
moves the objects that exist now out of its reach while forks live. Forks
nest (the search index's fork while the pages' forks run): only the
outermost freeze ends with an unfreeze.
"""

import gc
import logging
import os
import resource
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from log_watch import Logged
from plugin_settings import Option, read_settings, whole_number

__all__ = ["check_settings", "finished", "fork_fits", "frozen", "living", "start"]

PREFIX = "FORK_MEMORY"
SCHEMA = {"BUDGET_MIB": Option(2048, whole_number(64), "a whole number of MiB ≥ 64")}


# How many ``frozen`` blocks are open in this process. Counted here:
# gc.get_freeze_count() walks every frozen object (10 ms of each warm edit
# at 5,000 articles, asked inside the search index's freeze).
_open_freezes = 0


@contextmanager
def frozen() -> Iterator[None]:
    global _open_freezes
    gc.freeze()
    _open_freezes += 1
    try:
        yield
    finally:
        _open_freezes -= 1
        if _open_freezes == 0:
            gc.unfreeze()


def check_settings(settings: Mapping[str, Any]) -> None:
    """At start-up (incremental_render and vn_search call it): a bad budget
    stops the build with the other settings' problems, not half-way."""
    read_settings(settings, PREFIX, SCHEMA)


_living = 0  # forks started with ``living`` that still run beside the build


def fork_fits(settings: Mapping[str, Any], forks: int = 1) -> bool:
    """Whether ``forks`` more processes, each as big as this one at worst,
    fit in the budget beside it and the forks already running."""
    budget = read_settings(settings, PREFIX, SCHEMA)["BUDGET_MIB"]
    return resident_mib() * (1 + _living + forks) <= budget


@contextmanager
def living() -> Iterator[None]:
    """Counts a fork that outlives the call that started it (the search
    index's) against the budget of the forks started meanwhile."""
    global _living
    _living += 1
    try:
        yield
    finally:
        _living -= 1


def resident_mib() -> float:
    """This process's resident memory now (its peak where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_DONE, _GAVE_UP = 0, 3


def start(work: Callable[[], None]) -> int | None:
    """``work()`` in a fork of the build: its pid, or None where the system
    cannot fork. The fork gives up (see ``finished``) if ``work`` fails or
    logs anything at warning level or above: the build's own process then
    does the work again, so errors and warnings reach editors (and
    --fatal-warnings) exactly as without the fork."""
    if not hasattr(os, "fork"):
        return None
    pid = os.fork()
    if pid:
        return pid
    code = _GAVE_UP
    try:
        with Logged() as logged:
            work()
        code = _GAVE_UP if logged.seen else _DONE
    finally:  # never back into the build's code: leave without its clean-up
        logging.shutdown()
        os._exit(code)


def finished(pid: int) -> bool:
    """Wait for the fork: True if it did its work, False if it gave up."""
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == _DONE
