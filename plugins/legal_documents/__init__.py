"""Legal and administrative documents ("Văn bản"), as Decree 42/2022/ND-CP
asks of a ward portal: a list by date of issue, filters by type, issuing body
and year (pre-built pages, and in the browser), one page per document with
its fields, summary, download and related documents.

Editors write one Markdown file per document under content/van-ban/:

    Title: Kế hoạch xây dựng “Chi bộ bốn tốt”, “Đảng viên bốn tốt”
    Type: Kế hoạch
    Issuer: Đảng ủy phường Bưởi
    Number: 55/KH-ĐU
    Issued: 2023-01-27
    Effective: 2023-01-27
    File: 55-kh-du.pdf
    Summary: …

and put the attached file in content/van-ban/tep/.
"""

from pelican import signals

from .generator import LegalDocumentsGenerator
from .settings import legal_documents_settings


def check_settings(pelican) -> None:
    legal_documents_settings(pelican.settings)


def add_generator(_pelican):
    return LegalDocumentsGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(add_generator)
