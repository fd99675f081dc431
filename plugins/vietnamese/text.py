"""Vietnamese text rules: NFC, folding, slugs and dictionary sort order.

One module so that slugs, search, sorting and templates can never disagree on
what a Vietnamese letter is. The search front end mirrors ``fold()`` in
JavaScript; both are checked against the same table of cases in the tests.
"""

import functools
import re
import unicodedata

from unidecode import unidecode

__all__ = ["fold", "group_digits", "nfc", "shorten", "slugify", "sort_key"]

# đ/Đ are letters of their own, not d with a mark, so NFD leaves them alone.
# ð/Ð (Icelandic eth) turn up in text converted from old Vietnamese code pages
# (VNI, TCVN3) in place of đ/Đ; readers mean the same letter.
_D_LETTERS = str.maketrans({"đ": "d", "ð": "d"})

_NOT_SLUG_CHARS = re.compile(r"[^a-z0-9]+")

# Marks that make a distinct letter of the alphabet (ă â ê ô ơ ư), as opposed
# to the five tone marks, which only matter when the letters are equal.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_TONES = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
# Vietnamese dictionary order, with f j w z slotted in where foreign names
# (Fansipan, Jacob) would expect them.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k",
    "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w",
    "x", "y", "z",
]  # fmt: skip
_DIGITS = "0123456789"
_LETTER_RANK = {letter: 20 + i for i, letter in enumerate(_ALPHABET)}
_LETTER_RANK.update({digit: 10 + i for i, digit in enumerate(_DIGITS)})
_SPACE_RANK = 1  # words compare one by one: "an" < "an bình" < "anh"
_OTHER_RANK = 100  # punctuation and foreign scripts sort after letters


def nfc(text: str) -> str:
    """Compose text to NFC, the one form the site stores and compares."""
    return unicodedata.normalize("NFC", text)


def group_digits(number: int) -> str:
    """12345 → '12.345': Vietnamese groups thousands with a dot."""
    return f"{number:,}".replace(",", ".")


def fold(text: str) -> str:
    """Lowercase and drop every tone and letter mark, đ→d: what search matches on.

    "Đảng viên" → "dang vien", "BƯỞI" → "buoi". The result is NFC.
    """
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_D_LETTERS))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare)


# Remembered: every article's category and tags are slugified again on every
# build (tens of thousands of calls for a few hundred names).
@functools.lru_cache(maxsize=8192)
def slugify(text: str) -> str:
    """URL slug: folded, ASCII, words joined by hyphens.

    "Nguyễn Thị Ánh Ngọc" → "nguyen-thi-anh-ngoc". Vietnamese is folded first
    so that transliteration (unidecode) only sees what folding left behind:
    foreign letters such as ß or Chinese characters.
    """
    ascii_text = unidecode(fold(text)).lower()
    return _NOT_SLUG_CHARS.sub("-", ascii_text).strip("-")


# Pure in the text, and asked again for the same few hundred names (tags,
# categories) on every article page: 0.4 s of a full build at 5,000 articles.
@functools.lru_cache(maxsize=1 << 14)
def sort_key(text: str) -> tuple:
    """Key for Vietnamese dictionary order: letters first, then tones, then case.

    Letters compare as the Vietnamese alphabet has them (a < ă < â, d < đ,
    o < ô < ơ, u < ư); the tone decides only between words with the same
    letters, in the order ngang, huyền, hỏi, ngã, sắc, nặng.
    """
    letters, tones, cases = [], [], []
    for cluster in _clusters(unicodedata.normalize("NFD", text)):
        base, marks = cluster[0], cluster[1:]
        lower = base.lower()
        letter = lower
        if _BREVE in marks:
            letter = unicodedata.normalize("NFC", lower + _BREVE)
        elif _CIRCUMFLEX in marks:
            letter = unicodedata.normalize("NFC", lower + _CIRCUMFLEX)
        elif _HORN in marks:
            letter = unicodedata.normalize("NFC", lower + _HORN)
        letters.append(_rank(letter))
        tones.append(next((_TONES[m] for m in marks if m in _TONES), 0))
        cases.append(0 if base == lower else 1)
    return (tuple(letters), tuple(tones), tuple(cases), text)


def _clusters(decomposed: str) -> list[str]:
    """Split NFD text into base characters, each with its combining marks."""
    clusters: list[str] = []
    for ch in decomposed:
        if clusters and unicodedata.category(ch) == "Mn":
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _rank(letter: str) -> int:
    if letter.isspace():
        return _SPACE_RANK
    return _LETTER_RANK.get(letter, _OTHER_RANK)


# Punctuation that must not end a shortened text just before the "…".
_TRAILING = " \t\n,;:.-–—(\"'“‘"


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """At most ``limit`` characters, cut between words and ended with ``ellipsis``.

    Vietnamese writes one syllable per space-separated word, so cutting at a
    space never splits a syllable; the text is NFC first so that a tone mark
    is never separated from its letter. Whitespace runs (from stripped HTML)
    count as one space. A single word longer than ``limit`` is cut inside it,
    which only happens with URLs and the like.
    """
    flat = " ".join(nfc(text).split())
    if len(flat) <= limit:
        return flat
    room = max(limit - len(ellipsis), 1)
    cut = flat[: room + 1]
    space = cut.rfind(" ")
    kept = cut[:space] if space > 0 else flat[:room]
    return kept.rstrip(_TRAILING) + ellipsis
