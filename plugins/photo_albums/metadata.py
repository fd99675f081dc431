"""The album metadata file (``content/albums/<slug>/album.md``), parsed without Pelican.

Format (documented for editors in docs/huong-dan-bien-tap.md)::

    Title: Ngày hội văn hóa phường Bưởi 2025
    Date: 2025-03-23 08:00
    Cover: IMG_0001.jpg
    Summary: Một số hình ảnh tại ngày hội.

    - IMG_0001.jpg: Chú thích hiện dưới ảnh | alt: Mô tả ảnh cho người khiếm thị
    - IMG_0002.jpg: Chú thích khác
    - IMG_0003.jpg:

A pure function over a path, so ``invoke check`` can use it as well as the
build. Every problem is returned with its file and line, never raised: one
bad line must not hide the others.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

__all__ = [
    "ALBUM_FILE",
    "IMAGE_SUFFIXES",
    "AlbumMetadata",
    "PhotoEntry",
    "Problem",
    "parse_album",
    "parse_album_text",
    "photo_files",
]

ALBUM_FILE = "album.md"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
REQUIRED = ("title", "date")
KNOWN = ("title", "date", "cover", "summary", "slug")
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")

_META = re.compile(r"^([A-Za-z][A-Za-z_-]*)\s*:\s*(.*)$")
_PHOTO = re.compile(r"^[-*]\s+(?P<file>[^:|]+?)\s*:(?P<rest>.*)$")
_ALT = re.compile(r"\|\s*alt\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None  # 1-based; None when the problem is about the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class PhotoEntry:
    file: str
    caption: str
    alt: str
    line: int


@dataclass
class AlbumMetadata:
    path: str  # the album.md file
    title: str = ""
    date: datetime | None = None
    cover: str = ""
    summary: str = ""
    slug: str = ""  # from Slug:, else "" (the caller uses the folder name)
    photos: list[PhotoEntry] = field(default_factory=list)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _parse_date(value: str) -> datetime | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def photo_files(folder: Path) -> list[str]:
    """Image files in an album folder, by name (the metadata file and hidden files excluded)."""
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in IMAGE_SUFFIXES
    )


def parse_album_text(
    text: str, path: str, present: list[str] | None = None
) -> tuple[AlbumMetadata, list[Problem]]:
    """Parse album.md text; with ``present`` (names in the folder), check listed files exist."""
    meta = AlbumMetadata(path=path)
    problems: list[Problem] = []
    seen_meta: dict[str, int] = {}
    seen_photos: dict[str, int] = {}
    in_header = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _nfc(raw.lstrip("\ufeff"))
        if not line:
            in_header = False
            continue
        if in_header and not line.startswith(("-", "*")):
            match = _META.match(line)
            if not match:
                problems.append(
                    Problem(path, number, f"expected 'Name: value' (e.g. 'Title: …'), got {line!r}")
                )
                continue
            key, value = match.group(1).lower(), match.group(2).strip()
            if key not in KNOWN:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"unknown field {match.group(1)!r}; known fields: Title, Date, Cover, "
                        "Summary, Slug",
                    )
                )
                continue
            if key in seen_meta:
                problems.append(
                    Problem(
                        path, number, f"{match.group(1)} given twice (also line {seen_meta[key]})"
                    )
                )
                continue
            seen_meta[key] = number
            if key == "date":
                meta.date = _parse_date(value)
                if meta.date is None:
                    problems.append(
                        Problem(
                            path, number, f"date {value!r} not understood: write 2025-03-23 08:00"
                        )
                    )
            else:
                setattr(meta, key, value)
            continue
        in_header = False
        match = _PHOTO.match(line)
        if not match:
            problems.append(
                Problem(
                    path,
                    number,
                    f"expected a photo line '- FILE.jpg: caption | alt: description', got {line!r}",
                )
            )
            continue
        name, rest = match.group("file").strip(), match.group("rest")
        parts = _ALT.split(rest, maxsplit=1)
        caption = parts[0].strip()
        alt = parts[1].strip() if len(parts) > 1 else ""
        if name in seen_photos:
            problems.append(
                Problem(path, number, f"{name} listed twice (also line {seen_photos[name]})")
            )
            continue
        seen_photos[name] = number
        meta.photos.append(PhotoEntry(file=name, caption=caption, alt=alt, line=number))
    for key in REQUIRED:
        if key not in seen_meta:
            problems.append(
                Problem(path, None, f"missing '{key.capitalize()}:' line at the top of the file")
            )
    if present is not None:
        available = set(present)
        for entry in meta.photos:
            if entry.file not in available:
                problems.append(
                    Problem(
                        path,
                        entry.line,
                        f"photo {entry.file} is listed but not in the folder: "
                        "add the file or remove the line",
                    )
                )
        if meta.cover and meta.cover not in available:
            problems.append(
                Problem(
                    path,
                    seen_meta["cover"],
                    f"cover {meta.cover} is not in the folder: name one of the album's photos",
                )
            )
    return meta, problems


def parse_album(path: str | Path) -> tuple[AlbumMetadata, list[Problem]]:
    """Parse ``content/albums/<slug>/album.md`` and check it against the folder's photos."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return AlbumMetadata(path=str(path)), [
            Problem(str(path), None, "not UTF-8 text: save the file as UTF-8")
        ]
    except OSError as error:
        return AlbumMetadata(path=str(path)), [
            Problem(str(path), None, f"cannot be read ({error.strerror})")
        ]
    return parse_album_text(text, str(path), photo_files(path.parent))
