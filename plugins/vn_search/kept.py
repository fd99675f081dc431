"""The last build's index, kept to be written again when nothing it is made
of changed: the articles as the index sees them (every Doc field), the
VN_SEARCH settings and this plugin's code. One site at a time, in
CACHE_PATH/vn_search/index.pickle; anything unreadable means "build it"."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

FORMAT = 1
CODE = Path(__file__).parent
NOT_SHAPING = frozenset({"BACKGROUND", "PROCESSES"})


class KeptIndex:
    def __init__(self, settings):
        cache = Path(settings.get("CACHE_PATH") or os.path.join(os.getcwd(), "cache"))
        self.path = cache / "vn_search" / "index.pickle"

    @staticmethod
    def digest(docs, options: dict) -> str:
        h = hashlib.blake2b(digest_size=16)
        # Where and how the index is built does not shape it.
        shaping = sorted((k, v) for k, v in options.items() if k not in NOT_SHAPING)
        h.update(f"{FORMAT}\0{shaping!r}\0".encode())
        for source in sorted(CODE.glob("*.py")):
            h.update(source.read_bytes())
        for doc in docs:
            # repr of a frozen dataclass of str, datetime, tuples and dicts: stable.
            h.update(repr(doc).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def files(self, digest: str) -> dict[str, bytes] | None:
        try:
            with self.path.open("rb") as stream:
                stored = pickle.load(stream)
        except Exception:  # missing or damaged: build the index
            return None
        if not isinstance(stored, dict) or stored.get("digest") != digest:
            return None
        return stored.get("files")

    def save(self, digest: str, files: dict[str, bytes]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name)
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump({"digest": digest, "files": files}, stream, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
