"""Files that plugins keep between builds (caches, manifests, state), and where.

Read forgivingly: a missing or damaged file means "start afresh", never a
failed build. Written atomically: beside its final name, then renamed, so a
build stopped half-way (or two builds side by side) never leaves a
half-written file for the next build to trust.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

__all__ = [
    "cache_root",
    "link_or_copy",
    "mark_kept",
    "place_link",
    "read_json",
    "read_pickle",
    "replace_atomically",
    "tree_digest",
    "write_json",
    "write_pickle",
]


def cache_root(settings: Mapping[str, Any]) -> Path:
    """CACHE_PATH, or Pelican's default (cache/ in the current folder)."""
    return Path(settings.get("CACHE_PATH") or os.path.join(os.getcwd(), "cache"))


def replace_atomically(
    path: Path, write: Callable[[IO[bytes]], None], *, durable: bool = False, suffix: str = ".tmp"
) -> None:
    """Replace ``path`` with what ``write`` writes to a binary stream;
    ``durable`` also flushes it to disk first (state that cannot be rebuilt)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` gets ``source``'s bytes: a hard link (no copy, no time)
    where both are on one file system, else a copy.

    Whatever was at ``target`` is unlinked first, never written through:
    it may itself be a link to a file the cache keeps."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except FileNotFoundError:
        if not source.exists():
            raise
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copyfile(source, target)


def place_link(source: Path | str, target: Path | str) -> bool:
    """``target`` is ``source``'s file in an output folder: linked (or
    copied) unless it already is that file, which is then marked kept.
    True if placed anew."""
    try:
        there = os.stat(target)
        if os.path.samestat(there, os.stat(source)):
            mark_kept(target, there)
            return False
    except FileNotFoundError:
        pass  # nothing there yet (or no source: link_or_copy says so)
    link_or_copy(Path(source), Path(target))
    return True


def mark_kept(path: Path | str, held: os.stat_result) -> None:
    """An output file left as the last build made it (``held``: its stat)
    belongs to this build: its ctime moves to now, its bytes and mtime stay.
    An incremental build removes at its end every file of the output folder
    it neither wrote nor kept (incremental_render/sweep.py)."""
    os.utime(path, ns=(held.st_atime_ns, held.st_mtime_ns))


def read_json(path: Path) -> Any:
    """The file's data, or ``{}`` if it is missing or not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_json(path: Path, data: Any, *, durable: bool = False, **options: Any) -> None:
    """Replace ``path`` with ``data`` (``options`` go to ``json.dumps``)."""
    text = json.dumps(data, **options).encode("utf-8")
    replace_atomically(path, lambda stream: stream.write(text), durable=durable)


def read_pickle(path: Path) -> Any:
    """The file's data, or None if it is missing or cannot be unpickled."""
    try:
        with path.open("rb") as stream:
            return _TextUnpickler(stream).load()
    except Exception:  # missing, damaged, or from an older version of the code
        return None


def write_pickle(path: Path, data: Any) -> None:
    """Replace ``path`` with ``data`` pickled; ``data`` is a tree (no cycles)."""
    replace_atomically(path, lambda stream: _TextPickler(stream).dump(data))


class _TextPickler(pickle.Pickler):
    """Pickles non-ASCII text without growing it in memory.

    Pickling a str that is not ASCII leaves its UTF-8 copy attached to it
    for as long as it lives (CPython's PyUnicode_AsUTF8AndSize): pickling
    every article body of a 50,000-article build for the body cache kept
    about 350 MiB of such copies in the build. Here the text is encoded
    apart, to bytes that are written and dropped at once: fast mode keeps
    no memo (which would hold every one of them until the end)."""

    def __init__(self, stream: IO[bytes]):
        super().__init__(stream, pickle.HIGHEST_PROTOCOL)
        self.fast = True

    def persistent_id(self, obj: Any) -> bytes | None:
        if type(obj) is str and not obj.isascii():
            return obj.encode("utf-8", "surrogatepass")
        return None


class _TextUnpickler(pickle.Unpickler):
    def persistent_load(self, pid: bytes) -> str:
        return pid.decode("utf-8", "surrogatepass")


def tree_digest(*folders: Path, suffixes: tuple[str, ...] = ()) -> str:
    """Digest of every file's path and bytes under ``folders`` (the theme,
    the plugins' code), to key what a build keeps on the code that made it."""
    h = hashlib.blake2b(digest_size=16)
    for folder in folders:
        root = os.path.join(folder, "")
        if not os.path.isdir(root):
            continue
        for directory, subfolders, names in os.walk(root):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            for name in sorted(names):
                if suffixes and not name.endswith(suffixes):
                    continue
                path = os.path.join(directory, name)
                found = _file_sum(path)
                if found is not None:
                    h.update(path.removeprefix(root).encode() + b"\x00" + found)
    return h.hexdigest()


# Each file's digest by path, with the stat it was made for: a build digests
# the theme and the plugins' code four times (0.03 s of each warm edit), and
# a file whose size, times and inode are the same is not read again.
_FILE_SUMS: dict[str, tuple[tuple[int, int, int, int], bytes]] = {}


def _file_sum(path: str) -> bytes | None:
    """The digest of a regular file's bytes; None for anything else."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    held = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
    known = _FILE_SUMS.get(path)
    if known is not None and known[0] == held:
        return known[1]
    with open(path, "rb") as stream:
        digest = hashlib.blake2b(stream.read(), digest_size=16).digest()
    _FILE_SUMS[path] = (held, digest)
    return digest
