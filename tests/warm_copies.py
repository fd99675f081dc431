"""Articles as the warm build process keeps them, and each build's copies
(build_speed/warm_articles.py): for the tests of what is kept with them."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from build_speed.warm_articles import _Copier
from incremental_render.fingerprint import copied_as_read, forget_copies


def article_as_read(folder: Path, html: str, **settings) -> Article:
    """tin.md in ``folder``, read: dated, with a slug and a category."""
    from pelican.urlwrappers import Category

    settings = {**DEFAULT_CONFIG, "PATH": str(folder), **settings}
    metadata = {"title": "Tin", "date": datetime(2024, 1, 2, 8, 0, tzinfo=UTC), "slug": "tin"}
    metadata["category"] = Category("Y tế", settings)
    return Article(html, metadata=metadata, settings=settings, source_path=str(folder / "tin.md"))


def build_copy(read: Article, change=None, context=None) -> Article:
    """A build's copy of an article kept as read, and what the build did to it."""
    copy = _Copier(read.settings, context if context is not None else {}).article(read)
    if change is not None:
        change(copy)
    return copy


@contextmanager
def copy_of_a_build(read: Article, texts: dict, change=None, context=None) -> Iterator[Article]:
    """``build_copy``, known as a copy of ``read`` until the build ends
    (the with block)."""
    copy = build_copy(read, change, context)
    copied_as_read(copy, read, texts)
    try:
        yield copy
    finally:
        forget_copies()
