"""Rewrite editors' files as UTF-8 in composed (NFC) form, on request only.

    python -m portal.fix_text FILE...

Each file changed is first copied to FILE.bak (FILE.bak.1, … if that exists),
so nothing the editor wrote can be lost. Files already right are left alone.
"""

import logging
import shutil
import sys
import unicodedata
from pathlib import Path

from portal.encodings import decode, encoding_name

logger = logging.getLogger(__name__)


def backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{number}")
        number += 1
    return candidate


def fix_file(path: Path) -> str:
    """Fix one file; returns what was done, for the editor."""
    data = path.read_bytes()
    try:
        text, codec = decode(data)
    except UnicodeDecodeError:
        return f"{path}: không nhận ra bảng mã, không sửa (unknown encoding, not changed)"
    fixed = unicodedata.normalize("NFC", text).encode("utf-8")
    if fixed == data:
        return f"{path}: đã đúng UTF-8 NFC, không cần sửa (already fine)"
    backup = backup_path(path)
    shutil.copy2(path, backup)
    # Write beside the file and rename: a crash never leaves half a file.
    temporary = path.with_name(f".{path.name}.fixing")
    temporary.write_bytes(fixed)
    shutil.copymode(path, temporary)
    temporary.replace(path)
    return (
        f"{path}: đã chuyển từ {encoding_name(codec)} sang UTF-8 NFC; "
        f"bản cũ giữ ở {backup} (converted, backup kept)"
    )


def main(argv: list[str] | None = None) -> int:
    paths = [Path(a) for a in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        if not path.is_file():
            print(f"{path}: không có tệp này (no such file)", file=sys.stderr)
            status = 1
            continue
        message = fix_file(path)
        print(message)
        if "không sửa" in message:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
