"""One build's memory of the previous one: the manifest, and the output updated in place.

The manifest (one per output folder, under CACHE_PATH/incremental/) maps
each keyed output file to its key and to the inode, size and mtime it was
left with. An incremental build writes into the previous output folder as
it is (Pelican is told not to empty it): a page whose key did not change,
and whose file nothing touched since (same inode, size and mtime), is left
as it is; the others are replaced. At the end, whatever the new build did
not make or keep (pages of deleted articles, renditions of removed photos,
feeds of a category that is gone, whichever plugin wrote them) is removed
(sweep.py): stale files cannot survive.

Who writes outside Pelican's Writer: image_pipeline (links the renditions
of the photos in use) and vn_search (its index folder) say which files
they keep as they are (``cache_files.mark_kept``); Pelican's StaticGenerator
(theme files, legal documents' attachments) copies every file on every
build. news_feeds writes each feed through the Writer keyed by its
articles (``IncrementalWriter.write_made``); site_map, photo_albums and
legal_documents write through the Writer, unkeyed: rendered every time.
view_counts keeps its state in the cache; precompress runs on published
builds only, which are always full (a new staging folder each time has no
manifest).
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

from .sweep import OldFiles, file_system_now

logger = logging.getLogger(__name__)

MANIFEST_VERSION = 2


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


def _legacy_quarry(output: Path) -> Path:
    # Where builds before the in-place update moved the previous output.
    return output.parent / f".{output.name}.incremental-previous"


@dataclass
class BuildState:
    output: Path
    manifest: Path
    began_ns: int | None  # None: a full build, nothing to reuse or sweep
    previous: dict[str, Entry] = field(default_factory=dict)
    current: dict[str, Entry] = field(default_factory=dict)
    # Each paginated list's key and its pages (writer._group_key), by the
    # list's first page: the last build's, and this one's.
    previous_groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    # Files that Pelican's StaticGenerator may leave as they are (with
    # STATIC_CREATE_LINKS or STATIC_CHECK_IF_MODIFIED): this build's all the same.
    static: set[str] = field(default_factory=set)
    base_key: str = ""
    rendered: int = 0
    reused: int = 0
    reused_in_groups: int = 0  # of reused: pages of lists kept whole
    writer: Any = None  # the build's IncrementalWriter, for its last flush
    old_files: OldFiles | None = None  # listed while the build ends (list_old_files)
    # Folders (relative to the output) a plugin keeps in order itself (sweep.py).
    left: set[str] = field(default_factory=set)

    @classmethod
    def start(cls, output: Path, cache: Path) -> BuildState:
        """Load the manifest; note when the build began, if it updates a
        previous output in place."""
        manifest = manifest_path(cache, output)
        previous, groups = load_manifest(manifest)
        quarry = _legacy_quarry(output)
        if quarry.exists():
            discard(quarry)
        began = file_system_now(output) if previous and output.is_dir() else None
        if began is None:
            return cls(output, manifest, began)
        return cls(output, manifest, began, previous, previous_groups=groups)

    @property
    def in_place(self) -> bool:
        return self.began_ns is not None

    def reusable(self, relative: str, key: str, path: str) -> bool:
        """Whether the output file at ``relative`` (``path``) is the previous
        build's, written with key ``key``, and nothing touched it since."""
        entry = self.previous.get(relative)
        return entry is not None and entry.key == key and entry.matches(path)

    def record(self, relative: str, entry: Entry) -> None:
        self.current[relative] = entry

    def finish(self) -> int:
        """Save the manifest, remove what this build no longer makes;
        returns how many files of the previous build are gone."""
        # A list whose pages were not all written or kept (a page another
        # write overrode) is not one the next build can keep whole.
        groups = {
            name: group
            for name, group in self.groups.items()
            if all(page in self.current for page in group[1])
        }
        save_manifest(self.manifest, self.current, groups)
        prune(self.manifest.parent, self.manifest.name, self.output)
        if not self.in_place:
            return len(set(self.previous) - set(self.current))
        self.list_old_files()  # if no article page started it
        return self.old_files.sweep(self.current.keys() | self.static)

    def list_old_files(self) -> None:
        """Start listing what the sweep looks at, once most pages are
        written (the article pages): the build's last steps and its wait
        for the search index run meanwhile."""
        if self.in_place and self.old_files is None:
            self.old_files = OldFiles(self.output, self.began_ns, self.current, self.left)


def discard(folder: Path) -> None:
    """Remove ``folder`` without waiting (a previous output moved aside by
    an older version, possibly tens of thousands of files): renamed out of
    the way and deleted by a detached process."""
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


def load_manifest(path: Path) -> tuple[dict[str, Entry], dict[str, tuple[str, list[str]]]]:
    """Each file's entry and each paginated list's key and pages, as the
    last build saved them; nothing if it saved another version."""
    data = read_json(path)
    if data.get("version") != MANIFEST_VERSION:
        return {}, {}
    try:
        files = {name: Entry(*values) for name, values in data.get("files", {}).items()}
        groups = {name: (key, list(pages)) for name, (key, pages) in data["groups"].items()}
    except (KeyError, TypeError, ValueError):
        return {}, {}
    return files, groups


def save_manifest(
    path: Path, entries: dict[str, Entry], groups: dict[str, tuple[str, list[str]]]
) -> None:
    files = {name: [e.key, e.size, e.mtime_ns, e.inode] for name, e in sorted(entries.items())}
    lists = {name: [key, pages] for name, (key, pages) in sorted(groups.items())}
    write_json(path, {"version": MANIFEST_VERSION, "files": files, "groups": lists})


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
