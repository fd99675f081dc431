"""The small state file: views per article per day, and how far each log was read.

Written atomically (a temporary file renamed over the old one), so a build
killed half-way leaves the previous state. It holds no IP address and no user
agent: only, for visits still open, a salted hash that the next build needs
to count a returning reader once; the salt changes every day.
"""

import json
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cache_files import write_json

from .logfiles import Progress

logger = logging.getLogger(__name__)
VERSION = 1


@dataclass
class ViewState:
    salt: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    salt_day: str = ""
    files: dict[str, Progress] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # id -> day -> n
    recent: dict[tuple[int, str], int] = field(default_factory=dict)  # (visitor, id) -> t

    def renew_salt(self, today: str) -> None:
        """A new salt each day: yesterday's visitor hashes cannot be linked."""
        if self.salt_day != today:
            self.salt = secrets.token_bytes(16)
            self.salt_day = today
            self.recent = {}


def load_state(path: Path) -> ViewState:
    if not path.exists():
        return ViewState()
    try:
        raw = json.loads(path.read_text("utf-8"))
        if raw.get("version") != VERSION:
            raise ValueError(f"version {raw.get('version')!r}")
        return ViewState(
            salt=bytes.fromhex(raw["salt"]),
            salt_day=raw["salt_day"],
            files={k: Progress(**v) for k, v in raw["files"].items()},
            counts={k: {d: int(n) for d, n in v.items()} for k, v in raw["counts"].items()},
            recent={(int(v, 16), a): int(t) for v, a, t in raw["recent"]},
        )
    except (ValueError, KeyError, TypeError) as error:
        logger.warning(
            "%s: tệp trạng thái lượt xem bị hỏng (%s); đếm lại từ đầu các nhật ký còn giữ "
            "(view-count state is corrupt: recounting from the logs still on disk).",
            path,
            error,
        )
        return ViewState()


def save_state(path: Path, state: ViewState) -> None:
    data = {
        "version": VERSION,
        "salt": state.salt.hex(),
        "salt_day": state.salt_day,
        "files": {k: state.files[k].as_dict() for k in sorted(state.files)},
        "counts": {k: dict(sorted(state.counts[k].items())) for k in sorted(state.counts)},
        "recent": sorted([f"{v:016x}", a, t] for (v, a), t in state.recent.items()),
    }
    write_json(path, data, durable=True, ensure_ascii=False, separators=(",", ":"))
