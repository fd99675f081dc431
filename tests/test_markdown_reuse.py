"""One Markdown object for every file (plugins/markdown_reuse) gives the HTML of a fresh one."""

import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from pelican.utils import get_date

from markdown_reuse import ReusingMarkdownReader, prepare_articles, quick_date
from tests.sitebuild import ROOT

# Abbreviations, reference links and footnotes are remembered per document:
# each must stay in the article that defines it. NFD text exercises the NFC
# preprocessor; a captioned photo, the figures extension (it reads the size).
ARTICLES = {
    "a.md": """Title: Bài A
Date: 2024-01-01 08:00
Summary: Tóm tắt *nghiêng* về UBND.

UBND phường họp,[^1] xem [trang][ref].
{nfd}

*[UBND]: Ủy ban nhân dân

![Khám sức khỏe]({{static}}/images/{photo})
*Chú thích ảnh*

```html
<div>mã & ký tự</div>
```

| cột | giá trị |
|-----|---------|
| 1   | 2       |

<div markdown="1">*trong HTML*</div>

[ref]: https://example.org/a
[^1]: Ghi chú của bài A.
""",
    "b.md": """Title: Bài B
Date: 2024-01-02 08:00

UBND phường họp lần hai.[^1] Liên kết [trang][ref] chưa định nghĩa ở đây.

<span>HTML thô</span>

[^1]: Ghi chú của bài B.
""",
    "c.md": """Title: Bài C
Date: 2024-01-03 08:00
Summary: Chỉ *một* dòng.

Không có gì đặc biệt: UBND, [trang][ref].
""",
}


@pytest.fixture
def settings(tmp_path):
    photo = next((ROOT / "content" / "images").rglob("*.jpg")).relative_to(
        ROOT / "content" / "images"
    )
    nfd = unicodedata.normalize("NFD", "Người dân phường Bưởi đến dự.")
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text.format(nfd=nfd, photo=photo), encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    configs = settings["MARKDOWN"]["extension_configs"]
    configs["markdown_figures.extension"] = {"content_path": str(ROOT / "content")}
    return settings


def test_a_reused_markdown_object_gives_the_html_of_a_fresh_one(settings, tmp_path):
    reused = ReusingMarkdownReader(settings)
    order = ["a.md", "b.md", "c.md", "a.md", "c.md"]
    objects = set()
    for name in order:
        path = str(tmp_path / name)
        fresh_content, fresh_meta = MarkdownReader(settings).read(path)
        content, meta = reused.read(path)
        objects.add(id(reused._md))
        assert content == fresh_content, name
        assert meta == fresh_meta, name
    assert len(objects) == 1  # one object for every file, or nothing was tested
    # What the comparison guards against, said plainly: A's abbreviation,
    # link and footnote do not leak into B and C.
    b_content, _ = reused.read(str(tmp_path / "b.md"))
    assert "<abbr" not in b_content and "example.org" not in b_content
    assert "Ghi chú của bài A" not in b_content


def test_new_markdown_settings_give_a_new_object(settings, tmp_path):
    # image_pipeline replaces settings["MARKDOWN"] once it knows its photos.
    reader = ReusingMarkdownReader(settings)
    reader.read(str(tmp_path / "a.md"))
    first = reader._md
    settings["MARKDOWN"] = {**settings["MARKDOWN"], "output_format": "xhtml"}
    content, _ = reader.read(str(tmp_path / "b.md"))
    assert reader._md is not first
    assert content == MarkdownReader(settings).read(str(tmp_path / "b.md"))[0]


class FakeArticlesGenerator:
    """What the pool asks of Pelican's ArticlesGenerator: its files and readers."""

    def __init__(self, settings, folder, reader):
        self.settings = settings
        self.path = str(folder)
        self.readers = SimpleNamespace(readers={"md": reader}, get_cached_data=lambda p, d: d)

    def get_files(self, paths, exclude=None):
        return {p.name for p in Path(self.path).glob("*.md")}

    def get_cached_data(self, path, default):
        return default


def test_the_pool_prepares_the_same_html_and_leaves_bad_files_to_the_build(settings, tmp_path):
    (tmp_path / "hong.md").write_bytes(b"Title: Tin cu\nDate: 2024-01-01 08:00\n\nN\xf4\xf2i\n")
    settings.update(
        MARKDOWN_REUSE_WORKERS=2, MARKDOWN_REUSE_POOL_MIN_FILES=1, MARKDOWN_REUSE_CACHE=False
    )
    reader = ReusingMarkdownReader(settings)
    prepare_articles(FakeArticlesGenerator(settings, tmp_path, reader))
    assert sorted(Path(p).name for p in reader.prepared) == ["a.md", "b.md", "c.md"]
    for name in ("a.md", "b.md", "c.md"):
        path = str(tmp_path / name)
        assert reader.read(path) == MarkdownReader(settings).read(path)
    assert not reader.prepared  # each prepared body is used once
    # Not UTF-8: the worker left it, so the build reads it and reports it itself.
    with pytest.raises(UnicodeDecodeError):
        reader.read(str(tmp_path / "hong.md"))


def test_one_worker_means_no_pool(settings, tmp_path):
    settings.update(
        MARKDOWN_REUSE_WORKERS=1, MARKDOWN_REUSE_POOL_MIN_FILES=1, MARKDOWN_REUSE_CACHE=False
    )
    reader = ReusingMarkdownReader(settings)
    prepare_articles(FakeArticlesGenerator(settings, tmp_path, reader))
    assert reader.prepared == {}


@pytest.mark.parametrize(
    "written",
    [
        "2023-02-27 23:04",
        "2023-02-27",
        "2023-02-27 23:04:59",
        "2023-02-27_08:05",
        "2024-02-29 00:00",
    ],
)
def test_dates_read_quickly_are_the_dates_pelican_reads(written):
    found = quick_date(written)
    pelicans = get_date(written.replace("_", " "))  # as Pelican's "date" processor calls it
    assert found == pelicans and type(found) is type(pelicans)


@pytest.mark.parametrize(
    "written", ["2023-02-30", "27/02/2023", "2023-02-27 23:04+07:00", " 2023-02-27"]
)
def test_other_dates_are_left_to_pelican(written):
    assert quick_date(written) is None
