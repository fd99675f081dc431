"""LEGAL_DOCUMENTS_* settings with their defaults."""

from plugin_settings import Option, list_of_strings, read_settings

PREFIX = "LEGAL_DOCUMENTS"
SCHEMA = {
    # Folder under content/ with one Markdown file per document and, in
    # FILES_DIR beneath it, the attached PDF or DOCX files.
    "PATH": Option("van-ban", lambda v: isinstance(v, str) and bool(v), "a folder name"),
    "FILES_DIR": Option("tep", lambda v: isinstance(v, str) and bool(v), "a folder name"),
    # The forms of document the ward issues (Decree 30/2020/ND-CP names).
    "TYPES": Option(
        ["Nghị quyết", "Quyết định", "Kế hoạch", "Thông báo", "Báo cáo", "Hướng dẫn", "Công văn"],
        list_of_strings,
        "a list of document types",
    ),
    "URL": Option("van-ban/", lambda v: isinstance(v, str) and v.endswith("/"), "'van-ban/'"),
    "RELATED_COUNT": Option(5, lambda v: isinstance(v, int) and v >= 0, "a whole number ≥ 0"),
}


def legal_documents_settings(settings) -> dict:
    return read_settings(settings, PREFIX, SCHEMA)
