"""Gallery syntax in articles: a line naming an album, optionally chosen photos.

    [album: ngay-hoi-van-hoa-2025]
    *Một số hình ảnh tại ngày hội*

shows the whole album as a grid; with chosen photos, a strip::

    [album: ngay-hoi-van-hoa-2025 | IMG_0001.jpg, IMG_0004.jpg]
    *Một số hình ảnh tại ngày hội*

A folder of photos under content/ instead of an album works too
(``[album: images/2023/hoi-nghi | a.jpg, b.jpg]``). The italic line under it
is the caption, as for a single photo. Photos take their caption and alt
text from the album's album.md.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from image_pipeline.html import picture_element

from .gallery import load_album
from .metadata import ALBUM_FILE, photo_files

# The <img src> of a thumbnail, for browsers without srcset: small.
THUMBNAIL_SRC_WIDTH = 480
LINE = re.compile(r"^\[album:\s*(?P<name>[^|\]]+?)\s*(?:\|\s*(?P<files>[^\]]*))?\]$", re.I)


class GalleryTreeprocessor(Treeprocessor):
    def __init__(self, md, config: dict):
        super().__init__(md)
        self.config = config

    def run(self, root: ET.Element) -> None:
        if not self.config["catalog"]:
            return
        for paragraph in list(root.iter("p")):
            match = LINE.match((paragraph.text or "").strip())
            children = list(paragraph)
            if not match or len(children) > 1:
                continue
            caption = children[0] if children and children[0].tag == "em" else None
            if children and (caption is None or (caption.tail or "").strip()):
                continue
            self._make_gallery(paragraph, match, caption)

    def _make_gallery(self, paragraph: ET.Element, match, caption) -> None:
        name = match.group("name").strip().strip("/")
        files = [f.strip() for f in (match.group("files") or "").split(",") if f.strip()]
        content = Path(self.config["content_path"])
        caption_text = "".join(caption.itertext()) if caption is not None else ""
        photos, missing = self._photos(content, name, files, caption_text)
        tail = paragraph.tail
        paragraph.clear()
        paragraph.tail = tail
        paragraph.tag = "figure"
        paragraph.set("class", "gallery")
        strip = ET.SubElement(
            paragraph,
            "ul",
            {"class": "photo-strip" if files else "photo-grid", "data-lightbox": ""},
        )
        siteurl = self.config["siteurl"].rstrip("/") + "/"
        for photo_id, alt, photo_caption, picture in photos:
            item = ET.SubElement(strip, "li")
            link = ET.SubElement(
                item,
                "a",
                {
                    "href": siteurl + picture.largest_jpeg().url,
                    "data-caption": photo_caption or alt,
                },
            )
            if photo_id:
                link.set("id", photo_id)
            element = picture_element(
                picture,
                alt,
                self.config["siteurl"],
                self.config["thumbnail_sizes"],
                default_width=THUMBNAIL_SRC_WIDTH,
            )
            element.find("img").set("data-done", "1")
            link.append(element)
        for rel in missing:
            stand_in = ET.SubElement(
                ET.SubElement(strip, "li"),
                "span",
                {"class": "image-missing", "data-image-missing": rel},
            )
            stand_in.text = Path(rel).name
        if caption is not None:
            figcaption = ET.SubElement(paragraph, "figcaption")
            figcaption.text = caption.text
            figcaption.extend(list(caption))

    def _photos(self, content: Path, name: str, files: list[str], caption: str):
        catalog = self.config["catalog"]
        folder = content / name
        if (content / self.config["albums_folder"] / name / ALBUM_FILE).is_file():
            folder = content / self.config["albums_folder"] / name
        if (folder / ALBUM_FILE).is_file():
            album = load_album(content, folder, catalog)
            by_file = {p.file: p for p in album.photos}
            chosen = [by_file.get(f) for f in files] if files else album.photos
            found = [(p.id, p.alt, p.caption, p.picture) for p in chosen if p]
            prefix = folder.relative_to(content).as_posix()
            missing = [f"{prefix}/{f}" for f in files if f not in by_file]
            return found, missing
        found, missing = [], []
        prefix = folder.relative_to(content).as_posix() if folder.is_dir() else name
        for file in files or (photo_files(folder) if folder.is_dir() else []):
            picture = catalog.get(f"{prefix}/{file}")
            if picture is not None and picture.outputs:
                # No album.md to describe it: the caption line, else its place.
                found.append(("", caption or f"Ảnh {len(found) + 1}", "", picture))
            elif picture is None:
                missing.append(f"{prefix}/{file}")
        if not folder.is_dir():
            missing = [name]
        return found, missing


class GalleryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "content_path": ["", "the content folder"],
            "albums_folder": ["albums", "albums folder under content"],
            "catalog": ["", "image_pipeline Catalog (set by image_pipeline)"],
            "folders": [(), "set by image_pipeline"],
            "siteurl": ["", "SITEURL (set by image_pipeline)"],
            "sizes": ["100vw", "set by image_pipeline"],
            "lead_width": [960, "set by image_pipeline"],
            "thumbnail_sizes": ["(min-width: 50rem) 15rem, 45vw", "sizes of gallery photos"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        processor = GalleryTreeprocessor(md, self.getConfigs())
        # Before markdown_figures (15), which would take the caption line.
        md.treeprocessors.register(processor, "photo_albums_gallery", 16)


def makeExtension(**kwargs):  # noqa: N802 (Markdown's API name)
    return GalleryExtension(**kwargs)
