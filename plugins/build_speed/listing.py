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
"""

from __future__ import annotations


def install(generator) -> None:
    """On article_generator_init: this generator, which lives for one
    build, remembers each listing it made."""
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
