"""The last build's index, kept to be written again when nothing it is made
of changed: the articles as the index sees them (every Doc field), the
VN_SEARCH settings and this plugin's code. One site at a time, in
CACHE_PATH/vn_search/index.pickle; anything unreadable means "build it"."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cache_files import cache_root, read_pickle, tree_digest, write_pickle

FORMAT = 1
CODE = Path(__file__).parent
NOT_SHAPING = frozenset({"BACKGROUND", "PROCESSES"})


class KeptIndex:
    def __init__(self, settings):
        self.path = cache_root(settings) / "vn_search" / "index.pickle"

    @staticmethod
    def digest(docs, options: dict) -> str:
        h = hashlib.blake2b(digest_size=16)
        # Where and how the index is built does not shape it.
        shaping = sorted((k, v) for k, v in options.items() if k not in NOT_SHAPING)
        h.update(f"{FORMAT}\0{shaping!r}\0".encode())
        h.update(tree_digest(CODE, suffixes=(".py",)).encode())
        for doc in docs:
            # repr of a frozen dataclass of str, datetime, tuples and dicts: stable.
            h.update(repr(doc).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def files(self, digest: str) -> dict[str, bytes] | None:
        stored = read_pickle(self.path)  # None: missing or damaged, build the index
        if not isinstance(stored, dict) or stored.get("digest") != digest:
            return None
        return stored.get("files")

    def save(self, digest: str, files: dict[str, bytes]) -> None:
        write_pickle(self.path, {"digest": digest, "files": files})
