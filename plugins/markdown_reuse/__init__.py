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
(MARKDOWN_REUSE_WORKERS); the reader then only parses the metadata. Bodies
are kept between builds (``cache``, MARKDOWN_REUSE_CACHE): a rebuild
converts only the articles that changed.
"""

import logging
import re
from pathlib import Path

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from cache_files import cache_root
from full_build import is_full_build
from log_watch import Logged

from . import pool
from .cache import BodyCache, fingerprint, stamp
from .settings import markdown_reuse_settings

logger = logging.getLogger(__name__)


class ReusingMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._reused = None  # the Markdown object
        self._reused_for = None  # the settings["MARKDOWN"] dict it was built from
        self._meta = None  # (preprocessor, priority), to register again
        self.prepared = {}  # {path: convert()'s result} from the cache or the pool
        self.pool_tried = False
        self.cache: BodyCache | None = None  # articles only: set by prepare_articles

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

    def process_metadata(self, name, value):
        """Pelican's, with the dates editors write ("2023-02-27 23:04") read
        without dateutil's general parser (a tenth of a millisecond each)."""
        if name == "date":
            found = quick_date(value)
            if found is not None:
                return found
        return super().process_metadata(name, value)

    def convert(self, source_path) -> tuple[str, dict | None, dict[str, str]]:
        """The body's HTML, Markdown's metadata lines, and the formatted
        fields (the Summary) converted as Pelican's ``_parse_metadata``
        converts them: {their Markdown: their HTML}."""
        md = self._markdown()
        with pelican_open(source_path) as text:
            content = md.convert(text)
        meta = getattr(md, "Meta", None)
        formatted = {}
        if meta:
            fields = self.settings["FORMATTED_FIELDS"]
            # As Pelican does: no metadata lines inside a field.
            md.preprocessors.deregister("meta", strict=False)
            for name, lines in meta.items():
                if name.lower() in fields:
                    text = "\n".join(lines)
                    md.reset()
                    formatted[text] = md.convert(text)
        return content, meta, formatted

    def read(self, source_path):
        """MarkdownReader.read, with the reused object (and the pool's or the
        cache's body, if any)."""
        self._source_path = source_path
        prepared = self.prepared.pop(source_path, None)
        if prepared is None:
            file_stamp = stamp(source_path)
            # A body that logged a warning is not kept: it shows on every build.
            with Logged() as warned:
                prepared = self.convert(source_path)
            if self.cache is not None and not warned.seen:
                self.cache.put(source_path, file_stamp, prepared)
        content, meta, formatted = prepared
        self._md = _Converted(self._markdown(), formatted)
        metadata = self._parse_metadata(meta) if meta is not None else {}
        self._md = self._md.markdown
        return content, metadata


_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[ _T](\d\d):(\d\d)(?::(\d\d))?)?")


def quick_date(value: str) -> SafeDatetime | None:
    """What pelican.utils.get_date gives for "YYYY-MM-DD[ HH:MM[:SS]]", or
    None for anything else (Pelican then parses it, errors included)."""
    found = _DATE.fullmatch(value)
    if found is None:
        return None
    try:
        return SafeDatetime(*(int(part) for part in found.groups() if part is not None))
    except ValueError:  # "2023-02-30": Pelican's message says what is wrong
        return None


class _Converted:
    """The reused Markdown object, except that text already converted (a
    Summary, by the pool or an earlier build) is not converted again."""

    def __init__(self, markdown: Markdown, converted: dict[str, str]):
        self.markdown = markdown
        self.converted = converted

    def convert(self, text: str) -> str:
        html = self.converted.get(text)
        return html if html is not None else self.markdown.convert(text)

    def __getattr__(self, name):
        return getattr(self.markdown, name)


def check_settings(pelican) -> None:
    markdown_reuse_settings(pelican.settings)


def prepare_articles(generator) -> None:
    """On article_generator_preread (before each article), once: kept bodies
    from the cache, the others from the pool."""
    reader = generator.readers.readers.get("md")
    if not isinstance(reader, ReusingMarkdownReader) or reader.pool_tried:
        return
    reader.pool_tried = True
    paths = pool.article_files(generator, reader)
    # The warm build process (build_speed/warm_articles.py) keeps whole
    # articles: what it does not have changed, so the bodies on disk would
    # not be used (and saving only this build's few would drop the others).
    warm = getattr(generator, "kept_articles", None)
    reader.cache = None if warm is not None and warm.reused else _body_cache(generator)
    if reader.cache is not None:
        for path in paths:
            kept = reader.cache.get(path)
            if kept is not None:
                reader.prepared[path] = kept
        paths = [path for path in paths if path not in reader.prepared]
    pool.prepare(generator, reader, paths)


def _body_cache(generator) -> BodyCache | None:
    settings = generator.settings
    if not markdown_reuse_settings(settings)["CACHE"]:
        return None
    if is_full_build(settings):
        return None
    folder = cache_root(settings)
    plugin_folders = [Path(p) for p in settings.get("PLUGIN_PATHS", [])]
    content = Path(generator.path)
    return BodyCache(
        folder / "markdown_reuse" / "bodies.pickle",
        content,
        fingerprint(settings, content, plugin_folders),
    )


def save_bodies(generator) -> None:
    """On article_generator_finalized: keep this build's bodies for the next."""
    reader = generator.readers.readers.get("md")
    cache = getattr(reader, "cache", None)
    if cache is None:
        return
    cache.save()
    logger.info("Markdown: %d articles unchanged since the last build, not converted", cache.hits)


def use_reusing_reader(readers) -> None:
    """On readers_init: replace Pelican's own Markdown reader, not another plugin's."""
    for extension, reader in list(readers.reader_classes.items()):
        if reader is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader


def register():
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(use_reusing_reader)
    signals.article_generator_preread.connect(prepare_articles)
    signals.article_generator_finalized.connect(save_bodies)
