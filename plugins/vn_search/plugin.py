"""The search index as a Pelican generator: Pelican's articles turned into
``Doc`` values, the files written (see the package's docstring)."""

import contextlib
import dataclasses
import logging
import os
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

from . import learned
from .background import Background
from .folder import leave_to_index, remove_strays
from .index import Deflated, Doc, body_sum, build_index
from .kept import KeptIndex, Previous, doc_text, file_sum, keep_in_place
from .learned import known
from .runs import site_store
from .settings import vn_search_settings
from .tokens import plain_text

logger = logging.getLogger(__name__)

_HREF = re.compile(r'href="([^"#?]*)')


def citations(
    articles, siteurl: str, urls: list[str] | None = None, links: list | None = None
) -> dict[str, int]:
    """How many other articles link to each article URL (``urls``: the
    articles' own, if known: Pelican makes each URL anew when asked;
    ``links``: each article's ``links_of``, if known)."""
    urls = urls if urls is not None else [a.url for a in articles]
    links = links if links is not None else [links_of(a)[0] for a in articles]
    known = set(urls)
    counts: dict[str, int] = {}
    for own, hrefs in zip(urls, links, strict=True):
        targets = set()
        for href in hrefs:
            url = href.removeprefix(siteurl).lstrip("/")
            if url in known and url != own:
                targets.add(url)
        for url in targets:
            counts[url] = counts.get(url, 0) + 1
    return counts


def links_of(article) -> tuple[tuple[str, ...], bool]:
    """The links of an article's HTML, and whether that HTML is the HTML as
    read (no intrasite link made from another article's URL in it)."""
    content = article.content
    return tuple(_HREF.findall(content)), content is getattr(article, "_content", None)


def article_doc(article, cited_by: int = 0, url: str | None = None) -> Doc:
    image = getattr(article, "lead_image", None)
    thumb = None
    if image is not None and getattr(image, "url", None):
        thumb = {
            "url": image.url,
            "width": getattr(image, "width", None),
            "height": getattr(image, "height", None),
        }
    return Doc(
        url=article.url if url is None else url,
        # Titles are plain text (templates escape them), never markup.
        title=article.title,
        date=article.date,
        category=article.category.name,
        summary=plain_text(getattr(article, "summary", "") or ""),
        tags=tuple(t.name for t in getattr(article, "tags", ())),
        thumb=thumb,
        cited_by=cited_by,
    )


def body_html(content) -> str:
    """The HTML an article's or a document's indexed text is made from.

    Pelican's ``content`` differs from the ``_content`` it is made from only
    inside tags (its intrasite links, ``{filename}`` → a URL), which the
    plain text drops. ``content`` would also log the unknown-link warnings
    again, from the index's workers, that the page already logs."""
    return content._content or ""


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
        tags=(document.number, document.type, document.issuer),
        number=document.number,
    )


class SearchIndexGenerator(Generator):
    """Writes the index once the articles exist: in a fork of the build while
    the pages are rendered (background.py), else in generate_output."""

    background: Background | None = None

    def generate_context(self):
        self.options = vn_search_settings(self.settings)
        self.builder = os.getpid()  # the build's process, not the fork
        # Templates point the search box and page at the index.
        self.context["VN_SEARCH_INDEX_URL"] = self.options["INDEX_PATH"]

    def start(self) -> None:
        """On all_generators_finalized: every article is read."""
        leave_to_index(self.output_path, self.options["INDEX_PATH"])
        # What a fork of an earlier build of this process handed back, if
        # that build failed before taking it: never taken by this one.
        self._handed_back().unlink(missing_ok=True)
        if self.options["BACKGROUND"] and fork_fits(self.settings):
            self.background = Background(self.write_index)

    def generate_output(self, writer):
        if self.background is not None:
            done = self.background.done()
            handed_back = self._handed_back()
            if done:
                learned.take_back(handed_back, self.context.get("articles", []))
                return
            handed_back.unlink(missing_ok=True)  # a fork that gave up: learned again here
        self.write_index()

    def write_index(self) -> None:
        started = time.perf_counter()
        peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        articles = self.context.get("articles", [])
        documents = self.context.get("legal_documents", [])
        earlier = [known(a) for a in articles]  # the warm process's (learned.py)
        urls = [a.url if e is None else e.doc.url for a, e in zip(articles, earlier, strict=True)]
        links = [None if e is None else e.hrefs for e in earlier]
        as_read = {}  # article number → whether its HTML is the HTML as read
        for number, article in enumerate(articles):
            if links[number] is None:
                links[number], as_read[number] = links_of(article)
        cited = citations(articles, self.settings.get("SITEURL", ""), urls, links)
        # Every Doc but its body: the bodies, the bulk of a site's text, go
        # to the workers that count them a run at a time, as HTML.
        docs = [
            article_doc(a, cited.get(u, 0), u) if e is None else learned.cited(e, cited.get(u, 0))
            for a, u, e in zip(articles, urls, earlier, strict=True)
        ]
        docs += map(document_doc, documents)
        sources = [*articles, *documents]
        folder = Path(self.output_path) / self.options["INDEX_PATH"]
        # Updated in place, file by file: a kept file (a link to the cache's)
        # is left or linked again, never written through. What the last
        # index had and this one does not make is removed once it is
        # written (folder.py), not by the build's sweep.
        folder.mkdir(parents=True, exist_ok=True)
        kept = KeptIndex(self.settings)
        # Each body read and digested once: the kept index and the runs'
        # counts are known unchanged by these.
        unkept = [None] * len(documents)  # legal documents: nothing learned
        sums = [
            body_sum(body_html(source)) if e is None else e.body_sum
            for source, e in zip(sources, [*earlier, *unkept], strict=True)
        ]
        made = self._learn(articles, earlier, docs, links, as_read, sums)
        # Each Doc's text taken from what was learned of its article, earlier
        # or just now, or made as the digest takes it (all 50,000 at once on
        # a full build: 25 MB while the index is built).
        learned_of = [*(made.get(n, e) for n, e in enumerate(earlier)), *unkept]
        texts = (
            doc_text(d) if e is None else e.text for d, e in zip(docs, learned_of, strict=True)
        )
        digest = kept.digest(docs, texts, sums, self.options)
        full = is_full_build(self.settings)
        names = None if full else kept.place(digest, folder)
        reused = names is not None
        if not reused:
            # A full build takes nothing from earlier builds, not even links.
            written = LinkingWriter(folder, None if full else kept.previous())
            build_index(
                docs,
                self.options,
                body_html=lambda i: body_html(sources[i]),
                body_sums=sums,
                write=written,
                # Only the runs of articles with a change are counted again.
                kept_runs=None if full else site_store(kept.folder / "runs", Path(self.path)),
            )
            kept.save(digest, folder, written)
            names = written.names
        strays = remove_strays(folder, set(names))
        peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        logger.info(
            "vn_search: %d articles and %d documents %s into %d files (%d as before, "
            "linked; %d gone) in %.2f s, peak memory +%.0f MiB",
            len(articles),
            len(documents),
            "unchanged, index kept" if reused else "indexed",
            len(names),
            len(names) if reused else len(written.linked_names),
            strays,
            time.perf_counter() - started,
            (peak_after - peak_before) / 1024,
        )

    def _learn(self, articles, earlier, docs, links, as_read, sums) -> dict:
        """What this build made of each article new to it, kept with the
        article as read for the next builds; from the fork, handed back.
        Returns it, by article number."""
        now = {}
        for number, article in enumerate(articles):
            if earlier[number] is not None:
                continue
            place = learned.place_for(article)
            if place is None:
                continue
            doc = dataclasses.replace(docs[number], cited_by=0)
            made = now[number] = learned.Learned(
                getattr(article, "lead_image", None),
                doc,
                links[number] if as_read[number] else None,
                sums[number],
                doc_text(doc),
            )
            learned.keep(place, made)
        if os.getpid() != self.builder:
            learned.hand_back(self._handed_back(), now)
        return now

    def _handed_back(self) -> Path:
        return KeptIndex(self.settings).folder / f"learned-{self.builder}.pickle"


class LinkingWriter:
    """build_index's ``write``: each file into the index folder as it comes
    (Pelican's Writer renders templates; these are data files).

    A file with the same bytes as the last build's (``previous``: the kept
    index, with the digest recorded of each of its files) is hard-linked
    from it instead, or, already that link, left as it is: after an edit,
    most files are the same (every other article's text), and on the build
    machine's disk writing thousands of small files costs seconds. The
    recorded digest tells, not the file read back: reading took 6 s of a
    50,000-article edit. A file given as ``index.Deflated`` is known by the
    digest of what it compresses, and compressed only if it is not linked.
    Any other file there is replaced, never written through (it may be a
    link to the cache's)."""

    deflates = True  # takes index.Deflated: compressed only if not linked

    def __init__(self, folder: Path, previous: Previous | None = None):
        self.folder = folder
        self.previous = previous
        self.names: list[str] = []
        self.sums: list[str] = []  # each file's digest, in the order of names
        self.inodes: list[int] = []  # and its inode (folder.py)
        folder.mkdir(parents=True, exist_ok=True)
        self.device = os.stat(folder).st_dev
        self.linked_names: list[str] = []
        # Paths as str, joined by hand: thousands of files per build (7,600
        # at 5,000 articles, most of them kept), and pathlib's joins, even
        # os.path's, cost as much as the one system call a kept file takes.
        self._root = os.path.join(str(folder), "")
        self.made: set[str] = set()  # the subfolders made, relative

    def __call__(self, name: str, data: bytes | Deflated) -> None:
        path = self._root + name
        parent = name.rpartition("/")[0]
        if parent and parent not in self.made:
            os.makedirs(self._root + parent, exist_ok=True)
            self.made.add(parent)
        deflated = isinstance(data, Deflated)
        digest = data.digest().hex() if deflated else file_sum(data)
        self.names.append(name)
        self.sums.append(digest)
        previous = self.previous
        if previous is not None and previous.sums.get(name) == digest:
            inode = keep_in_place(previous, name, path)
            if inode:
                self.inodes.append(inode)
                self.linked_names.append(name)
                return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        with open(path, "wb") as stream:
            stream.write(bytes(data) if deflated else data)
            self.inodes.append(os.fstat(stream.fileno()).st_ino)


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
