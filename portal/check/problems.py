"""What a check finds: one problem, at one line of one file, with what to do about it."""

from dataclasses import dataclass
from pathlib import Path

ERROR, WARNING = "error", "warning"
LABELS = {ERROR: "LỖI (error)", WARNING: "CẢNH BÁO (warning)"}


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int  # 1-based; 1 when the problem is about the whole file
    severity: str
    what: str  # Vietnamese first, a short English gloss in parentheses
    todo: str

    def format(self, relative_to: Path | None = None) -> str:
        """``file:line: LỖI (error): what is wrong — what to do``."""
        where = f"{shown_path(self.path, relative_to)}:{self.line}"
        return f"{where}: {self.label}: {self.what} — {self.todo}"

    @property
    def label(self) -> str:
        return LABELS[self.severity]


def shown_path(path: Path, relative_to: Path | None = None) -> str:
    """The path as the editor typed it: relative to the working folder when inside it."""
    base = (relative_to or Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
