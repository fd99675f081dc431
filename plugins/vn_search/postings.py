"""Article text → postings: the heavy part of the index build, on every core.

Articles are cut into runs of consecutive numbers. Each run is counted on
its own (in a worker process when there are several cores) and comes back
as word → postings; the runs are joined in order, so the postings, and the
index, are the same bytes whatever the number of processes.

While counting, a posting is one int: article number << TF_BITS | the
word's weighted count in the article. The counts become impacts (BM25's
term-frequency part scaled to a byte: number << 8 | impact) only when the
words are encoded, once every run is counted: the length norm compares an
article with the site's average length, which no run knows on its own.
Keys are folded words ("dang"), exact forms after their folded word and a
tab ("dang\tđảng"), and pairs of consecutive folded words ("dang vien").
"""

import hashlib
import math
import multiprocessing
import os
import sys
import types
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from .tokens import fold, tokenize

__all__ = [
    "Article",
    "Postings",
    "authority",
    "count_run",
    "cut_runs",
    "norm",
    "spread",
    "with_impacts",
]

# News articles run long on their subject: length weighs little (b), and
# repetition keeps counting a while (k1) before it saturates.
K1, B = 2.0, 0.3
IMPACT_MAX = 255
AUTHORITY_MAX = 1.3
# Title words count three times, the summary and tags twice, body once.
FIELD_WEIGHTS = (3, 2, 1)
# Articles per run, on average: big enough that a run's result is mostly
# words already seen (less to send back and join), small enough to keep
# both cores busy and a worker's memory small (about 40 MB at 512). A site
# of SMALL_SITE articles or fewer is counted in the build's own process.
RUN_AVERAGE, RUN_LONGEST = 512, 2_048
SMALL_SITE = 256

# A weighted count above TF_MAX (1023) is stored as TF_MAX: by then BM25 has
# saturated, and the impact byte moves by one step at most. 22 bits are left
# for article numbers: 4 million articles.
TF_BITS = 10
TF_MAX = (1 << TF_BITS) - 1

# Keys as numbers inside a run: a folded word is its id, an exact form
# EXACT + its id, a pair of folded words (first + 1) << 32 | second.
EXACT = 1 << 31
PAIR = 1 << 32

# (title, summary and tags, body), and one more key for the article (its
# category, "#c3").
Article = tuple[tuple[str, str, str], str]


def norm(length: int, average: float) -> float:
    return K1 * (1 - B + B * max(length, 1) / average)


def steady_average(lengths: Sequence[int]) -> float:
    """The average length each article's is compared with, on a grid of
    1/64 octave (about 1.1 %): an edit moves the exact average a little, and
    every article's norm, so every word's impacts, would move with it; on
    the grid it almost never moves, and the other articles' words keep their
    encoding (encoded.py). BM25 ranks the same within a percent of it."""
    if not lengths:
        return 1.0
    exact = max(sum(lengths) / len(lengths), 1.0)
    return 2.0 ** (round(math.log2(exact) * 64) / 64)


def authority(cited_by: int) -> float:
    """Articles that other articles link to (the story a follow-up refers
    back to) rank a little higher: +10% for the first link, less for more."""
    return min(AUTHORITY_MAX, 1 + 0.1 * math.log2(1 + cited_by))


def processes_for(setting: int, articles: int) -> int:
    """Processes to count ``articles`` with. VN_SEARCH_PROCESSES 0 means one
    per core this process may use; a site of one run needs no workers."""
    if articles <= SMALL_SITE:
        return 1
    return setting or len(os.sched_getaffinity(0))


@contextmanager
def spread(processes: int) -> Iterator[Callable[..., Iterator]]:
    """An ordered map() over worker processes, or the builtin map for one:
    ``mapper(function, jobs, light=None)``; ``light(job)`` True runs that
    job here instead, in its turn.

    The workers are spawned, fresh interpreters, not forks of the build:
    a fork shares the build's memory (every article, 1.4 GiB at 50,000),
    and each page of it that the fork or the build then writes to (a
    reference count, a reused heap block) is copied. Forks of a big build
    doubled much of it that way; spawned workers hold only their jobs,
    which are plain data, and start once per index (about 0.3 s each).
    They start at the first job that is not light: an edit's index (a run
    patched, a few hundred words encoded) needs none, and starting them
    took a core for half a second of a two-core machine's edit.
    """
    if processes <= 1:
        yield lambda function, jobs, light=None: map(function, jobs)
        return
    workers = _Workers(processes)
    try:
        yield bounded_map(workers, ahead=processes * 2)
    finally:
        workers.close()


class _Workers:
    """The pool of spawned workers, started when first asked for."""

    def __init__(self, processes: int):
        self.processes = processes
        self._pool = None

    def apply_async(self, function: Callable, args: tuple):
        if self._pool is None:
            with _bare_main():
                self._pool = multiprocessing.get_context("spawn").Pool(self.processes)
        return self._pool.apply_async(function, args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()  # what ``with Pool()`` does on leaving
            self._pool = None


class _Done:
    """A result computed here, in the shape of the pool's (``get()``)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


@contextmanager
def _bare_main() -> Iterator[None]:
    """A spawned worker first runs the build's __main__ again, to find any
    function defined there; a build script without a __main__ guard would
    then start a build in every worker. Every function the workers run is
    in this package, so while they start, __main__ is an empty module."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def bounded_map(pool, ahead: int) -> Callable[..., Iterator]:
    """Pool.imap reads its whole input at once, pickling every job into a
    queue; this map keeps ``ahead`` jobs in flight, so the jobs (and their
    results) are made only as fast as the caller uses them."""

    def mapper(function: Callable, jobs: Iterable, light: Callable | None = None) -> Iterator:
        pending: deque = deque()
        for job in jobs:
            if light is not None and light(job):
                pending.append(_Done(function(job)))
            else:
                pending.append(pool.apply_async(function, (job,)))
            if len(pending) > ahead:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    return mapper


def cut_runs(names: Sequence[str]) -> list[tuple[int, int]]:
    """(start, stop) of each run of articles, the articles named (by URL)
    in number order.

    A run ends after an article whose name's hash says so, one in
    RUN_AVERAGE, not every RUN_AVERAGE articles: an article added, removed
    or moved changes its own run only, and every other run is the same
    articles as in the last build (its counts are kept: runs.RunStore)."""
    runs, start = [], 0
    for number, name in enumerate(names):
        digest = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if number + 1 - start >= RUN_LONGEST or int.from_bytes(digest) % RUN_AVERAGE == 0:
            runs.append((start, number + 1))
            start = number + 1
    if start < len(names):
        runs.append((start, len(names)))
    return runs


class Postings(dict):
    """Key → postings (array of number << TF_BITS | count) of every run so
    far, joined in article order."""

    def add_stored(self, pairs, start: int = 0) -> None:
        """A run's part as stored, (key, postings as bytes) pairs, counted
        from 0, its first article being ``start``: the whole part renumbered
        in one numpy call, not one per key (a tenth of an edit's index went
        to that at 5,000 articles)."""
        pairs = list(pairs)
        data = b"".join(blob for _key, blob in pairs)
        if start:
            shifted = np.frombuffer(data, dtype=np.uint32) + np.uint32(start << TF_BITS)
            data = shifted.tobytes()
        view = memoryview(data)
        get = self.get
        offset = 0
        for key, blob in pairs:
            end = offset + len(blob)
            known = get(key)
            if known is None:
                known = self[key] = array("I")
            known.frombytes(view[offset:end])
            offset = end


def folded_key(key: str) -> str:
    """The folded word (or pair) a key is of: "dang" of "dang" and of
    "dang\tđảng" (an exact form, _Vocabulary.names)."""
    return key.partition("\t")[0]


def count_run(articles: Sequence[Article], start: int = 0) -> dict[str, array]:
    """The postings of a run of articles numbered from ``start``.

    Python only turns each word into a number; counting and sorting the
    postings by key are numpy's, a few calls per article."""
    words = _Vocabulary()
    keys_of_articles, rows_of_articles = [], []
    for number, (fields, extra) in enumerate(articles, start):
        # The category ("#c3"): no word looks like it, so it counts once.
        codes = np.sort(np.append(words.occurrences(fields), words.folded_id(extra)))
        starts = _starts(codes)
        tf = np.diff(np.append(starts, len(codes)))
        keys_of_articles.append(codes[starts])
        rows_of_articles.append(number << TF_BITS | np.minimum(tf, TF_MAX))
    if not keys_of_articles:
        return {}
    keys = np.concatenate(keys_of_articles)
    rows = np.concatenate(rows_of_articles).astype(np.uint32)
    # Stable: within a key, postings stay in article order.
    order = np.argsort(keys, kind="stable")
    keys, rows = keys[order], rows[order]
    starts = _starts(keys)
    ends = np.append(starts[1:], len(keys)).tolist()
    data = memoryview(rows.tobytes()).cast("B")
    size = rows.itemsize
    postings = {}
    for key, first, last in zip(words.names(keys[starts]), starts.tolist(), ends, strict=True):
        postings[key] = found = array("I")
        found.frombytes(data[first * size : last * size])
    return postings


def with_impacts(rows: array, norms: np.ndarray, boosts: np.ndarray) -> array:
    """Counting postings (number << TF_BITS | count) → number << 8 | impact,
    each article's length norm and authority boost taken by its number."""
    counted = np.frombuffer(rows, dtype=np.uint32)
    numbers = (counted >> TF_BITS).astype(np.int64)
    tf = (counted & TF_MAX).astype(np.int64)
    weighed = numbers << 8 | impacts(tf, norms[numbers], boosts[numbers])
    return array("I", weighed.astype(np.uint32).tobytes())


def _starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values begins in a sorted array."""
    return np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))


def impacts(tf: np.ndarray, length_norm, boost=1.0) -> np.ndarray:
    """BM25's term-frequency part of each of an article's words, scaled to
    a byte: the browser multiplies it by the word's rarity (idf), so it
    needs no article lengths."""
    score = tf * (K1 + 1) / (tf + length_norm) * boost / AUTHORITY_MAX
    return np.clip(np.round(score / (K1 + 1) * IMPACT_MAX), 1, IMPACT_MAX).astype(np.int64)


class _Vocabulary:
    """The words of one run, each given a number the first time it is seen:
    after that a token costs one dictionary look-up in C."""

    def __init__(self):
        self.form_ids: dict[str, int] = {}  # "đảng" → its number
        self.forms: list[str] = []  # and back
        self.folded_ids: dict[str, int] = {}  # "dang" → its number
        self.folded: list[str] = []
        self.folded_of_form = np.zeros(1024, dtype=np.int64)

    def folded_id(self, folded: str) -> int:
        number = self.folded_ids.get(folded)
        if number is None:
            number = self.folded_ids[folded] = len(self.folded)
            self.folded.append(folded)
        return number

    def occurrences(self, fields) -> np.ndarray:
        """The keys of one article's folded words, exact forms and pairs of
        folded words (within a field), a key once for each time it occurs,
        three times in the title and twice in the summary: counting equal
        keys gives the weighted term frequencies."""
        tokens: list[str] = []
        lengths = []
        for text in fields:
            found = tokenize(text)
            tokens += found
            lengths.append(len(found))
        for form in set(tokens).difference(self.form_ids):
            self._learn(form)
        exact = np.fromiter(map(self.form_ids.__getitem__, tokens), np.int64, len(tokens))
        folded = self.folded_of_form[exact]
        weights = np.repeat(FIELD_WEIGHTS, lengths)
        pairs = (folded[:-1] + 1) << 32 | folded[1:]
        # No pair across the end of a field: the last word of the title and
        # the first of the summary were never side by side.
        ends = np.cumsum(lengths)[:-1] - 1
        keep = np.ones(len(pairs), dtype=bool)
        keep[ends[(ends >= 0) & (ends < len(pairs))]] = False
        codes = np.concatenate((folded, exact + EXACT, pairs[keep]))
        return np.repeat(codes, np.concatenate((weights, weights, weights[:-1][keep])))

    def _learn(self, form: str) -> None:
        number = self.form_ids[form] = len(self.forms)
        self.forms.append(form)
        if number == len(self.folded_of_form):
            self.folded_of_form = np.concatenate((self.folded_of_form, self.folded_of_form))
        self.folded_of_form[number] = self.folded_id(fold(form))

    def names(self, codes: np.ndarray) -> list[str]:
        """The index's keys for these numbers: "dang", "dang\tđảng", "dang vien"."""
        folded, forms = self.folded, self.forms
        folded_of = self.folded_of_form.tolist()
        names = []
        for code in codes.tolist():
            if code < EXACT:
                names.append(folded[code])
            elif code < PAIR:
                form = forms[code - EXACT]
                names.append(f"{folded[folded_of[code - EXACT]]}\t{form}")
            else:
                names.append(f"{folded[(code >> 32) - 1]} {folded[code & 0xFFFFFFFF]}")
        return names
