"""The article generator's file listing, made once per build.

Pelican's ``generate_context`` lists the article files (a walk of the
content folder, each name matched against IGNORE_FILES and the readers'
extensions); markdown_reuse asks for the same listing again, from the first
file read, to find what its pool should convert. The second answer is the
first: the files the generator is going through. 0.1 s at 5,000 articles,
on every build.

A listing for no extension at all is empty without a walk: Pelican asks for
one after reading (``check_disabled_readers``: the files of readers whose
library is missing, none on this site), and walked the whole content folder
to match every name against nothing. 0.05 s at 5,000 articles, before the
search index's fork starts: on both lanes of a warm edit.

Each name is matched against IGNORE_FILES by one compiled pattern
(``_include_path`` below), as ``fnmatch`` would, without its per-call
case folding and cache lookup for every name and pattern: 0.02 s of
every build at 5,000 articles.
"""

from __future__ import annotations

import fnmatch
import os
import re


def install(generator) -> None:
    """On article_generator_init: this generator, which lives for one
    build, remembers each listing it made."""
    generator._include_path = _include_path(generator)
    listed: dict[tuple, frozenset[str]] = {}
    get_files = generator.get_files

    def remembered(paths, exclude=None, extensions=None) -> set[str]:
        key = (
            (paths,) if isinstance(paths, str) else tuple(paths),
            tuple(exclude or ()),
            extensions if extensions is None or extensions is False else tuple(extensions),
        )
        if key[2] == ():  # _include_path matches no file against no extension
            return set()
        found = listed.get(key)
        if found is None:
            found = listed[key] = frozenset(get_files(paths, exclude, extensions))
        return set(found)  # the caller's own, as Pelican's is

    generator.get_files = remembered


def _include_path(generator):
    """Pelican's ``Generator._include_path``: whether ``get_files`` lists
    ``path``, a file, for ``extensions`` (None: the readers'; False: any)."""
    # fnmatch.fnmatch(name, pattern) is fnmatchcase of both, case-folded by
    # os.path.normcase (nothing to fold on POSIX): one regex for them all.
    # A pattern with a "/" outside brackets needs one in the name, and a
    # file's name has none: "**/.*" (Pelican's default) matched nothing,
    # backtracking over every name.
    patterns = [os.path.normcase(p) for p in generator.settings["IGNORE_FILES"]]
    ignored = _matcher([p for p in patterns if "/" not in p or "[" in p])
    basename, splitext, normcase = os.path.basename, os.path.splitext, os.path.normcase

    def include(path, extensions=None) -> bool:
        if extensions is None:
            extensions = tuple(generator.readers.extensions)
        name = normcase(basename(path))
        if ignored(name):
            return False
        return extensions is False or splitext(name)[1][1:] in extensions

    return include


def _matcher(patterns: list[str]):
    if not patterns:
        return lambda name: False
    return re.compile("|".join(map(fnmatch.translate, patterns))).match
