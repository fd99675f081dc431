"""Each word's encoded postings, kept between builds of one site.

Encoding a word (its BM25 impacts, its gaps as varints, its blocks
gzipped: index._encode_slice) is a pure function of the word and its exact
forms, the number of articles, its counted postings, and the length norm and
authority of each article in them. A digest of what shapes it
(index._encoding_keys) is the word's key here; a word whose key the last
build encoded takes that encoding back instead of being encoded again.
After an edit, most words' keys are unchanged: the edited article's rare
words are encoded again, and, since the average length the norms compare
with is kept on a grid (postings.steady_average), every other article's
norm stays as it was.

Making a key weighs the word's postings again (0.3 s of each warm edit at
5,000 articles, for every word). A word that no changed article had or has,
in a build whose other articles kept their weights, has the key the last
build kept for it: only the changed articles' words are keyed again
(index._touched), while the letters kept are known to be one whole build's
(``last_build``, which each build removes before it keeps a letter and
writes again last). The other words are then taken back in the last build's
order, their postings not even joined (index._encode_touched).

Only incremental builds keep words (a full build keeps nothing). The words
are stored by first letter, as the index is joined and encoded one letter
at a time, so only one letter's words are held at once. The store lives in
the site's run store (runs.site_store), and goes with it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from cache_files import read_pickle, replace_atomically, write_pickle

LAYOUT = "layout.txt"
LAST_BUILD = "last-build.pickle"  # EncodedWords.last_build
WEIGHTS = ("norms", "boosts")

# (entry, postings inline or None, gzipped blocks or None), as _encode_slice gives
Encoded = tuple[list, bytes | None, list[bytes] | None]


class EncodedWords:
    def __init__(self, folder: Path, salt: str):
        """``salt``: the code and settings that shape an encoding."""
        self.folder = folder
        self.salt = salt.encode()
        self.reused = 0
        self.encoded = 0

    def counts(self) -> str:
        return f"{self.encoded} encoded, {self.reused} kept"

    def layout(self, average: float, urls: list[str]) -> str:
        """What every key depends on: the articles' numbers (their order),
        the average length, the code and settings."""
        h = hashlib.blake2b(self.salt, digest_size=16)
        h.update(f"{average!r}\0{len(urls)}\0".encode())
        h.update("\0".join(urls).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def same_layout(self, layout: str) -> bool:
        """Whether the last build had this layout: if not, no key is found
        (an article was added, removed or moved), and looking is wasted."""
        try:
            return (self.folder / LAYOUT).read_text(encoding="utf-8") == layout
        except OSError:
            return False

    def keeping(self, encoded: Iterator[tuple[bytes, Encoded]]) -> Iterator[Encoded]:
        """Each word's encoding, as the workers gave it with its key, in
        order; each letter's are kept once its last word passed."""
        letter, now = None, {}
        for key, made in encoded:
            first = made[0][0][0]  # the entry's word's first character
            if first != letter:
                if letter is not None:
                    self.save(letter, now)
                letter, now = first, {}
            now[key] = made
            self.encoded += 1
            yield made
        if letter is not None:
            self.save(letter, now)

    def kept(self, letter: str) -> dict[bytes, Encoded]:
        """The last build's encodings of the words starting with ``letter``."""
        found = read_pickle(self._path(letter))
        return found if isinstance(found, dict) else {}

    def save(self, letter: str, words: dict[bytes, Encoded]) -> None:
        write_pickle(self._path(letter), words)

    def last_build(self, layout: str) -> tuple[set[str], tuple] | None:
        """The runs' keys and the articles' weights (length norms,
        authorities) of the last build, if it ended with this layout and no
        build began since (``begin``): every letter kept is then that
        build's, and a word whose postings and weights are the same has the
        key kept for it (index._touched). Else None."""
        found = read_pickle(self.folder / LAST_BUILD)
        if not isinstance(found, dict) or found.get("layout") != layout:
            return None
        try:
            norms, boosts = (np.frombuffer(found[name], dtype=np.float64) for name in WEIGHTS)
            return set(found["runs"]), (norms, boosts)
        except (KeyError, TypeError, ValueError):
            return None

    def begin(self) -> None:
        """Before this build keeps any letter: the last build's record goes,
        so that a build stopped half-way (some letters its own, others the
        last one's) leaves nothing that says the letters are one build's."""
        (self.folder / LAST_BUILD).unlink(missing_ok=True)

    def keep_only(
        self, letters: set[str], layout: str, runs: set[str], weights: tuple[np.ndarray, ...]
    ) -> None:
        """Forget the letters no word of this build starts with; remember
        the build's layout, and last the record ``last_build`` reads: its
        runs' keys and weights. (A build that stops before this keeps the
        last layout: its keys, which cannot match it, are then merely unused.)"""
        self.folder.mkdir(parents=True, exist_ok=True)
        wanted = {self._path(letter).name for letter in letters} | {LAYOUT, LAST_BUILD}
        for path in self.folder.iterdir():
            if path.name not in wanted:
                path.unlink(missing_ok=True)
        replace_atomically(self.folder / LAYOUT, lambda stream: stream.write(layout.encode()))
        record = {"layout": layout, "runs": sorted(runs)}
        record.update((name, array.tobytes()) for name, array in zip(WEIGHTS, weights, strict=True))
        write_pickle(self.folder / LAST_BUILD, record)

    def _path(self, letter: str) -> Path:
        # Any character may start a word: the file is named by its code point.
        return self.folder / f"{ord(letter):x}.pickle"
