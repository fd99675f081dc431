"""invoke bench views: 4 million access-log lines (about 1 GB), then 10,000 new ones.

Targets (issue 7): the 4 million lines in ≤ 30 s on this 2-core machine; a
build that finds 10,000 new lines spends ≤ 0.5 s on them. The baseline,
measured in the same run on a sample of the same logs, is the plain way:
decode every line, one str regex, strptime, in one process.
"""

import gzip
import os
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import ROOT, WORK

sys.path.insert(0, str(ROOT / "plugins"))

from tools.access_logs import log_line, write_logs
from view_counts.counting import update_views
from view_counts.state import ViewState

LINES = 4_000_000
SLUGS = [f"bai-{n}" for n in range(2000)]
NAIVE = re.compile(r'^(\S+) \S+ \S+ \[([^\]]+)\] "(\S+) (\S+) [^"]*" (\d{3}) \S+ "[^"]*" "([^"]*)"')


def logs() -> list[Path]:
    folder = WORK / "views"
    marker = folder / "done"
    if not marker.exists():
        print(f"Generating {LINES:,} log lines in {folder} (once)…", flush=True)
        write_logs(folder, LINES, files=8, slugs=SLUGS)
        marker.touch()
    return sorted(p for p in folder.rglob("access.log*"))


def naive_seconds_per_line(files: list[Path], sample: int = 200_000) -> float:
    start, seen = time.perf_counter(), 0
    opener = gzip.open if files[0].suffix == ".gz" else open
    with opener(files[0], "rt", encoding="utf-8") as stream:
        for line in stream:
            match = NAIVE.match(line)
            if match:
                datetime.strptime(match[2], "%d/%b/%Y:%H:%M:%S %z")
            seen += 1
            if seen == sample:
                break
    return (time.perf_counter() - start) / seen


def main() -> int:
    files = logs()
    size = sum(p.stat().st_size for p in files)
    paths = {f"/bai-viet/{slug}/": i for i, slug in enumerate(SLUGS)}
    identities = [f"bai-viet/{slug}.md" for slug in SLUGS]
    now = datetime.now(UTC)

    naive = naive_seconds_per_line(files)
    state = ViewState()
    start = time.perf_counter()
    lines = update_views(state, files, identities, paths, "/bai-viet/", 1800, now)
    cold = time.perf_counter() - start
    views = sum(sum(days.values()) for days in state.counts.values())

    live = next(p for p in files if p.name == "access.log")
    generated_size = live.stat().st_size
    with open(live, "a") as stream:
        for i in range(10_000):
            slug = SLUGS[i % len(SLUGS)]
            stream.write(log_line(f"10.9.{i // 250}.{i % 250}", now, f"/bai-viet/{slug}/"))
    start = time.perf_counter()
    new = update_views(state, files, identities, paths, "/bai-viet/", 1800, now)
    warm = time.perf_counter() - start

    print(f"logs: {len(files)} files, {size / 2**20:,.0f} MiB on disk, {lines:,} lines")
    print(f"views counted: {views:,}")
    print(f"cold, all lines: {cold:.1f} s  (target ≤ 30 s: {cold / 30:.2f}× the target)")
    print(
        f"baseline (one process, str regex, strptime): {naive * 1e6:.2f} µs/line → "
        f"{naive * lines:.1f} s for these lines; ours is {cold / (naive * lines):.2f}× that"
    )
    print(f"incremental, {new:,} new lines: {warm:.3f} s  (target ≤ 0.5 s)")
    os.truncate(live, generated_size)  # the logs as generated, for the next run
    return 0


if __name__ == "__main__":
    sys.exit(main())
