"""The search index, built from plain data: pure functions, no Pelican.

Layout (all under VN_SEARCH_INDEX_PATH; every ``.bin`` is gzip, which the
browser opens with DecompressionStream whatever the web server does):

- ``manifest.json``: counts, categories, year → article-number ranges, the
  first word of each dictionary shard. A query reads it first.
- ``s/<n>.bin``: a dictionary shard, words in sorted order: a JSON header
  (word, article count, exact forms, where its postings are) then the
  postings of rare words inline. Shards are cut by size, so their number,
  not their size, grows with the site.
- ``p/<file>-<block>.bin``: postings of frequent words, in blocks of at most
  BLOCK_POSTINGS entries.
- ``d/<n>.bin``: what a result shows (URL, title, date, category, summary,
  thumbnail, and a legal document's code number), DOCS_PER_CHUNK per file.
- ``t/<n>.bin``: the text of one article, for the snippet around the match.

Articles are numbered newest first, so a year is a range of numbers and the
recency boost needs no per-article table. Words are indexed folded ("dang")
and, as separate entries, in their exact forms ("dang\tđảng", "dang\tdâng"),
so exact matches rank first; a folded word's entry lists its forms, most
frequent first. The tab sorts below every letter and the space, so a word's
forms follow it in its own shard (never cut apart): one request finds both.
Pairs of consecutive folded words ("dang vien") are indexed too: they answer
quoted phrases and reward words typed together.
"""

import gzip
import hashlib
import json
import logging
import sys
import tempfile
import time
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, repeat
from operator import and_, itemgetter, sub
from pathlib import Path
from typing import NamedTuple

import numpy as np

from vietnamese.text import sort_key

from .encoded import Encoded, EncodedWords
from .postings import (
    TF_BITS,
    TF_MAX,
    Article,
    authority,
    count_run,
    cut_runs,
    folded_key,
    impacts,
    norm,
    processes_for,
    spread,
    steady_average,
    with_impacts,
)
from .runs import RunStore
from .tokens import plain_text

__all__ = ["Doc", "body_sum", "build_index"]

logger = logging.getLogger(__name__)

INLINE_BYTES = 384  # postings up to this size travel inside the shard
DAY_STEP = 256  # the manifest keeps the date of every DAY_STEP-th article
# Postings per slice sent to be encoded (8 MB): enough slices to keep the
# workers evenly busy, few enough postings in flight at once.
SLICE_POSTINGS = 2_000_000
SMALL_SLICE = 20_000  # the least worth sending to a worker


@dataclass(frozen=True)
class Doc:
    url: str
    title: str
    date: datetime
    category: str
    summary: str  # plain text
    body: str = ""  # plain text, unless build_index is given body_of
    tags: tuple[str, ...] = ()
    thumb: dict | None = None  # {"url", "width", "height"}
    cited_by: int = 0  # how many other articles link to this one
    number: str = ""  # a legal document's code number ("55/KH-ĐU"), shown in results


class Deflated:
    """A file's bytes to gzip, compressed only when written: a writer that
    knows the file holds them already (by ``digest``) leaves it, and saves
    compressing them (the dictionary's shards and the articles' rows, which
    an edit leaves mostly as they were: 0.06 s of each warm edit)."""

    __slots__ = ("raw",)

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def digest(self) -> bytes:
        # The file's are the gzip of these bytes, at this level, or not.
        return data_sum(b"gzip %d\0" % GZIP_LEVEL + self.raw)

    def __bytes__(self) -> bytes:
        return _gzip(self.raw)


# write(name, data): data is bytes, or Deflated for a writer whose
# ``deflates`` is true.
Write = Callable[[str, bytes], None]


def build_index(
    docs: Sequence[Doc],
    options: dict,
    *,
    body_html: Callable[[int], str] | None = None,
    body_sums: Sequence[bytes] | None = None,
    write: Write | None = None,
    kept_runs: RunStore | None = None,
) -> dict[str, bytes] | None:
    """Every file of the index, keyed by its path inside the index folder.

    The bodies are the biggest part of a site's text, and no process holds
    them all: ``body_html(i)``, if given, is the HTML of ``docs[i]``'s
    body, asked for a run of articles at a time and made plain text by the
    worker that counts the run. ``write(path, data)``, if given, takes each
    file as soon as it is made, and nothing is returned: the index is never
    held whole either. ``kept_runs``, if given, is where each run's counts
    are kept for the next build; they are read back if a run is unchanged.
    ``body_sums``, if given, is each doc's ``body_sum`` of its body (the
    caller made them already): a run is known unchanged without its bodies.
    """
    files: dict[str, bytes] | None = {} if write is None else None
    ordered_at = sorted(range(len(docs)), key=lambda i: _newest_first(docs[i]))
    ordered = [docs[i] for i in ordered_at]
    categories = sorted({d.category for d in ordered}, key=sort_key)
    cat_number = {name: i for i, name in enumerate(categories)}

    def body(number: int) -> bytes:
        doc = ordered[number]
        text = body_html(ordered_at[number]) if body_html else doc.body
        # Bytes, not the article's own str: pickling a str that is not
        # ASCII leaves a UTF-8 copy of it attached to it (cache_files).
        return text.encode("utf-8", "surrogatepass")

    def job(run: tuple[int, int]) -> _Job:
        """A run's articles as the worker needs them (plain data, pickled),
        or, if its counts are kept, what the build needs of them."""
        heads = []  # each article but its body: title, summary and tags, category key
        for number in range(*run):
            doc = ordered[number]
            summary = " ".join([doc.summary, *doc.tags])
            heads.append((doc.title, summary, f"#c{cat_number[doc.category]}"))
        numbers = range(*run)
        bodies = None  # read already, when there were no sums to tell
        if body_sums is not None:
            sums = [body_sums[ordered_at[number]] for number in numbers]
        else:
            bodies = [body(number) for number in numbers]
            sums = [data_sum(data) for data in bodies]
        digests = store.article_digests(
            ((title, summary, sums[position]), extra)
            for position, (title, summary, extra) in enumerate(heads)
        )
        key = store.key(digests)
        kept = store.texts(key)
        if kept is not None:
            return key, kept  # no body read: the run's counts are kept

        def article(position: int) -> Article:
            title, summary, extra = heads[position]
            data = bodies[position] if bodies is not None else body(run[0] + position)
            return (title, summary, data), extra

        html = body_html is not None
        previous = store.previous(names[run])
        changed = _changed(store.digests(previous) if previous else None, digests)
        if changed:
            # Only a few of the run's articles changed since the last build:
            # the worker takes that run's counts and counts those again.
            edited = [article(i) for i in changed]
            return key, _Patch(previous, changed, edited, html, store, digests)
        return key, _Count([article(i) for i in range(len(heads))], html, store, digests)

    sink = write or files.__setitem__
    if getattr(sink, "deflates", False):
        write = sink
    else:

        def write(name: str, data) -> None:
            sink(name, bytes(data))  # a Deflated one compressed

    processes = processes_for(options["PROCESSES"], len(ordered))
    urls = [doc.url for doc in ordered]
    runs = cut_runs(urls)
    names = {run: _names_digest(ordered[slice(*run)]) for run in runs}
    with ExitStack() as stack:
        if kept_runs is not None:
            store = kept_runs
        else:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="vn_search-"))
            store = RunStore(Path(folder))
        started = time.perf_counter()
        mapper = stack.enter_context(spread(processes))
        stored: list[tuple[int, str]] = []  # (first article number, key) of each run
        lengths: list[int] = []
        changes: list[tuple[int, _Change | None]] = []  # what each run changed
        for (start, _stop), (key, run_lengths, texts, change) in zip(
            runs, mapper(_count_run, map(job, runs), light=_light_run), strict=True
        ):
            stored.append((start, key))
            changes.append((start, change))
            # Each article's own text, for the snippet, compressed by the worker.
            for number, data in enumerate(texts, len(lengths)):
                write(f"t/{number}.bin", data)
            lengths += run_lengths
        counted = time.perf_counter()
        if kept_runs is not None:
            pairs = zip(runs, stored, strict=True)
            kept_runs.remember({names[run]: key for run, (_start, key) in pairs})
        # Length in characters stands in for length in syllables (BM25 only
        # compares an article with the average): no extra tokenising pass.
        average = steady_average(lengths)
        weights = (
            np.array([norm(length, average) for length in lengths], dtype=np.float64),
            np.array([authority(doc.cited_by) for doc in ordered], dtype=np.float64),
        )
        # Keys in order, one first letter at a time (a word's forms and pairs
        # share its letter): only that letter's postings are held at once.
        letters = sorted(set().union(*(store.letters(key) for _start, key in stored)))
        kept_words = layout = touched = None
        reuse = False
        if kept_runs is not None:
            # Words whose postings and articles' weights did not change
            # take their last encoding back (encoded.py).
            salt = f"{kept_runs.code}\0{INLINE_BYTES}\0{options['COMMON_MIN_DOCS']}\0"
            salt += str(options["BLOCK_POSTINGS"])
            kept_words = EncodedWords(kept_runs.folder / "words", salt)
            layout = kept_words.layout(average, urls)
            reuse = kept_words.same_layout(layout)
            touched = _touched(changes, kept_words.last_build(layout), weights) if reuse else None
            kept_words.begin()
        encoded = _encoded(
            letters,
            lambda letter, only=None: _words(store.joined(letter, stored, only)),
            _Encoding(len(ordered), options, weights, mapper, processes),
            kept_words,
            reuse=reuse,
            touched=touched,
        )
        shard_firsts = _write_dictionary(encoded, options, write)
        if kept_runs is not None:
            kept_runs.keep_only({key for _start, key in stored})
            kept_words.keep_only(set(letters), layout, {key for _start, key in stored}, weights)
        logger.debug(
            "vn_search: %d runs of articles counted or read back in %.2f s, "
            "words encoded in %.2f s%s",
            len(runs),
            counted - started,
            time.perf_counter() - counted,
            "" if kept_words is None else f" ({kept_words.counts()})",
        )
    _write_docs(ordered, cat_number, options, write)
    write(
        "manifest.json",
        _json(
            {
                "version": 2,
                "docs": len(ordered),
                "chunk": options["DOCS_PER_CHUNK"],
                "categories": categories,
                "years": _year_ranges(ordered),
                "step": DAY_STEP,
                "days": [d.date.toordinal() for d in ordered[::DAY_STEP]],
                "shards": shard_firsts,
            },
            compress=False,
        ),
    )
    return files


def body_sum(body: str) -> bytes:
    """The digest by which an article's body (its HTML, or its text) is
    known unchanged: the runs' keys and the kept index's are made of it."""
    return data_sum(body.encode("utf-8", "surrogatepass"))


def data_sum(data: bytes) -> bytes:
    """The digest by which bytes are known unchanged (a body, a file)."""
    return hashlib.blake2b(data, digest_size=16).digest()


def _newest_first(doc: Doc) -> tuple:
    return (-doc.date.toordinal(), -_seconds(doc.date), doc.url)


class _Count(NamedTuple):
    """A run to count: its articles ((title, summary and tags, body in
    UTF-8), category key), whether the bodies are HTML, the store, and the
    articles' digests."""

    articles: list[Article]
    html: bool
    store: RunStore
    digests: list[bytes]


class _Patch(NamedTuple):
    """A run of which only the articles at ``changed`` (positions in the
    run) differ from the stored run ``previous``: those are counted again."""

    previous: str
    changed: list[int]
    articles: list[Article]  # the changed ones, as _Count has them
    html: bool
    store: RunStore
    digests: list[bytes]


# A run's key in the store and what to do: count it, patch it, or, for a
# kept run, its lengths and texts.
_Job = tuple[str, _Count | _Patch | tuple[list[int], list[bytes]]]

# Patch a run when at most one article in PATCH_SHARE changed; more, and
# counting the run again costs about as much.
PATCH_SHARE = 4


def _names_digest(docs: Sequence[Doc]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for doc in docs:
        h.update(doc.url.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


def _changed(before: list[bytes] | None, now: list[bytes]) -> list[int]:
    """Positions of the run's articles whose digest changed, if the run
    is worth patching (same articles, few of them changed); else none."""
    if before is None or len(before) != len(now):
        return []
    changed = [i for i, (old, new) in enumerate(zip(before, now, strict=True)) if old != new]
    return changed if len(changed) * PATCH_SHARE <= len(now) else []


def _touched(changes, last, weights) -> frozenset[str] | None:
    """The keys whose postings, or whose articles' weights, may differ from
    the last build's, if the last build is known whole (``last``: its runs'
    keys and its weights, from EncodedWords.last_build) and every run of
    this one is that build's, kept or patched: the keys of the articles
    patched (before and after), and only theirs if no other article's
    length norm or authority moved. Else None: every key is made again."""
    if last is None:
        return None
    runs, (norms, boosts) = last
    terms: set[str] = set()
    moved = np.zeros(len(weights[0]), dtype=bool)
    for start, change in changes:
        if change is None or change.base not in runs:
            return None
        terms |= change.terms
        moved[[start + position for position in change.positions]] = True
    if norms.shape != weights[0].shape or boosts.shape != weights[1].shape:
        return None
    differ = (norms != weights[0]) | (boosts != weights[1])
    if (differ & ~moved).any():
        return None
    return frozenset(terms)


def _light_run(job: _Job) -> bool:
    """Kept runs and patched ones are done by the build itself: a kept
    run's texts would only travel to a worker and back, and a patch counts
    a few articles (at most one in PATCH_SHARE of its run)."""
    return not isinstance(job[1], _Count)


class _Change(NamedTuple):
    """What a run kept or patched changed since the stored run it starts
    from (``base``): the keys whose postings changed (``terms``), and the
    positions in the run of the articles counted again."""

    base: str
    terms: frozenset[str]
    positions: tuple[int, ...]


def _count_run(job: _Job) -> tuple[str, list[int], list[bytes], _Change | None]:
    """Count a run's articles into the store: its key there, each article's
    length and its gzipped body text, and what changed (None: the run was
    counted whole, anything may have)."""
    key, work = job
    if isinstance(work, _Patch):
        return _patch_run(key, work)
    if not isinstance(work, _Count):  # kept: counted by an earlier build
        return (key, *work, _Change(key, frozenset(), ()))
    articles = _plain(work.articles, work.html)
    made = [_length_and_text(article) for article in articles]
    lengths, texts = [length for length, _ in made], [text for _, text in made]
    work.store.save(key, count_run(articles), lengths, texts, work.digests)
    return key, lengths, texts, None


def _length_and_text(article: Article) -> tuple[int, bytes]:
    """An article's length (title, summary and tags, body: in characters)
    and its body's text, compressed, for the snippet."""
    fields = article[0]
    return sum(map(len, fields)), _gzip(fields[2].encode())


def _patch_run(key: str, work: _Patch) -> tuple[str, list[int], list[bytes], _Change]:
    """The stored run ``work.previous`` with its changed articles counted
    again: the same counts as counting the whole run (tests/test_vn_search.py)."""
    store = work.store
    lengths, texts = store.texts(work.previous)
    postings = store.postings(work.previous)
    gone = np.zeros(len(lengths), dtype=bool)
    gone[work.changed] = True
    terms = set(_drop_articles(postings, gone))
    for position, article in zip(work.changed, _plain(work.articles, work.html), strict=True):
        counted = count_run([article], position)
        terms.update(counted)
        for term, rows in counted.items():
            known = postings.get(term)
            if known is None:
                postings[term] = rows
            else:
                # Rows are number << TF_BITS | count: in value order, in
                # article order. The article's one row goes in its place.
                for row in rows:
                    known.insert(bisect_left(known, row), row)
        lengths[position], texts[position] = _length_and_text(article)
    store.save(key, postings, lengths, texts, work.digests)
    return key, lengths, texts, _Change(work.previous, frozenset(terms), tuple(work.changed))


def _drop_articles(postings: dict[str, array], gone: np.ndarray) -> list[str]:
    """Take out of ``postings`` the rows of the articles marked in ``gone``
    (by number in the run); a key left with none goes. Returns the keys
    that had such rows. A few numpy calls over the run's postings joined,
    not some per key: an article has thousands of keys, each in a run of
    tens of thousands."""
    if not postings:
        return []
    terms = list(postings)
    sizes = np.fromiter(map(len, postings.values()), dtype=np.int64, count=len(terms))
    values = np.frombuffer(b"".join(postings.values()), dtype=np.uint32)
    staying = ~gone[values >> TF_BITS]
    owners = np.repeat(np.arange(len(terms)), sizes)  # each row's key, by number
    left = np.bincount(owners[staying], minlength=len(terms))
    data = values[staying].tobytes()
    ends = (np.cumsum(left) * 4).tolist()
    dropped = []
    for i in np.flatnonzero(left < sizes).tolist():
        dropped.append(terms[i])
        if left[i]:
            postings[terms[i]] = array("I", data[ends[i] - 4 * int(left[i]) : ends[i]])
        else:
            del postings[terms[i]]
    return dropped


def _plain(articles: list[Article], html: bool) -> list[Article]:
    """The articles with their bodies as the plain text that is counted."""
    text = plain_text if html else str
    return [
        ((t, s, text(body.decode("utf-8", "surrogatepass"))), extra)
        for (t, s, body), extra in articles
    ]


def _seconds(when: datetime) -> int:
    return when.hour * 3600 + when.minute * 60 + when.second


def _year_ranges(ordered: Sequence[Doc]) -> list[list[int]]:
    ranges: dict[int, list[int]] = {}
    for number, doc in enumerate(ordered):
        ranges.setdefault(doc.date.year, [doc.date.year, number, number])[2] = number
    return [ranges[y] for y in sorted(ranges, reverse=True)]


_Word = tuple[str, array, list[str]]  # a key, its counted postings, its exact forms


def _words(postings: dict) -> Iterator[_Word]:
    """The words in order, each with its postings and its exact forms. A
    word's postings leave ``postings`` as it goes: the memory they took is
    given back as the encoding goes."""
    # Every exact form is a key of its own ("dang\tđảng"): the folded word's forms.
    forms: defaultdict[str, list] = defaultdict(list)
    for key in postings:
        if "\t" in key:
            folded, form = key.split("\t")
            forms[folded].append(form)
    for term in sorted(postings):
        variants = []
        if term in forms:
            # A word's forms sort after it ("dang" < "dang\tđảng"): still here.
            counts = {form: len(postings[f"{term}\t{form}"]) for form in forms[term]}
            variants = sorted(counts, key=lambda form: (-counts[form], form))
        yield term, postings.pop(term), variants


def _slices(
    words: Iterable[_Word],
    doc_count: int,
    options: dict,
    weights,
    share: int = SLICE_POSTINGS,
    salt: bytes | None = None,
):
    """The words in slices of about ``share`` postings for the workers to
    encode; with a ``salt``, the workers give each word's key too."""
    settings = _settings(options)
    items, size = [], 0
    for word in words:
        items.append(word)
        size += len(word[1])
        if size >= share:
            yield items, doc_count, settings, weights, salt
            items, size = [], 0
    if items:
        yield items, doc_count, settings, weights, salt


class _Encoding(NamedTuple):
    """What encoding a word takes besides the word."""

    doc_count: int
    options: dict
    weights: tuple[np.ndarray, np.ndarray]  # each article's length norm and authority
    mapper: Callable  # postings.spread's: the workers
    processes: int


def _encoded(
    letters: list[str],
    words_of: Callable[..., Iterator[_Word]],
    encoding: _Encoding,
    kept_words: EncodedWords | None,
    reuse: bool,
    touched: frozenset[str] | None = None,
) -> Iterator[Encoded]:
    """Every word's encoding, in order, one letter's postings joined at a time.

    ``words_of(letter, only=None)``: the letter's words (with ``only``, those
    of these folded words alone). ``reuse``: the last build's articles had
    the same numbers and average length (its layout), so most words take
    their kept encoding back. Else (articles added, removed or moved, the
    average moved, or nothing kept) every key differs, and every word is
    encoded as in a full build, across letters without waiting; with
    ``kept_words``, the workers give each word's key to keep for the next
    build. ``touched``, if known: the only words whose key may have changed
    (_touched)."""
    doc_count, options, weights, mapper, _processes = encoding
    if kept_words is not None and reuse:
        if touched is not None:
            wanted = _folded_by_letter(touched)
            return chain.from_iterable(
                _encode_touched(letter, wanted.get(letter), words_of, kept_words, encoding)
                for letter in letters
            )
        return chain.from_iterable(
            _encode_letter(words_of(letter), kept_words.kept(letter), kept_words, letter, encoding)
            for letter in letters
        )
    salt = None if kept_words is None else kept_words.salt
    slices = chain.from_iterable(
        _slices(words_of(letter), doc_count, options, weights, salt=salt) for letter in letters
    )
    encoded = chain.from_iterable(mapper(_encode_slice, slices))
    return encoded if kept_words is None else kept_words.keeping(encoded)


def _encode_letter(
    words: Iterator[_Word],
    kept: dict[bytes, Encoded],
    store: EncodedWords,
    letter: str,
    encoding: _Encoding,
) -> Iterator[Encoded]:
    """One letter's words encoded, in order: those whose key the last
    build encoded taken back, the others encoded by the workers; the
    letter's encodings are then kept for the next build."""
    keyed = _keyed(list(words), store, encoding)
    yield from _taken_back([key for key, _word in keyed], keyed, kept, store, letter, encoding)


def _encode_touched(
    letter: str,
    wanted: frozenset[str] | None,
    words_of: Callable[..., Iterator[_Word]],
    store: EncodedWords,
    encoding: _Encoding,
) -> Iterator[Encoded]:
    """One letter's words encoded, in order, when only the folded words in
    ``wanted`` (and their exact forms) may differ from the last build's
    (_touched), and every letter kept is that build's whole: the other
    words are the last build's, taken back in its order without joining,
    keying or even naming their postings (an edit's index joined every
    posting of the site, 0.1 s of each save at 5,000 articles); the wanted
    ones are joined, keyed, and encoded if their key is new."""
    kept = store.kept(letter)
    if not kept:  # no word of it last time, or its file is lost: all of them
        yield from _encode_letter(words_of(letter), kept, store, letter, encoding)
        return
    if not wanted:
        store.reused += len(kept)
        yield from kept.values()
        return
    keyed = _keyed(list(words_of(letter, wanted)), store, encoding)
    # The last build's words, each kept in its order (sorted), less the
    # wanted ones, merged with the wanted ones now (sorted too).
    order = [
        (made[0][0], key) for key, made in kept.items() if folded_key(made[0][0]) not in wanted
    ]
    order += [(word[0], key) for key, word in keyed]
    order.sort(key=itemgetter(0))
    yield from _taken_back([key for _term, key in order], keyed, kept, store, letter, encoding)


def _keyed(words: list[_Word], store: EncodedWords, encoding: _Encoding) -> list[tuple]:
    """(key, word) of each word, in order."""
    doc_count, options, weights, _mapper, _processes = encoding
    keys = _encoding_keys(store.salt, words, doc_count, _settings(options), weights)
    return list(zip(keys, words, strict=True))


def _taken_back(
    order: list[bytes],
    keyed: list[tuple],
    kept: dict[bytes, Encoded],
    store: EncodedWords,
    letter: str,
    encoding: _Encoding,
) -> Iterator[Encoded]:
    """The encoding of each key of a letter in ``order``: the last build's
    if it encoded that key, else the workers' for its word in ``keyed``
    (a letter's words are encoded before the next letter's, cut in slices
    for every worker however few they are). The letter's encodings are
    then kept for the next build, unless they are the same words with the
    same keys as the last build's (an edit leaves most letters so): what
    is kept already is this, not pickled again."""
    doc_count, options, weights, mapper, processes = encoding
    missing = [word for key, word in keyed if key not in kept]
    postings = sum(len(rows) for _term, rows, _variants in missing)
    share = min(SLICE_POSTINGS, max(SMALL_SLICE, postings // (2 * processes)))
    fresh = chain.from_iterable(
        mapper(
            _encode_slice, _slices(missing, doc_count, options, weights, share), light=_light_slice
        )
    )
    now: dict[bytes, Encoded] = {}
    for key in order:
        found = kept.get(key)
        if found is None:
            found = next(fresh)
            store.encoded += 1
        else:
            store.reused += 1
        now[key] = found
        yield found
    if now.keys() != kept.keys():
        store.save(letter, now)


def _folded_by_letter(keys: Iterable[str]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for key in keys:
        folded = folded_key(key)
        found.setdefault(folded[0], set()).add(folded)
    return {letter: frozenset(words) for letter, words in found.items()}


def _settings(options: dict) -> dict:
    return {k: options[k] for k in ("COMMON_MIN_DOCS", "BLOCK_POSTINGS")}


def _encoding_keys(
    salt: bytes, words: Sequence[_Word], doc_count: int, settings: dict, weights
) -> list[bytes]:
    """Digest of everything each word's encoding is made of (encoded.py).

    A rare word's encoding is its postings with their impacts (article
    number and impact byte, as with_impacts makes them): an edited
    article's new length moves its impacts, and most of them stay the same
    byte. A common word's (_encode_term) is only its articles' numbers and
    one median impact: the common words of an edited article, most of the
    postings, keep their encoding unless that median moves.

    The impacts are made in one numpy call per KEY_POSTINGS postings, not
    one per word (an edit digests every word of the site); each word's
    digest takes its slice."""
    keys: list[bytes] = []
    group: list[_Word] = []
    size = 0
    for word in words:
        group.append(word)
        size += len(word[1])
        if size >= KEY_POSTINGS:
            keys += _group_keys(salt, group, doc_count, settings, weights)
            group, size = [], 0
    return keys + _group_keys(salt, group, doc_count, settings, weights)


# Postings whose impacts are made at once: about 40 bytes each while keyed.
KEY_POSTINGS = 500_000


def _group_keys(
    salt: bytes, words: Sequence[_Word], doc_count: int, settings: dict, weights
) -> list[bytes]:
    if not words:
        return []
    norms, boosts = weights
    counted = np.frombuffer(b"".join(rows for _term, rows, _variants in words), dtype=np.uint32)
    numbers = (counted >> TF_BITS).astype(np.int64)
    tf = (counted & TF_MAX).astype(np.int64)
    impact = impacts(tf, norms[numbers], boosts[numbers])
    weighed_bytes = memoryview((numbers << 8 | impact).astype(np.uint32).tobytes())
    numbers_bytes = memoryview(numbers.astype(np.uint32).tobytes())
    spans = []  # each word's postings, and whether it is a common one
    common = []  # the common words' spans, whose median impact counts
    start = 0
    for term, rows, _variants in words:
        end = start + len(rows)
        is_common = _is_common(term, len(rows), doc_count, settings)
        spans.append((start, end, is_common))
        if is_common and not term.startswith("#"):
            common.append((start, end))
        start = end
    constants = dict(zip(common, _median_impacts(impact, common), strict=True))
    keys = []
    for (term, _rows, variants), (start, end, is_common) in zip(words, spans, strict=True):
        h = hashlib.blake2b(salt, digest_size=16)
        h.update("\0".join([term, str(doc_count), *variants]).encode("utf-8", "surrogatepass"))
        if is_common:
            h.update(f"\0\0common {constants.get((start, end), 0)}\0".encode())
            h.update(numbers_bytes[start * 4 : end * 4])
        else:
            h.update(b"\0\0rare\0")
            h.update(weighed_bytes[start * 4 : end * 4])
        keys.append(h.digest())
    return keys


def _median_impacts(impact: np.ndarray, spans: Sequence[tuple[int, int]]) -> list[int]:
    """The median of each span of ``impact`` (of two middle ones, their
    mean, rounded down), for all spans in a few numpy calls: an edit keys
    every common word of the site, and _constant takes one word's. Impacts
    are bytes: each span's median is read off its histogram of 256 counts."""
    if not spans:
        return []
    bounds = np.array(spans, dtype=np.int64)
    lengths = bounds[:, 1] - bounds[:, 0]
    # Where each span's impacts are, one span after another.
    shift = np.cumsum(lengths) - lengths - bounds[:, 0]
    taken = impact[np.arange(lengths.sum()) - np.repeat(shift, lengths)]
    owner = np.repeat(np.arange(len(spans), dtype=np.int64), lengths)
    histogram = np.bincount(owner * 256 + taken, minlength=len(spans) * 256).reshape(-1, 256)
    below = histogram.cumsum(axis=1)
    # The middle ones, 0-based: (n - 1) // 2 and n // 2 (the same one if n is odd).
    low = (below > ((lengths - 1) // 2)[:, None]).argmax(axis=1)
    high = (below > (lengths // 2)[:, None]).argmax(axis=1)
    return ((low + high) // 2).tolist()


# A slice of fewer postings is encoded by the build itself: sending it
# costs more, and an edit's few changed words need no workers at all.
LIGHT_POSTINGS = 50_000


def _light_slice(job) -> bool:
    return sum(len(rows) for _term, rows, _variants in job[0]) < LIGHT_POSTINGS


def _encode_slice(job) -> list:
    """[(entry, postings inline or None, gzipped blocks or None)] of a slice;
    with a salt, [(key, that)]."""
    items, doc_count, settings, weights, salt = job
    norms, boosts = weights
    codes = _Codes()
    encoded = []
    keys = _encoding_keys(salt, items, doc_count, settings, weights) if salt is not None else None
    for index, word in enumerate(items):
        term, counted, variants = word
        rows = with_impacts(counted, norms, boosts)
        entry, rows, impacts = _encode_term(term, rows, variants, doc_count, settings)
        # Every posting takes a byte at least: long lists go to files unseen.
        data = codes.encode(rows, impacts) if len(rows) <= INLINE_BYTES else None
        if data is not None and len(data) <= INLINE_BYTES:
            made = (entry, data, None)
        else:
            step = settings["BLOCK_POSTINGS"]
            blocks = [
                _gzip(codes.encode(rows[i : i + step], impacts)) for i in range(0, len(rows), step)
            ]
            made = (entry, None, blocks)
        if keys is not None:
            made = (keys[index], made)
        encoded.append(made)
    return encoded


def _write_dictionary(encoded: Iterable, options: dict, write: Write) -> list[str]:
    """Pack the encoded words, in order, into shards of about SHARD_BYTES."""
    firsts: list[str] = []
    entries: list = []
    blob = bytearray()
    external = 0

    def flush():
        header = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
        data = len(header).to_bytes(4, "little") + header + bytes(blob)
        write(f"s/{len(firsts) - 1}.bin", Deflated(data))

    size = 0
    for entry, data, blocks in encoded:
        term = entry[0]
        cost = len(term.encode()) + 24 + sum(len(v.encode()) + 3 for v in entry[2])
        cost += len(data) if data is not None else 0
        # A word's exact forms ("dang\tđảng") stay in its shard.
        if not firsts or (size + cost > options["SHARD_BYTES"] and "\t" not in term):
            if firsts:
                flush()
            firsts.append(term)
            entries, blob, size = [], bytearray(), 0
        # A new list: the encoded entry may be kept for the next build.
        if data is not None:
            entry = [*entry, 0, len(blob), len(data)]
            blob += data
        else:
            for number, block in enumerate(blocks):
                write(f"p/{external}-{number}.bin", block)
            entry = [*entry, 1, external, len(blocks)]
            external += 1
        entries.append(entry)
        size += cost
    if firsts:
        flush()
    return firsts


def _encode_term(term: str, rows, variants: list, doc_count: int, settings: dict):
    """A word's dictionary entry, its postings, and whether they keep their impacts.

    entry = [word, df, exact forms by frequency, mode, constant impact,
    where (0 inline in the shard, offset, length | 1 in files, number,
    blocks)]. Postings are gaps between article numbers, each followed by
    an impact byte in mode 0. Mode 1 is a common word (phường, đảng): a
    presence list without impacts (they weigh almost nothing), and mode 2
    the same stored as the articles *without* the word, when that is
    shorter: a word in nearly every article then costs almost nothing.
    """
    df = len(rows)
    if not _is_common(term, df, doc_count, settings):
        return [term, df, variants, 0, 0], rows, True
    constant = _constant(term, rows)
    if df * 2 <= doc_count:
        return [term, df, variants, 1, constant], rows, False
    # The articles without it, in order (numbers shifted as rows are), in
    # numpy: a set of every article's number per word cost 0.3 s of a full
    # 5,000-article index.
    without = np.ones(doc_count, dtype=bool)
    without[np.frombuffer(rows, dtype=np.uint32) >> 8] = False
    absent = (np.flatnonzero(without) << 8).tolist()
    return [term, df, variants, 2, constant], absent, False


def _is_common(term: str, df: int, doc_count: int, settings: dict) -> bool:
    return term.startswith("#") or (df >= settings["COMMON_MIN_DOCS"] and df * 4 >= doc_count)


def _constant(term: str, rows: array) -> int:
    """The one impact a common word's postings all take: their median
    (of two middle ones, their mean, rounded down)."""
    if term.startswith("#"):
        return 0
    impact = np.frombuffer(_impacts(rows), dtype=np.uint8).astype(np.int64)
    return _median_impacts(impact, [(0, len(impact))])[0]


def _impacts(rows: array) -> bytes:
    """The impact bytes of postings (their low bytes), sliced out in C."""
    low = 0 if sys.byteorder == "little" else rows.itemsize - 1
    return rows.tobytes()[low :: rows.itemsize]


class _Codes:
    """Postings as bytes: the gap from the previous article number (the
    first from -1, so every block decodes alone) as a varint, then the
    impact byte in mode 0. A build has a few thousand distinct (gap,
    impact) pairs among millions of postings: each is encoded once, and
    the rest is dictionary look-ups and a join, all in C."""

    def __init__(self):
        self.with_impact = _Varints(impact=True)
        self.gap_only = _Varints(impact=False)

    def encode(self, rows: Sequence[int], impacts: bool) -> bytes:
        # rows are number << 8 | impact: subtracting the previous number
        # (shifted, impact masked off) leaves gap << 8 | this impact.
        if impacts:
            keys = map(sub, rows, chain((-256,), map(and_, rows, repeat(-256))))
            return b"".join(map(self.with_impact.__getitem__, keys))
        numbers = list(map(and_, rows, repeat(-256)))
        keys = map(sub, numbers, chain((-256,), numbers))
        return b"".join(map(self.gap_only.__getitem__, keys))


class _Varints(dict):
    """gap << 8 | impact → its bytes, made on first use."""

    def __init__(self, impact: bool):
        super().__init__()
        self.impact = impact

    def __missing__(self, key: int) -> bytes:
        out = bytearray()
        _varint(out, key >> 8)
        if self.impact:
            out.append(key & 0xFF)
        self[key] = code = bytes(out)
        return code


def _write_docs(ordered: Sequence[Doc], cat_number: dict, options: dict, write: Write) -> None:
    per = options["DOCS_PER_CHUNK"]
    limit = options["SUMMARY_CHARS"]
    for start in range(0, len(ordered), per):
        rows = []
        for doc in ordered[start : start + per]:
            summary = doc.summary if len(doc.summary) <= limit else _cut(doc.summary, limit)
            rows.append(
                [
                    doc.url,
                    doc.title,
                    # %d/%m/%Y without strftime: Pelican's dates format
                    # through a regular expression, 0.1 s of an edit's index.
                    f"{doc.date.day:02d}/{doc.date.month:02d}/{doc.date.year}",
                    doc.date.date().isoformat(),
                    cat_number[doc.category],
                    summary,
                    doc.thumb,
                    # Only documents carry a code number: articles' rows stay as they were.
                    *([doc.number] if doc.number else []),
                ]
            )
        write(f"d/{start // per}.bin", Deflated(_json(rows, compress=False)))


def _cut(text: str, limit: int) -> str:
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)


def _json(value, compress: bool = True) -> bytes:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return _gzip(data) if compress else data


GZIP_LEVEL = 6


def _gzip(data: bytes) -> bytes:
    # mtime=0: the same index gives the same bytes on every build.
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
