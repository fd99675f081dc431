"""Files plugins keep between builds (plugins/cache_files.py)."""

from cache_files import link_or_copy


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
