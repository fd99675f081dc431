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
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def tokenize(text: str) -> list[str]:
    """The words of ``text``, lowercased NFC, in order: the exact forms."""
    return _WORD.findall(nfc(text.lower()))


def pairs(folded_words: list[str]) -> list[str]:
    """Consecutive folded words joined by a space: what quoted phrases and
    words typed next to each other match on."""
    return [f"{a} {b}" for a, b in pairwise(folded_words)]
