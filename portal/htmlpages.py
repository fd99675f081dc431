"""Read built pages as a browser would see their structure: links, images, scripts.

Used by the publish verification and by the tests (tests/htmlpages.py re-exports it).
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    path: Path
    lang: str | None = None
    title: str = ""
    h1_count: int = 0
    links: list[str] = field(default_factory=list)  # href of a and link
    images: list[str] = field(default_factory=list)  # src and srcset entries
    script_srcs: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)  # executable ones
    style_elements: int = 0
    style_attributes: list[str] = field(default_factory=list)
    handler_attributes: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


# Script types a browser runs; JSON-LD and other data blocks are not scripts.
_EXECUTABLE = {"", "module", "text/javascript", "application/javascript"}


class _PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in_title = False
        self._script_type: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        page = self.page
        if "id" in a:
            page.ids.add(a["id"])
        for name, value in attrs:
            if name.startswith("on"):
                page.handler_attributes.append(f"<{tag} {name}>")
            if name == "style":
                page.style_attributes.append(f"<{tag} style={value!r}>")
        if tag == "html":
            page.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            page.h1_count += 1
        elif tag in ("a", "link") and a.get("href"):
            page.links.append(a["href"])
        elif tag in ("img", "source"):
            if a.get("src"):
                page.images.append(a["src"])
            for candidate in (a.get("srcset") or "").split(","):
                if candidate.strip():
                    page.images.append(candidate.split()[0])
        elif tag == "script":
            if a.get("src"):
                page.script_srcs.append(a["src"])
            else:
                self._script_type = (a.get("type") or "").lower()
        elif tag == "style":
            page.style_elements += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "script":
            self._script_type = None

    def handle_data(self, data):
        if self._in_title:
            self.page.title += data
        if self._script_type is not None and self._script_type in _EXECUTABLE:
            self.page.inline_scripts.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    parser = _PageParser(page)
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return page


def all_pages(site: Path) -> list[Page]:
    return [read_page(p) for p in sorted(site.rglob("*.html"))]


def target_file(site: Path, page_path: Path, url: str, local_origins=()) -> Path | None:
    """The file a link of the built site points to, or None for another site."""
    for origin in local_origins:
        if origin and url.startswith(origin + "/"):
            url = url[len(origin) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page_path
    base = site if path.startswith("/") else page_path.parent
    target = (base / path.lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


# The tags and attributes read_page collects links from, found by pattern: the
# publish verification reads every page of the site, and html.parser spends
# ~40 ms on a long page where this takes well under one. The site's HTML is
# ours (templates and Markdown), so attributes are always quoted.
_LINK_TAG = re.compile(r"<(a|link|img|source|script)\b([^>]*)>", re.IGNORECASE)
_LINK_ATTRIBUTE = re.compile(r"""\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


_URL_ATTRIBUTES = {
    ("href", "a"),
    ("href", "link"),
    ("src", "img"),
    ("src", "source"),
    ("src", "script"),
}


def page_urls(path: Path) -> list[str]:
    """What ``read_page`` gives as links + images + script_srcs, quickly."""
    urls = []
    text = path.read_text("utf-8")
    for tag in _LINK_TAG.finditer(text):
        name = tag[1].lower()
        for attribute in _LINK_ATTRIBUTE.finditer(tag[2]):
            kind, value = attribute[1], html.unescape(attribute[2] or attribute[3] or "")
            if not value.strip():
                continue
            if (kind, name) in _URL_ATTRIBUTES:
                urls.append(value)
            elif kind == "srcset" and name in ("img", "source"):
                urls += [c.split()[0] for c in value.split(",") if c.strip()]
    return urls
