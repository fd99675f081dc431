"""Albums as objects: an album folder, its metadata file and its processed photos.

Pure over plain data (a content folder, the image catalog): used by the album
pages (``writer``) and by the gallery syntax in articles (``syntax``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from vietnamese.text import slugify

from .metadata import ALBUM_FILE, Problem, parse_album

__all__ = ["Album", "Photo", "load_album", "load_albums"]


@dataclass
class Photo:
    file: str
    source: str  # content-relative path, the image catalog's key
    caption: str
    alt: str
    picture: object  # image_pipeline.pipeline.Picture
    id: str  # for the URL hash of the lightbox: /album/<slug>/#anh-IMG_0001


@dataclass
class Album:
    slug: str
    title: str
    date: datetime
    summary: str
    photos: list[Photo]
    cover: Photo | None
    source: str  # content-relative path of album.md
    url: str = ""
    save_as: str = ""
    problems: list[Problem] = field(default_factory=list)


def _order(entries, present: list[str], catalog, prefix: str) -> list[tuple[str, object]]:
    """As listed; then the unlisted ones by date taken, those without one by name."""
    listed = [e for e in entries if e.file in set(present)]
    names = {e.file for e in entries}
    rest = [name for name in present if name not in names]

    def taken(name: str) -> tuple:
        picture = catalog.get(f"{prefix}/{name}") if catalog else None
        when = getattr(picture, "taken", "") or ""
        return (0, when, name) if when else (1, "", name)

    return [(e.file, e) for e in listed] + [(n, None) for n in sorted(rest, key=taken)]


def load_album(content: Path, folder: Path, catalog) -> Album:
    meta, problems = parse_album(folder / ALBUM_FILE)
    prefix = folder.relative_to(content).as_posix()
    present = sorted(
        p.name for p in folder.iterdir() if p.is_file() and catalog.get(f"{prefix}/{p.name}")
    )
    photos = []
    for number, (name, entry) in enumerate(_order(meta.photos, present, catalog, prefix), 1):
        picture = catalog.get(f"{prefix}/{name}")
        if picture is None or not picture.outputs:
            continue  # refused by the pipeline, which said why
        caption = entry.caption if entry else ""
        alt = (entry.alt if entry else "") or caption or f"Ảnh {number} – {meta.title}"
        photos.append(
            Photo(
                file=name,
                source=f"{prefix}/{name}",
                caption=caption,
                alt=alt,
                picture=picture,
                id="anh-" + slugify(Path(name).stem),
            )
        )
    cover = next((p for p in photos if p.file == meta.cover), photos[0] if photos else None)
    return Album(
        slug=meta.slug or slugify(folder.name),
        title=meta.title or folder.name,
        date=meta.date or datetime(1970, 1, 1),
        summary=meta.summary,
        photos=photos,
        cover=cover,
        source=f"{prefix}/{ALBUM_FILE}",
        problems=problems,
    )


def load_albums(content: Path, folder: str, catalog) -> list[Album]:
    """Every album under ``content/folder``, newest first."""
    root = content / folder
    if not root.is_dir():
        return []
    albums = []
    for child in sorted(root.iterdir()):
        if child.is_dir() and not child.name.startswith("."):
            if not (child / ALBUM_FILE).is_file():
                album = Album(child.name, child.name, datetime(1970, 1, 1), "", [], None, "")
                album.problems.append(
                    Problem(
                        str(child),
                        None,
                        f"album folder without {ALBUM_FILE}: add one (see the editors' guide)",
                    )
                )
                albums.append(album)
                continue
            albums.append(load_album(content, child, catalog))
    return sorted(albums, key=lambda a: (a.date, a.slug), reverse=True)
