"""A Pelican Writer that renders a page only when its key changed.

The key of an output file digests the base (settings, theme, plugins' code)
and what the page prints (projection.py). When the previous build recorded
the same key for that file, and the file it wrote is still there untouched
(same inode, size and mtime), it is left as it is instead of rendered. A
page rendered to the same bytes as before is left as it is too, so its
mtime stays put; a page that changed is replaced (a new file renamed over
the old one: a browser never gets half a page, and an output file that is
also a link elsewhere is never written through).

A paginated list (a tag's, a category's pages) has a key as a whole too
(``_group_key``): when it is the last build's and all its pages are as that
build left them, they are kept without paginating the list again and keying
each page (1,400 pages of each edit at 5,000 articles).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os

import warm_process
from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from fork_memory import fork_fits

from . import projection
from .fingerprint import Fingerprints, hexdigest
from .parallel import render_all
from .settings import incremental_settings
from .state import BuildState, Entry

logger = logging.getLogger(__name__)


# The names _local_context gives a page besides the generator's context and
# the writer's keyword arguments.
_LOCAL_NAMES = ("localsiteurl", "output_file", "SITEURL")


class IncrementalWriter(Writer):
    """Bound to one build's ``BuildState`` by ``writer_for``."""

    state: BuildState

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.fingerprints = Fingerprints()
        self._root = os.path.abspath(self.output_path) + os.sep
        self._checked: set[str] = set()
        # Pages to render, while deferring (parallel.py): (template, local
        # context, path, relative path, key). None: render each page at once.
        self.pending: list[tuple] | None = None
        self.processes = 1
        self.state.writer = self

    def defer(self) -> None:
        """Queue the pages to render until flush(), if forks will render
        them: a queued page holds its context, so one process renders at once."""
        self.processes = self._processes()
        if self.pending is None and self.processes > 1:
            self.pending = []

    def _processes(self) -> int:
        processes = incremental_settings(self.settings)["PROCESSES"]
        processes = processes or len(os.sched_getaffinity(0))
        while processes > 1 and not fork_fits(self.settings, processes - 1):
            processes -= 1  # plugins/fork_memory.py: a big site renders in fewer processes
        return processes

    def flush(self) -> None:
        """Render the queued pages on every core, then record them in order."""
        pending, self.pending = self.pending, None
        if not pending:
            return
        processes = self.processes
        if len(pending) < incremental_settings(self.settings)["PARALLEL_MIN_PAGES"]:
            processes = 1
        render_all(pending, self._render, processes)
        logger.info(
            "incremental_render: %d pages rendered in %d processes", len(pending), processes
        )
        for _, local, path, relative, key in pending:
            self._written(path, relative, key, local)

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not name or not projection.skippable(getattr(template, "name", None)):
            return super().write_file(
                name, template, context, relative_urls, paginated, template_name,
                override_output, url, **kwargs,
            )  # fmt: skip
        # From here on, Writer.write_file of Pelican 4.12, with _write_keyed
        # in place of its inner _write_file (same pagination, same context).
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            local = self._local_context(context, name, kwargs, relative_urls)
            self._write_keyed(template, local, context, name, override_output, kwargs)
            return
        group = None
        if not override_output:  # an overriding write claims its pages its own way
            group = self._group_key(template, name, context, kwargs, paginated, url, relative_urls)
        if group is not None and self._kept_group(name, group, context):
            return
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        pages = []
        paginators = {
            key: Paginator(name, url, val, self.settings, per_page)
            for key, val in paginated.items()
        }
        for page_num in range(next(iter(paginators.values())).num_pages):
            paginated_kwargs = kwargs.copy()
            for key, paginator in paginators.items():
                previous_page = paginator.page(page_num) if page_num > 0 else None
                page = paginator.page(page_num + 1)
                next_page = (
                    paginator.page(page_num + 2) if page_num + 1 < paginator.num_pages else None
                )
                paginated_kwargs.update(
                    {
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": previous_page,
                        f"{key}_next_page": next_page,
                    }
                )
            local = self._local_context(context, page.save_as, paginated_kwargs, relative_urls)
            self._write_keyed(
                template, local, context, page.save_as, override_output, paginated_kwargs
            )
            pages.append(self._relative(_output_path(self.output_path, page.save_as)))
        if group is not None:
            self.state.groups[name] = (group, pages)

    def _group_key(self, template, name, context, kwargs, paginated, url, relative_urls):
        """The key of a paginated list (a tag's, a category's pages) as a
        whole: what its first page's key is made of but the page itself,
        with every object of the lists it is cut from, in order. Each of its
        pages' keys is made of these and of what the pagination derives
        from them and the settings (the page's number, its URL, its slice
        of the lists), so a list whose key is the last build's has the last
        build's pages. None where relative URLs make the shared context
        differ from page to page (Pelican's writer leaves the last page's
        there)."""
        if relative_urls:
            return None
        fp = self.fingerprints
        local = self._local_context(context, name, kwargs, relative_urls)
        digest = projection.page_digest(fp, template.name, local, context, [*_LOCAL_NAMES, *kwargs])
        lists = (f"{key}={fp.cards(items)}" for key, items in sorted(paginated.items()))
        return hexdigest(self.state.base_key, "pages of", digest, str(url), *lists)

    def _kept_group(self, name: str, group: str, context) -> bool:
        """True if the last build wrote the paginated list ``name`` with
        the key ``group``, and each of its pages is as it left it: they are
        kept, as ``_kept`` keeps a page, without paginating the list again."""
        found = self.state.previous_groups.get(name)
        if found is None or found[0] != group:
            return False
        entries = [self.state.previous.get(relative) for relative in found[1]]
        paths = [self._root + relative for relative in found[1]]
        for entry, path in zip(entries, paths, strict=True):
            if entry is None or path in self._written_files or not entry.matches(path):
                return False
        for relative, path in zip(found[1], paths, strict=True):
            self._written_files.add(path)
            self._keep(path, relative, context)
        self.state.reused_in_groups += len(paths)
        self.state.groups[name] = found
        return True

    def write_made(self, name: str, about: str, items, make, context) -> None:
        """A file a plugin makes from content objects (a feed): ``make()``,
        its text, is called only when ``items`` (the objects, in order) or
        ``about`` (the rest of what the file is made from, as text: a
        feed's title and links) differ from the last build's, or the file
        was touched since. Settings and plugins' code count as for pages."""
        path = _output_path(self.output_path, name)
        if not self._claim(path, False):
            return
        fp = self.fingerprints
        key = hexdigest(self.state.base_key, "made", name, about, *(fp.full(i) for i in items))
        relative = self._relative(path)
        if self._kept(path, relative, key, context):
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _put(path, make().encode("utf-8"))
        self._written(path, relative, key, context)

    @staticmethod
    def _local_context(context, name, kwargs, relative_urls):
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            local["SITEURL"] = relative_url
            local["localsiteurl"] = relative_url
        local["output_file"] = name
        local.update(kwargs)
        return local

    def _write_keyed(self, template, local, context, name, override, kwargs) -> None:
        if local["localsiteurl"]:
            context["localsiteurl"] = local["localsiteurl"]
        path = _output_path(self.output_path, name)
        if not self._claim(path, override):
            return
        if template.name not in self._checked:  # once per template: names are alike
            self._checked.add(template.name)
            unknown = projection.unknown_names(local, template.name)
            if unknown:
                logger.debug(
                    "incremental_render: context names not in projection.py, digested "
                    "whole (slower rebuilds until classified): %s",
                    ", ".join(unknown),
                )
        key = hexdigest(
            self.state.base_key,
            projection.page_digest(
                self.fingerprints, template.name, local, context, [*_LOCAL_NAMES, *kwargs]
            ),
        )
        relative = self._relative(path)
        if self._kept(path, relative, key, local):
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        job = (template, local, path, relative, key)
        if self.pending is not None:
            self.pending.append(job)
            return
        self._render(job)
        self._written(path, relative, key, local)

    def _kept(self, path: str, relative: str, key: str, context) -> bool:
        """True if the last build's file at ``relative`` has this key and
        is untouched: it is left as it is (same inode, size and mtime)."""
        if not self.state.reusable(relative, key, path):
            self.state.rendered += 1  # to be made now
            return False
        self._keep(path, relative, context)
        return True

    def _keep(self, path: str, relative: str, context) -> None:
        """The last build's file at ``relative`` is this build's, as it is."""
        self.state.reused += 1
        self.state.record(relative, self.state.previous[relative])
        signals.content_written.send(path, context=context)

    def _written(self, path: str, relative: str, key: str, context) -> None:
        logger.info('Writing "%s"', path)
        self.state.record(relative, Entry.of(path, key))
        signals.content_written.send(path, context=context)

    def _relative(self, path: str) -> str:
        # sanitised_join made ``path`` absolute under the absolute output
        # folder: cutting that off is os.path.relpath's answer, without its
        # two abspath calls per page.
        root = self._root
        return path[len(root) :] if path.startswith(root) else os.path.relpath(path, root)

    def _render(self, job: tuple, again: bool = False) -> None:
        """Render one page; the last build's file stays (its mtime too) when
        the bytes are the same. ``again``: a fork that gave up may have
        replaced it already, which changes nothing here."""
        template, local, path, _relative, _key = job
        _put(path, template.render(local).encode("utf-8"))

    def _open_w(self, filename, encoding, override=False):
        # Pelican's pages not keyed here (lists of lists, the site map) replace the
        # last build's file too, never write through it.
        if filename not in self._overridden_files and (
            override or filename not in self._written_files
        ):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(filename)
        return super()._open_w(filename, encoding, override)

    def _claim(self, path: str, override: bool) -> bool:
        """Writer._open_w's guard against writing one file twice, without
        opening the file. False: an overriding write got there first."""
        if path in self._overridden_files:
            if override:
                return self._open_w(path, "utf-8", override=True)  # raises, as Pelican does
            logger.info('Skipping "%s", not overwriting', path)
            return False
        if path in self._written_files:
            if not override:
                return self._open_w(path, "utf-8")  # raises, as Pelican does
            logger.info('Overwriting "%s"', path)
            os.unlink(path)
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True


@functools.lru_cache(maxsize=1 << 16)
def _cached_join(base: str, name: str) -> str:
    return sanitised_join(base, name)


def _output_path(base: str, name: str) -> str:
    """Pelican's ``sanitised_join(base, name)`` (which raises for a name
    outside ``base``), remembered in the warm build process: a pure
    function of the two strings once ``base`` is absolute (Pelican makes
    OUTPUT_PATH so), asked for every page of every build (0.04 s of each
    warm edit at 5,000 articles)."""
    if not os.path.isabs(base) or not warm_process.remembers():
        return sanitised_join(base, name)  # depends on the working folder
    return _cached_join(base, name)


def _put(path: str, data: bytes) -> None:
    """``data`` at ``path``: the file left as it is (its mtime too) if it
    holds these bytes already, else replaced, never written through.
    One temporary name per page: a fork that gave up and the build that
    renders its share again write the same one, never two."""
    if _same_bytes(path, data):
        return
    temporary = f"{path}.incremental-new"
    with open(temporary, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:
        return False
