"""The metadata lines at the top of a post: Title, Date, Category, Summary."""

import difflib
from collections.abc import Iterable
from dataclasses import replace

from pelican.utils import get_date

from portal.check.problems import ERROR, WARNING, Problem
from portal.check.source import Source
from vietnamese.text import fold


def check_metadata(source: Source, settings: dict) -> list[Problem]:
    problems = []
    title = source.value("title")
    if not title:
        problems.append(_missing(source, "title", "Title", "tiêu đề", "Title: Tiêu đề bài viết"))
    if source.kind == "article" and not source.value("date"):
        missing = _missing(source, "date", "Date", "ngày đăng", "Date: 2024-03-24 14:45")
        # A draft is never published, so it may wait for its date.
        if (source.value("status") or "").lower() == "draft":
            missing = replace(missing, severity=WARNING)
        problems.append(missing)
    for key, name in (("date", "ngày đăng"), ("modified", "ngày sửa")):
        value = source.value(key)
        if not value:
            continue
        try:
            get_date(value)
        except ValueError:
            problems.append(
                Problem(
                    source.path,
                    source.line_of(key),
                    ERROR,
                    f"{name} {value!r} không đọc được (date does not parse)",
                    "viết theo dạng năm-tháng-ngày giờ:phút, ví dụ "
                    f"{key.capitalize()}: 2024-03-24 14:45",
                )
            )
    if source.kind == "article":
        category = source.value("category")
        if category:
            problems += _check_category(source, category, settings["PORTAL_CATEGORIES"])
    summary = source.value("summary") or ""
    if "summary" in source.meta and not summary:
        problems.append(
            Problem(
                source.path,
                source.line_of("summary"),
                WARNING,
                "dòng Summary: để trống (Summary is empty)",
                "viết tóm tắt một – hai câu, hoặc xóa dòng để dùng đoạn đầu của bài",
            )
        )
    limit = settings["PORTAL_CHECK_SUMMARY_MAX_LENGTH"]
    if len(summary) > limit:
        problems.append(
            Problem(
                source.path,
                source.line_of("summary"),
                WARNING,
                f"tóm tắt dài {len(summary)} ký tự, quá {limit} (summary too long)",
                "rút gọn Summary còn một – hai câu",
            )
        )
    return problems


def _missing(source: Source, key: str, name: str, vietnamese: str, example: str) -> Problem:
    empty = key in source.meta
    what = (
        f"dòng {name}: để trống ({name} is empty)"
        if empty
        else f"thiếu dòng {name}: ({name} is missing)"
    )
    return Problem(
        source.path,
        source.line_of(key),
        ERROR,
        what,
        f"ghi {vietnamese} ở đầu tệp, ví dụ {example}",
    )


def suggest_category(category: str, known: Iterable[str]) -> str:
    """What to say about an unknown category: the closest known one, else the list."""
    known = list(known)
    folded = {fold(name): name for name in known}
    close = difflib.get_close_matches(fold(category), folded, n=1, cutoff=0.6)
    if close:
        return f"có phải là {folded[close[0]]!r}? Chép đúng tên chuyên mục"
    return "chọn một trong: " + ", ".join(known)


def _check_category(source: Source, category: str, known: Iterable[str]) -> list[Problem]:
    if category in known:
        return []
    return [
        Problem(
            source.path,
            source.line_of("category"),
            ERROR,
            f"chuyên mục {category!r} không có trong danh sách (unknown category)",
            suggest_category(category, known),
        )
    ]
