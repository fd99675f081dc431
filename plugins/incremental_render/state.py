"""One build's memory of the previous one: the manifest and the quarry.

The manifest (one per output folder, under CACHE_PATH/incremental/) maps
each keyed output file to its key and to the inode, size and mtime it was
left with. At the start of an incremental build the previous output folder
is renamed aside (the "quarry"); Pelican then writes a fresh, empty output
folder, exactly as a full build does, and pages whose key did not change are
hard-linked from the quarry. Whatever the new build does not produce (pages
of deleted articles, renditions of removed photos, feeds of a category that
is gone, whichever plugin wrote them) is left behind in the quarry, which is
removed at the end: stale files cannot survive.

Who writes outside Pelican's Writer, and so relies on that fresh folder:
image_pipeline (links the renditions of the photos in use), vn_search (its
index folder), Pelican's StaticGenerator (theme files, legal documents'
attachments). news_feeds, site_map, photo_albums and legal_documents write
through the Writer, unkeyed: rendered every time. view_counts keeps its
state in the cache; precompress runs on published builds only, which are
always full (a new staging folder each time has no manifest).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cache_files import read_json, write_json

logger = logging.getLogger(__name__)

MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Entry:
    key: str
    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: str, key: str) -> Entry:
        st = os.stat(path)
        return cls(key, st.st_size, st.st_mtime_ns, st.st_ino)

    def matches(self, path: str) -> bool:
        try:
            st = os.stat(path)
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns, st.st_ino) == (self.size, self.mtime_ns, self.inode)


def manifest_path(cache: Path, output: Path) -> Path:
    name = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
    return cache / "incremental" / f"{name}.json"


def quarry_path(output: Path) -> Path:
    return output.parent / f".{output.name}.incremental-previous"


@dataclass
class BuildState:
    output: Path
    manifest: Path
    quarry: Path | None  # None: a full build, nothing to reuse
    previous: dict[str, Entry] = field(default_factory=dict)
    current: dict[str, Entry] = field(default_factory=dict)
    base_key: str = ""
    rendered: int = 0
    reused: int = 0
    writer: Any = None  # the build's IncrementalWriter, for its last flush

    @classmethod
    def start(cls, output: Path, cache: Path) -> BuildState:
        """Load the manifest and move the previous output aside."""
        manifest = manifest_path(cache, output)
        previous = load_manifest(manifest)
        quarry = quarry_path(output)
        if quarry.exists():  # left by a build that crashed
            discard(quarry)
        if previous and output.is_dir():
            os.rename(output, quarry)
        else:
            quarry = None
        return cls(output, manifest, quarry, previous)

    def quarry_file(self, relative: str) -> str | None:
        return None if self.quarry is None else os.path.join(self.quarry, relative)

    def reusable(self, relative: str, key: str) -> str | None:
        """The previous build's file for ``relative``, if its key is ``key``
        and nothing touched it since."""
        entry = self.previous.get(relative)
        if entry is None or entry.key != key or self.quarry is None:
            return None
        path = os.path.join(self.quarry, relative)
        return path if entry.matches(path) else None

    def record(self, relative: str, entry: Entry) -> None:
        self.current[relative] = entry

    def finish(self) -> int:
        """Save the manifest, drop the quarry; returns how many keyed pages
        of the previous build are gone."""
        save_manifest(self.manifest, self.current)
        prune(self.manifest.parent, self.manifest.name, self.output)
        if self.quarry is not None:
            discard(self.quarry)
        return len(set(self.previous) - set(self.current))


def discard(folder: Path) -> None:
    """Remove ``folder`` without waiting. Deleting is the slow part of
    rebuilding a large site (about a millisecond per file on the build
    machine's disk, tens of thousands of files), so the folder is renamed out
    of the way and deleted by a detached process while the editor already
    sees the new pages."""
    trash = folder.with_name(f"{folder.name}-trash-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.rename(folder, trash)
    except OSError:
        trash = folder
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE, str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)


_DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def load_manifest(path: Path) -> dict[str, Entry]:
    data = read_json(path)
    if data.get("version") != MANIFEST_VERSION:
        return {}
    return {name: Entry(*values) for name, values in data.get("files", {}).items()}


def save_manifest(path: Path, entries: dict[str, Entry]) -> None:
    files = {name: [e.key, e.size, e.mtime_ns, e.inode] for name, e in sorted(entries.items())}
    write_json(path, {"version": MANIFEST_VERSION, "files": files})


def prune(folder: Path, name: str, output: Path) -> None:
    """Forget the manifests of output folders that are gone (tests' temporary
    sites, old publish versions): outputs.json knows which folder each is for."""
    index_path = folder / "outputs.json"
    index = read_json(index_path)
    index[name] = str(output.resolve())
    for other, where in sorted(index.items()):
        if other != name and not Path(where).is_dir():
            (folder / other).unlink(missing_ok=True)
            del index[other]
    write_json(index_path, index)


def forget(cache: Path, output: Path) -> None:
    """A full build: the next incremental build must not trust old keys."""
    manifest_path(cache, output).unlink(missing_ok=True)
