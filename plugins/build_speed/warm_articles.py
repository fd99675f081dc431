"""Articles kept in memory from one build to the next, in the warm build process only.

While an editor works, ``invoke serve`` rebuilds the site in one long-lived
process (portal/warm_build.py) after every save, and one file changed. Pelican
still reads all of them: metadata parsed, content objects made, signals sent,
about half of an edit's reading at 5,000 articles. Pelican's
generator-level content cache is made for this (``generate_context`` asks
``get_cached_data`` before reading a file and hands ``cache_data`` each
article it read), but it keeps its pickles on disk, where loading all of
them costs as much as reading. Here the same two calls are answered from
memory: each article is kept as it was read, and a build takes a copy of it
(a copy, because the build then links it to its neighbours, lists and lead
photo; the next build must start from the article as read).

An article is kept only while everything it was read from is as it was:
- the file itself (size, modification time and inode);
- the settings (all of them, as the incremental renderer's key sees them);
- what markdown_reuse's body cache keys on besides the file: the Markdown
  settings, the photo catalog, every album, the names of the content
  folder's other files, the plugins' code. Python code cannot change under a
  warm process anyway: ``invoke serve`` starts a new one when it does.
An article whose reading logged a warning or an error is not kept: it is
read again on every build, so the message shows after every save until
fixed.

The copy (``_Copier``) is one level deep, cheaper than pickling (tried
first: 0.4 s more per build at 5,000 articles): a new content object, new
dicts and lists, and in them the same text, dates, time zone and category,
tag and author objects, which no build changes. The copies the next build
takes are made once a build has answered (``copy_ahead``), while the
editor has not saved again: the warm process holds two objects per article
between saves, the article as read and its next copy. Values of any other kind
(a plugin's object) make the article one that is not kept. The settings
and the generator's context an article carries are the current build's.

A normal build (``python -m portal.build``, ``invoke build``) keeps nothing:
its process ends with the build.
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path
from typing import Any

import warm_process
from pelican.urlwrappers import URLWrapper

from incremental_render.fingerprint import copied_as_read, forget_copies
from log_watch import Logged
from markdown_reuse.cache import stamp as _stamp  # size, mtime and inode

from .paths import RelativePathMemo

logger = logging.getLogger(__name__)

# {absolute path: (file stamp, build key, the article as read, what builds
# found out about it)}; filled only in the warm process (warm_process.py,
# started by keep_between_builds(), which portal.warm_build calls).
_kept: dict[str, tuple[tuple, str, object, _Remembered]] = {}


# Each article file's absolute path, by content folder and path relative to
# it, for the life of the process: asked twice per file and build.
_ABSOLUTE: dict[tuple[str, str], str] = {}


class _Remembered:
    """What builds found out about an article as read, for the next ones."""

    __slots__ = ("next_copy", "plan", "static_links", "texts")

    def __init__(self, plan: _Plan) -> None:
        self.texts: dict[str, Any] = {}  # incremental_render's digested attributes
        self.static_links: frozenset[str] | None = None  # its {static} and {attach} links
        self.plan = plan  # how it is copied (_Copier), worked out when it is kept
        # A copy no build has touched yet, made between saves (copy_ahead):
        # kept with the article it was made of, so it goes when that does.
        self.next_copy = None


def keep_between_builds() -> None:
    """Called once by the warm process: from now on, articles are kept
    (and what other plugins remember between builds, warm_process.py)."""
    warm_process.start()


def copy_ahead() -> None:
    """Called by the warm process once a build has answered: a copy of
    each kept article for the next build, made now, between saves, rather
    than while the next save is being built (5,000 copies: 0.05-0.08 s of
    each save at 5,000 articles, before the search index's fork can start).
    The next build gives each copy its settings and context."""
    for _file_stamp, _key, article, remembered in _kept.values():
        if remembered.next_copy is None:
            remembered.next_copy = _Copier(None, None).article(article, remembered.plan)


def end_build(pelican) -> None:
    """On finalized: this build's copies go (incremental_render's note of
    them held them alive, with their HTML, until the next build)."""
    forget_copies()


def install(generator) -> None:
    """On article_generator_init: answer the generator's content-cache calls
    from memory, if this process keeps articles."""
    if not warm_process.remembers():
        return
    WarmArticles(generator, _kept).install()


class WarmArticles:
    def __init__(self, generator, kept: dict):
        self.generator = generator
        self.kept = kept
        self.root = os.path.abspath(generator.path)
        self.key: str | None = None  # the build key, once the catalog exists
        self.taken: dict[str, object] = {}  # this build's copies, by relative path
        # Files being read: (warnings logged before, the file's stamp before).
        self.reading: dict[str, tuple[int, tuple | None]] = {}
        self.asked: set[str] = set()  # every article file of this build
        self.warnings = Logged()  # warnings and errors while reading
        self.reused = 0
        # id of each article of this build that is or will be kept → what
        # builds found out about it.
        self.remembered: dict[int, _Remembered] = {}

    def install(self) -> None:
        generator = self.generator
        generator.get_cached_data = self.get_cached_data
        generator.cache_data = self.cache_data
        generator.kept_articles = self  # markdown_reuse: no body cache needed
        generator.add_static_links = self.add_static_links
        original = generator.generate_context

        def generate_context():
            with self.warnings:
                original()
            self._forget_unasked()
            logger.info("warm build: %d articles kept from the last build", self.reused)

        generator.generate_context = generate_context

    def get_cached_data(self, relative: str, default=None):
        if relative in self.taken:
            return self.taken[relative]
        path = self._absolute(relative)
        self.asked.add(path)
        entry = self._usable(path)
        if entry is None:
            # The stamp before reading: a file saved again meanwhile is read again.
            logger.debug("warm build: reading %s", relative)
            self.reading[relative] = (self.warnings.count, _stamp(path))
            return default
        article, entry[3].next_copy = entry[3].next_copy, None
        if article is not None:
            entry[3].plan.attach(article, self.generator.settings, self.generator.context)
        else:
            copier = _Copier(self.generator.settings, self.generator.context)
            article = copier.article(entry[2], entry[3].plan)
        copied_as_read(article, entry[2], entry[3].texts)  # its page key digests less
        self.remembered[id(article)] = entry[3]
        self.taken[relative] = article
        self.reused += 1
        return article

    def cache_data(self, relative: str, article) -> None:
        """Pelican hands each article it read, once valid."""
        path = self._absolute(relative)
        warnings_before, file_stamp = self.reading.pop(relative, (None, None))
        if file_stamp is None or self.warnings.count != warnings_before:
            self.kept.pop(path, None)  # it warned: read it again next time
            return
        try:
            # Without the build's settings and context, which hold every
            # article of this build: a copy for a later build gets its own.
            kept = _Copier(None, None).article(article)
        except _CannotCopyError as error:
            logger.debug("warm build: %s not kept: %s", relative, error)
            self.kept.pop(path, None)
            return
        remembered = self.remembered[id(article)] = _Remembered(_Plan(kept))
        self.kept[path] = (file_stamp, self._key(), kept, remembered)
        # This build's article is as read too, as a copy is: its page key
        # fills the texts the next builds' copies take (the first save after
        # ``invoke serve`` starts is then as quick as the others).
        copied_as_read(article, kept, remembered.texts)

    def add_static_links(self, content) -> None:
        """Pelican's ``Generator.add_static_links``, which searches the
        article's whole HTML for ``{static}`` and ``{attach}`` links on every
        build (0.15 s at 5,000 articles): a kept article's are found once.
        They depend only on the HTML as read, its folder and the settings,
        which a kept article keeps."""
        remembered = self.remembered.get(id(content))
        if remembered is None:
            links = content.get_static_links()
        else:
            if remembered.static_links is None:
                remembered.static_links = frozenset(content.get_static_links())
            links = remembered.static_links
        self.generator.context["static_links"] |= links

    def _usable(self, path: str):
        entry = self.kept.get(path)
        if entry is None or entry[1] != self._key() or entry[0] != _stamp(path):
            return None
        return entry

    def _key(self) -> str:
        if self.key is None:
            from incremental_render.fingerprint import hexdigest, plain_settings
            from markdown_reuse.cache import fingerprint  # what bodies are made from

            settings = self.generator.settings
            plugins = [Path(p) for p in settings.get("PLUGIN_PATHS", [])]
            self.key = hexdigest(
                plain_settings(settings),
                fingerprint(settings, Path(self.generator.path), plugins),
            )
        return self.key

    def _absolute(self, relative: str) -> str:
        key = (self.root, relative)
        found = _ABSOLUTE.get(key)
        if found is None:
            found = _ABSOLUTE[key] = os.path.normpath(os.path.join(self.root, relative))
        return found

    def _forget_unasked(self) -> None:
        """Forget the articles of files this build did not ask for: deleted,
        moved, or no longer an article (ARTICLE_PATHS, ARTICLE_EXCLUDES)."""
        root = self.root + os.sep
        for path in [p for p in self.kept if p.startswith(root) and p not in self.asked]:
            del self.kept[path]


class _CannotCopyError(Exception):
    """A value the copy does not know how to copy."""


# Never changed once an article is read: the copies share them.
_SHARED = (str, int, float, bool, bytes, type(None), datetime.date, datetime.time)
_SHARED += (datetime.tzinfo, URLWrapper)
# The exact types met so far that are _SHARED: one set lookup instead of an
# isinstance against ten classes (subclasses of them are shared too).
_SHARED_KINDS: set[type] = set()
_CONTAINERS = (list, dict, tuple)


def _shared(value) -> bool:
    if isinstance(value, _SHARED):
        _SHARED_KINDS.add(type(value))
        return True
    return False


class _Plan:
    """Which attributes of an article a copy takes anew: the lists, dicts
    and tuples (copied), the relative path memo, the settings and the
    context; every other value is shared, as it is. Worked out once per
    article kept (5,000 articles are copied on every save): a value of a
    kind the copy does not know raises _CannotCopyError."""

    __slots__ = ("containers", "context", "memos", "settings")

    def __init__(self, article) -> None:
        state = vars(article)
        self.settings = "settings" in state
        self.context = "_context" in state
        self.memos = tuple(n for n, v in state.items() if isinstance(v, RelativePathMemo))
        self.containers = []
        for name, value in state.items():
            if name in ("settings", "_context") or isinstance(value, RelativePathMemo):
                continue
            if not isinstance(value, _SHARED):
                if type(value) not in _CONTAINERS:
                    raise _CannotCopyError(f"{name} is a {type(value).__name__}")
                self.containers.append(name)

    def attach(self, copy, settings, context) -> None:
        """Give a copy made for no build in particular (``copy_ahead``)
        this build's settings and context, as ``_Copier`` gives them."""
        state = vars(copy)
        if self.settings:
            state["settings"] = settings
        if self.context:
            state["_context"] = context


class _Copier:
    """One article copied one level deep, for one build (see the module's
    docstring). A container met twice (Pelican puts the same tag list in
    ``metadata`` and in ``tags``) is copied once, so that the copy is the
    same shape, which the incremental renderer's keys rely on."""

    def __init__(self, settings, context):
        self.settings = settings
        self.context = context
        self.copies: dict[int, object] = {}

    def article(self, article, plan: _Plan | None = None):
        """A copy of ``article``; ``plan``: its _Plan, if worked out already
        (kept with an article as read, which never changes)."""
        plan = plan or _Plan(article)
        new = type(article).__new__(type(article))  # as copy.copy makes it
        state = vars(new)
        state.update(vars(article))  # the shared values, in the same order
        for name in plan.containers:
            state[name] = self.value(state[name], name)
        for name in plan.memos:
            state[name] = RelativePathMemo(new, state[name].known)
        plan.attach(new, self.settings, self.context)
        return new

    def value(self, value, name: str):
        """An attribute's value, or what a list or dict holds: shared, or
        copied once (metadata's tag list is the ``tags`` attribute's copy)."""
        kind = type(value)
        if kind in _SHARED_KINDS or (kind not in _CONTAINERS and _shared(value)):
            return value
        found = self.copies.get(id(value))
        if found is not None:
            return found
        # What a list or dict holds is mostly text, dates, tags: shared,
        # known by its exact type without a call (5,000 articles' metadata
        # on every save: this halves the copies' time).
        kinds, copy = _SHARED_KINDS, self.value
        if kind is list:
            found = [v if type(v) in kinds else copy(v, name) for v in value]
        elif kind is dict:
            found = {k: v if type(v) in kinds else copy(v, name) for k, v in value.items()}
        elif kind is tuple:
            found = tuple([v if type(v) in kinds else copy(v, name) for v in value])
        else:
            raise _CannotCopyError(f"{name} is a {kind.__name__}")
        self.copies[id(value)] = found
        return found
