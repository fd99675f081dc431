"""Write the awkward photos the image tests need into a folder (small, generated at test time).

Every EXIF orientation (1-8) of one scene whose visual top is a red band with
a green square at its left end, so a test can tell from pixels whether the
top stays on top and left stays left; a photo with GPS, serial numbers, an
owner name and a maker note; one with an ICC profile; a PNG with
transparency; and the bad files editors produce: a truncated JPEG, a text
file named .jpg, a PNG whose header claims 30000×30000 pixels, and an
unreadable file.

    python tools/make_test_photos.py FOLDER
"""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw
from PIL.TiffImagePlugin import IFDRational

VISUAL = (120, 80)  # width, height as the reader should see it
RED, GREEN, BLUE = (220, 20, 20), (20, 200, 20), (20, 20, 220)
# Pillow's exif_transpose turns orientation N with TRANSPOSE[N]; we store the
# inverse turn so that applying the tag gives the visual scene back.
_INVERSE = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
SERIAL = "SN-0042-TEST-SERIAL"
OWNER = "Nguyen Van Chu May"


def scene() -> Image.Image:
    """Blue below, a red band on top, a green square at the top-left corner."""
    image = Image.new("RGB", VISUAL, BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, VISUAL[0], VISUAL[1] // 4), fill=RED)
    draw.rectangle((0, 0, VISUAL[0] // 6, VISUAL[1] // 4), fill=GREEN)
    return image


def oriented(folder: Path, orientation: int) -> Path:
    stored = scene()
    if _INVERSE[orientation] is not None:
        stored = stored.transpose(_INVERSE[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = folder / f"orientation-{orientation}.jpg"
    stored.save(path, "JPEG", quality=95, exif=exif)
    return path


def with_private_metadata(folder: Path) -> Path:
    exif = Image.Exif()
    exif[0x010F] = "samsung"  # Make
    exif[0x0110] = "SM-A546E"  # Model
    exif[0x013B] = OWNER  # Artist
    exif[0x0112] = 1
    ifd = exif.get_ifd(0x8769)
    ifd[0xA431] = SERIAL  # BodySerialNumber
    ifd[0xA430] = OWNER  # CameraOwnerName
    ifd[0x927C] = b"MAKERNOTE-SECRET" * 4  # MakerNote
    ifd[0x9003] = "2025:03:23 09:30:00"  # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (IFDRational(21, 1), IFDRational(4, 1), IFDRational(3012, 100))
    gps[3] = "E"
    gps[4] = (IFDRational(105, 1), IFDRational(48, 1), IFDRational(5, 1))
    path = folder / "gps.jpg"
    scene().save(path, "JPEG", quality=90, exif=exif)
    return path


def icc_profile() -> bytes:
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes.fromhex("07e900030017000000000000")  # creation date pinned
    return bytes(data)


def with_icc(folder: Path) -> Path:
    path = folder / "icc.jpg"
    scene().save(path, "JPEG", quality=90, icc_profile=icc_profile())
    return path


def with_alpha(folder: Path) -> Path:
    """Left half opaque red, right half fully transparent."""
    image = Image.new("RGBA", VISUAL, (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 0, VISUAL[0] // 2 - 1, VISUAL[1]), fill=(*RED, 255))
    path = folder / "alpha.png"
    image.save(path)
    return path


def truncated(folder: Path) -> Path:
    rng = random.Random(3)
    noise = bytes(rng.randrange(256) for _ in range(300 * 200 * 3))
    buffer = io.BytesIO()
    Image.frombytes("RGB", (300, 200), noise).save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    path = folder / "truncated.jpg"
    path.write_bytes(data[: len(data) // 2])
    return path


def not_an_image(folder: Path) -> Path:
    path = folder / "not-a-photo.jpg"
    path.write_text("Biên bản họp tổ dân phố (a text file saved as .jpg)\n", encoding="utf-8")
    return path


def over_the_limit(folder: Path) -> Path:
    """A PNG whose header says 30000×30000: refused from the header, never decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    data += chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b"")
    path = folder / "huge.png"
    path.write_bytes(data)
    return path


def unreadable(folder: Path) -> Path:
    """A photo that cannot be opened: a link to nowhere (chmod 000 means nothing to root)."""
    path = folder / "unreadable.jpg"
    os.symlink(folder / "gone-from-the-phone.jpg", path)
    return path


GOOD = [with_private_metadata, with_icc, with_alpha]
BAD = [truncated, not_an_image, over_the_limit, unreadable]


def write_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {f"orientation-{n}": oriented(folder, n) for n in range(1, 9)}
    for make in GOOD + BAD:
        path = make(folder)
        made[path.stem] = path
    return made


if __name__ == "__main__":
    for name, path in write_all(Path(sys.argv[1])).items():
        print(name, path)
