"""Article bodies converted in a pool of processes while Pelican reads them one by one.

Python-Markdown is most of the time spent reading a site; articles are
independent, so the other cores can convert them. On the first article
Pelican is about to read, every article file is handed to the pool, in the
order Pelican reads them; each worker (a fork of the build, with the same
settings and photo catalog) returns the body's HTML, the raw metadata lines
and the Summary's HTML. Pelican reads as usual meanwhile, and
``ReusingMarkdownReader.read`` takes each file's prepared HTML as it comes
(``Converting.take``: waiting for it if the workers are not there yet)
instead of converting it again; the metadata is still parsed in the build's
process, by Pelican's own code, so every date, tag and warning comes from
where it always did. The build's process reads the articles already
converted while the workers convert the next ones: reading all of them
after the pool had finished left a core idle for 1.6 s of a full build at
5,000 articles.

A worker gives up on a file that fails or logs anything: the build's process
converts it again itself, so errors and warnings reach editors exactly as
without the pool (and count for --fatal-warnings).
"""

from __future__ import annotations

import logging
import multiprocessing
import os

from log_watch import Logged

from .cache import stamp
from .settings import markdown_reuse_settings

logger = logging.getLogger(__name__)

_worker_reader = None  # set in each worker process only, by _start_worker


def _start_worker(reader) -> None:
    global _worker_reader
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    # Any log record means "let the build's process do this file".
    reader._refuse = Logged(logging.DEBUG)
    root.addHandler(reader._refuse)
    root.setLevel(logging.WARNING)
    _worker_reader = reader


def _convert(path: str):
    reader = _worker_reader
    reader._refuse.seen = False
    try:
        body = reader.convert(path)
    except Exception:
        return path, None
    if reader._refuse.seen:
        return path, None
    return path, body


def article_files(generator, reader) -> list[str]:
    """Absolute paths of the articles this reader will read and no cache
    holds, in the order the generator reads them: it goes through the same
    listing (build_speed/listing.py gives the same set again)."""
    settings = generator.settings
    found = []
    for relative in generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
    ):
        extension = os.path.splitext(relative)[1][1:]
        if generator.readers.readers.get(extension) is not reader:
            continue
        if generator.get_cached_data(relative, None) is not None:
            continue  # Pelican's content cache has the article: no reading
        path = os.path.abspath(os.path.join(generator.path, relative))
        if generator.readers.get_cached_data(path, None) is not None:
            continue
        found.append(path)
    return found


def prepare(generator, reader, paths: list[str]) -> None:
    """Start converting ``paths`` (those the body cache did not have) in a
    pool, if there are enough: ``reader.converting`` takes each one's
    result as Pelican reads it."""
    options = markdown_reuse_settings(generator.settings)
    workers = options["WORKERS"] or os.cpu_count() or 1
    if workers <= 1 or len(paths) < options["POOL_MIN_FILES"]:
        return
    reader.converting = Converting(reader, paths, workers)


class Converting:
    """The pool's results, taken in the order they were asked for."""

    def __init__(self, reader, paths: list[str], workers: int):
        self.reader = reader
        self.stamps = {path: stamp(path) for path in paths}  # before reading: BodyCache.put
        self.waiting = set(paths)
        self.asked = len(paths)
        self.converted = 0
        self.workers = workers
        # Fork: workers inherit the settings, the photo catalog and our
        # extensions as they are now, nothing is pickled on the way in.
        context = multiprocessing.get_context("fork")
        self.pool = context.Pool(workers, initializer=_start_worker, initargs=(reader,))
        chunk = max(1, min(64, len(paths) // (workers * 8)))
        self.results = self.pool.imap(_convert, paths, chunksize=chunk)

    def take(self, path: str):
        """``path``'s converted body, once a worker has it; None if no
        worker converted it (it failed or logged: the build's process
        converts it, and reports what there is to report)."""
        while path in self.waiting:
            done, result = next(self.results)
            self.waiting.discard(done)
            if result is not None:
                self.reader.prepared[done] = result
                self.converted += 1
                if self.reader.cache is not None:
                    self.reader.cache.put(done, self.stamps[done], result)
        if not self.waiting:
            self.close()
        return self.reader.prepared.pop(path, None)

    def close(self) -> None:
        """Once every result is taken, or when the generator is done
        reading (a file it did not read leaves the workers nothing to do)."""
        if self.pool is None:
            return
        if self.waiting:
            self.pool.terminate()
        else:
            self.pool.close()
        self.pool.join()
        self.pool = None
        logger.debug(
            "markdown_reuse: %d of %d articles converted in %d processes",
            self.converted,
            self.asked,
            self.workers,
        )
