"""Files plugins keep between builds (plugins/cache_files.py)."""

import sys

from cache_files import link_or_copy, read_pickle, write_pickle


def test_link_or_copy_places_the_bytes_and_never_writes_through_an_old_link(tmp_path):
    kept = tmp_path / "cache" / "kept.bin"
    kept.parent.mkdir()
    kept.write_bytes(b"last build")
    placed = tmp_path / "output" / "deep" / "index.bin"  # folders made as needed
    link_or_copy(kept, placed)
    assert placed.read_bytes() == b"last build"

    # The next build places other bytes where the kept file's link is.
    fresh = tmp_path / "fresh.bin"
    fresh.write_bytes(b"this build")
    link_or_copy(fresh, placed)
    assert placed.read_bytes() == b"this build"
    assert kept.read_bytes() == b"last build"


def test_pickled_text_comes_back_whole_and_is_not_grown_in_memory(tmp_path):
    # Pickling a non-ASCII str attaches its UTF-8 copy to it for good: an
    # article body pickled into the body cache would take twice the memory.
    body = "Phường Bưởi tổ chức hội nghị " * 500
    data = {"bai.md": (body, {"title": ["Tiêu đề"]}), "odd": "\udcff lạ", "ascii": "plain"}
    size = sys.getsizeof(body)
    write_pickle(tmp_path / "cache.pickle", data)
    assert sys.getsizeof(body) == size
    assert read_pickle(tmp_path / "cache.pickle") == data
