"""Make a new photo album from a folder of photos, leaving the folder as it was.

    python -m portal.new_album FOLDER --title "Tên album" [--content DIR]

Copies the photos (never moves or changes them) into
``content/albums/<slug>/`` and writes ``album.md`` with one line per photo,
in the order they were taken (EXIF date taken, then file name), each waiting
for its caption.
"""

import argparse
import shutil
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, UnidentifiedImageError

from photo_albums.metadata import ALBUM_FILE, IMAGE_SUFFIXES
from portal.check import ROOT
from vietnamese.text import nfc, slugify

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
_EXIF_IFD = 0x8769
_DATE_TAKEN, _DATE_CHANGED = 36867, 306  # DateTimeOriginal, DateTime


def date_taken(path: Path) -> datetime | None:
    """When the camera says the photo was taken (local time, as the camera had it)."""
    try:
        with Image.open(path) as image:
            exif = image.getexif()
    except (UnidentifiedImageError, OSError):
        return None
    value = exif.get_ifd(_EXIF_IFD).get(_DATE_TAKEN) or exif.get(_DATE_CHANGED)
    try:
        return datetime.strptime(str(value).strip("\0 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def photos_in_order(folder: Path) -> list[tuple[Path, datetime | None]]:
    photos = [
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in IMAGE_SUFFIXES
    ]
    dated = [(p, date_taken(p)) for p in photos]
    # Photos without a date go last, by name: a phone's own order.
    return sorted(dated, key=lambda pd: (pd[1] is None, pd[1] or datetime.min, pd[0].name))


def album_text(title: str, photos: list[tuple[Path, datetime | None]], now: datetime) -> str:
    dates = [d for _, d in photos if d]
    date = min(dates) if dates else now.astimezone(HANOI)
    lines = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Cover: {photos[0][0].name}",
        "Summary:",
        "",
    ]
    lines += [f"- {path.name}:" for path, _ in photos]
    return "\n".join(lines) + "\n"


def new_album(folder: Path, title: str, content: Path, now: datetime | None = None) -> Path:
    title = nfc(title.strip())
    if not title:
        raise ValueError('tên album trống (the title is empty): ghi --title "Tên album"')
    if not folder.is_dir():
        raise ValueError(f"{folder}: không có thư mục này (no such folder)")
    photos = photos_in_order(folder)
    if not photos:
        raise ValueError(f"{folder}: không có ảnh .jpg/.png/.webp nào (no photos in the folder)")
    album = content / "albums" / slugify(title)
    if album.exists():
        raise FileExistsError(f"{album} đã có (album exists): đặt tên album khác")
    album.mkdir(parents=True)
    for path, _ in photos:
        shutil.copy2(path, album / path.name)  # copy, keeping the file's times
    with (album / ALBUM_FILE).open("x", encoding="utf-8") as out:
        out.write(album_text(title, photos, now or datetime.now(HANOI)))
    return album / ALBUM_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.new_album", description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--title", required=True)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args(argv)
    try:
        path = new_album(args.folder, args.title, args.content)
    except (ValueError, FileExistsError) as error:
        print(f"LỖI (error): {error}", file=sys.stderr)
        return 1
    print(path)
    print(
        "Viết chú thích cho từng ảnh sau dấu hai chấm, rồi chạy ./dev check "
        "(write a caption after each colon).",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
