"""What a page says about itself to search engines and link previews: pure functions.

Plain values in (titles, dates, absolute URLs), plain values out: the
``PageMeta`` the ``_meta.html`` partial prints, and the schema.org JSON-LD
documents, serialised so that they can sit inside ``<script>`` safely.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from vietnamese.text import shorten

SCHEMA_ORG = "https://schema.org"


@dataclass(frozen=True)
class ShareImage:
    url: str  # absolute
    width: int
    height: int
    mime_type: str
    alt: str = ""


@dataclass(frozen=True)
class Site:
    base_url: str  # absolute, no trailing slash
    name: str
    description: str
    logo: ShareImage
    title_max: int = 70
    description_max: int = 160
    headline_max: int = 110
    # The page's language: a page in English has an English name, description
    # and breadcrumb (the adapter makes one Site per page from its frame).
    language: str = "vi"
    home_name: str = "Trang chủ"


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    canonical: str  # absolute; "" for pages that have none (404)
    image: ShareImage
    og_type: str = "website"
    robots: str = ""  # "noindex" for pages search engines should skip
    locale: str = "vi_VN"  # og:locale
    locale_alternates: tuple[str, ...] = ()  # og:locale:alternate: its translations'
    published: str = ""  # ISO 8601 with the +07:00 offset
    modified: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    json_ld: tuple[str, ...] = field(default=())


def absolute(base_url: str, url: str) -> str:
    """Site-relative URL (as Pelican gives them) → absolute one."""
    if "://" in url:
        return url
    return f"{base_url}/{url.lstrip('/')}"


def canonical_path(output_file: str) -> str:
    """``bai-viet/x/index.html`` → ``bai-viet/x/``: the URL the page is linked by."""
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def iso(when: datetime | None) -> str:
    """2023-02-27T23:04:00+07:00: Pelican's dates carry the site's time zone."""
    return when.isoformat(timespec="seconds") if when else ""


def script_json(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">`` block. ``<``, ``>``
    and ``&`` are written as \\u escapes, so no text an editor wrote (a
    title containing ``</script>``) can end the block early; JSON parsers
    read the escapes back as the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def image_object(image: ShareImage) -> dict:
    return {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}


def organization(site: Site) -> dict:
    return {
        "@type": "Organization",
        "name": site.name,
        "url": site.base_url + "/",
        "logo": image_object(site.logo),
    }


def breadcrumb_list(site: Site, trail: list[tuple[str, str]]) -> dict:
    """``trail`` is (name, absolute URL) after the home page; the last one is
    the page itself."""
    items = [(site.home_name, site.base_url + "/"), *trail]
    return {
        "@context": SCHEMA_ORG,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(items, 1)
        ],
    }


def news_article(
    site: Site,
    *,
    url: str,
    headline: str,
    description: str,
    images: list[ShareImage],
    published: datetime,
    modified: datetime | None,
    author: str,
    section: str,
    keywords: list[str],
) -> dict:
    data = {
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": shorten(headline, site.headline_max),
        "description": description,
        "image": [image.url for image in images],
        "datePublished": iso(published),
        "dateModified": iso(modified or published),
        "author": [{"@type": "Organization", "name": author or site.name}],
        "publisher": organization(site),
        "inLanguage": site.language,
    }
    if section:
        data["articleSection"] = section
    if keywords:
        data["keywords"] = keywords
    return data


def image_gallery(
    site: Site,
    *,
    url: str,
    name: str,
    description: str,
    published: datetime | None,
    photos: list[tuple[ShareImage, str]],
) -> dict:
    """An album: ``photos`` are (image, caption) pairs, in album order."""
    data = {
        "@context": SCHEMA_ORG,
        "@type": "ImageGallery",
        "url": url,
        "name": name,
        "description": description,
        "inLanguage": site.language,
        "publisher": organization(site),
        "image": [
            {**image_object(image), "contentUrl": image.url, **({"caption": text} if text else {})}
            for image, text in photos
        ],
    }
    if published:
        data["datePublished"] = iso(published)
    return data


def web_site(site: Site) -> dict:
    return {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "name": site.name,
        "url": site.base_url + "/",
        "description": site.description,
        "inLanguage": site.language,
        "publisher": organization(site),
    }
