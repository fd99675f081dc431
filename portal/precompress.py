"""Write .gz and .br siblings of text files, for servers that send them as they are
(nginx ``gzip_static`` / ``brotli_static``), so no CPU is spent per request.

Why not pelican-precompress (MIT, maintained): it runs inside the Pelican
build, before our verification, and through a process pool whose errors are
dropped; it also switches formats on whenever zopfli or zstandard happen to be
installed, so output would depend on the machine. Here: the same encoders and
levels (zlib level 9 with a gzip header whose time is 0, brotli quality 11
text mode), run on the verified build, deterministic.
"""

import multiprocessing
import os
import shutil
import zlib
from pathlib import Path

import brotli

EXTENSIONS = {".html", ".css", ".js", ".mjs", ".xml", ".json", ".svg", ".txt"}
MIN_SIZE = 256  # smaller files gain nothing once headers are counted


def gzip_bytes(data: bytes) -> bytes:
    # wbits=16+15 writes a gzip header with mtime 0 and no file name: the same
    # input always gives the same bytes.
    compressor = zlib.compressobj(level=9, wbits=16 + zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def brotli_bytes(data: bytes, quality: int = 11) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality)


def precompress(site: Path, previous: Path | None = None, brotli_quality: int = 11) -> int:
    """Compress every text file of ``site`` in place; returns how many siblings were written.

    A file unchanged since the ``previous`` build reuses its siblings from
    there: a daily publish recompresses only what changed (brotli's best
    level takes ~40 ms per article page, quality 6 ~1 ms for a .br file ~10%
    larger). The rest is shared among the CPUs; each file's output depends
    on that file alone, so the order does not matter.
    """
    paths = [
        (path, previous / path.relative_to(site) if previous else None, brotli_quality)
        for path in sorted(site.rglob("*"))
        if path.suffix in EXTENSIONS and path.is_file()
    ]
    workers = min(os.cpu_count() or 1, 8)
    if workers == 1 or len(paths) < 50:
        return sum(compress_file(*arguments) for arguments in paths)
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.starmap(compress_file, paths, chunksize=16))


def compress_file(path: Path, old: Path | None, brotli_quality: int = 11) -> int:
    """Write the .gz and .br siblings of one file; returns how many were written."""
    data = path.read_bytes()
    if len(data) < MIN_SIZE:
        return 0
    unchanged = old is not None and old.is_file() and old.read_bytes() == data
    written = 0
    for suffix in (".gz", ".br"):
        sibling = path.with_name(path.name + suffix)
        old_sibling = old.with_name(old.name + suffix) if unchanged else None
        if old_sibling is not None and old_sibling.is_file():
            shutil.copyfile(old_sibling, sibling)
            written += 1
            continue
        blob = gzip_bytes(data) if suffix == ".gz" else brotli_bytes(data, brotli_quality)
        if len(blob) < len(data):  # else the server sends the original
            sibling.write_bytes(blob)
            written += 1
    return written
