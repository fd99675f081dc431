"""Files plugins keep between builds (plugins/cache_files.py)."""

import os
import sys

from cache_files import link_or_copy, read_pickle, tree_digest, write_pickle


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


def test_a_tree_digest_changes_with_any_file_it_covers_and_no_other(tmp_path):
    """What keys caches on the theme and the plugins' code: a file edited,
    even to the same size in the same second, added, renamed or removed
    changes it; compiled bytecode and files of other suffixes do not."""
    code = tmp_path / "plugins"
    (code / "tin" / "__pycache__").mkdir(parents=True)
    module = code / "tin" / "__init__.py"
    module.write_text("TITLE = 'Tin'\n", encoding="utf-8")
    (code / "a.py").write_text("A = 1\n", encoding="utf-8")
    first = tree_digest(code, suffixes=(".py",))

    (code / "tin" / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\0" * 64)
    (code / "README.md").write_text("ghi chú", encoding="utf-8")
    assert tree_digest(code, suffixes=(".py",)) == first
    assert tree_digest(code) != first, "no suffixes: every file counts"

    held = module.stat()
    module.write_text("TITLE = 'Tân'\n", encoding="utf-8")  # the same size
    os.utime(module, ns=(held.st_atime_ns, held.st_mtime_ns))  # and the same mtime
    edited = tree_digest(code, suffixes=(".py",))
    assert edited != first
    module.write_text("TITLE = 'Tin'\n", encoding="utf-8")
    assert tree_digest(code, suffixes=(".py",)) == first

    (code / "a.py").rename(code / "b.py")
    assert tree_digest(code, suffixes=(".py",)) not in (first, edited)
    (code / "b.py").unlink()
    assert tree_digest(code, suffixes=(".py",)) not in (first, edited)
    assert tree_digest(tmp_path / "nowhere") == tree_digest()
