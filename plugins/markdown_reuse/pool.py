"""Article bodies converted in a pool of processes, before Pelican reads them one by one.

Python-Markdown is most of the time spent reading a site; articles are
independent, so the other cores can convert them. On the first article
Pelican is about to read, every article file is handed to the pool; each
worker (a fork of the build, with the same settings and photo catalog)
returns the body's HTML, the raw metadata lines and the Summary's HTML.
Pelican then reads as usual, and ``ReusingMarkdownReader.read`` takes the
prepared HTML instead of converting it again; the metadata is still parsed
in the build's process, by Pelican's own code, so every date, tag and
warning comes from where it always did.

Pelican starts reading once the pool is done, which leaves a core idle
while it reads (1.6 s of a full build at 5,000 articles). Reading each
article as soon as its body came back was tried: 0.6 s quicker at 5,000
articles, but the build's heap, the results and the articles interleaved,
grew by 50 MB at 50,000, and its forks with it: 2050 MiB at the build's
peak against 1944, over the 2 GiB that build must stay within.

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
    """Absolute paths of the articles this reader will read and no cache holds."""
    settings = generator.settings
    found = []
    for relative in sorted(
        generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
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
    """Fill ``reader.prepared`` with {path: (html, metadata lines, summary)} for
    ``paths`` (those the body cache did not have), if there are enough."""
    options = markdown_reuse_settings(generator.settings)
    workers = options["WORKERS"] or os.cpu_count() or 1
    if workers <= 1 or len(paths) < options["POOL_MIN_FILES"]:
        return
    stamps = {path: stamp(path) for path in paths}  # before reading: see BodyCache.put
    # Fork: workers inherit the settings, the photo catalog and our
    # extensions as they are now, nothing is pickled on the way in.
    context = multiprocessing.get_context("fork")
    converted = 0
    with context.Pool(workers, initializer=_start_worker, initargs=(reader,)) as pool:
        chunk = max(1, min(64, len(paths) // (workers * 8)))
        for path, result in pool.imap_unordered(_convert, paths, chunksize=chunk):
            if result is not None:
                reader.prepared[path] = result
                converted += 1
                if reader.cache is not None:
                    reader.cache.put(path, stamps[path], result)
    logger.debug(
        "markdown_reuse: %d of %d articles converted in %d processes",
        converted,
        len(paths),
        workers,
    )
