"""Article text → postings: the heavy part of the index build, on every core.

Articles are cut into runs of consecutive numbers. Each run is counted on
its own (in a worker process when there are several cores) from plain data,
and comes back as word → postings; the runs are joined in order, so the
postings, and the index, are the same bytes whatever the number of processes.

A posting is one int: article number << 8 | impact, the impact being BM25's
term-frequency part scaled to a byte. Keys are folded words ("dang"), exact
forms after their folded word and a tab ("dang\tđảng"), and pairs of
consecutive folded words ("dang vien").
"""

import gc
import math
import multiprocessing
import os
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import islice
from operator import add

from .tokens import fold, tokenize

__all__ = ["Article", "authority", "collect", "norm", "spread"]

# News articles run long on their subject: length weighs little (b), and
# repetition keeps counting a while (k1) before it saturates.
K1, B = 2.0, 0.3
IMPACT_MAX = 255
AUTHORITY_MAX = 1.3
# Title words count three times, the summary and tags twice, body once.
FIELD_WEIGHTS = (3, 2, 1)
# Articles per run: big enough that a run's result is mostly words already
# seen (less to send back and join), small enough to keep both cores busy.
RUN_MIN, RUN_MAX = 256, 2_048

# (title, summary and tags, body), BM25 length norm, authority boost, and one
# more key for the article (its category, "#c3").
Article = tuple[tuple[str, str, str], float, float, str]


def norm(length: int, average: float) -> float:
    return K1 * (1 - B + B * max(length, 1) / average)


def authority(cited_by: int) -> float:
    """Articles that other articles link to (the story a follow-up refers
    back to) rank a little higher: +10% for the first link, less for more."""
    return min(AUTHORITY_MAX, 1 + 0.1 * math.log2(1 + cited_by))


def processes_for(setting: int, articles: int) -> int:
    """Processes to count ``articles`` with. VN_SEARCH_PROCESSES 0 means one
    per core this process may use; a site of one run needs no workers."""
    if articles <= RUN_MIN:
        return 1
    return setting or len(os.sched_getaffinity(0))


@contextmanager
def spread(processes: int) -> Iterator[Callable]:
    """An ordered map() over worker processes, or the builtin map for one."""
    if processes <= 1:
        yield map
        return
    # fork where there is one: workers start in milliseconds, and whatever
    # script runs the build is not imported again (spawn would re-run a
    # script without a __main__ guard). They only use the plain data sent
    # through imap; the frozen GC leaves the pages they share with the build
    # alone, so copy-on-write copies next to nothing.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    gc.freeze()
    try:
        with multiprocessing.get_context(method).Pool(processes) as pool:
            yield partial(pool.imap, chunksize=1)
    finally:
        gc.unfreeze()


def collect(articles: Sequence[Article], mapper: Callable = map, processes: int = 1) -> dict:
    """Postings of every key, article numbers in increasing order."""
    size = min(RUN_MAX, max(RUN_MIN, math.ceil(len(articles) / (processes * 4))))
    runs = [(start, articles[start : start + size]) for start in range(0, len(articles), size)]
    postings: defaultdict[str, array] = defaultdict(partial(array, "I"))
    for found in mapper(count_run, runs):
        if not postings:
            postings.update(found)
            continue
        # Joining in C: one extend per key of the run.
        deque(map(array.extend, map(postings.__getitem__, found), found.values()), maxlen=0)
    return dict(postings)


def count_run(run: tuple[int, Sequence[Article]]) -> dict[str, array]:
    """The postings of a run of articles numbered from ``start``."""
    start, articles = run
    postings: defaultdict[str, array] = defaultdict(partial(array, "I"))
    rows_of = postings.__getitem__
    words = _Words()
    for number, (fields, length_norm, boost, extra) in enumerate(articles, start):
        weights = words.weigh(fields)
        weights[extra] = 1
        tfs = list(weights.values())
        table = {tf: number << 8 | impact(tf, length_norm, boost) for tf in set(tfs)}
        # The hot loop of the whole build, kept in C by map().
        deque(map(array.append, map(rows_of, weights), map(table.__getitem__, tfs)), maxlen=0)
    return dict(postings)


def impact(tf: int, length_norm: float, boost: float = 1.0) -> int:
    """BM25's term-frequency part, scaled to a byte: the browser multiplies
    it by the word's rarity (idf), so it needs no article lengths."""
    score = tf * (K1 + 1) / (tf + length_norm) * boost / AUTHORITY_MAX
    return max(1, min(IMPACT_MAX, round(score / (K1 + 1) * IMPACT_MAX)))


class _Words:
    """Keys of the words seen so far, made once per word and then only
    looked up: a token costs dictionary look-ups in C, no new strings."""

    def __init__(self):
        self.folded: dict[str, str] = {}  # "đảng" → "dang"
        self.exact: dict[str, str] = {}  # "đảng" → "dang\tđảng"
        self.spaced: dict[str, str] = {}  # "dang" → "dang ", the start of a pair

    def weigh(self, fields) -> Counter:
        """Weighted counts of one article's folded words, exact forms and pairs."""
        weights: Counter = Counter()
        for text, weight in zip(fields, FIELD_WEIGHTS, strict=True):
            tokens = tokenize(text)
            for word in set(tokens).difference(self.folded):
                folded = self.folded[word] = fold(word)
                self.exact[word] = f"{folded}\t{word}"
                self.spaced.setdefault(folded, folded + " ")
            folded = list(map(self.folded.__getitem__, tokens))
            pairs = map(add, map(self.spaced.__getitem__, folded), islice(folded, 1, None))
            if weight == 1:
                weights.update(folded)
                weights.update(map(self.exact.__getitem__, tokens))
                weights.update(pairs)
            else:
                counts = Counter(folded)
                counts.update(map(self.exact.__getitem__, tokens))
                counts.update(pairs)
                for key, count in counts.items():
                    weights[key] += count * weight
        return weights
