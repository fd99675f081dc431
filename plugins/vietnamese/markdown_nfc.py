"""Markdown extension that composes every source line to NFC before parsing.

Text pasted from Word or typed with some Vietnamese keyboards (Unikey's
"Unicode tổ hợp") arrives decomposed: "ệ" as e + two marks. It looks the same
but breaks search, slugs and sorting, so it is composed before anything else
reads it, metadata lines included.
"""

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .text import nfc


class NfcPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [nfc(line) for line in lines]


class NfcExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        # Above "meta" (27) and "normalize_whitespace" (30): metadata must be
        # composed too.
        md.preprocessors.register(NfcPreprocessor(md), "vietnamese_nfc", 40)


def makeExtension(**kwargs):  # noqa: N802 (Markdown's API name)
    return NfcExtension(**kwargs)
