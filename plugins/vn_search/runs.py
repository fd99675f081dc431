"""Each run of articles' counts, kept on disk until the words are encoded.

A run (postings.cut_runs) is counted by a worker, which stores its postings
here, split by the first letter of each key ("d" holds "dang", "dang\tđảng",
"dang vien"), with the run's article lengths and compressed texts. The
build's process then joins one letter at a time across every run, in run
order, and encodes it: no process holds more than one letter's postings,
which keeps a 50,000-article index within a few hundred MB.

A run is stored under the digest of what it is made of (its articles as
counted and the plugin's code). Kept in the cache between builds, a run
whose articles did not change is read back, not counted again; a run in
which a few articles changed is patched: its stored counts, less those of
the changed articles, plus theirs counted again (index._patch_run; the
store remembers each run's key by its articles' URLs, and each article's
digest). A full build uses a temporary folder instead. Each content folder has a store of
its own (site_store: CACHE_PATH/vn_search/runs/<folder's digest>/), so the
preview and the tests, building other sites into the same cache, never
prune each other's runs; the SITES_KEPT most recently built are kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from array import array
from pathlib import Path

from cache_files import read_json, replace_atomically, tree_digest, write_json

from .postings import Postings, folded_key

FORMAT = 4
CODE = Path(__file__).parent
SITES_KEPT = 4
NAMES = "names.json"  # each run's key by its articles' URLs: runs.RunStore.previous


def site_store(folder: Path, content: Path) -> RunStore:
    """The store of the site whose content is in ``content``, under
    ``folder``; the stores of sites built less recently than the last
    SITES_KEPT (temporary sites, old checkouts) are removed."""
    name = hashlib.blake2b(str(content.resolve()).encode(), digest_size=8).hexdigest()
    store = folder / name
    store.mkdir(parents=True, exist_ok=True)
    os.utime(store)  # built now: among the most recent
    others = []
    for path in folder.iterdir():
        if not path.is_dir():
            path.unlink(missing_ok=True)  # not a store: a leftover
        elif path != store:
            others.append(path)
    others.sort(key=lambda path: path.stat().st_mtime)
    for old in others[: max(0, len(others) - (SITES_KEPT - 1))]:
        shutil.rmtree(old, ignore_errors=True)
    return RunStore(store)


class RunStore:
    def __init__(self, folder: Path, code: str | None = None):
        self.folder = folder
        self.code = code if code is not None else tree_digest(CODE, suffixes=(".py",))
        # key → (where each part lies, where the parts start, the articles'
        # digests): a run's head is read once, not once per letter.
        self.tables: dict[str, tuple[dict, int, list[bytes]]] = {}
        self._names: dict[str, str] | None = None

    @staticmethod
    def article_digests(articles) -> list[bytes]:
        """Each article of a run (title, summary and tags, the digest of its
        body, category key), digested."""
        digests = []
        for fields, extra in articles:
            h = hashlib.blake2b(digest_size=16)
            for text in (*fields, extra):
                h.update(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
                h.update(b"\0")  # "ab" + "c" is not "a" + "bc"
            digests.append(h.digest())
        return digests

    def key(self, digests: list[bytes]) -> str:
        """A run's key: its articles' digests and the code that counts them."""
        h = hashlib.blake2b(f"{FORMAT}\0{self.code}\0".encode(), digest_size=16)
        for digest in digests:
            h.update(digest)
        return h.hexdigest()

    def texts(self, key: str) -> tuple[list[int], list[bytes]] | None:
        """A stored run's article lengths and gzipped texts; None if it is
        not stored (or cannot be read): count it."""
        try:
            return self._read(key, "")
        except Exception:  # missing, damaged, or from an older version of the code
            return None

    def digests(self, key: str) -> list[bytes] | None:
        """A stored run's article digests (article_digests), from its head
        alone, or None."""
        try:
            return self._table(key)[2]
        except Exception:  # missing, damaged, or from an older version of the code
            return None

    def postings(self, key: str) -> dict[str, array]:
        """Every key's postings in a stored run, numbered from 0 for the run."""
        table, parts, _digests = self._table(key)
        found: dict[str, array] = {}
        with self._path(key).open("rb") as stream:
            for letter, (offset, length) in table.items():
                if letter:
                    stream.seek(parts + offset)
                    found.update(
                        (word, array("I", data)) for word, data in pickle.loads(stream.read(length))
                    )
        return found

    def save(
        self,
        key: str,
        postings: dict[str, array],
        lengths: list[int],
        texts: list[bytes],
        digests: list[bytes],
    ):
        by_letter: dict[str, list] = {}
        for word, rows in postings.items():
            by_letter.setdefault(word[0], []).append((word, rows.tobytes()))
        parts = {"": (lengths, texts), **by_letter}

        def write(stream) -> None:
            blobs = {
                letter: pickle.dumps(part, pickle.HIGHEST_PROTOCOL)
                for letter, part in parts.items()
            }
            table, offset = {}, 0
            for letter, blob in blobs.items():
                table[letter] = (offset, len(blob))
                offset += len(blob)
            head = pickle.dumps((table, digests), pickle.HIGHEST_PROTOCOL)
            stream.write(len(head).to_bytes(8, "little") + head)
            for blob in blobs.values():
                stream.write(blob)

        replace_atomically(self._path(key), write)

    def letters(self, key: str) -> set[str]:
        return {letter for letter in self._table(key)[0] if letter}

    def joined(
        self, letter: str, runs: list[tuple[int, str]], only: frozenset[str] | None = None
    ) -> dict[str, array]:
        """Every key starting with ``letter``: its postings across the runs
        ((first article number, key) in order), numbered from 0 for the site.
        ``only``: the keys of these folded words alone ("dang" and
        "dang\tđảng" for "dang")."""
        joined = Postings()
        for start, key in runs:
            pairs = self._read(key, letter) or ()
            if only is not None:
                pairs = [pair for pair in pairs if folded_key(pair[0]) in only]
            joined.add_stored(pairs, start)
        return joined

    def previous(self, names: str) -> str | None:
        """The key the last build stored for the run of these articles
        (``names``: the digest of their URLs), for patch()."""
        if self._names is None:
            found = read_json(self.folder / NAMES)
            self._names = found if isinstance(found, dict) else {}
        return self._names.get(names)

    def remember(self, names: dict[str, str]) -> None:
        """Each run's key by the digest of its articles' URLs, for the next build."""
        write_json(self.folder / NAMES, names)

    def keep_only(self, keys: set[str]) -> None:
        """Forget the runs this build did not use: one site's at a time."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.bin"):
            if path.stem not in keys:
                path.unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.bin"

    def _table(self, key: str) -> tuple[dict, int, list[bytes]]:
        found = self.tables.get(key)
        if found is None:
            with self._path(key).open("rb") as stream:
                size = int.from_bytes(stream.read(8), "little")
                table, digests = pickle.loads(stream.read(size))
                found = self.tables[key] = (table, 8 + size, digests)
        return found

    def _read(self, key: str, letter: str):
        """The part of the run's file for ``letter`` ("": lengths and
        texts), or None if it has none."""
        table, parts, _digests = self._table(key)
        if letter not in table:
            return None
        offset, length = table[letter]
        with self._path(key).open("rb") as stream:
            stream.seek(parts + offset)
            return pickle.loads(stream.read(length))
