"""One Markdown object per reader, reset between files, instead of one per file.

Pelican's MarkdownReader builds a new ``markdown.Markdown`` for every file:
loading and wiring "extra" and our own extensions costs more than converting
a short news article. This reader keeps one and calls ``reset()`` between
files, which is what Markdown offers for reuse and what Pelican itself already
does between a file's body and its Summary. Our extensions keep no state
from one document to the next (tests/test_markdown_reuse.py converts tricky
articles both ways and compares the HTML).

Two things a fresh object had that a reset one lacks, restored here:
Pelican deregisters the "meta" preprocessor while it converts the Summary,
and plugins may replace ``settings["MARKDOWN"]`` after the reader exists
(image_pipeline adds its catalog): a new settings dict means a new object.

With many articles, ``pool`` converts the bodies in other processes first
(MARKDOWN_REUSE_WORKERS); the reader then only parses the metadata.
"""

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import pool
from .settings import markdown_reuse_settings


class ReusingMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._reused = None  # the Markdown object
        self._reused_for = None  # the settings["MARKDOWN"] dict it was built from
        self._meta = None  # (preprocessor, priority), to register again
        self.prepared = {}  # {path: (html, metadata lines)} from the pool
        self.pool_tried = False

    def _markdown(self) -> Markdown:
        config = self.settings["MARKDOWN"]
        if self._reused is None or self._reused_for is not config:
            self._reused = Markdown(**config)
            self._reused_for = config
            processors = self._reused.preprocessors
            self._meta = next(
                (
                    (processors[item.name], item.priority)
                    for item in processors._priority
                    if item.name == "meta"
                ),
                None,
            )
            return self._reused
        md = self._reused
        md.reset()
        if self._meta and "meta" not in md.preprocessors:
            md.preprocessors.register(self._meta[0], "meta", self._meta[1])
        return md

    def read(self, source_path):
        """MarkdownReader.read, with the reused object (and the pool's body, if any)."""
        self._source_path = source_path
        self._md = self._markdown()
        prepared = self.prepared.pop(source_path, None)
        if prepared is not None:
            content, meta = prepared
        else:
            with pelican_open(source_path) as text:
                content = self._md.convert(text)
            meta = getattr(self._md, "Meta", None)
        metadata = self._parse_metadata(meta) if meta is not None else {}
        return content, metadata


def check_settings(pelican) -> None:
    markdown_reuse_settings(pelican.settings)


def prepare_articles(generator) -> None:
    """On article_generator_preread (before each article): the pool, once."""
    reader = generator.readers.readers.get("md")
    if isinstance(reader, ReusingMarkdownReader) and not reader.pool_tried:
        reader.pool_tried = True
        pool.prepare(generator, reader)


def use_reusing_reader(readers) -> None:
    """On readers_init: replace Pelican's own Markdown reader, not another plugin's."""
    for extension, reader in list(readers.reader_classes.items()):
        if reader is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader


def register():
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(use_reusing_reader)
    signals.article_generator_preread.connect(prepare_articles)
