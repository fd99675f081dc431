"""Words of Vietnamese text as search sees them.

The front end (theme/static/js/search/text.js) mirrors ``tokenize`` and
``fold``; both are checked against tests/data/tokenize_cases.json and
tests/data/fold_cases.json.
"""

import re
from itertools import pairwise

from vietnamese.text import fold, nfc

__all__ = ["fold", "pairs", "tokenize"]

# A word is a run of letters and digits (Unicode categories L and N); stray
# combining marks left over after NFC stay inside the word they follow, so
# text pasted in decomposed form never splits a syllable in two.
_LETTERS = r"(?:[^\W_]|[\u0300-\u036f])+"
_WORD = re.compile(_LETTERS)
# A code number ("55/kh-đu", "01/2023/qđ-ubnd"): digits, then parts joined by
# "/" or "-". It is a word of its own *after* its parts, so "55/KH-ĐU" finds
# it whole while "55 KH DU" still finds it by its parts and their pairs.
_CODE_OR_WORD = re.compile(rf"(\d+(?:[/-]{_LETTERS})+)|{_LETTERS}")


def tokenize(text: str) -> list[str]:
    """The words of ``text``, lowercased NFC, in order: the exact forms; a
    code number gives its parts, then itself whole."""
    words: list[str] = []
    for match in _CODE_OR_WORD.finditer(nfc(text.lower())):
        if match.group(1):
            words.extend(_WORD.findall(match.group(1)))
        words.append(match.group(0))
    return words


def pairs(folded_words: list[str]) -> list[str]:
    """Consecutive folded words joined by a space: what quoted phrases and
    words typed next to each other match on."""
    return [f"{a} {b}" for a, b in pairwise(folded_words)]
