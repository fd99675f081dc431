"""Images and links in a post's Markdown: the file or page they name must exist,
and every image needs a description (alt text).

Pelican resolves ``{filename}`` and ``{static}`` against the content folder;
root-relative links (``/chuyen-muc/y-te/``) are compared with the addresses
the site will have, computed from the settings and the sources, without
building anything.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.check.problems import ERROR, Problem
from portal.check.slugs import slug_of
from portal.check.source import Source
from vietnamese.text import slugify

# ![alt](url "title") and [text](url); the URL may be wrapped in <>.
_INLINE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+[^)]*)?\)")
# [id]: url, a reference definition.
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s+.*)?$")
_FENCE = re.compile(r"^[ ]{0,3}(```|~~~)")
_INTERNAL = re.compile(r"^\{(?P<kind>filename|static|attach)\}(?P<path>.*)$")


def site_addresses(sources: list[Source], settings: dict, content: Path) -> set[str]:
    """Every address (without the leading /) the built site will answer, as far as
    the sources and settings tell."""
    published = [s for s in sources if (s.value("status") or "").lower() != "draft"]
    urls = {"", "404.html", *settings.get("PORTAL_CHECK_KNOWN_URLS", [])}
    for name in settings["DIRECT_TEMPLATES"]:
        urls.add(settings.get(f"{name.upper()}_URL", f"{name}.html"))
    for key in ("FEED_ALL_ATOM", "FEED_ALL_RSS"):
        if settings.get(key):
            urls.add(settings[key])
    categories, tags, years = set(settings["PORTAL_CATEGORIES"]), set(), set()
    for source in published:
        slug = slug_of(source)
        if source.kind == "page":
            urls.add(settings["PAGE_URL"].format(slug=slug))
            continue
        urls.add(settings["ARTICLE_URL"].format(slug=slug))
        categories.add(source.value("category") or settings["DEFAULT_CATEGORY"])
        tags.update(t.strip() for t in (source.value("tags") or "").split(",") if t.strip())
        years.add((source.value("date") or "")[:4])
    for name in categories:
        slug = slugify(name)
        urls.add(settings["CATEGORY_URL"].format(slug=slug))
        for key in ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"):
            if settings.get(key):
                urls.add(settings[key].format(slug=slug))
    urls.update(settings["TAG_URL"].format(slug=slugify(name)) for name in tags)
    urls.update(f"{settings['ARCHIVES_URL']}{year}/" for year in years if year.isdigit())
    albums = content / "albums"
    if albums.is_dir():
        urls.update(f"{settings['ALBUMS_URL']}{d.name}/" for d in albums.iterdir() if d.is_dir())
    for static in settings["STATIC_PATHS"]:
        root = content / static
        if root.is_dir():
            urls.update(p.relative_to(content).as_posix() for p in root.rglob("*") if p.is_file())
    theme_static = Path(settings["THEME"]) / "static"
    if theme_static.is_dir():
        prefix = settings.get("THEME_STATIC_DIR", "theme")
        urls.update(
            f"{prefix}/{p.relative_to(theme_static).as_posix()}"
            for p in theme_static.rglob("*")
            if p.is_file()
        )
    return urls


def find_links(source: Source) -> list[tuple[int, bool, str, str]]:
    """(line, is_image, text, url) of every link and image in the body, outside code."""
    found = []
    in_fence = False
    for number, line in enumerate(source.lines, start=1):
        if number < source.body_start:
            continue
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in _INLINE.finditer(line):
            found.append((number, bool(match["bang"]), match["text"], match["url"]))
        reference = _REFERENCE.match(line)
        if reference:
            found.append((number, False, "", reference["url"]))
    return found


def check_links(
    source: Source, links: list[tuple[int, bool, str, str]], content: Path, addresses: set[str]
) -> list[Problem]:
    problems = []
    for number, image, text, url in links:
        if image and not text.strip():
            problems.append(
                Problem(
                    source.path,
                    number,
                    ERROR,
                    "ảnh không có mô tả (image without alt text)",
                    "viết mô tả ảnh trong ngoặc vuông: ![Ai đang làm gì, ở đâu](…)",
                )
            )
        problem = _check_target(source, number, url, image, content, addresses)
        if problem:
            problems.append(problem)
    return problems


def _check_target(
    source: Source, number: int, url: str, image: bool, content: Path, addresses: set[str]
) -> Problem | None:
    internal = _INTERNAL.match(url)
    if internal:
        path = unquote(urlsplit(internal["path"]).path)
        base = content if path.startswith("/") else source.path.parent
        if path and (base / path.lstrip("/")).is_file():
            return None
        return _broken(source, number, url, image, "kiểm tra tên thư mục, tên tệp, chữ hoa/thường")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # another site, mailto:, or #anchor on the same page
    path = unquote(parts.path).lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if path in addresses or path + "/" in addresses:
        return None
    # Sections other plugins write (KNOWN_URLS entries ending in *).
    if any(path.startswith(a[:-1]) for a in addresses if a.endswith("*")):
        return None
    return _broken(
        source,
        number,
        url,
        image,
        "với bài trong trang, dùng {filename}/bai-viet/<năm>/<tệp>.md; "
        "với ảnh, dùng {static}/images/…",
    )


def _broken(source: Source, number: int, url: str, image: bool, todo: str) -> Problem:
    what = (
        f"không tìm thấy ảnh {url} (missing image)"
        if image
        else f"liên kết tới {url} không dẫn tới đâu (broken internal link)"
    )
    return Problem(source.path, number, ERROR, what, todo)
