"""Read one Markdown source as bytes, the way Pelican's reader will see it, with line numbers.

The check never writes: it opens files for reading only, as bytes, and
decodes them itself so that a file that is not UTF-8 is reported (with the
encoding it looks like) instead of stopping the check.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from portal.check.problems import ERROR, Problem, shown_path
from portal.encodings import encoding_name, guess_encoding

# Python-Markdown's meta extension: "Key: value" lines up to the first blank
# line; a line indented by four spaces continues the value above.
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")


@dataclass
class Source:
    path: Path
    kind: str  # "article" or "page"
    text: str | None = None  # None when the file could not be decoded
    lines: list[str] = field(default_factory=list)
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)  # key → (value, line)
    body_start: int = 1  # line number of the first body line

    def value(self, key: str) -> str | None:
        return self.meta[key][0] if key in self.meta else None

    def line_of(self, key: str) -> int:
        return self.meta[key][1] if key in self.meta else 1


def read_source(path: Path, kind: str) -> tuple[Source, list[Problem]]:
    source = Source(path=path, kind=kind)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
        if "\0" in text:  # UTF-16 of plain ASCII is valid UTF-8, full of NULs
            raise UnicodeDecodeError("utf-8", data, data.index(0), data.index(0) + 1, "NUL")
    except UnicodeDecodeError as error:
        return source, [not_utf8(path, data, error)]
    source.text = text.removeprefix("\ufeff")
    source.lines = source.text.splitlines()
    _read_meta(source)
    return source, decomposed_text(path, source.lines)


def decomposed_text(path: Path, lines: list[str]) -> list[Problem]:
    """The first line in decomposed (NFD) form, as a problem; none if all NFC."""
    nfd_line = first_decomposed_line(lines)
    if not nfd_line:
        return []
    return [
        Problem(
            path,
            nfd_line,
            ERROR,
            "chữ tiếng Việt ở dạng tổ hợp dấu rời (text in decomposed NFD form)",
            f"chạy `./dev fix-text {shown_path(path)}` để chuyển sang dạng dựng sẵn (NFC), "
            "hoặc đặt bộ gõ ở bảng mã Unicode dựng sẵn",
        )
    ]


def not_utf8(path: Path, data: bytes, error: UnicodeDecodeError) -> Problem:
    codec = guess_encoding(data)
    line = data.count(b"\n", 0, error.start) + 1
    if codec and codec.startswith("utf-16"):
        line = 1  # byte offsets say nothing about lines in UTF-16
    return Problem(
        path,
        line,
        ERROR,
        "tệp không ở bảng mã UTF-8, có vẻ là "
        f"{encoding_name(codec)} (file is not UTF-8; it looks like {encoding_name(codec)})",
        f"chạy `./dev fix-text {shown_path(path)}` hoặc mở tệp và lưu lại với bảng mã UTF-8",
    )


def first_decomposed_line(lines: list[str]) -> int | None:
    for number, line in enumerate(lines, start=1):
        if not unicodedata.is_normalized("NFC", line):
            return number
    return None


def _read_meta(source: Source) -> None:
    last_key = None
    for number, line in enumerate(source.lines, start=1):
        if not line.strip():
            source.body_start = number + 1
            return
        match = _META.match(line)
        if match:
            last_key = match["key"].lower()
            source.meta[last_key] = (match["value"].strip(), number)
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and last_key:
            value, at = source.meta[last_key]
            source.meta[last_key] = (f"{value} {continuation['value'].strip()}".strip(), at)
            continue
        # Not metadata: Markdown reads the whole file as body from here.
        source.body_start = number
        return
    source.body_start = len(source.lines) + 1
