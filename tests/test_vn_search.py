"""Search index (plugins/vn_search): tokenising, folding and the index files."""

import gzip
import json
import os
import subprocess
import sys
from array import array
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

import vn_search.index as vn_index
from plugin_settings import PluginSettingsError
from tests.warm_copies import article_as_read, copy_of_a_build
from vn_search.index import Doc, build_index
from vn_search.plugin import DOCUMENTS_CATEGORY, article_doc, citations, document_doc, plain_text
from vn_search.postings import count_run, spread, steady_average
from vn_search.runs import SITES_KEPT, RunStore, site_store
from vn_search.settings import vn_search_settings
from vn_search.tokens import tokenize

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
FOLD_CASES = json.loads((DATA / "fold_cases.json").read_text("utf-8"))["cases"]
TOKENIZE_CASES = json.loads((DATA / "tokenize_cases.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize(("text", "expected"), TOKENIZE_CASES)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


@pytest.fixture(scope="module")
def javascript_results():
    """What the front end's fold() and tokenize() return for both tables (node)."""
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "js" / "text_cases.mjs")],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize(("number", "case"), list(enumerate(FOLD_CASES)))
def test_javascript_folds_like_python(javascript_results, number, case):
    assert javascript_results["fold"][number] == case[1], case[0]


@pytest.mark.parametrize(("number", "case"), list(enumerate(TOKENIZE_CASES)))
def test_javascript_tokenizes_like_python(javascript_results, number, case):
    assert javascript_results["tokenize"][number] == case[1], case[0]


def _doc(number: int, title: str, body: str = "", category: str = "Tin tức - Sự kiện", **kw):
    return Doc(
        url=f"bai-viet/bai-{number}/",
        title=title,
        date=datetime(2024, 1, 1 + number % 28, 8, 0),
        category=category,
        summary=kw.pop("summary", ""),
        body=body,
        **kw,
    )


def _options(**changes):
    return {**vn_search_settings({}), **changes}


def _read(files, name):
    data = files[name]
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _entries(files) -> dict:
    """Every dictionary entry of the index, by word."""
    found = {}
    for name in files:
        if name.startswith("s/"):
            raw = _read(files, name)
            size = int.from_bytes(raw[:4], "little")
            for entry in json.loads(raw[4 : 4 + size]):
                found[entry[0]] = entry
    return found


def test_same_articles_give_the_same_bytes_in_any_order():
    docs = [_doc(i, f"Phường Bưởi tin số {i}", "buổi họp đảng viên " * i) for i in range(30)]
    assert build_index(docs, _options()) == build_index(list(reversed(docs)), _options())


def test_worker_processes_give_the_same_bytes_as_one():
    # Runs of 256 articles: three of them, counted by two workers and joined.
    docs = [
        _doc(i, f"Tin số {i} về 55/KH-ĐU", f"buổi họp đảng viên chi bộ {i} Bưởi " * (1 + i % 7))
        for i in range(600)
    ]
    serial = build_index(docs, _options(PROCESSES=1, COMMON_MIN_DOCS=100))
    assert build_index(docs, _options(PROCESSES=2, COMMON_MIN_DOCS=100)) == serial


def test_bodies_sent_as_html_and_files_written_as_made_give_the_same_bytes():
    # The build's way (vn_search/plugin.py): Docs without their bodies,
    # each body's HTML asked for when its run is sent to be counted, each
    # file handed over at once.
    html = [
        f"<p>buổi họp <b>đảng viên</b> chi bộ {i} &amp; Bưởi</p>" * (1 + i % 7) for i in range(600)
    ]
    docs = [_doc(i, f"Tin số {i}", plain_text(html[i])) for i in range(600)]
    sizes = [sys.getsizeof(text) for text in html]
    whole = build_index(docs, _options(PROCESSES=2))
    bodiless = [replace(doc, body="") for doc in docs]
    asked = []

    def body_html(i: int) -> str:
        asked.append(i)
        return html[i]

    for processes in (1, 2):
        written: dict[str, bytes] = {}
        options = _options(PROCESSES=processes)
        assert (
            build_index(bodiless, options, body_html=body_html, write=written.__setitem__) is None
        )
        assert written == whole
        assert sorted(asked) == list(range(600))  # each once
        asked.clear()
    # The articles' own text is not grown by being sent (cache_files explains).
    assert [sys.getsizeof(text) for text in html] == sizes


def _meeting_notes(count: int, extra=lambda i: "", repeat: int = 7) -> list[Doc]:
    return [
        _doc(i, f"Tin số {i}", f"buổi họp đảng viên chi bộ {i} Bưởi {extra(i)}" * (1 + i % repeat))
        for i in range(count)
    ]


def _count_calls(monkeypatch) -> list[int]:
    """How many articles each call of count_run counts, from now on."""
    counted: list[int] = []
    monkeypatch.setattr(
        vn_index, "count_run", lambda *a: counted.append(len(a[0])) or count_run(*a)
    )
    return counted


def test_kept_runs_count_only_the_changed_run_and_give_the_same_bytes(tmp_path, monkeypatch):
    runs = tmp_path / "runs"
    options = _options(PROCESSES=1)
    docs = _meeting_notes(1500)
    assert build_index(docs, options, kept_runs=RunStore(runs)) == build_index(docs, options)
    counted, encoded = _count_calls(monkeypatch), []
    encode = vn_index._encode_slice

    # One body edited, then one article added: each time one run is counted
    # again, the others are read back, and the index is a fresh build's.
    edited = [*docs]
    edited[700] = replace(docs[700], body=docs[700].body + " cúp pha lê")
    added = [*edited, _doc(1500, "Bài mới thêm", "nội dung mới")]
    for changed in (edited, added):
        before = {path.name for path in runs.iterdir()}
        counted.clear()
        encoded.clear()
        with monkeypatch.context() as patched:  # in this process only (PROCESSES=1)
            patched.setattr(vn_index, "_encode_slice", lambda job: encoded.extend(
                word[0] for word in job[0]) or encode(job))  # fmt: skip
            built = build_index(changed, options, kept_runs=RunStore(runs))
            runs_counted, words = len(counted), len(encoded)
            build_index(changed, options)  # encodes every word
        after = {path.name for path in runs.iterdir()}
        assert built == build_index(changed, _options(PROCESSES=2))
        assert len(before) > 2
        assert len(after - before) == len(before - after) == 1, (before, after)
        assert runs_counted == 1
        # An edited article is counted alone, into its run's kept counts; an
        # added one changes which articles its run holds: counted whole.
        assert counted[0] == 1 if changed is edited else counted[0] > 100
        if changed is edited:
            # Only the edited article's rare words are encoded again: the
            # others take their last encoding back, even the common words of
            # the edited article (its impacts moved, their encoding did not).
            again = encoded[:words]
            assert "cup" in again and "cup pha" in again and "700" in again
            assert "buoi hop" not in again and "buoi hop" in encoded[words:]
            assert 0 < words < (len(encoded) - words) / 4, (words, len(encoded))


def test_only_the_words_of_changed_articles_are_keyed_again_while_the_last_build_is_whole(
    tmp_path, monkeypatch
):
    """index._touched: after an edit, a word that no changed article had or
    has keeps the last build's key without its postings being weighed
    again, if the last build ended whole and no other article's weight
    moved; else every word is keyed. The index is a fresh build's each time."""
    runs = tmp_path / "runs"
    options = _options(PROCESSES=1)
    docs = _meeting_notes(1500)
    build_index(docs, options, kept_runs=RunStore(runs))
    keyed: list[str] = []
    keys = vn_index._encoding_keys
    monkeypatch.setattr(vn_index, "_encoding_keys", lambda salt, words, *rest: keyed.extend(
        word[0] for word in words) or keys(salt, words, *rest))  # fmt: skip
    joining: list[str] = []  # the keys whose postings were joined across runs
    join = RunStore.joined
    monkeypatch.setattr(RunStore, "joined", lambda store, *args: joining.extend(
        found := join(store, *args)) or found)  # fmt: skip
    joined: list[str] = []  # by the last rebuilt()'s kept build

    def rebuilt(changed: list[Doc]) -> list[str]:
        keyed.clear()
        joining.clear()
        built = build_index(changed, options, kept_runs=RunStore(runs))
        found, joined[:] = [*keyed], joining
        assert built == build_index(changed, options)
        return found

    edited = [*docs]
    edited[700] = replace(docs[700], body=docs[700].body + " cúp pha lê")
    few = rebuilt(edited)
    assert "cup pha" in few and "700" in few, "the edited article's words, new and old"
    assert "699" not in few and "1499" not in few
    assert 0 < len(few) < len(set(_entries(build_index(edited, options)))) / 10
    # Nor are the other words' postings joined: only the edited article's
    # words, with every exact form of them (which orders a word's forms).
    assert "cup pha" in joined and "700" in joined
    assert len([key for key in joined if key.startswith("buoi\t")]) >= 2, "buổi, Bưởi"
    assert "699" not in joined and "1499" not in joined
    assert len(joined) < len(set(_entries(build_index(edited, options)))) / 10

    # A letter's kept encodings lost (the cache cleaned by hand): its words
    # are all joined and keyed again, and the index is still a fresh build's.
    again = [*edited]
    again[700] = replace(edited[700], body=edited[700].body + " lần nữa")
    (runs / "words" / f"{ord('1'):x}.pickle").unlink()
    lost = rebuilt(again)
    assert "1499" in lost and "1499" in joined and "699" not in lost
    assert "2" not in joined, "other letters: the edited article's words alone"

    # Another article cited more: its weight moved, every word is keyed.
    cited = [*edited]
    cited[699] = replace(edited[699], cited_by=5)
    assert "1499" in rebuilt(cited)

    # A build that stopped half-way (no record of a whole build): every word.
    again = [*cited]
    again[700] = replace(cited[700], body=cited[700].body + " lần hai")
    (runs / "words" / "last-build.pickle").unlink()
    assert "1499" in rebuilt(again)
    again[701] = replace(again[701], body=again[701].body + " lần ba")
    assert "1499" not in rebuilt(again), "whole again after that build"


def test_a_run_patched_for_its_changed_articles_counts_as_the_whole_run(tmp_path, monkeypatch):
    runs = tmp_path / "runs"
    options = _options(PROCESSES=1)
    docs = _meeting_notes(1200, extra=lambda i: f"hiếm{i % 3} ", repeat=5)
    build_index(docs, options, kept_runs=RunStore(runs))
    counted = _count_calls(monkeypatch)
    edited = [*docs]
    # A word gone from an article, a count changed, a word new to the site,
    # a title and a category changed, in articles that share runs.
    edited[10] = replace(docs[10], body=docs[10].body.replace("hiếm1", "").replace("đảng", ""))
    edited[11] = replace(docs[11], body=docs[11].body * 3)
    edited[12] = replace(docs[12], body="Đội vô địch nhận cúp pha lê", title="Cúp")
    edited[13] = replace(docs[13], category="Y tế")
    built = build_index(edited, options, kept_runs=RunStore(runs))
    assert built == build_index(edited, _options(PROCESSES=2))
    assert counted and set(counted) == {1}, counted  # each changed article alone


def test_each_site_keeps_its_runs_apart_and_only_the_recent_sites_are_kept(tmp_path):
    runs = tmp_path / "cache" / "runs"
    sites = [tmp_path / f"site-{n}" for n in range(SITES_KEPT + 1)]
    first = site_store(runs, sites[0])
    first.save("k", {"dang": array("I", [1])}, [10], [b"t"], [b"d"])
    # Another site's build (the tests', the preview's) leaves it alone...
    other = site_store(runs, sites[1])
    other.keep_only(set())
    assert first.texts("k") == ([10], [b"t"])
    # ...until SITES_KEPT other sites were built after it.
    for site in sites[1:]:
        site_store(runs, site)
    assert first.texts("k") is None
    assert len(list(runs.iterdir())) == SITES_KEPT


def test_worker_jobs_are_made_only_as_fast_as_their_results_are_used():
    # Pool.imap would pickle every run of articles at once: all the text in memory.
    pulled = []

    def jobs():
        for number in range(20):
            pulled.append(number)
            yield number

    with spread(2) as mapper:
        results = mapper(abs, jobs())
        assert next(results) == 0
        assert len(pulled) <= 1 + 2 * 2  # the first, and two jobs per worker ahead
        assert list(results) == list(range(1, 20))


def test_light_jobs_run_in_the_build_and_start_no_worker():
    import multiprocessing

    with spread(2) as mapper:
        assert list(mapper(abs, [-3, 1, -2], light=lambda job: True)) == [3, 1, 2]
        assert multiprocessing.active_children() == [], "workers started for nothing"
        # Mixed: in order, whichever side ran each job.
        results = mapper(abs, range(-6, 0), light=lambda job: job % 2 == 0)
        assert list(results) == [6, 5, 4, 3, 2, 1]
        assert len(multiprocessing.active_children()) == 2


def test_a_word_and_its_exact_forms_share_a_shard():
    # Small shards, many words with several forms: cuts would fall among them.
    words = ["Bưởi", "buổi", "bươi", "Đảng", "đang", "dâng", "Hồ", "hộ", "hổ", "Tây", "tây"]
    docs = [
        _doc(i, f"{words[i % 11]} {i}", f"{words[i % 7]} {words[i % 5]} {i} {i * 7}")
        for i in range(200)
    ]
    files = build_index(docs, _options(SHARD_BYTES=1_000))
    firsts = json.loads(files["manifest.json"])["shards"]
    assert len(firsts) > 5 and not [f for f in firsts if "\t" in f]
    forms = [(term, form) for term, entry in _entries(files).items() for form in entry[2]]
    assert len(forms) >= len(words)
    for term, form in forms:
        assert _shard_of(files, f"{term}\t{form}") == _shard_of(files, term)


def test_words_are_indexed_folded_with_their_exact_forms_most_frequent_first():
    docs = [
        _doc(1, "Phường Bưởi ra quân"),
        _doc(2, "Phường Bưởi khai mạc"),
        _doc(3, "Một buổi sáng"),
    ]
    entries = _entries(build_index(docs, _options()))
    assert entries["buoi"][1:3] == [3, ["bưởi", "buổi"]]
    assert entries["buoi\tbưởi"][1] == 2 and entries["buoi\tbuổi"][1] == 1
    assert "phuong buoi" in entries  # pairs answer quoted phrases


def test_newest_articles_come_first_and_years_are_ranges():
    docs = [
        Doc("a/", "Tin 2023", datetime(2023, 5, 1), "Y tế", "", ""),
        Doc("b/", "Tin 2025", datetime(2025, 5, 1), "Y tế", "", ""),
        Doc("c/", "Tin 2024", datetime(2024, 5, 1), "Du lịch", "", ""),
    ]
    files = build_index(docs, _options())
    manifest = json.loads(files["manifest.json"])
    assert manifest["years"] == [[2025, 0, 0], [2024, 1, 1], [2023, 2, 2]]
    assert manifest["categories"] == ["Du lịch", "Y tế"]  # Vietnamese order
    rows = json.loads(_read(files, "d/0.bin"))
    assert [row[1] for row in rows] == ["Tin 2025", "Tin 2024", "Tin 2023"]


def test_no_file_grows_with_the_number_of_articles():
    docs = [_doc(i, f"Phường Bưởi số {i}", f"đảng viên nhân dân bài {i} " * 20) for i in range(600)]
    options = _options(SHARD_BYTES=2_000, BLOCK_POSTINGS=128, DOCS_PER_CHUNK=8)
    files = build_index(docs, {**options, "COMMON_MIN_DOCS": 10_000})
    raw_sizes = {name: len(_read(files, name)) for name in files if name[0] in "spd"}
    postings = [n for n in files if n.startswith("p/")]
    assert postings, "frequent words should have postings files"
    # A block holds at most 128 entries of at most 1 + 3 bytes.
    assert max(raw_sizes[n] for n in postings) <= 128 * 4
    assert max(raw_sizes[n] for n in raw_sizes if n.startswith("s/")) < 8_000
    assert len(files["manifest.json"]) < 2_000


def test_common_words_cost_almost_nothing():
    docs = [_doc(i, f"Phường Bưởi số {i}", "đảng viên" if i % 10 else "") for i in range(100)]
    entries = _entries(build_index(docs, _options(COMMON_MIN_DOCS=50)))
    # In 90 of 100 articles: stored as the 10 articles without it, inline.
    assert entries["dang"][1] == 90
    assert entries["dang"][3] == 2 and entries["dang"][5] == 0 and entries["dang"][7] == 10
    # In every article: an empty list.
    assert entries["phuong"][3] == 2 and entries["phuong"][7] == 0


def test_a_common_words_impact_is_the_median_of_its_own_whatever_words_are_keyed_with_it():
    import numpy as np

    from vn_search.postings import with_impacts

    rng = np.random.default_rng(7)
    norms, boosts = rng.uniform(0.3, 3, 400), rng.uniform(1, 1.4, 400)
    words = []  # lists of counting postings: number << TF_BITS | count
    for size in [1, 2, 3, 4, 17, 18, 250, 400]:
        numbers = np.sort(rng.choice(400, size, replace=False))
        counts = rng.integers(1, 30, size)
        words.append(array("I", (numbers << vn_index.TF_BITS | counts).astype(np.uint32).tobytes()))
    counted = np.frombuffer(b"".join(words), dtype=np.uint32)
    numbers = (counted >> vn_index.TF_BITS).astype(np.int64)
    impact = vn_index.impacts(counted & vn_index.TF_MAX, norms[numbers], boosts[numbers])
    spans, start = [], 0
    for rows in words:
        spans.append((start, start + len(rows)))
        start += len(rows)
    every_other = spans[::2]  # not only one after another
    expected = [vn_index._constant("w", with_impacts(rows, norms, boosts)) for rows in words]
    assert vn_index._median_impacts(impact, spans) == expected
    assert vn_index._median_impacts(impact, every_other) == expected[::2]
    assert len(set(expected)) > 2, "the sizes and weights give different medians"
    assert expected == [
        int(np.median(np.frombuffer(rows, np.uint32) & 0xFF))
        for rows in (with_impacts(rows, norms, boosts) for rows in words)
    ], "numpy's median, rounded down"


def test_articles_cited_by_others_rank_a_little_higher():
    text = "sổ tay đảng viên điện tử"
    docs = [_doc(1, "Tin", text), _doc(2, "Tin", text, cited_by=1)]
    files = build_index(docs, _options())
    entry = _entries(files)["so tay"]
    raw = _read(files, f"s/{_shard_of(files, 'so tay')}.bin")
    size = int.from_bytes(raw[:4], "little")
    postings = raw[4 + size + entry[6] : 4 + size + entry[6] + entry[7]]
    # gap, impact for each article: newest (bai-2) first
    assert postings[1] > postings[3]


def _shard_of(files, term):
    firsts = json.loads(files["manifest.json"])["shards"]
    return max(i for i, first in enumerate(firsts) if first <= term)


def test_a_legal_document_is_found_by_its_whole_code_number_and_shows_it():
    document = SimpleNamespace(
        url="van-ban/55-kh-du/",
        title="Kế hoạch xây dựng chi bộ bốn tốt",
        issued_on=datetime(2023, 1, 27).date(),
        summary="<p>Tiêu chí chi bộ bốn tốt.</p>",
        content="<p>Nội dung.</p>",
        number="55/KH-ĐU",
        type="Kế hoạch",
        issuer="Đảng ủy phường Bưởi",
    )
    docs = [_doc(1, "Tin", "Kế hoạch số 55 của phường"), document_doc(document)]
    files = build_index(docs, _options())
    entries = _entries(files)
    # Whole (folded and exact) and in parts, so "55/kh-du" and "55 KH DU" both find it.
    assert entries["55/kh-du"][1:3] == [1, ["55/kh-đu"]]
    assert entries["55/kh-du\t55/kh-đu"][1] == 1 and "kh du" in entries and "ke hoach" in entries
    manifest = json.loads(files["manifest.json"])
    assert DOCUMENTS_CATEGORY in manifest["categories"]
    rows = {row[0]: row for row in json.loads(_read(files, "d/0.bin"))}
    assert rows["van-ban/55-kh-du/"][2:4] == ["27/01/2023", "2023-01-27"]
    assert rows["van-ban/55-kh-du/"][7] == "55/KH-ĐU"
    assert len(rows["bai-viet/bai-1/"]) == 7  # articles' rows carry no code number


def test_settings_problems_are_listed_together():
    with pytest.raises(PluginSettingsError) as error:
        vn_search_settings({"VN_SEARCH_INDEX_PATH": "/tim-kiem", "VN_SEARCH_SHARD_BYTES": 10})
    assert "VN_SEARCH_INDEX_PATH" in str(error.value)
    assert "VN_SEARCH_SHARD_BYTES" in str(error.value)


@pytest.mark.parametrize("path", ["./", "../tim-kiem/", "tim-kiem/../", "tim-kiem//index/"])
def test_the_index_folder_is_inside_the_output_and_not_the_output_itself(path):
    """The index removes from its folders what it no longer makes
    (vn_search/folder.py): never anything outside them."""
    with pytest.raises(PluginSettingsError) as error:
        vn_search_settings({"VN_SEARCH_INDEX_PATH": path})
    assert "inside the output folder" in str(error.value)
    assert vn_search_settings({"VN_SEARCH_INDEX_PATH": "tim/kiem/"})["INDEX_PATH"] == "tim/kiem/"


def test_plain_text_drops_tags_and_keeps_words_apart():
    assert plain_text("<p>Phường <b>Bưởi</b></p><p>họp&amp;bàn</p>") == "Phường Bưởi họp&bàn"
    # Every run of whitespace, of any kind (an entity's too), is one space.
    spaced = "\n <p>Tổ\t dân&nbsp;phố\r\n\n số\u3000 5</p>&#8195;\x0b"
    assert plain_text(spaced) == "Tổ dân phố số 5"


def _article(slug, content="", lead_image=None):
    article = SimpleNamespace(
        url=f"bai-viet/{slug}/",
        title=f"Tin {slug}",
        date=datetime(2024, 3, 1),
        category=SimpleNamespace(name="Y tế"),
        summary="<p>Tóm tắt</p>",
        content=content,
        tags=[],
    )
    if lead_image is not None:
        article.lead_image = lead_image
    return article


def test_thumbnail_when_the_article_has_a_lead_image_and_none_otherwise():
    image = SimpleNamespace(url="images/a.jpg", width=320, height=200)
    assert article_doc(_article("a", lead_image=image)).thumb == {
        "url": "images/a.jpg",
        "width": 320,
        "height": 200,
    }
    assert article_doc(_article("b")).thumb is None


def test_citations_count_each_citing_article_once():
    link = '<a href="/bai-viet/a/">xem</a> <a href="/bai-viet/a/#anh">ảnh</a>'
    articles = [_article("a", link), _article("b", link), _article("c", '<a href="/x/">x</a>')]
    assert citations(articles, "") == {"bai-viet/a/": 1}


def test_the_average_length_stays_put_when_one_article_changes_a_little():
    lengths = [1000 + (i * 37) % 900 for i in range(5000)]
    exact = sum(lengths) / len(lengths)
    steady = steady_average(lengths)
    assert abs(steady - exact) / exact < 0.006
    assert steady_average([*lengths[:-1], lengths[-1] + 300]) == steady
    assert steady_average(lengths + [10_000] * 100) > steady
    assert steady_average([]) == 1.0


def test_what_the_index_made_of_an_article_is_kept_only_while_the_article_is_as_read(tmp_path):
    """vn_search/learned.py, in the warm process: the Doc, links and body
    digest of a copy left as read come from the last build (the fork's,
    handed back through a file); a copy the build changed, or whose lead
    photo moved, is made anew."""
    from vn_search import learned

    read = article_as_read(tmp_path, "<p>Xem <a href='/a/'>a</a></p>")
    made = learned.Learned(None, article_doc(read), ("/a/",), b"sum", "text")
    texts: dict = {}

    def as_built(change=None):
        def lead_photo_set(article):  # as the build sets it, then what changed
            article.lead_image = None
            if change is not None:
                change(article)

        return copy_of_a_build(read, texts, lead_photo_set)

    def retitle(copy):
        copy.title = "Tin mới"

    def new_lead_photo(copy):
        copy.lead_image = SimpleNamespace(url="images/a.jpg", width=320, height=200)

    # What the fork learned comes back by article number.
    fork_file = tmp_path / "learned.pickle"
    learned.hand_back(fork_file, {0: made})
    with as_built() as copy:
        learned.take_back(fork_file, [copy])
    assert not fork_file.exists()
    with as_built() as copy:
        assert learned.known(copy) == made
    for change in (retitle, new_lead_photo):
        with as_built(change) as copy:
            assert learned.known(copy) is None, change.__name__
    assert learned.cited(made, 2).cited_by == 2 and made.doc.cited_by == 0


def test_what_a_fork_of_a_failed_build_handed_back_is_never_taken(tmp_path):
    """A warm build that failed after its index fork was done left the
    fork's learned file; the next build of the process removes it before
    it starts its own fork, so a fork that learns nothing never has the
    stale one taken for its own."""
    from vn_search import learned
    from vn_search.plugin import SearchIndexGenerator

    generator = object.__new__(SearchIndexGenerator)
    generator.settings = {"CACHE_PATH": str(tmp_path / "cache")}
    generator.options = _options(BACKGROUND=False)
    generator.output_path = str(tmp_path / "output")
    generator.builder = os.getpid()
    stale = generator._handed_back()
    learned.hand_back(stale, {0: "what an earlier build learned"})
    assert stale.exists()
    generator.start()
    assert not stale.exists() and generator.background is None


def test_a_file_to_compress_is_compressed_only_when_its_bytes_changed(tmp_path, monkeypatch):
    """plugin.LinkingWriter: a file given to compress (index.Deflated) that
    holds what the last build's held is linked from the kept index, not
    compressed again; a changed one is written, compressed."""
    from vn_search.index import Deflated
    from vn_search.kept import Previous
    from vn_search.plugin import LinkingWriter

    rows = ['[["bai-viet/a/","Tin a"]]', '[["bai-viet/b/","Tin b"]]', '[["bai-viet/b/","Tin mới"]]']
    a, b, b_edited = (text.encode() for text in rows)
    kept, output = tmp_path / "kept", tmp_path / "output"
    first = LinkingWriter(kept)
    first("d/0.bin", Deflated(a))
    first("d/1.bin", Deflated(b))
    compressed = []
    gzip_ = vn_index._gzip
    monkeypatch.setattr(vn_index, "_gzip", lambda data: compressed.append(data) or gzip_(data))
    previous = Previous(
        kept,
        dict(zip(first.names, first.sums, strict=True)),
        dict(zip(first.names, first.inodes, strict=True)),
        first.device,
    )
    second = LinkingWriter(output, previous)
    second("d/0.bin", Deflated(a))
    second("d/1.bin", Deflated(b_edited))
    assert second.linked_names == ["d/0.bin"]
    assert compressed == [b_edited]
    assert gzip.decompress((output / "d/0.bin").read_bytes()) == a
    assert gzip.decompress((output / "d/1.bin").read_bytes()) == b_edited
