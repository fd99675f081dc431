"""What the index makes of an article, kept with the article as read (warm process only).

While an editor works, ``invoke serve`` rebuilds in one process that keeps
every article as read (build_speed/warm_articles.py), and each build's index
makes the same things again of 5,000 articles of which one changed: its
``Doc`` (URL formatted, summary made plain text), the links it holds to other
articles (a search of its HTML), the digest of its body. Here each is kept
with the article as read, for the copies of later builds that hold every
attribute as read (``left_as_read``), and the same lead photo (which the
build sets). The number of articles citing it is the only part made anew:
it depends on the other articles.

The index is written in a fork (background.py), whose memory goes with it:
what it learned is handed back in a file that the build's process reads
once the fork is done (``hand_back``, ``take_back``). A fork that gave up
hands nothing back; the build's own process then learns as it writes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NamedTuple

from cache_files import read_pickle, write_pickle
from incremental_render.fingerprint import left_as_read

from .index import Doc

# Its name among the texts kept with an article as read.
_KEPT_AS = "\x00vn_search"


class Learned(NamedTuple):
    lead_image: object  # the build's lead photo when it was learned
    doc: Doc  # with cited_by 0
    hrefs: tuple[str, ...] | None  # the links of its HTML; None: made from other articles' URLs
    body_sum: bytes
    text: str  # kept.doc_text(doc)


def known(article) -> Learned | None:
    """What an earlier build learned of ``article``, if it still holds."""
    texts = left_as_read(article)
    found = texts.get(_KEPT_AS) if texts is not None else None
    if found is None or found.lead_image != getattr(article, "lead_image", None):
        return None
    return found


def place_for(article) -> dict | None:
    """Where what the index makes of ``article`` is kept: None if nowhere
    (a build that keeps no article, or a copy the build changed)."""
    return left_as_read(article)


def keep(place: dict, learned: Learned) -> None:
    place[_KEPT_AS] = learned


def cited(learned: Learned, cited_by: int) -> Doc:
    return dataclasses.replace(learned.doc, cited_by=cited_by) if cited_by else learned.doc


def hand_back(path: Path, learned: dict[int, Learned]) -> None:
    """In the fork: what it learned, by article number in ``articles``."""
    if learned:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_pickle(path, learned)


def take_back(path: Path, articles: list) -> None:
    """In the build's process, once the fork is done: what it learned."""
    found = read_pickle(path)
    path.unlink(missing_ok=True)
    if not isinstance(found, dict):
        return
    for number, learned in found.items():
        place = place_for(articles[number]) if number < len(articles) else None
        if place is not None:
            keep(place, learned)
