"""Compiled templates kept between builds.

Each generator has its own Jinja environment, so every build compiled the
theme's templates again, several times over: about 1.4 s of a rebuild in
which only one article changed. Jinja's ``FileSystemBytecodeCache`` keeps
the compiled code under CACHE_PATH/jinja/, one file per template, checked
against the template's source on every load (a changed template is compiled
again) and written atomically (builds may run side by side).
"""

from __future__ import annotations

from jinja2 import FileSystemBytecodeCache

from cache_files import cache_root


def install(generator) -> None:
    """On generator_init, before any template is loaded."""
    folder = cache_root(generator.settings) / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))
