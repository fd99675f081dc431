"""Turn the requests found in the logs into page views per article and day.

Pure functions over plain data, so the log reading can run in worker
processes and the counting stays testable.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from crawleruseragents import is_crawler

from .logformat import line_head, malformed_lines, parse_time, view_pattern
from .urls import normalise_path

HANOI_OFFSET = timedelta(hours=7)
# Successful page loads: 2xx, and 304 (the browser's copy was still fresh).
_COUNTED_STATUS = {str(code).encode() for code in [*range(200, 300), 304]}


class LineFilter:
    """Finds, in chunks of whole lines, the requests that are views of an article."""

    def __init__(self, article_paths: dict[str, int], prefix: str, salt: bytes):
        self.article_paths = article_paths  # normalised path -> article number
        self.pattern = view_pattern(prefix)
        self.salt = salt
        self._bots: dict[bytes, bool] = {}  # user agents repeat: decide once each
        self.views: list[tuple[int, int, int]] = []  # (time, visitor, article)
        self.malformed = 0

    def __call__(self, chunk: bytes) -> None:
        self.malformed += malformed_lines(chunk)
        for match in self.pattern.finditer(chunk):
            target, status, agent = match.groups()
            if status not in _COUNTED_STATUS or self._is_bot(agent):
                continue
            path = target.decode("latin-1")
            article = self.article_paths.get(path)  # the usual case: the exact URL
            if article is None:
                article = self.article_paths.get(normalise_path(path))
                if article is None:
                    continue
            head = line_head(chunk, match.start())
            when = parse_time(head[1]) if head else None
            if when is None:
                self.malformed += 1
                continue
            # Who the visitor is matters only to count them once per visit;
            # only a salted hash of it is kept, never the address or browser.
            visitor = hashlib.blake2b(head[0] + b"\0" + agent, digest_size=8, key=self.salt)
            self.views.append((when, int.from_bytes(visitor.digest(), "big"), article))

    def _is_bot(self, agent: bytes) -> bool:
        verdict = self._bots.get(agent)
        if verdict is None:
            text = agent.decode("latin-1")
            verdict = text in ("", "-") or is_crawler(text)
            self._bots[agent] = verdict
        return verdict


def count_visits(
    views: Iterable[tuple[int, int, int]], recent: dict[tuple[int, int], int], window: int
) -> dict[tuple[int, str], int]:
    """Views per (article, Hanoi day), counting a visitor once per visit.

    A request within ``window`` seconds of the same visitor's previous request
    for the same article belongs to the same visit. ``recent`` carries the
    last request time per (visitor, article) across builds and is updated.
    """
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for when, visitor, article in sorted(views):
        key = (visitor, article)
        last = recent.get(key)
        recent[key] = when
        if last is not None and when - last < window:
            continue
        day = (datetime.fromtimestamp(when, UTC) + HANOI_OFFSET).date().isoformat()
        counts[(article, day)] += 1
    return dict(counts)
