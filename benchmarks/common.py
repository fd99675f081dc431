"""Helpers shared by the benchmarks: where the shared generators live, timing, memory."""

import os
import subprocess
import sys
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


def run_measured(command: list[str], **kwargs) -> Measure:
    """Run a command in a child process and measure wall, CPU and peak memory.

    os.wait4 gives this child's own usage (its children included):
    RUSAGE_CHILDREN would report the largest child of the whole run, so a
    small step measured after a big one would show the big one's memory.
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, **kwargs)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, command)
    # ru_maxrss is in KiB on Linux.
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def gencorpus(out: Path, count: int, *extra: str) -> Path:
    """A deterministic corpus of ``count`` Vietnamese articles (cached by size)."""
    if not (out / "manifest.tsv").is_file():
        script = SHARED_TOOLS / "gencorpus.py"
        subprocess.run(
            [sys.executable, str(script), str(out), "-n", str(count), *extra], check=True
        )
    return out
