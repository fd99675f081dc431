"""The fields of a legal document, checked the way a clerk would check them.

Pure functions over the metadata an editor wrote, so the build and
``invoke check`` give the same answers.
"""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# "55/KH-ĐU", "01/2023/QĐ-UBND", "118-KH/QU" (Decree 30/2020/ND-CP, annex I):
# a number, an optional year, then the form and issuer abbreviations.
CODE_NUMBER = re.compile(r"^\d{1,5}(/\d{4})?[/-][A-ZĐ]{1,10}([/-][A-ZĐ0-9]{1,15}){0,3}$")
REQUIRED = ("title", "type", "issuer", "number", "issued", "file")
FORMATS = {".pdf": "PDF", ".docx": "DOCX", ".doc": "DOC", ".odt": "ODT"}


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str  # Vietnamese first, a short English gloss after


def parse_day(text: str) -> date | None:
    """'2023-01-27' or '27/01/2023' → date; None when it is not a date."""
    text = text.strip()
    for pattern, order in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", "dmy"),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
    return None


def check_fields(meta: dict[str, str], types: list[str], files_root: Path) -> list[FieldProblem]:
    """Every problem with one document's metadata, in the order of the fields."""
    problems = [
        FieldProblem(name, f"thiếu dòng `{name.capitalize()}:` — thêm vào đầu tệp (missing)")
        for name in REQUIRED
        if not str(meta.get(name, "")).strip()
    ]
    kind = meta.get("type", "").strip()
    if kind and kind not in types:
        problems.append(
            FieldProblem(
                "type",
                f"loại văn bản “{kind}” không có trong danh sách: "
                f"{', '.join(types)} (unknown document type)",
            )
        )
    number = meta.get("number", "").strip()
    if number and not CODE_NUMBER.match(number.replace(" ", "")):
        problems.append(
            FieldProblem(
                "number",
                f"số ký hiệu “{number}” không đúng dạng, ví dụ 55/KH-ĐU "
                "hoặc 01/2023/QĐ-UBND (code number not in the usual form)",
            )
        )
    issued = _checked_day(meta, "issued", problems)
    effective = _checked_day(meta, "effective", problems)
    if issued and effective and effective < issued:
        problems.append(
            FieldProblem(
                "effective",
                "ngày hiệu lực trước ngày ban hành — kiểm tra lại hai "
                "ngày (effective before issued)",
            )
        )
    attached = meta.get("file", "").strip()
    if attached:
        path = files_root / attached
        if not path.is_file():
            problems.append(
                FieldProblem(
                    "file",
                    f"không thấy tệp đính kèm {attached} trong {files_root} — "
                    "chép tệp vào đó hoặc sửa tên (attached file missing)",
                )
            )
        elif path.suffix.lower() not in FORMATS:
            problems.append(
                FieldProblem(
                    "file", f"tệp {attached} không phải PDF hay DOCX (attach a PDF or DOCX file)"
                )
            )
    return problems


def _checked_day(meta: dict, name: str, problems: list[FieldProblem]) -> date | None:
    text = str(meta.get(name, "")).strip()
    if not text:
        return None
    day = parse_day(text)
    if day is None:
        problems.append(
            FieldProblem(
                name, f"ngày “{text}” không đọc được — viết dạng 2023-01-27 (date does not parse)"
            )
        )
    return day


def file_label(path: Path) -> str:
    """'PDF, 12 KB': what a reader is about to download."""
    size = path.stat().st_size
    kind = FORMATS.get(path.suffix.lower(), path.suffix.lstrip(".").upper())
    if size < 1024 * 1024:
        return f"{kind}, {max(1, round(size / 1024))} KB"
    return f"{kind}, {size / (1024 * 1024):.1f} MB".replace(".", ",")
