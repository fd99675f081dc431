"""``<picture>`` markup for a processed photo, shared by Markdown and templates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import Markup

from .pipeline import Picture

# Modern formats first: the browser takes the first <source> it supports.
_PREFERENCE = ("avif", "webp")


def picture_element(
    picture: Picture,
    alt: str,
    siteurl: str,
    sizes: str,
    default_width: int = 960,
    lazy: bool = True,
) -> ET.Element:
    """<picture> with a <source> per modern format and a JPEG <img> for the rest."""
    prefix = siteurl.rstrip("/") + "/"
    element = ET.Element("picture")
    for fmt in _PREFERENCE:
        outputs = picture.of_format(fmt)
        if outputs:
            ET.SubElement(
                element,
                "source",
                {
                    "type": outputs[0].mime_type,
                    "srcset": _srcset(outputs, prefix),
                    "sizes": sizes,
                },
            )
    fallback = picture.jpeg_at_most(default_width)
    attributes = {
        "src": prefix + fallback.url,
        "srcset": _srcset(picture.of_format("jpeg"), prefix),
        "sizes": sizes,
        "width": str(fallback.width),
        "height": str(fallback.height),
        "alt": alt,
    }
    if lazy:
        attributes["loading"] = "lazy"
    attributes["decoding"] = "async"
    ET.SubElement(element, "img", attributes)
    return element


def picture_html(picture: Picture, alt: str, siteurl: str, sizes: str, **options) -> Markup:
    element = picture_element(picture, alt, siteurl, sizes, **options)
    return Markup(ET.tostring(element, encoding="unicode", method="html"))


def _srcset(outputs, prefix: str) -> str:
    return ", ".join(f"{prefix}{o.url} {o.width}w" for o in outputs)
