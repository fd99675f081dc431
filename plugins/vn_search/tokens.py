"""Words of Vietnamese text as search sees them.

The front end (theme/static/js/search/text.js) mirrors ``tokenize`` and
``fold``; both are checked against tests/data/tokenize_cases.json and
tests/data/fold_cases.json.
"""

import html
import re
from itertools import pairwise

from vietnamese.text import fold, nfc

__all__ = ["fold", "pairs", "plain_text", "tokenize"]

_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """Visible text of an HTML fragment, tags dropped, entities decoded,
    each run of whitespace one space."""
    # Block-level tags end words: "<p>a</p><p>b</p>" is "a b", not "ab".
    # Whitespace by split and join, in C: re.sub(r"\s+", " ") matched every
    # space between two words (2 s of a 5,000-article index, a fifth of it).
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


# A word is a run of letters and digits (Unicode categories L and N); stray
# combining marks left over after NFC stay inside the word they follow, so
# text pasted in decomposed form never splits a syllable in two. "_" is a
# word character to Python's \w but not to us: tokenize() turns it into a
# space first, which keeps the pattern a single character class (fast).
_LETTERS = r"[\w\u0300-\u036f]+"
_WORD = re.compile(_LETTERS)
# A code number ("55/kh-đu", "01/2023/qđ-ubnd"): digits, then parts joined by
# "/" or "-", at the start of a word (not "x55/kh"). It is a word of its own
# *after* its parts, so "55/KH-ĐU" finds it whole while "55 KH DU" still
# finds it by its parts and their pairs. The pattern starts with the digit
# and looks back from there, which lets the regex engine skip ahead to the
# next digit instead of trying every position (three times faster).
_CODE = re.compile(rf"\d(?<![\w\u0300-\u036f]\d)\d*(?:[/-]{_LETTERS})+")
# Most text has no code number at all: a digit right before "/" or "-" is the
# cheap test that lets it skip the code pass.
_MAYBE_CODE = re.compile(r"\d[/-]")
# The punctuation of everyday Vietnamese text. Once it is turned into spaces,
# text with nothing else between its words splits on whitespace, twice as
# fast as the regex; any other character sends the text to the regex.
_PUNCTUATION = ",.“”:;\"'‘’()[]!?-–—/%&|…"
_OTHER = re.compile(r"[^\w\s\u0300-\u036f]")


def tokenize(text: str) -> list[str]:
    """The words of ``text``, lowercased NFC, in order: the exact forms; a
    code number gives its parts, then itself whole."""
    # This runs over every word of the site at build time: the scanning stays
    # in C (split, findall), and only code numbers cost a Python step each.
    text = nfc(text.lower()).replace("_", " ")
    if not _MAYBE_CODE.search(text):
        return _words(text)
    words: list[str] = []
    start = 0
    for match in _CODE.finditer(text):
        # Codes begin and end at word edges, so the slices split no word.
        words += _words(text[start : match.start()])
        code = match.group()
        words += _WORD.findall(code)
        words.append(code)
        start = match.end()
    words += _words(text[start:])
    return words


def _words(text: str) -> list[str]:
    """The words of lowercased NFC text without code numbers or "_"."""
    spaced = text
    for mark in _PUNCTUATION:
        spaced = spaced.replace(mark, " ")
    return _WORD.findall(text) if _OTHER.search(spaced) else spaced.split()


def pairs(folded_words: list[str]) -> list[str]:
    """Consecutive folded words joined by a space: what quoted phrases and
    words typed next to each other match on."""
    return [f"{a} {b}" for a, b in pairwise(folded_words)]
