"""Displayed size of an image file, read from its header without decoding it."""

from functools import lru_cache
from pathlib import Path

from PIL import Image

# EXIF orientations 5-8 turn the picture a quarter: browsers show it with
# width and height swapped.
_QUARTER_TURNS = {5, 6, 7, 8}
_ORIENTATION_TAG = 0x0112


@lru_cache(maxsize=4096)
def _cached(path: str, mtime_ns: int, size: int) -> tuple[int, int]:
    with Image.open(path) as image:
        width, height = image.size
        if image.getexif().get(_ORIENTATION_TAG) in _QUARTER_TURNS:
            return height, width
        return width, height


def displayed_size(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)
