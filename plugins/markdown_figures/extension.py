"""Markdown extension: captioned images become <figure>, runs of images a photo strip.

The syntax mirrors what the editor sees on the page, so it is easy to remember:

    ![Toàn cảnh hội nghị]({static}/images/2023/hoi-nghi.jpg)
    *Toàn cảnh hội nghị*

An image alone in its paragraph, optionally followed on the next line by an
italic caption, is a figure. Several images on consecutive lines (no blank
line between them) are a photo strip, each photo linking to its full size.
"""

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from PIL import Image, UnidentifiedImageError

from image_pipeline.html import picture_element

from . import image_size

# Pelican resolves these prefixes against the content folder.
_CONTENT_PREFIXES = ("{static}", "{filename}", "{attach}")


class FigureTreeprocessor(Treeprocessor):
    def __init__(self, md, content_path: str, pictures: dict | None = None):
        super().__init__(md)
        self.content_path = Path(content_path) if content_path else None
        # Given by the image_pipeline plugin: the catalog of processed photos
        # and how to write <picture> markup for them.
        self.pictures = pictures if pictures and pictures.get("catalog") else None

    def run(self, root: ET.Element) -> None:
        for paragraph in [p for p in root.iter("p")]:
            images = _only_images(paragraph)
            if images is None:
                continue
            caption = _caption(paragraph)
            if len(images) == 1:
                _make_figure(paragraph, images[0], caption)
            else:
                _make_strip(paragraph, images, caption)
        self._finish_images(root)

    def _finish_images(self, root: ET.Element) -> None:
        # Width and height stop the text jumping as photos arrive on a slow
        # connection; every photo but the first (usually the one on screen
        # when the page opens) waits until the reader scrolls near it.
        parents = {child: parent for parent in root.iter() for child in parent}
        for position, img in enumerate(list(root.iter("img"))):
            if img.get("data-done"):  # a <picture> already made (galleries)
                del img.attrib["data-done"]
                if position == 0:
                    img.attrib.pop("loading", None)
                continue
            if self.pictures and self._to_picture(img, parents, lazy=position > 0):
                continue
            size = self._size_of(img.get("src", ""))
            if size and "width" not in img.attrib:
                img.set("width", str(size[0]))
                img.set("height", str(size[1]))
            if position > 0:
                img.set("loading", "lazy")
            img.set("decoding", "async")

    def _to_picture(self, img: ET.Element, parents: dict, lazy: bool) -> bool:
        """Replace a content photo by its <picture>; False if it is not one of ours."""
        src = img.get("src", "")
        if not src.startswith(_CONTENT_PREFIXES):
            return False
        relative = unquote(src.split("}", 1)[1]).lstrip("/")
        folders = tuple(f"{f}/" for f in self.pictures["folders"])
        if folders and not relative.startswith(folders):
            return False
        picture = self.pictures["catalog"].get(relative)
        parent = parents[img]
        if picture is None or not picture.outputs:
            # Never a broken <img>: the alt text stands in, and the plugin
            # names the article and the photo (image_pipeline.report_missing;
            # a refused photo was already reported with its reason).
            stand_in = ET.Element("span", {"class": "image-missing"})
            stand_in.text = img.get("alt", "")
            if picture is None:
                stand_in.set("data-image-missing", relative)
            _replace(parent, img, stand_in)
            if parent.tag == "a":
                parent.attrib.pop("href", None)
            return True
        element = picture_element(
            picture,
            img.get("alt", ""),
            self.pictures["siteurl"],
            self.pictures["sizes"],
            default_width=self.pictures["lead_width"],
            lazy=lazy,
        )
        _replace(parent, img, element)
        if parent.tag == "a" and parent.get("href") == src:
            # A strip links each photo to its full size: the largest rendition.
            largest = picture.largest_jpeg()
            parent.set("href", self.pictures["siteurl"].rstrip("/") + "/" + largest.url)
        return True

    def _size_of(self, src: str) -> tuple[int, int] | None:
        if self.content_path is None or not src.startswith(_CONTENT_PREFIXES):
            return None
        relative = src.split("}", 1)[1].lstrip("/")
        try:
            return image_size.displayed_size(self.content_path / relative)
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
            # Pelican already warns about a link to a missing file; a corrupt
            # one is reported by the image checks. The page still builds.
            return None


def _replace(parent: ET.Element, old: ET.Element, new: ET.Element) -> None:
    new.tail = old.tail
    parent[list(parent).index(old)] = new


def _only_images(paragraph: ET.Element) -> list[ET.Element] | None:
    """The images of a paragraph made of images (each maybe linked) and a caption."""
    if (paragraph.text or "").strip():
        return None
    children = list(paragraph)
    if children and children[-1].tag == "em" and len(children) > 1:
        if (children[-1].tail or "").strip():
            return None  # the caption line goes on with plain text
        children = children[:-1]
    images = []
    for child in children:
        if (child.tail or "").strip():
            return None
        if not (child.tag == "img" or (child.tag == "a" and _is_linked_image(child))):
            return None
        images.append(child)
    return images or None


def _is_linked_image(link: ET.Element) -> bool:
    inner = list(link)
    return (
        len(inner) == 1
        and inner[0].tag == "img"
        and not (link.text or "").strip()
        and not (inner[0].tail or "").strip()
    )


def _caption(paragraph: ET.Element) -> ET.Element | None:
    last = paragraph[-1]
    if last.tag == "em" and len(paragraph) > 1:
        return last
    image = last.find("img") if last.tag == "a" else last
    title = image.get("title") if image is not None else None
    if title and len(paragraph) == 1:
        # ![alt](src "Chú thích") is the other caption syntax Markdown users know.
        del image.attrib["title"]
        caption = ET.Element("em")
        caption.text = title
        return caption
    return None


def _make_figure(paragraph: ET.Element, image: ET.Element, caption) -> None:
    _reset(paragraph, "figure")
    paragraph.append(image)
    _add_caption(paragraph, caption)


def _make_strip(paragraph: ET.Element, images: list[ET.Element], caption) -> None:
    """A list of linked photos; wrapped in a figure when it has a caption."""
    if caption is None:
        _reset(paragraph, "ul")
        strip = paragraph
    else:
        _reset(paragraph, "figure")
        strip = ET.SubElement(paragraph, "ul")
    strip.set("class", "photo-strip")
    for image in images:
        item = ET.SubElement(strip, "li")
        if image.tag == "a":
            item.append(image)
        else:
            link = ET.SubElement(item, "a", href=image.get("src", ""))
            link.append(image)
        image.tail = None
    _add_caption(paragraph, caption)


def _add_caption(figure: ET.Element, caption: ET.Element | None) -> None:
    if caption is not None:
        figcaption = ET.SubElement(figure, "figcaption")
        figcaption.text = caption.text
        figcaption.extend(list(caption))


def _reset(element: ET.Element, tag: str) -> None:
    children = list(element)
    for child in children:
        element.remove(child)
        child.tail = None
    element.tag = tag
    element.text = None
    element.attrib.clear()


class FigureExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "content_path": ["", "Folder that {static} paths are relative to"],
            # Set by the image_pipeline plugin (see its _configure_markdown).
            "catalog": ["", "image_pipeline Catalog of processed photos"],
            "folders": [(), "content folders whose photos the pipeline publishes"],
            "siteurl": ["", "SITEURL, for the addresses of renditions"],
            "sizes": ["100vw", "sizes attribute of content photos"],
            "lead_width": [960, "width of the JPEG in <img src>"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        pictures = {
            key: self.getConfig(key)
            for key in ("catalog", "folders", "siteurl", "sizes", "lead_width")
        }
        processor = FigureTreeprocessor(md, self.getConfig("content_path"), pictures)
        # After "inline" (20), so images and emphasis exist as elements.
        md.treeprocessors.register(processor, "markdown_figures", 15)


def makeExtension(**kwargs):  # noqa: N802 (Markdown's API name)
    return FigureExtension(**kwargs)
