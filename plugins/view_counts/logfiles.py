"""Read only what is new in a set of access logs, surviving rotation and truncation.

A log file is known by a fingerprint of its first line, not by its name:
logrotate renames access.log to access.log.1 and then compresses it to
access.log.2.gz, and each time it is still the same content, read up to the
same offset. A file whose first line changed, or which is shorter than what
was read of it, was truncated or replaced and is read from the start.
"""

import gzip
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Progress:
    """How far one log's content has been read (decompressed bytes for .gz)."""

    offset: int = 0
    # For a .gz file read to the end: its size and mtime, so that the next
    # build can skip it without decompressing it again.
    sealed_size: int | None = None
    sealed_mtime_ns: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class FileRead:
    fingerprint: str
    progress: Progress
    lines: int  # complete lines read this time


def fingerprint(path: Path) -> str | None:
    """Hash of the first line; None while the file has no complete line."""
    with _open(path) as stream:
        first = stream.readline()
    if not first.endswith(b"\n"):
        return None
    return hashlib.sha256(first).hexdigest()[:32]


CHUNK = 8 << 20  # bytes handed over at a time: big enough for C-speed scanning


def read_new_lines(
    path: Path, known: dict[str, Progress], handle_lines: Callable[[bytes], None]
) -> FileRead | None:
    """Feed the complete lines not read before to ``handle_lines``, in chunks of
    whole lines (a regex over a chunk is much faster than a Python loop)."""
    mark = fingerprint(path)
    if mark is None:
        return None
    progress = known.get(mark, Progress())
    stat = path.stat()
    compressed = path.suffix == ".gz"
    unchanged = (progress.sealed_size, progress.sealed_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    if compressed and unchanged:
        return FileRead(mark, progress, 0)
    if not compressed and stat.st_size < progress.offset:
        progress = Progress()  # truncated in place (copytruncate)
    lines = 0
    with _open(path) as stream:
        position = _skip(stream, progress.offset, compressed)
        for chunk in _complete_chunks(stream):
            handle_lines(chunk)
            position += len(chunk)
            lines += chunk.count(b"\n")
    sealed = compressed  # a .gz file never grows
    return FileRead(
        mark,
        Progress(
            offset=position,
            sealed_size=stat.st_size if sealed else None,
            sealed_mtime_ns=stat.st_mtime_ns if sealed else None,
        ),
        lines,
    )


def _open(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rb")
    return open(path, "rb")


def _skip(stream, offset: int, compressed: bool) -> int:
    if not compressed:
        stream.seek(offset, os.SEEK_SET)
        return offset
    remaining = offset
    while remaining:
        chunk = stream.read(min(remaining, 1 << 20))
        if not chunk:
            return offset - remaining  # shorter than recorded: stop at its end
        remaining -= len(chunk)
    return offset


def _complete_chunks(stream) -> Iterator[bytes]:
    """Runs of whole lines; a last line still being written waits for next time."""
    pending = b""
    while block := stream.read(CHUNK):
        block = pending + block
        end = block.rfind(b"\n") + 1
        pending = block[end:]
        if end:
            yield block[:end]
