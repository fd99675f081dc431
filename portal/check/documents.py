"""Legal documents (content/van-ban/*.md): the fields the build checks, with their lines.

The rules live in ``legal_documents.fields.check_fields``, shared with the
build; this module only reads the sources and says where each problem is.
"""

from pathlib import Path

from legal_documents.fields import check_fields
from legal_documents.settings import legal_documents_settings
from portal.check.problems import ERROR, Problem
from portal.check.source import read_source

# The metadata line an editor fixes for each field, as written in the file.
_KEYS = {
    "title": "Title",
    "type": "Type",
    "issuer": "Issuer",
    "number": "Number",
    "issued": "Issued",
    "effective": "Effective",
    "file": "File",
}


def check_documents(content: Path, settings: dict) -> list[Problem]:
    options = legal_documents_settings(settings)
    folder = content / options["PATH"]
    if not folder.is_dir():
        return []
    files_root = folder / options["FILES_DIR"]
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.md")):
        source, found = read_source(path, "document")
        problems += found
        if source.text is None:
            continue
        meta = {key: value for key, (value, _) in source.meta.items()}
        for field_problem in check_fields(meta, options["TYPES"], files_root):
            what, _, todo = field_problem.message.partition(" — ")
            key = _KEYS.get(field_problem.field, field_problem.field.capitalize())
            problems.append(
                Problem(
                    path,
                    source.line_of(field_problem.field),
                    ERROR,
                    what,
                    todo or f"sửa dòng {key}: ở đầu tệp (the document is not published until then)",
                )
            )
    return problems
