"""Jinja filters that pages call again and again on the same text, remembered.

``striptags`` runs on an article's title and summary wherever it is shown:
its own page, and a card on every list and aside that shows it (eleven
times per page on average at 5,000 articles, a regular expression over the
summary each time, some 3 % of rendering a full build). Its result is a
pure function of the text: each text is stripped once per process.
"""

from __future__ import annotations

import functools

from jinja2.filters import do_striptags


@functools.lru_cache(maxsize=1 << 14)
def _stripped(text: str) -> str:
    return do_striptags(text)


def striptags(value) -> str:
    """Jinja's ``striptags``: its text without tags, entities decoded,
    whitespace collapsed (``Markup.striptags``)."""
    return _stripped(str(value))


def install(generator) -> None:
    """On generator_init: the generator's environment uses these."""
    generator.env.filters["striptags"] = striptags
