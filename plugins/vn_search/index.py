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
and, as separate entries, in their exact forms ("=đảng", "=dâng"), so exact
matches rank first; a folded word's entry lists its forms, most frequent
first. Pairs of consecutive folded words ("dang vien") are indexed too: they
answer quoted phrases and reward words typed together.
"""

import gzip
import json
import math
import statistics
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from itertools import chain, pairwise

from vietnamese.text import sort_key

from .tokens import fold, tokenize

__all__ = ["Doc", "build_index"]

# News articles run long on their subject: length weighs little (b), and
# repetition keeps counting a while (k1) before it saturates.
K1, B = 2.0, 0.3
IMPACT_MAX = 255
AUTHORITY_MAX = 1.3
# Title words count three times, the summary and tags twice, body once.
FIELD_WEIGHTS = (3, 2, 1)
INLINE_BYTES = 384  # postings up to this size travel inside the shard
DAY_STEP = 256  # the manifest keeps the date of every DAY_STEP-th article


@dataclass(frozen=True)
class Doc:
    url: str
    title: str
    date: datetime
    category: str
    summary: str  # plain text
    body: str  # plain text
    tags: tuple[str, ...] = ()
    thumb: dict | None = None  # {"url", "width", "height"}
    cited_by: int = 0  # how many other articles link to this one
    number: str = ""  # a legal document's code number ("55/KH-ĐU"), shown in results


def build_index(docs: Iterable[Doc], options: dict) -> dict[str, bytes]:
    """Every file of the index, keyed by its path inside the index folder."""
    ordered = sorted(docs, key=lambda d: (-d.date.toordinal(), -_seconds(d.date), d.url))
    categories = sorted({d.category for d in ordered}, key=sort_key)
    cat_number = {name: i for i, name in enumerate(categories)}
    memo: dict[str, str] = {}  # exact word → folded, for the whole build

    fields_of = [_fields(d) for d in ordered]
    # Length in characters stands in for length in syllables (BM25 only
    # compares an article with the average): no extra tokenising pass.
    lengths = [sum(map(len, fields)) for fields in fields_of]
    average = max(sum(lengths) / len(lengths), 1.0) if lengths else 1.0

    # Postings as one int per article: number << 8 | impact. Appending goes
    # through map() so the loop over an article's words runs in C: this is
    # the hot path of the whole build.
    postings: defaultdict[str, array] = defaultdict(partial(array, "q"))
    rows_of = postings.__getitem__
    for number, fields in enumerate(fields_of):
        weights = _weigh(fields, memo)
        weights[f"#c{cat_number[ordered[number].category]}"] = 1
        norm = K1 * (1 - B + B * max(lengths[number], 1) / average)
        boost = _authority(ordered[number].cited_by)
        tfs = list(weights.values())
        table = {tf: number << 8 | _impact(tf, norm, boost) for tf in set(tfs)}
        deque(map(array.append, map(rows_of, weights), map(table.__getitem__, tfs)), maxlen=0)

    forms: defaultdict[str, list] = defaultdict(list)
    for word, folded in memo.items():
        forms[folded].append(word)
    files: dict[str, bytes] = {}
    shard_firsts = _write_dictionary(postings, forms, len(ordered), options, files)
    _write_docs(ordered, cat_number, options, files)
    files["manifest.json"] = _json(
        {
            "version": 1,
            "docs": len(ordered),
            "chunk": options["DOCS_PER_CHUNK"],
            "categories": categories,
            "years": _year_ranges(ordered),
            "step": DAY_STEP,
            "days": [d.date.toordinal() for d in ordered[::DAY_STEP]],
            "shards": shard_firsts,
        },
        compress=False,
    )
    return files


def _fields(doc: Doc) -> tuple[str, str, str]:
    return (doc.title, " ".join([doc.summary, *doc.tags]), doc.body)


def _weigh(fields, memo: dict) -> Counter:
    """Weighted counts of one article's folded words ("dang"), exact forms
    ("=đảng") and folded pairs ("dang vien"). Counting happens in C (Counter,
    map); only words never seen before reach Python code."""
    weights: Counter = Counter()
    for text, weight in zip(fields, FIELD_WEIGHTS, strict=True):
        words = tokenize(text)
        for word in set(words).difference(memo):
            memo[word] = fold(word)
        folded = list(map(memo.__getitem__, words))
        keys = chain(folded, map("=".__add__, words), map(" ".join, pairwise(folded)))
        if weight == 1:
            weights.update(keys)
        else:
            for key, count in Counter(keys).items():
                weights[key] += count * weight
    return weights


def _seconds(when: datetime) -> int:
    return when.hour * 3600 + when.minute * 60 + when.second


def _impact(tf: int, norm: float, boost: float = 1.0) -> int:
    """BM25's term-frequency part, scaled to a byte: the browser multiplies
    it by the word's rarity (idf), so it needs no article lengths."""
    score = tf * (K1 + 1) / (tf + norm) * boost / AUTHORITY_MAX
    return max(1, min(IMPACT_MAX, round(score / (K1 + 1) * IMPACT_MAX)))


def _authority(cited_by: int) -> float:
    """Articles that other articles link to (the story a follow-up refers
    back to) rank a little higher: +10% for the first link, less for more."""
    return min(AUTHORITY_MAX, 1 + 0.1 * math.log2(1 + cited_by))


def _year_ranges(ordered: Sequence[Doc]) -> list[list[int]]:
    ranges: dict[int, list[int]] = {}
    for number, doc in enumerate(ordered):
        ranges.setdefault(doc.date.year, [doc.date.year, number, number])[2] = number
    return [ranges[y] for y in sorted(ranges, reverse=True)]


def _write_dictionary(postings, forms, doc_count: int, options: dict, files: dict) -> list[str]:
    """Pack the words, in order, into shards of about SHARD_BYTES."""
    firsts: list[str] = []
    entries: list = []
    blob = bytearray()
    external = 0

    def flush():
        header = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
        files[f"s/{len(firsts) - 1}.bin"] = _gzip(
            len(header).to_bytes(4, "little") + header + bytes(blob)
        )

    size = 0
    for term in sorted(postings):
        entry, ids, impacts = _encode_term(term, postings, forms, doc_count, options)
        data = _serialize(ids, impacts)
        cost = len(term.encode()) + 24 + sum(len(v.encode()) + 3 for v in entry[2])
        cost += len(data) if len(data) <= INLINE_BYTES else 0
        if not firsts or size + cost > options["SHARD_BYTES"]:
            if firsts:
                flush()
            firsts.append(term)
            entries, blob, size = [], bytearray(), 0
        if len(data) <= INLINE_BYTES:
            entry += [0, len(blob), len(data)]
            blob += data
        else:
            step = options["BLOCK_POSTINGS"]
            blocks = [
                _serialize(ids[i : i + step], impacts and impacts[i : i + step])
                for i in range(0, len(ids), step)
            ]
            for number, block in enumerate(blocks):
                files[f"p/{external}-{number}.bin"] = _gzip(block)
            entry += [1, external, len(blocks)]
            external += 1
        entries.append(entry)
        size += cost
    if firsts:
        flush()
    return firsts


def _encode_term(term: str, postings, forms, doc_count: int, options: dict):
    """A word's dictionary entry, and its postings as numbers and impacts.

    entry = [word, df, exact forms by frequency, mode, constant impact,
    where (0 inline in the shard, offset, length | 1 in files, number,
    blocks)]. Postings are gaps between article numbers, each followed by
    an impact byte in mode 0. Mode 1 is a common word (phường, đảng): a
    presence list without impacts (they weigh almost nothing), and mode 2
    the same stored as the articles *without* the word, when that is
    shorter: a word in nearly every article then costs almost nothing.
    """
    rows = postings[term]
    ids = [r >> 8 for r in rows]
    df = len(ids)
    variants = []
    if term in forms:
        counts = {form: len(postings["=" + form]) for form in forms[term]}
        variants = sorted(counts, key=lambda form: (-counts[form], form))
    common = term.startswith("#") or (df >= options["COMMON_MIN_DOCS"] and df * 4 >= doc_count)
    if not common:
        return [term, df, variants, 0, 0], ids, [r & 0xFF for r in rows]
    constant = 0 if term.startswith("#") else int(statistics.median(r & 0xFF for r in rows))
    if df * 2 <= doc_count:
        return [term, df, variants, 1, constant], ids, []
    present = set(ids)
    absent = [n for n in range(doc_count) if n not in present]
    return [term, df, variants, 2, constant], absent, []


def _serialize(ids: list[int], impacts: list[int]) -> bytes:
    """Gaps between article numbers as varints, each followed by its impact
    byte if any; the first gap counts from -1, so every block decodes alone."""
    gaps = [b - a for a, b in zip([-1, *ids], ids, strict=False)]
    columns = [gaps, impacts] if impacts else [gaps]
    if not gaps or max(gaps) < 0x80:  # one byte per gap: let C do the work
        return bytes(chain.from_iterable(zip(*columns, strict=True)))
    out = bytearray()
    for gap, *tail in zip(*columns, strict=True):
        _varint(out, gap)
        out += bytes(tail)
    return bytes(out)


def _write_docs(ordered: Sequence[Doc], cat_number: dict, options: dict, files: dict) -> None:
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
                    doc.date.strftime("%d/%m/%Y"),
                    doc.date.date().isoformat(),
                    cat_number[doc.category],
                    summary,
                    doc.thumb,
                    # Only documents carry a code number: articles' rows stay as they were.
                    *([doc.number] if doc.number else []),
                ]
            )
        files[f"d/{start // per}.bin"] = _json(rows)
    for number, doc in enumerate(ordered):
        files[f"t/{number}.bin"] = _gzip(doc.body.encode())


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


def _gzip(data: bytes) -> bytes:
    # mtime=0: the same index gives the same bytes on every build.
    return gzip.compress(data, compresslevel=6, mtime=0)
