"""Article bodies kept between builds, so that a rebuild converts only what changed.

Python-Markdown is most of the time spent reading a site, and while editors
work, one file changes between two builds. This keeps, per article file, what
the reader's Markdown produced (the body's HTML, the raw metadata lines and
the Summary's HTML, plain strings) with the file's stamp, in one pickle under CACHE_PATH
(markdown_reuse/bodies.pickle). The
metadata is still parsed by Pelican on every build, so dates, categories
and their warnings come from where they always did.

Why not Pelican's own content cache: it keeps the body when only a photo
changed (the body's <picture> has the photo's sizes), and it keeps Pelican
objects that carry the settings of the build that made them.

A body is kept only while everything it was made from is as it was:

- the file itself (size, modification time and inode, as make checks);
- the fingerprint of everything else a body depends on: the Markdown
  settings, the photo catalog (every photo's digest, sizes and renditions),
  every album.md, the names of the other files under the content folder
  (a photo added where a gallery lists a folder), the plugins' code and the
  versions of Pelican and Markdown. Any change there converts every article
  again: rare, and never stale.

A file whose conversion logged anything is not kept, so its warnings
show again on every build until it is fixed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from cache_files import read_pickle, tree_digest, write_pickle

FORMAT = 2  # bump when what is stored changes
SITES_KEPT = 4  # content folders whose bodies the file keeps
ALBUM_FILE = "album.md"  # photo_albums' metadata file: captions end up in bodies
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")

# (HTML, Markdown's Meta: {name: [lines]}, the Summary: {its Markdown: its HTML})
Body = tuple[str, Any, dict[str, str]]


class BodyCache:
    """The kept bodies of one content folder. The file holds those of the
    last few folders built (the preview's, the tests'), so that building one
    site does not throw away another's."""

    def __init__(self, path: Path, content: Path, fingerprint: str):
        self.path = path
        self.content = str(content.resolve())
        self.fingerprint = fingerprint
        self.sites: dict[str, dict] = {}
        self.kept: dict[str, tuple[tuple, Body]] = {}
        self.used: dict[str, tuple[tuple, Body]] = {}
        self.hits = 0
        stored = read_pickle(path)  # None: missing or damaged, convert everything
        if isinstance(stored, dict) and stored.get("format") == FORMAT:
            self.sites = stored["sites"]
        site = self.sites.get(self.content, {})
        if site.get("fingerprint") == fingerprint:
            self.kept = site["bodies"]

    def get(self, source: str) -> Body | None:
        """The kept body of ``source`` if the file is as it was."""
        entry = self.kept.get(source)
        if entry is None or entry[0] != stamp(source):
            return None
        self.used[source] = entry
        self.hits += 1
        return entry[1]

    def put(self, source: str, file_stamp: tuple | None, body: Body) -> None:
        """Keep ``body``, made from ``source`` when it had ``file_stamp``
        (taken before reading: a file saved again meanwhile is read again)."""
        if file_stamp is not None:
            self.used[source] = (file_stamp, body)

    def save(self) -> None:
        """Write what this build used (deleted articles drop out), beside
        the bodies of the SITES_KEPT other folders built most recently."""
        self.sites[self.content] = {
            "fingerprint": self.fingerprint,
            "bodies": self.used,
            "built": time.time(),
        }
        recent = sorted(
            (folder for folder in self.sites if os.path.isdir(folder)),
            key=lambda folder: self.sites[folder]["built"],
        )[-SITES_KEPT:]
        kept = {folder: self.sites[folder] for folder in recent}
        write_pickle(self.path, {"format": FORMAT, "sites": kept})


def stamp(source: str) -> tuple | None:
    try:
        status = os.stat(source)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def fingerprint(settings: dict, content: Path, plugin_folders: list[Path]) -> str:
    """Digest of everything but the file itself that an article's body is made from."""
    h = hashlib.blake2b(digest_size=16)
    h.update(_versions().encode())
    h.update(_plain(settings.get("MARKDOWN", {})).encode())
    h.update(tree_digest(*plugin_folders, suffixes=(".py",)).encode())
    root = os.path.join(content, "")  # os.walk's paths start with it
    for directory, folders, files in os.walk(content):
        folders.sort()
        # The articles, most of the files, are left out first: a walk of
        # every build of the warm process (0.015 s at 5,000 articles).
        for name in sorted(n for n in files if not n.lower().endswith(MARKDOWN_SUFFIXES)):
            path = os.path.join(directory, name)
            h.update(path.removeprefix(root).encode() + b"\0")
        if ALBUM_FILE in files:
            path = os.path.join(directory, ALBUM_FILE)
            h.update(path.removeprefix(root).encode() + b"\0" + Path(path).read_bytes())
    return h.hexdigest()


@functools.cache
def _versions() -> str:
    # The code a process converts with is the code it imported: its version
    # is read once (importlib.metadata reads the installed packages' files).
    return "".join(
        f"{package}={metadata.version(package)}\n" for package in ("pelican", "markdown")
    )


def _plain(value: Any, depth: int = 0) -> str:
    """Stable text for the Markdown settings; the photo catalog (an object
    the image pipeline puts there) by what it holds."""
    if depth > 8:
        return "deep"
    if isinstance(value, dict):
        return "{" + ",".join(f"{k!r}:{_plain(value[k], depth + 1)}" for k in sorted(value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_plain(v, depth + 1) for v in value) + "]"
    if isinstance(value, str | int | float | bool | type(None)):
        return repr(value)
    if isinstance(value, Path):
        return repr(str(value))
    pictures = getattr(value, "pictures", None)
    if isinstance(pictures, dict):  # image_pipeline's Catalog
        return repr(sorted(pictures.items()))
    # Anything else: its type; an object whose contents shape bodies must be
    # added above, as the catalog is.
    return type(value).__qualname__
