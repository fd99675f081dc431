"""Read the logs (in worker processes) and add their new views to the state."""

import glob
import logging
import os
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .logfiles import Progress, fingerprint, read_new_lines
from .state import ViewState
from .tally import HANOI_OFFSET, LineFilter, count_visits

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """Plain data for one worker: one log file and what it needs to read it."""

    path: str
    known: dict[str, Progress]
    article_paths: dict[str, int]
    prefix: str
    salt: bytes


def scan(job: Job):
    line_filter = LineFilter(job.article_paths, job.prefix, job.salt)
    try:
        read = read_new_lines(Path(job.path), job.known, line_filter)
    except (OSError, EOFError, zlib.error) as error:  # unreadable, or a broken .gz
        return job.path, None, [], 0, f"{error}"
    return job.path, read, line_filter.views, line_filter.malformed, None


def _new_bytes(job: Job) -> int:
    """About how much of a log is still to read (a .gz is counted as unread
    unless it was read to its end as it is now)."""
    path = Path(job.path)
    try:
        stat = path.stat()
        mark = fingerprint(path)
    except (OSError, EOFError, zlib.error):
        return 0
    done = job.known.get(mark) if mark else None
    if path.suffix == ".gz":
        sealed = done and (done.sealed_size, done.sealed_mtime_ns) == (
            stat.st_size,
            stat.st_mtime_ns,
        )
        return 0 if sealed else stat.st_size * 8
    return max(0, stat.st_size - (done.offset if done else 0))


def log_files(patterns: list[str], base: Path) -> list[Path]:
    found = set()
    for pattern in patterns:
        full = pattern if os.path.isabs(pattern) else str(base / pattern)
        found.update(Path(p).resolve() for p in glob.glob(full) if Path(p).is_file())
    return sorted(found)


def update_views(
    state: ViewState,
    files: list[Path],
    identities: list[str],
    article_paths: dict[str, int],
    prefix: str,
    visit_seconds: int,
    now: datetime,
) -> int:
    """Read what is new in ``files`` into ``state``; returns the lines read."""
    state.renew_salt((now.astimezone(UTC) + HANOI_OFFSET).date().isoformat())
    jobs = [Job(str(p), state.files, article_paths, prefix, state.salt) for p in files]
    views, malformed, lines, seen = [], 0, 0, set()
    for path, read, file_views, file_malformed, error in _run(jobs):
        if error:
            logger.warning(
                "%s: không đọc được nhật ký truy cập (%s); kiểm tra quyền đọc hoặc tệp "
                "bị hỏng (cannot read this access log).",
                path,
                error,
            )
            continue
        if read is None or read.fingerprint in seen:
            continue  # still empty, or a second copy of a log already read
        seen.add(read.fingerprint)
        state.files[read.fingerprint] = read.progress
        views += file_views
        malformed += file_malformed
        lines += read.lines
    if malformed:
        logger.warning(
            "%d dòng nhật ký không đúng định dạng combined đã được bỏ qua "
            "(malformed access-log lines skipped).",
            malformed,
        )
    number = {identity: i for i, identity in enumerate(identities)}
    recent = {
        (visitor, number[identity]): when
        for (visitor, identity), when in state.recent.items()
        if identity in number
    }
    for (article, day), count in count_visits(views, recent, visit_seconds).items():
        per_day = state.counts.setdefault(identities[article], {})
        per_day[day] = per_day.get(day, 0) + count
    newest = max((when for when in recent.values()), default=0)
    state.recent = {
        (visitor, identities[article]): when
        for (visitor, article), when in recent.items()
        if newest - when < visit_seconds
    }
    return lines


# Below this much new log text, starting worker processes costs more than it saves.
SERIAL_BYTES = 32 << 20


def _run(jobs: list[Job]):
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1 or sum(_new_bytes(job) for job in jobs) < SERIAL_BYTES:
        return [scan(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(scan, jobs))
