"""Digests of what a page shows: pure functions over Pelican's objects.

A digest is a short hex string; equal inputs give equal digests in every
process (no ``id()``, no memory addresses, sorted mappings). When a value is
of a kind this module does not know, its ``repr`` is used: if that repr is
unstable (``<object at 0x…>``), the page is simply rendered again every time,
which is slow but never wrong.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Mapping
from itertools import compress
from operator import is_, is_not, itemgetter
from pathlib import Path
from typing import Any

from pelican.contents import Content
from pelican.paginator import Page
from pelican.urlwrappers import URLWrapper

# Attributes never digested: back-references to the whole site (every
# article's _context holds every other article), the settings, which the
# base key already covers, and the absolute source path (the path relative
# to the content folder counts instead: a moved checkout keeps its keys).
# _content is the HTML before links are resolved: ``content``, which counts,
# is made from it. get_relative_source_path is build_speed's memo standing in
# for Pelican's method (each copy of a kept article has its own): a function,
# no value a page prints.
SKIPPED_ATTRIBUTES = frozenset(
    {"_context", "settings", "_settings", "source_path", "_content", "get_relative_source_path"}
)
# Where the site is read from and written to is no part of any page.
SKIPPED_SETTINGS = frozenset({"PATH", "OUTPUT_PATH", "CACHE_PATH"})
MAX_DEPTH = 6
_NONE = object()  # no such attribute
_CONTENT_KINDS: set[type] = set()  # the subclasses of Content met so far


def hexdigest(*parts: str) -> str:
    # Each part followed by a NUL, hashed in one call: the same bytes as one
    # update per part and per NUL (UTF-8 of a join is the join of the UTF-8),
    # so the same keys, in a fraction of the calls.
    data = "\x00".join(parts) + "\x00" if parts else ""
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# Articles of this build copied from one kept as read between builds (the
# warm build process: build_speed/warm_articles.py), by id of the copy:
# (the copy, the article as read, the texts of its attributes already
# digested). A text is kept with the article as read, for every build's copy
# of it: an attribute the build left as read has the same text.
_AS_READ: dict[int, tuple[Any, Any, dict[str, Any]]] = {}
# How each of those copies compares with its article as read, by id of the
# copy: once per build (page keys and URLs ask), as the build writes.
_COMPARED: dict[int, _Comparison] = {}
# Kept in those texts besides attributes' (no attribute has these names):
_ORDER = "\x00order"  # the _Layout of the last build's copy
_METADATA = "\x00metadata"  # the metadata as read that no attribute shadows
_HTML = "\x00html"  # the digest of the HTML as read
_CARD = "\x00card"  # what the last build's copy showed in lists, and its digest
_CARD_AS_READ = "\x00card as read"  # a copy's card when _as_last_shown: lead photo, digest
_FULL = "\x00full"  # the texts ``full`` took of a copy (_copy_full), and its digest
# (build_speed/urls.py keeps a copy's URL and save_as there too, as "\x00url …")
# Attributes each build gives its copy anew: not part of the article as read.
_BUILD_ATTRIBUTES = frozenset({"_context", "settings", "_settings"})


def copied_as_read(copy: Content, original: Content, texts: dict[str, Any]) -> None:
    """``copy`` is ``original`` as read, for this build; ``texts`` is kept
    with ``original``. The values ``original`` holds are never changed."""
    _AS_READ[id(copy)] = (copy, original, texts)


def left_as_read(item: Content) -> dict[str, Any] | None:
    """The texts kept with the article ``item`` was copied from, if ``item``
    is a copy of this build holding every attribute as read, and no URL of
    its own (``override_url``, ``override_save_as``): its URLs are then the
    last build's (Pelican makes them from those attributes and the settings,
    which are the same, or nothing is kept). Asked while the build writes,
    once every attribute is set: the answer is kept for the build."""
    origin = _AS_READ.get(id(item))
    if origin is None or origin[0] is not item:
        return None
    texts = origin[2]
    return texts if _compared(item, origin[1], texts).as_read else None


def forget_copies() -> None:
    """At the end of each build: the copies are the build's."""
    _AS_READ.clear()
    _COMPARED.clear()


class Fingerprints:
    """Per-build memo: each content object is digested once, however many
    pages show it (so a build costs O(objects shown), never O(n) per page).
    Keyed by ``id``: the objects live for the whole build."""

    def __init__(self) -> None:
        self._full: dict[int, str] = {}
        self._card: dict[int, str] = {}
        self._memo: dict[tuple, Any] = {}
        self._wrappers: dict[tuple[str, str, str], str] = {}
        self._keep: list[Any] = []  # keeps ids valid

    def once(self, name: str, value: Any, compute) -> Any:
        """``compute(value)`` once per build for the same object: the globals
        every page shares are digested once, not once per page."""
        key = (name, id(value))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = compute(value)
            self._keep.append(value)
        return found

    def once_for(self, name: str, values: list, compute, extra: tuple = ()) -> Any:
        """``compute()`` once per build for the same objects ``values`` (by
        identity) and ``extra`` (by value): what a page makes of several
        values, each page of a kind holding the same ones."""
        key = (name, *map(id, values), *extra)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = compute()
            self._keep.extend(values)
        return found

    def full(self, item: Content) -> str:
        """Everything a content object's own page can print: metadata,
        HTML, summary, URL, and whatever plugins attached to it."""
        found = self._full.get(id(item))
        if found is None:
            head = [type(item).__name__, _relative(item)]
            origin = _AS_READ.get(id(item))
            if origin is not None and origin[0] is item:
                found = self._copy_full(item, origin, head)
            else:
                parts = [*head, item.url, item.save_as]
                parts += [_html_digest(item.content), item.summary]
                attributes = vars(item)
                for name in sorted(attributes):
                    if name not in SKIPPED_ATTRIBUTES:
                        value = _unshadowed(name, attributes[name], attributes)
                        parts.append(f"{name}={self.value(value, 1)}")
                found = hexdigest(*parts)
            self._full[id(item)] = found
            self._keep.append(item)
        return found

    def _copy_full(self, copy: Content, origin: tuple, head: list) -> str:
        """``full`` of a copy of an article as read: the same texts, the
        URLs taken from the last build (build_speed/urls.py) and the
        attributes left as read from ``texts``. A copy that shows what an
        earlier one showed (_as_last_shown) has that one's digest while the
        texts of what the build set on it (neighbours, lead photo) are the
        same too, without making its summary or hashing its texts again."""
        original, texts = origin[1], origin[2]
        made: list[str] = [copy.url, copy.save_as]
        self._copy_attributes(made, copy, original, texts)
        last = texts.get(_FULL) if _as_last_shown(origin) else None
        if last is not None and last[0] == made:
            return last[1]
        html = _copy_html_digest(copy, vars(original), texts)
        found = hexdigest(*head, *made[:2], html, copy.summary, *made[2:])
        if _as_last_shown(origin):  # or from now on: its HTML is found free of links
            texts[_FULL] = (made, found)
            card = self._card.get(id(copy))  # and its card, if this build made it already
            if card is not None:
                texts[_CARD_AS_READ] = (self.value(getattr(copy, "lead_image", None), 1), card)
        return found

    def _copy_attributes(self, parts: list, copy: Content, original: Content, texts: dict):
        """The attribute texts of a copy of an article as read: the same
        texts as ``full`` makes of any object, those of attributes left as
        read (the same objects) taken from ``texts``, where the copy's
        layout (_Layout) and the metadata as read are kept too, under names
        no attribute has: this runs for every article of every build."""
        comparison = _compared(copy, original, texts)
        layout, now = comparison.layout, comparison.now
        made = layout.texts.copy()
        for i, value, same in comparison.changed:
            text = made[i] if same else None
            if text is None:
                text = made[i] = f"{layout.names[i]}={self.value(value, 1)}"
                if same:
                    layout.texts[i] = text
        if None in made:  # the first build of this layout: left as read, not yet digested
            attributes = vars(copy)
            for i, text in enumerate(made):
                if text is None:
                    name = layout.names[i]
                    value = _unshadowed(name, now[i], attributes)
                    made[i] = layout.texts[i] = f"{name}={self.value(value, 1)}"
        parts += made

    def card(self, item: Content | None) -> str:
        """What a page prints of *another* article (lists, neighbours,
        related news, sidebars): title, link, date, category, summary,
        lead photo. Editing a body changes its card only through the summary."""
        if item is None:
            return "None"
        found = self._card.get(id(item))
        if found is None:
            origin = _AS_READ.get(id(item))
            texts = origin[2] if origin is not None and origin[0] is item else None
            last = texts.get(_CARD) if texts is not None else None
            lead = self.value(getattr(item, "lead_image", None), 1)
            # A copy showing what an earlier build's copy of the same article
            # showed, both as read (_as_last_shown), with the same lead
            # photo, has its card, without making its summary and URL.
            as_shown = texts is not None and _as_last_shown(origin)
            unchanged = texts.get(_CARD_AS_READ) if as_shown else None
            if unchanged is not None and unchanged[0] == lead:
                self._card[id(item)] = unchanged[1]
                self._keep.append(item)
                return unchanged[1]
            category = getattr(item, "category", None)
            shown = (
                getattr(item, "title", ""),
                getattr(item, "date", None),
                category,
                item.url,  # formatted once per build (build_speed/urls.py)
                str(getattr(item, "summary", "")),
                str(getattr(item, "status", "")),
                str(getattr(item, "lang", "")),
                lead,
            )
            # Or the same objects and texts, however it was made.
            if last is not None and all(map(_identical, shown, last[0])):
                found = last[1]
            else:
                found = hexdigest(
                    type(item).__name__,
                    _relative(item),
                    shown[3],
                    str(shown[0]),
                    _date(shown[1]),
                    self.value(category, 1),
                    *shown[4:],
                )
                if texts is not None:
                    texts[_CARD] = (shown, found)
            if as_shown:
                texts[_CARD_AS_READ] = (lead, found)
            self._card[id(item)] = found
            self._keep.append(item)
        return found

    def cards(self, items) -> str:
        return hexdigest(*(self.card(item) for item in items or ()))

    def value(self, value: Any, depth: int = 0) -> str:
        """A stable text for any value; content objects become their card."""
        kind = type(value)
        # The kinds most met first, by exact type: the tests below go through
        # Mapping, an abstract class, before lists (a related-news list, on
        # every article of every build).
        if kind is list or kind is tuple:
            if depth < MAX_DEPTH:
                return "[" + ",".join([self.value(v, depth + 1) for v in value]) + "]"
        elif kind in _CONTENT_KINDS:
            return "card:" + self.card(value)
        if isinstance(value, str):
            return f"s{len(value)}:{value}"  # repr() of long HTML costs more
        if value is None or isinstance(value, bool | int | float | bytes):
            return repr(value)
        if isinstance(value, Content):
            _CONTENT_KINDS.add(kind)
            return "card:" + self.card(value)
        if isinstance(value, URLWrapper):
            # Every article has its own Tag objects: one text per tag and build.
            key = (type(value).__name__, value.name, value.slug)
            found = self._wrappers.get(key)
            if found is None:
                found = self._wrappers[key] = f"{key[0]}({key[1]!r},{key[2]!r},{value.url!r})"
            return found
        if isinstance(value, datetime.date | datetime.time):
            return _date(value)
        if isinstance(value, Page):
            return (
                f"Page({value.number},{value.paginator.num_pages},{value.url!r},"
                f"{self.cards(value.object_list)})"
            )
        if isinstance(value, Path):
            return repr(str(value))
        if depth >= MAX_DEPTH:
            return f"{type(value).__name__}:deep"
        if isinstance(value, Mapping):
            items = sorted(
                (self.value(k, depth + 1), self.value(v, depth + 1)) for k, v in value.items()
            )
            return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
        if isinstance(value, list | tuple):
            return "[" + ",".join(self.value(v, depth + 1) for v in value) + "]"
        if isinstance(value, set | frozenset):
            return "{" + ",".join(sorted(self.value(v, depth + 1) for v in value)) + "}"
        if dataclasses.is_dataclass(value) or hasattr(value, "__dict__"):
            fields = vars(value) if hasattr(value, "__dict__") else dataclasses.asdict(value)
            inner = ",".join(
                f"{k}={self.value(v, depth + 1)}"
                for k, v in sorted(fields.items())
                if k not in SKIPPED_ATTRIBUTES
            )
            return f"{type(value).__name__}({inner})"
        return repr(value)


class _Comparison:
    """A copy of this build against its article as read: its values in its
    layout's order; the positions whose value is not the very object read,
    each with the value digested and whether it is the same as read all the
    same (a copied list or dict holding the objects read); whether every
    attribute read is left as read and the copy has no URL of its own."""

    __slots__ = ("as_read", "changed", "layout", "now")

    def __init__(self, layout, now, changed, as_read) -> None:
        self.layout, self.now, self.changed, self.as_read = layout, now, changed, as_read


def _compared(copy: Content, original: Content, texts: dict) -> _Comparison:
    found = _COMPARED.get(id(copy))
    if found is not None:
        return found
    attributes, read = vars(copy), vars(original)
    order = tuple(attributes)
    layout = texts.get(_ORDER)
    if layout is None or layout.order != order:
        layout = texts[_ORDER] = _Layout(order, read)
    now = layout.values(attributes)
    before = layout.before
    changed = []
    left = len(now)  # attributes read and left as read (no value is _NONE)
    # Most attributes are the very objects read: found by identity in C
    # (compress, map); the loop only sees the others (the neighbours and
    # lead photo the build set, the copied lists and dicts).
    for i in compress(range(len(now)), map(is_not, now, before)):
        name, value, was = layout.names[i], now[i], before[i]
        if name == "metadata":
            value = _unshadowed(name, value, attributes)
            was = texts.get(_METADATA, _NONE)
            if was is _NONE:
                was = texts[_METADATA] = _unshadowed(name, read.get(name, _NONE), read)
        same = was is not _NONE and _same(value, was)
        left -= not same
        changed.append((i, value, same))
    as_read = (
        layout.complete
        and left == layout.read_count
        # Never digested, but URLs and the HTML are made from them:
        and attributes.get("source_path") is read.get("source_path")
        and attributes.get("_content") is read.get("_content")
    )
    found = _COMPARED[id(copy)] = _Comparison(layout, now, changed, as_read)
    return found


class _Layout:
    """How the copies of one article as read are laid out, while the build
    gives them the same attribute names in the same order (every build, in
    practice): the names ``full`` digests, in its order; what was read under
    each (``_NONE``: the build adds it); the text of each attribute left as
    read, once made (``None`` until then)."""

    __slots__ = ("before", "complete", "names", "order", "read_count", "texts", "values")

    def __init__(self, order: tuple[str, ...], read: dict) -> None:
        self.order = order
        self.names = tuple(sorted(set(order) - SKIPPED_ATTRIBUTES))
        # The copy's values, in that order, in one C call.
        getter = itemgetter(*self.names) if self.names else (lambda _: ())
        self.values = getter if len(self.names) != 1 else (lambda a: (getter(a),))
        self.before = tuple(read.get(name, _NONE) for name in self.names)
        self.texts: list[str | None] = [None] * len(self.names)
        self.complete = read.keys() - _BUILD_ATTRIBUTES <= set(order) and not any(
            n.startswith("override_") and n not in read for n in order
        )
        self.read_count = sum(name in read for name in self.names)


def _unshadowed(name: str, value: Any, attributes: Mapping[str, Any]) -> Any:
    """Pelican sets every metadata value as an attribute too: of
    ``metadata``, only the values no attribute already holds are digested."""
    if name != "metadata" or not (type(value) is dict or isinstance(value, Mapping)):
        return value
    return {k: v for k, v in value.items() if attributes.get(k.lower(), _NONE) is not v}


def _same(now: Any, before: Any) -> bool:
    """``now`` is ``before`` or a copy of it holding the same objects
    (warm_articles copies an article's lists and dicts, nothing else)."""
    if now is before:
        return True
    kind = type(now)
    if kind is not type(before):
        return False
    if kind is list or kind is tuple:
        # The very objects, found in C; a copied list or dict inside, in Python.
        return len(now) == len(before) and (
            all(map(is_, now, before)) or all(map(_same, now, before))
        )
    if kind is dict:
        if now.keys() != before.keys():
            return False
        for key, value in now.items():
            was = before[key]
            if value is not was and not _same(value, was):
                return False
        return True
    return False


def _html_digest(html: str, read: dict | None = None, texts: dict | None = None) -> str:
    """A page's HTML counts by its digest: the same for an article's copy
    whose HTML is the one read (no link in it changed), without hashing
    4 kB per article and build again."""
    if read is not None and html is read.get("_content"):
        found = texts.get(_HTML)
        if found is None:
            found = texts[_HTML] = hexdigest(html)
        return found
    return hexdigest(html)


def _as_last_shown(origin: tuple) -> bool:
    """Whether a copy shows what the last build's copy of the same article
    as read showed, but what this build set on it (neighbours, lead photo):
    every attribute read is as read (``left_as_read``: its URL is the last
    build's), and the last build found its HTML free of Pelican's links
    (``_copy_html_digest``), so that its content and summary, made of that
    HTML and the settings, are the same too."""
    copy, original, texts = origin
    return (
        texts.get(_HTML) is not None
        and not hasattr(copy, "_get_content")
        and _compared(copy, original, texts).as_read
    )


def _copy_html_digest(copy: Content, read: dict, texts: dict) -> str:
    """``_html_digest(copy.content, …)`` without making ``content`` when the
    last build found it is the HTML as read: Pelican's link regex matched
    nothing in it (``re.sub`` then gives back the very string it was given),
    and it matches nothing in the same HTML now, the settings being the same
    (or nothing is kept). Making ``content`` is a regex search of the whole
    HTML, for every article of every build."""
    found = texts.get(_HTML)
    as_read = found is not None and copy._content is read.get("_content")
    if as_read and not hasattr(copy, "_get_content"):  # a plugin's HTML instead
        return found
    return _html_digest(copy.content, read, texts)


def _identical(now: Any, before: Any) -> bool:
    # Strings by value: Pelican makes URL and summary again on each access.
    return now is before or (type(now) is str and now == before)


def _relative(item) -> str:
    return str(getattr(item, "relative_source_path", "") or getattr(item, "source_path", ""))


def _date(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat() + f"[{value.tzinfo!s}]"
    return value.isoformat() if hasattr(value, "isoformat") else repr(value)


def plain_settings(settings: Mapping[str, Any]) -> str:
    """The settings that shape output, as stable text. Objects that plugins
    put into settings (the photo catalog in MARKDOWN, for one) count by type
    only: what they change in a page is already in the page's content."""
    folders = {str(settings[k]): f"<{k}>" for k in SKIPPED_SETTINGS if settings.get(k)}
    kept = {k: v for k, v in settings.items() if k.isupper() and k not in SKIPPED_SETTINGS}
    return _plain(kept, 0, folders)


def _plain(value: Any, depth: int, folders: Mapping[str, str]) -> str:
    if isinstance(value, str):
        # Plugins copy folders into settings (markdown_figures' content_path).
        for folder, name in folders.items():
            value = value.replace(folder, name)
        return repr(value)
    if value is None or isinstance(value, bool | int | float | bytes):
        return repr(value)
    if depth > 8:
        return "deep"
    if isinstance(value, Mapping):
        return (
            "{"
            + ",".join(
                f"{k!r}:{_plain(value[k], depth + 1, folders)}" for k in sorted(value, key=repr)
            )
            + "}"
        )
    if isinstance(value, list | tuple):
        return "[" + ",".join(_plain(v, depth + 1, folders) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_plain(v, depth + 1, folders) for v in value)) + "}"
    if isinstance(value, datetime.date | datetime.time | datetime.tzinfo | Path):
        return repr(str(value))
    return type(value).__name__
