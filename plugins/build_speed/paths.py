"""A content object's path relative to the content folder, computed once per path.

``Content.url_format`` evaluates ``get_relative_source_path()`` for every URL
and save_as Pelican builds (even when the metadata has a ``path``), and
templates ask for URLs dozens of times per page: related news, previous and
next, the "Tin mới" list, tags, the sitemap, feeds. The answer depends only
on the path asked about and the content folder, both part of the memo's key.
"""


class RelativePathMemo:
    """Stands in for the bound method on one content object.

    No ``__dict__`` and a fixed ``repr``: whatever digests or pickles content
    objects (the incremental renderer, Pelican's content cache) sees the same
    value in every build, and no absolute path.
    """

    __slots__ = ("content", "known")

    def __init__(self, content, known: dict | None = None):
        self.content = content
        # The answers depend on the key alone: copies of one article (the
        # warm build process: warm_articles.py) share them, build after build.
        self.known: dict[tuple, str | None] = {} if known is None else known

    def __call__(self, source_path=None):
        content = self.content
        key = (source_path or content.source_path, content.settings.get("PATH"))
        found = self.known.get(key, self)
        if found is self:
            found = self.known[key] = type(content).get_relative_source_path(content, source_path)
        return found

    def __repr__(self) -> str:
        return "RelativePathMemo()"


def remember_relative_path(content) -> None:
    """On content_object_init: shadow the method on this instance only."""
    content.get_relative_source_path = RelativePathMemo(content)
