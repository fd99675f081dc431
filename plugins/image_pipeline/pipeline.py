"""Many photos: find them, skip what the cache has, render the rest over all cores, publish.

The cache is content-addressed: a rendition's file name is a hash of the
source's bytes and of every setting that shapes it (``image.output_key``). An
unchanged photo is therefore never decoded again, a changed setting or a
replaced photo makes new names for exactly what it affects, and the output
folder receives hard links to complete files only.

To avoid hashing every photo on every build, a small index remembers each
source's size, mtime and hash: a photo is read again only when those change.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from cache_files import place_link, read_json, write_json

from .image import Recipe, Rendition, Result, render, renditions_for

logger = logging.getLogger(__name__)

SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class Source:
    rel: str  # path relative to the content folder, "/"-separated
    path: str  # absolute path
    stem: str  # output path without the "-960.jpg" ending


@dataclass(frozen=True)
class Published:
    url: str  # site-relative, quoted, e.g. "images/2023/hoi-nghi/anh-960.jpg"
    width: int
    height: int
    format: str
    mime_type: str
    file: str  # the cached file that becomes it


@dataclass
class Picture:
    """One source photo and everything published for it."""

    source: str  # content-relative path
    digest: str = ""
    width: int = 0
    height: int = 0
    taken: str = ""
    outputs: list[Published] = field(default_factory=list)
    problem: str = ""
    extras: list[Published] = field(default_factory=list)  # crops, outside srcset

    def of_format(self, fmt: str) -> list[Published]:
        return sorted((o for o in self.outputs if o.format == fmt), key=lambda o: o.width)

    def jpeg_at_most(self, width: int) -> Published | None:
        """The largest JPEG no wider than ``width`` (the smallest one if none is)."""
        jpegs = self.of_format("jpeg")
        fitting = [o for o in jpegs if o.width <= width]
        return (fitting or jpegs[:1] or [None])[-1]

    def largest_jpeg(self) -> Published | None:
        jpegs = self.of_format("jpeg")
        return jpegs[-1] if jpegs else None


@dataclass
class Catalog:
    pictures: dict[str, Picture] = field(default_factory=dict)
    encoded: int = 0  # renditions written in this build
    decoded: int = 0  # photos opened and decoded in this build

    def get(self, rel: str) -> Picture | None:
        return self.pictures.get(rel.lstrip("/"))


def find_sources(content: Path, folders: dict[str, str]) -> list[Source]:
    """Every photo under the content folders the pipeline publishes, by path."""
    sources = []
    for folder, published_as in sorted(folders.items()):
        root = content / folder
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                    continue
                path = Path(dirpath) / name
                inside = path.relative_to(root).with_suffix("").as_posix()
                sources.append(
                    Source(
                        rel=path.relative_to(content).as_posix(),
                        path=str(path),
                        stem=f"{published_as.strip('/')}/{inside}",
                    )
                )
    return sources


def _index_file(cache: Path, content: Path) -> Path:
    tag = hashlib.blake2b(str(content.resolve()).encode(), digest_size=6).hexdigest()
    return cache / f"index-{tag}.json"


def _cached_names(cache: Path) -> set[str]:
    names = set()
    if cache.is_dir():
        for sub in os.scandir(cache):
            if sub.is_dir() and len(sub.name) == 2:
                names.update(os.listdir(sub.path))
    return names


def _work(job: tuple) -> Result:
    return render(*job)


def process(
    sources: list[Source],
    recipe: Recipe,
    cache: Path,
    content: Path,
    processes: int = 0,
    progress: bool | None = None,
) -> Catalog:
    """Bring the cache up to date for ``sources``; the catalog says what each became."""
    objects = cache / "objects"
    objects.mkdir(parents=True, exist_ok=True)
    index_path = _index_file(cache, content)
    old_index = read_json(index_path)
    if not old_index:
        _forget_gone_content(cache)
    known = old_index.get("sources", {})
    have = _cached_names(objects)
    catalog = Catalog()
    new_sources: dict[str, list] = {}
    jobs, by_path = [], {}
    for source in sources:
        by_path[source.path] = source
        try:
            stat = os.stat(source.path)
            entry = known.get(source.rel)
            if entry and entry[:2] == [stat.st_size, stat.st_mtime_ns]:
                digest, width, height, taken = entry[2:6]
                wanted = renditions_for(digest, width, height, recipe)
                if all(r.name in have for r in wanted):
                    new_sources[source.rel] = entry
                    catalog.pictures[source.rel] = _picture(
                        source, digest, width, height, taken, wanted, objects
                    )
                    continue
        except OSError as error:
            catalog.pictures[source.rel] = Picture(
                source.rel, problem=f"cannot be read ({error.strerror}): check the file"
            )
            continue
        # No digest yet: the worker hashes the photo, so that hashing runs on
        # every core alongside the decoding instead of before it.
        jobs.append((source.path, "", recipe, str(objects)))
    for result in _run(jobs, processes, progress):
        source = by_path[result.source]
        catalog.decoded += 1 if result.encoded else 0
        catalog.encoded += result.encoded
        if result.problem:
            catalog.pictures[source.rel] = Picture(source.rel, problem=result.problem)
            continue
        stat = os.stat(source.path)
        new_sources[source.rel] = [
            stat.st_size,
            stat.st_mtime_ns,
            result.digest,
            result.width,
            result.height,
            result.taken,
        ]
        catalog.pictures[source.rel] = _picture(
            source,
            result.digest,
            result.width,
            result.height,
            result.taken,
            result.renditions,
            objects,
        )
    catalog.pictures = dict(sorted(catalog.pictures.items()))
    used = sorted({Path(o.file).name for p in catalog.pictures.values() for o in p.outputs})
    _prune(objects, cache, index_path, set(old_index.get("names", [])) - set(used))
    index = {"content": str(content.resolve()), "sources": new_sources, "names": used}
    write_json(index_path, index, sort_keys=True)
    return catalog


def _picture(source: Source, digest, width, height, taken, renditions: list[Rendition], objects):
    outputs = [
        Published(
            url=quote(f"{source.stem}-{r.width}.{r.extension}"),
            width=r.width,
            height=r.height,
            format=r.format,
            mime_type=r.mime_type,
            file=str(objects / r.name[:2] / r.name),
        )
        for r in renditions
    ]
    return Picture(source.rel, digest, width, height, taken, outputs)


def _forget_gone_content(cache: Path) -> None:
    """Indexes of content folders that no longer exist (tests' temporary ones)."""
    for other in sorted(cache.glob("index-*.json")):
        content = read_json(other).get("content")
        if not content or not Path(content).is_dir():
            other.unlink(missing_ok=True)


def _prune(objects: Path, cache: Path, index_path: Path, unused: set[str]) -> None:
    """Delete renditions this content no longer uses, unless another content folder does."""
    if not unused:
        return
    for other in sorted(cache.glob("index-*.json")):
        if other != index_path:
            unused -= set(read_json(other).get("names", []))
    for name in unused:
        (objects / name[:2] / name).unlink(missing_ok=True)


def _run(jobs: list[tuple], processes: int, progress: bool | None):
    if not jobs:
        return []
    processes = min(processes or os.cpu_count() or 1, len(jobs))
    show = sys.stderr.isatty() if progress is None else progress
    results = []
    if processes <= 1:
        stream = map(_work, jobs)
        results = list(_progress(stream, len(jobs), show))
    else:
        # fork: workers inherit the loaded modules, no re-import per worker.
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            stream = pool.imap_unordered(_work, jobs)
            results = list(_progress(stream, len(jobs), show))
    return sorted(results, key=lambda r: r.source)


def _progress(stream, total: int, show: bool):
    """A one-line progress bar on the terminal for long runs; silent in logs and tests."""
    for done, item in enumerate(stream, start=1):
        if show:
            filled = 30 * done // total
            bar = "#" * filled + "." * (30 - filled)
            sys.stderr.write(f"\rẢnh [{bar}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()
        yield item


def publish(catalog: Catalog, output: Path, cache: Path) -> int:
    """Hard-link every rendition into ``output``; remove those of photos now gone.

    Returns how many files were linked or copied.
    """
    manifest_path = cache / (
        "published-"
        + hashlib.blake2b(str(output.resolve()).encode(), digest_size=6).hexdigest()
        + ".json"
    )
    previous = set(read_json(manifest_path).get("urls", []))
    current = set()
    count = 0
    root = str(output)
    # Plain os calls on strings, one link() per file in the usual case: a
    # warm build places tens of thousands of files and does nothing else.
    for picture in catalog.pictures.values():
        for item in [*picture.outputs, *picture.extras]:
            relative = unquote(item.url)
            current.add(relative)
            if place_link(item.file, os.path.join(root, relative)):
                count += 1
    for relative in sorted(previous - current):
        (output / relative).unlink(missing_ok=True)
    write_json(manifest_path, {"urls": sorted(current)}, sort_keys=True)
    return count
