"""Incremental builds: a page is rendered again only when what it shows changed.

Why these hooks: ``initialized`` is the last moment before Pelican empties
the output folder, so Pelican is told there to leave it, when the build
updates it in place (state.py); ``get_writer`` gives Pelican our Writer
(writer.py), the one place every page passes through; ``finalized`` comes
after every generator wrote its files, so what the build neither wrote nor
kept is what it no longer makes (sweep.py).

A full build (no manifest yet, INCREMENTAL_RENDER_ENABLED = False,
PORTAL_FULL_BUILD=1 in the environment, or DELETE_OUTPUT_DIRECTORY off)
behaves exactly as Pelican does; it still records keys for the next build.
"""

from __future__ import annotations

import logging
from importlib.metadata import version
from pathlib import Path

from pelican import signals

import fork_memory
from cache_files import cache_root, tree_digest
from full_build import is_full_build

from .fingerprint import hexdigest, plain_settings
from .settings import incremental_settings
from .state import BuildState, forget
from .writer import IncrementalWriter

logger = logging.getLogger(__name__)

# Bump when the way keys are made changes: every page is rendered once more.
KEY_VERSION = "4"

# The builds updating an output folder in place, by that folder: where a
# generator's hook, which gets no Pelican, finds its build's state.
_in_place: dict[str, BuildState] = {}


def _cache(settings) -> Path:
    return cache_root(settings)


def _wanted(settings) -> bool:
    return (
        incremental_settings(settings)["ENABLED"]
        and not is_full_build(settings)
        and settings.get("DELETE_OUTPUT_DIRECTORY")
        and not settings.get("OUTPUT_RETENTION")
        and not settings.get("WRITE_SELECTED")
    )


def prepare(pelican) -> None:
    settings = pelican.settings
    incremental_settings(settings)  # every problem at start-up, with the budget's
    fork_memory.check_settings(settings)
    output = Path(pelican.output_path)
    if not _wanted(settings):
        forget(_cache(settings), output)
        pelican.incremental_render = None
        return
    state = BuildState.start(output, _cache(settings))
    pelican.incremental_render = state
    if state.in_place:
        pelican.delete_outputdir = False  # Pelican.run reads it after this signal
        _in_place[str(output.resolve())] = state
        logger.info("Incremental build: updating %s in place", output)


def writer_for(pelican):
    state = getattr(pelican, "incremental_render", None)
    if state is None:
        return None
    # Settings are final now (plugins add theirs while generators start).
    settings = pelican.settings
    code = [Path(p) for p in settings.get("PLUGIN_PATHS", [])]
    state.base_key = hexdigest(
        KEY_VERSION,
        version("pelican"),
        plain_settings(settings),
        tree_digest(Path(settings["THEME"])),
        tree_digest(*code, suffixes=(".py",)),
    )
    return type("BoundIncrementalWriter", (IncrementalWriter,), {"state": state})


def defer_article_pages(generator) -> None:
    """On article_generator_init: the article, tag, category and archive
    pages are queued while the generator writes them, and rendered on every
    core when it is done (parallel.py)."""
    write = generator.generate_output

    def generate_output(writer):
        if isinstance(writer, IncrementalWriter):
            writer.defer()
        write(writer)  # ends with article_writer_finalized: render_queued

    generator.generate_output = generate_output


def claim_static_files(generator) -> None:
    """On static_generator_finalized: the static files this build makes,
    which Pelican may leave in place without writing them."""
    state = _in_place.get(str(Path(generator.output_path).resolve()))
    if state is not None:
        state.static.update(s.save_as for s in generator.staticfiles)


def leave_folder(output_path, relative: str) -> None:
    """A plugin that writes every file of the folder ``relative`` (to the
    output) on each build, and removes itself those it no longer makes,
    says so: the build's sweep leaves that folder alone, and the plugin
    need not mark the files it keeps (sweep.py). Called before the build
    writes its article pages."""
    state = _in_place.get(str(Path(output_path).resolve()))
    if state is not None:
        state.left.add(relative.strip("/"))


def render_queued(generator, writer=None) -> None:
    if isinstance(writer, IncrementalWriter):
        writer.flush()
        writer.state.list_old_files()


def finish(pelican) -> None:
    state = getattr(pelican, "incremental_render", None)
    if state is None:
        return
    writer = getattr(state, "writer", None)
    if writer is not None:
        writer.flush()
    _in_place.pop(str(state.output.resolve()), None)
    removed = state.finish()
    logger.info(
        "Incremental build: %d pages rendered, %d unchanged pages kept (%d of them in "
        "lists kept whole), %d gone",
        state.rendered,
        state.reused,
        state.reused_in_groups,
        removed,
    )


def register():
    signals.initialized.connect(prepare)
    signals.get_writer.connect(writer_for)
    signals.article_generator_init.connect(defer_article_pages)
    signals.article_writer_finalized.connect(render_queued)
    signals.static_generator_finalized.connect(claim_static_files)
    signals.finalized.connect(finish)
