"""Diacritic-insensitive Vietnamese search: the index, written at build time.

The heavy work is in ``index`` (pure functions over plain ``Doc`` values);
this module only turns Pelican's articles into ``Doc`` and writes the files.
The front end lives in theme/static/js/search/.
"""

import html
import logging
import re
import resource
import time
from datetime import datetime
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

import fork_memory
from fork_memory import fork_fits
from full_build import is_full_build

from .background import Background
from .index import Doc, build_index
from .kept import KeptIndex
from .settings import vn_search_settings

logger = logging.getLogger(__name__)

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(markup: str) -> str:
    """Visible text of an HTML fragment, tags dropped, entities decoded."""
    # Block-level tags end words: "<p>a</p><p>b</p>" is "a b", not "ab".
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


_HREF = re.compile(r'href="([^"#?]*)')


def citations(articles, siteurl: str) -> dict[str, int]:
    """How many other articles link to each article URL."""
    known = {a.url for a in articles}
    counts: dict[str, int] = {}
    for article in articles:
        targets = set()
        for href in _HREF.findall(article.content):
            url = href.removeprefix(siteurl).lstrip("/")
            if url in known and url != article.url:
                targets.add(url)
        for url in targets:
            counts[url] = counts.get(url, 0) + 1
    return counts


def article_doc(article, cited_by: int = 0) -> Doc:
    image = getattr(article, "lead_image", None)
    thumb = None
    if image is not None and getattr(image, "url", None):
        thumb = {
            "url": image.url,
            "width": getattr(image, "width", None),
            "height": getattr(image, "height", None),
        }
    return Doc(
        url=article.url,
        # Titles are plain text (templates escape them), never markup.
        title=article.title,
        date=article.date,
        category=article.category.name,
        summary=plain_text(getattr(article, "summary", "") or ""),
        body=plain_text(article.content),
        tags=tuple(t.name for t in getattr(article, "tags", ())),
        thumb=thumb,
        cited_by=cited_by,
    )


# Legal documents (plugins/legal_documents) are found in their own category.
DOCUMENTS_CATEGORY = "Văn bản"


def document_doc(document) -> Doc:
    """A legal document as the index sees it: its code number, type and
    issuer weigh like an article's tags, and its date is the date of issue."""
    return Doc(
        url=document.url,
        title=document.title,
        date=datetime.combine(document.issued_on, datetime.min.time()),
        category=DOCUMENTS_CATEGORY,
        summary=plain_text(getattr(document, "summary", "") or ""),
        body=plain_text(document.content),
        tags=(document.number, document.type, document.issuer),
        number=document.number,
    )


class SearchIndexGenerator(Generator):
    """Writes the index once the articles exist: in a fork of the build while
    the pages are rendered (background.py), else in generate_output."""

    background: Background | None = None

    def generate_context(self):
        self.options = vn_search_settings(self.settings)
        # Templates point the search box and page at the index.
        self.context["VN_SEARCH_INDEX_URL"] = self.options["INDEX_PATH"]

    def start(self) -> None:
        """On all_generators_finalized: every article is read."""
        if self.options["BACKGROUND"] and fork_fits(self.settings):
            self.background = Background(self.write_index)

    def generate_output(self, writer):
        if self.background is not None and self.background.done():
            return
        self.write_index()

    def write_index(self) -> None:
        started = time.perf_counter()
        peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        articles = self.context.get("articles", [])
        cited = citations(articles, self.settings.get("SITEURL", ""))
        docs = [
            *(article_doc(a, cited.get(a.url, 0)) for a in articles),
            *map(document_doc, self.context.get("legal_documents", [])),
        ]
        files, reused = self._index(docs)
        folder = Path(self.output_path) / self.options["INDEX_PATH"]
        # Pelican's Writer renders templates; these are data files in a folder
        # of our own, written in sorted order so the output is reproducible.
        for name in sorted(files):
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[name])
        peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        logger.info(
            "vn_search: %d articles and %d documents %s into %d files in %.2f s, "
            "peak memory +%.0f MiB",
            len(articles),
            len(self.context.get("legal_documents", [])),
            "unchanged, index kept" if reused else "indexed",
            len(files),
            time.perf_counter() - started,
            (peak_after - peak_before) / 1024,
        )

    def _index(self, docs: list[Doc]) -> tuple[dict[str, bytes], bool]:
        """The index files, and whether they are the last build's: the same
        articles, settings and code give the same index."""
        kept = KeptIndex(self.settings)
        digest = kept.digest(docs, self.options)
        files = None if is_full_build(self.settings) else kept.files(digest)
        if files is not None:
            return files, True
        files = build_index(docs, self.options)
        kept.save(digest, files)
        return files, False


def get_generators(pelican):
    return SearchIndexGenerator


def start_in_background(generators) -> None:
    for generator in generators:
        if isinstance(generator, SearchIndexGenerator):
            generator.start()


def check_settings(pelican) -> None:
    vn_search_settings(pelican.settings)
    fork_memory.check_settings(pelican.settings)


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(start_in_background)
