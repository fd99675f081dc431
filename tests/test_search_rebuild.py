"""The search index is built beside the pages and kept when nothing in it changed.

plugins/vn_search writes the index in a fork of the build while the pages
are rendered (VN_SEARCH_BACKGROUND), and a rebuild whose articles are
unchanged writes the last build's index again instead of building it.
Either way the files are those a plain build in the build's own process
writes.
"""

import gzip
import re
import shutil

from tests.sitebuild import ROOT
from tests.test_incremental import _build, _edit, _finish, _settings_file, _tree

INDEX = "tim-kiem/index"
ARTICLE = "bai-viet/2024/soi-noi-giai-bong-da-thieu-nien-phuong-buoi-he-2024.md"


def _index(output):
    return {name: path.read_bytes() for name, path in _tree(output / INDEX).items()}


def test_index_in_background_and_kept_equals_one_built_in_the_build(tmp_path):
    content = tmp_path / "content"
    for folder in ("bai-viet", "images", "trang", "van-ban"):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    background = _settings_file(tmp_path, ROOT / "theme", plugins, f"CACHE_PATH = {str(cache)!r}\n")
    (tmp_path / "plain").mkdir()
    plain = _settings_file(
        tmp_path / "plain", ROOT / "theme", plugins, "VN_SEARCH_BACKGROUND = False\n"
    )

    first = _finish(_build(background, content, tmp_path / "out"))
    assert "indexed into" in first, first
    _finish(_build(plain, content, tmp_path / "plain-out", full=True))
    assert _index(tmp_path / "out") == _index(tmp_path / "plain-out")
    assert len(_index(tmp_path / "out")) > 10

    again = _finish(_build(background, content, tmp_path / "out"))
    assert "unchanged, index kept" in again, again
    assert _index(tmp_path / "out") == _index(tmp_path / "plain-out")

    # A file lost from the output: linked again from the cache.
    kept = sorted((cache / "vn_search" / "index" / "t").iterdir())
    (tmp_path / "out" / INDEX / "t" / kept[0].name).unlink()
    relinked = _finish(_build(background, content, tmp_path / "out"))
    assert "unchanged, index kept" in relinked, relinked
    assert _index(tmp_path / "out") == _index(tmp_path / "plain-out")

    # Lost from both, and a stray file in the index's folders: the index
    # is built again, whole, and the stray file removed.
    (tmp_path / "out" / INDEX / "t" / kept[1].name).unlink()
    kept[1].unlink()
    (tmp_path / "out" / INDEX / "t" / "99999.bin").write_bytes(b"stray")
    rebuilt = _finish(_build(background, content, tmp_path / "out"))
    assert "indexed into" in rebuilt and "1 gone" in rebuilt, rebuilt
    assert _index(tmp_path / "out") == _index(tmp_path / "plain-out")

    # An edited article: indexed again, and found by its new words.
    _edit(content / ARTICLE, "\n\n", "\n\nĐội vô địch nhận cúp pha lê.\n\n")
    edited = _finish(_build(background, content, tmp_path / "out"))
    assert "indexed into" in edited, edited
    # Most files are the last build's bytes (every other article's text):
    # linked from the cache, not written again.
    files, linked = map(int, re.search(r"into (\d+) files \((\d+) as before", edited).groups())
    assert files / 2 < linked < files, edited
    _finish(_build(plain, content, tmp_path / "plain-out", full=True))
    assert _index(tmp_path / "out") == _index(tmp_path / "plain-out")
    texts = [data for name, data in _index(tmp_path / "out").items() if name.startswith("t/")]
    assert any("cúp pha lê" in gzip.decompress(data).decode() for data in texts)
