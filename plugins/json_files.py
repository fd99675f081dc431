"""JSON files that plugins keep between builds (caches, manifests, state).

Read forgivingly: a missing or damaged cache file means "start afresh", never
a failed build. Written atomically: beside its final name, then renamed, so
a build stopped half-way (or two builds side by side) never leaves a
half-written file for the next build to trust.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["read_json", "write_json"]


def read_json(path: Path) -> Any:
    """The file's data, or ``{}`` if it is missing or not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_json(path: Path, data: Any, *, durable: bool = False, **options: Any) -> None:
    """Replace ``path`` with ``data`` (``options`` go to ``json.dump``);
    ``durable`` also flushes it to disk first (state that cannot be rebuilt)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, **options)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
