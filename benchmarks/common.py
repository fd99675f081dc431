"""Helpers shared by the benchmarks: where the shared generators live, timing, memory."""

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/tools beside the checkout: the client's generators for large
# synthetic corpora (gencorpus.py) and 12 MP photos (make_photos.py).
SHARED_TOOLS = Path(os.environ.get("PORTAL_SHARED_TOOLS", ROOT.parent / "shared" / "tools"))
WORK = ROOT / "benchmarks" / "_work"  # git-ignored scratch space


@dataclass
class Measure:
    wall: float  # seconds
    cpu: float  # seconds, user + system, children included
    peak_rss_mib: float  # of the process (or its largest child)
    # The whole process tree's memory at its highest, forks included: the
    # sum of their PSS (shared pages counted once), sampled. 0 where /proc
    # has no smaps_rollup.
    peak_tree_mib: float = 0.0


def run_measured(command: list[str], **kwargs) -> Measure:
    """Run a command in a child process and measure wall, CPU and peak memory.

    os.wait4 gives this child's own usage (its children included):
    RUSAGE_CHILDREN would report the largest child of the whole run, so a
    small step measured after a big one would show the big one's memory.
    That is one process's peak; a build that forks also has its tree's,
    sampled by TreeMemory.
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, **kwargs)
    with TreeMemory(child.pid) as tree:
        _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, command)
    # ru_maxrss is in KiB on Linux.
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, tree.peak_mib)


class TreeMemory:
    """The highest sum of PSS (proportional set size: a page shared by n
    processes counts 1/n in each) over a process and its descendants,
    sampled every ``every`` seconds in a thread while the process runs."""

    def __init__(self, root: int, every: float = 0.25):
        self.root = root
        self.every = every
        self.peak_mib = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "TreeMemory":
        if Path("/proc/self/smaps_rollup").exists():
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()

    def _sample(self) -> None:
        while not self.stop.is_set():
            self.peak_mib = max(self.peak_mib, sum(map(_pss_kib, self._tree())) / 1024)
            self.stop.wait(self.every)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    with open(f"/proc/{entry.name}/stat", "rb") as stat:
                        # pid (name) state ppid …: the name may hold spaces.
                        ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue  # gone meanwhile
                children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += children.get(pid, [])
        return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass  # gone meanwhile, or not ours to read
    return 0


def gencorpus(out: Path, count: int, *extra: str) -> Path:
    """A deterministic corpus of ``count`` Vietnamese articles (cached by size)."""
    if not (out / "manifest.tsv").is_file():
        script = SHARED_TOOLS / "gencorpus.py"
        subprocess.run(
            [sys.executable, str(script), str(out), "-n", str(count), *extra], check=True
        )
    return out
