"""Helpers shared by the benchmarks: where the shared generators live, timing, memory."""

import os
import resource
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
    """Run a command in a child process and measure wall, CPU and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest child so far, in KiB on Linux.
    return Measure(wall, cpu, after.ru_maxrss / 1024)


def gencorpus(out: Path, count: int, *extra: str) -> Path:
    """A deterministic corpus of ``count`` Vietnamese articles (cached by size)."""
    if not (out / "manifest.tsv").is_file():
        script = SHARED_TOOLS / "gencorpus.py"
        subprocess.run(
            [sys.executable, str(script), str(out), "-n", str(count), *extra], check=True
        )
    return out
