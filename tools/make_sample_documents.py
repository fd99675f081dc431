#!/usr/bin/env python3
"""Stand-in PDF files for the sample legal documents in content/van-ban/.

The real files are scans and signed PDFs we do not have; these are one-page
PDFs that say what they stand for. They use a standard PDF font, which has
no Vietnamese letters, so their text is written without diacritics.

    python tools/make_sample_documents.py     # writes content/van-ban/tep/*.pdf
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "content" / "van-ban"
sys.path.insert(0, str(ROOT / "plugins"))

from vietnamese.text import fold  # noqa: E402


def pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF 1.4 showing ``lines`` in Helvetica."""
    text = ["BT", "/F1 13 Tf", "16 TL", "72 770 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def metadata(path: Path) -> dict[str, str]:
    head = path.read_text("utf-8").split("\n\n", 1)[0]
    return {k.lower(): v.strip() for k, v in re.findall(r"^(\w+):(.*)$", head, re.M)}


def main() -> int:
    for source in sorted(DOCUMENTS.glob("*.md")):
        meta = metadata(source)
        lines = [
            fold(meta["issuer"]).upper(),
            f"So: {fold(meta['number']).upper()}",
            "",
            fold(meta["type"]).upper(),
            *_wrap(fold(meta["title"]), 70),
            "",
            f"Ngay ban hanh: {meta['issued']}",
            "",
            "TAI LIEU MAU - ban mo phong de minh hoa cong thong tin,",
            "khong phai van ban goc.",
        ]
        target = DOCUMENTS / "tep" / meta["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf([_ascii(line) for line in lines]))
        print(target.relative_to(ROOT))
    return 0


def _ascii(text: str) -> str:
    plain = text.translate(str.maketrans({"“": '"', "”": '"', "–": "-", "…": "..."}))
    return plain.encode("ascii", "replace").decode()


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


if __name__ == "__main__":
    sys.exit(main())
