"""What the index keeps between builds, in CACHE_PATH/vn_search/.

KeptIndex: the last build's index, placed again when nothing it is made of
changed: the articles as the index sees them (every Doc field and the HTML
the text is taken from), the VN_SEARCH settings and this plugin's code.

One site at a time, in CACHE_PATH/vn_search/: ``index/`` holds the files,
hard links to those the build wrote (no copy, where the output and the
cache share a file system), and ``index.json`` their digest and names. The
record goes before the files change and comes back after, so a build
stopped half-way leaves no record to trust; anything missing or unreadable
means "build it".
(When something changed, runs.RunStore keeps the counts of each run of
articles, so that only the runs with a changed article are counted again,
and a file made with the same bytes as the kept one, such as an unchanged
article's text, is linked from here, not written: plugin.LinkingWriter.)
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable, Sequence
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from cache_files import cache_root, link_or_copy, mark_kept, read_json, tree_digest, write_json

from .index import Doc, data_sum

FORMAT = 4
CODE = Path(__file__).parent
NOT_SHAPING = frozenset({"BACKGROUND", "PROCESSES"})


# A Doc's fields but the number of articles citing it, in order.
_FIELDS = attrgetter(*(f.name for f in dataclasses.fields(Doc) if f.name != "cited_by"))


def doc_text(doc: Doc) -> str:
    """What the kept index's digest takes of ``doc`` but its ``cited_by``:
    made once for an article that stays as read (learned.py keeps it), not
    on every build (the repr of 5,000 Docs: 0.06 s of each warm edit)."""
    # repr of a tuple of str, datetime, tuples and dicts: stable.
    return repr(_FIELDS(doc))


def file_sum(data: bytes) -> str:
    """The digest by which a file of the index is known to be unchanged,
    as the record keeps it (JSON: text)."""
    return data_sum(data).hex()


class Previous(NamedTuple):
    """The last build's index: its folder in the cache, and by name each
    file's digest (``file_sum``) and inode in the output (0: not known),
    on ``device``."""

    folder: Path
    sums: dict[str, str]
    inodes: dict[str, int]
    device: int


def keep_in_place(previous: Previous, name: str, path: str) -> int:
    """Make the output's file at ``path`` the kept index's file ``name``:
    left as it is if it is (the inode recorded, on the same device: one
    ``stat``, for each of an edit's 7,600 files), else linked (or copied)
    from the cache. Returns its inode; 0 if the cache has no such file. A
    file of none of folder.FOLDERS (the manifest) is marked kept for the
    build's sweep."""
    inode = previous.inodes.get(name, 0)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        found = None
    if inode and found is not None and (found.st_ino, found.st_dev) == (inode, previous.device):
        if "/" not in name:
            mark_kept(path, found)
        return inode
    try:
        link_or_copy(previous.folder / name, Path(path))
    except OSError:
        return 0
    return os.stat(path).st_ino


class KeptIndex:
    def __init__(self, settings):
        self.folder = folder = cache_root(settings) / "vn_search"
        self.files = folder / "index"
        self.record = folder / "index.json"
        self._record: dict | None = None  # its content: _stored()
        # The pickle of every file that held the index before FORMAT 2.
        (folder / "index.pickle").unlink(missing_ok=True)

    @staticmethod
    def digest(
        docs: Sequence[Doc], texts: Iterable[str], body_sums: Iterable[bytes], options: dict
    ) -> str:
        """``texts``: the ``doc_text`` of each doc; ``body_sums``: the
        ``index.body_sum`` of what each doc's text is made from (the HTML
        of its body), doc by doc."""
        h = hashlib.blake2b(digest_size=16)
        # Where and how the index is built does not shape it.
        shaping = sorted((k, v) for k, v in options.items() if k not in NOT_SHAPING)
        h.update(f"{FORMAT}\0{shaping!r}\0".encode())
        h.update(tree_digest(CODE, suffixes=(".py",)).encode())
        for doc, text, body in zip(docs, texts, body_sums, strict=True):
            h.update(f"{text}\0{doc.cited_by}\0".encode("utf-8", "surrogatepass"))
            h.update(body)
        return h.hexdigest()

    def place(self, digest: str, folder: Path) -> list[str] | None:
        """Put the kept index in ``folder`` (its files that are already
        there are left as they are): the names of its files, or None if
        there is none of this digest."""
        previous = self.previous()
        if previous is None or self._stored().get("digest") != digest:
            return None
        root = str(folder)
        for name in previous.sums:
            if not keep_in_place(previous, name, os.path.join(root, name)):
                return None  # a kept file gone: build it
        return list(previous.sums)

    def previous(self) -> Previous | None:
        """The last build's index, whatever its digest, if it is whole: a
        changed index still has most files of the last one (the texts of
        unchanged articles), which ``LinkingWriter`` links."""
        stored = self._stored()
        names, sums, inodes = stored.get("files"), stored.get("sums"), stored.get("inodes")
        device = stored.get("device")
        if not all(isinstance(found, list) for found in (names, sums, inodes)):
            return None
        if not (len(names) == len(sums) == len(inodes)) or not isinstance(device, int):
            return None
        return Previous(
            self.files,
            dict(zip(names, sums, strict=True)),
            dict(zip(names, inodes, strict=True)),
            device,
        )

    def _stored(self) -> dict:
        """The record of the last build's index, read once per build."""
        if self._record is None:
            found = read_json(self.record)
            self._record = found if isinstance(found, dict) else {}
        return self._record

    def save(self, digest: str, folder: Path, written) -> None:
        """Keep the index just written in ``folder`` by ``written`` (a
        LinkingWriter): each file's name, ``file_sum`` and inode, and which
        files are already links to this cache's (it linked them), left as
        they are."""
        names, linked = written.names, frozenset(written.linked_names)
        before = self._stored().get("files")
        self.record.unlink(missing_ok=True)
        self._record = None
        wanted = set(names)
        if isinstance(before, list):
            # The record names every file the folder holds: no walk needed.
            stale = [self.files / name for name in before if name not in wanted]
        elif self.files.is_dir():  # no record (a build stopped half-way): look
            stale = [p for p in self.files.rglob("*") if p.is_file()]
            stale = [p for p in stale if str(p.relative_to(self.files)) not in wanted]
        else:
            stale = []
        for path in stale:
            path.unlink(missing_ok=True)
        for name in names:
            if name not in linked:
                link_or_copy(folder / name, self.files / name)
        record = {"digest": digest, "files": names, "sums": written.sums}
        record.update(inodes=written.inodes, device=written.device)
        write_json(self.record, record)
