"""Guess what an editor's file is encoded in when it is not UTF-8.

Vietnamese Windows editors save Windows-1258 (tone marks as separate bytes);
Notepad's "Unicode" is UTF-16. Saying which one it looks like tells the
editor which menu item to change, and lets ``fix-text`` convert it.
"""

import codecs

UTF16_BOMS = {codecs.BOM_UTF16_LE: "utf-16", codecs.BOM_UTF16_BE: "utf-16"}
NAMES = {"utf-16": "UTF-16", "cp1258": "Windows-1258"}


def guess_encoding(data: bytes) -> str | None:
    """A Python codec name for ``data``: utf-8, utf-16, cp1258, or None if unknown."""
    if data[:2] in UTF16_BOMS:
        return "utf-16"
    # UTF-16 without a byte-order mark: every other byte of ASCII text is NUL.
    sample = data[:4000]
    if sample and sample.count(0) * 3 >= len(sample):
        return "utf-16-le" if sample[1:2] == b"\0" else "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1258")
        return "cp1258"
    except UnicodeDecodeError:
        return None


def encoding_name(codec: str | None) -> str:
    """What to call a codec in a message for editors."""
    if codec is None:
        return "không rõ (unknown)"
    return NAMES.get(codec.split("-le")[0].split("-be")[0], codec.upper())


def decode(data: bytes) -> tuple[str, str]:
    """Text and the codec it was read with; raises UnicodeDecodeError if nothing fits."""
    codec = guess_encoding(data) or "utf-8"
    if codec == "utf-8":
        return data.decode("utf-8-sig"), codec
    return data.decode(codec), codec
