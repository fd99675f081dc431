"""invoke check on large corpora: does it stay linear in the number of articles?

    ./dev bench check

Runs ``python -m portal.check`` (what ``invoke check`` and the first step of
``invoke publish`` run) on 2,000 and on 20,000 generated articles, each in its
own process. The baseline is the small corpus in the same run: the ratio
"time per article at 20,000 / time per article at 2,000" is about 1 when the
check is linear, and grows with any per-file work proportional to the corpus
(an O(n²) duplicate or link lookup would give ~10). The corpora are cached in
benchmarks/_work/check/. Other engineers' benchmarks share the 2 cores:
expect noise.
"""

import subprocess
import sys

from benchmarks.common import ROOT, WORK, gencorpus, run_measured

SIZES = (2_000, 20_000)
BENCH = WORK / "check"


def main() -> None:
    results = {}
    for size in SIZES:
        content = BENCH / f"content-{size}"
        gencorpus(content / "bai-viet", size)
        command = [
            sys.executable,
            "-m",
            "portal.check",
            "pelicanconf.py",
            "--content",
            str(content),
        ]
        run_measured(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        measure = run_measured(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        results[size] = measure
        print(
            f"check, {size:>6} articles: {measure.wall:6.2f} s wall, {measure.cpu:6.2f} s CPU, "
            f"{measure.peak_rss_mib:5.0f} MiB peak, {measure.wall / size * 1000:.2f} ms/article"
        )
    small, large = SIZES
    for what in ("wall", "cpu"):
        ratio = (getattr(results[large], what) / large) / (getattr(results[small], what) / small)
        print(
            f"{what} time per article, {large} vs {small} (baseline): ×{ratio:.2f} (1.0 = linear)"
        )


if __name__ == "__main__":
    main()
