"""A content object's links to static files, found once per article read.

Pelican 4.12 scans every article's HTML for ``{static}`` and ``{attach}``
links on every build (``Generator.add_static_links``): a regular expression
over the whole body, 0.15 s of a warm edit at 5,000 articles. The links
depend only on the body as read, the article's folder and the settings, all
of which an article kept by warm_articles between builds keeps too: its
copies share the answer with the article they were copied from.
"""


class StaticLinksMemo:
    """Stands in for the bound method on one content object. No
    ``__dict__`` and a fixed ``repr``, as paths.RelativePathMemo."""

    __slots__ = ("content", "shared")

    def __init__(self, content, shared: list | None = None):
        self.content = content
        self.shared = shared if shared is not None else []  # [] or [the links]

    def __call__(self) -> frozenset[str]:
        if not self.shared:
            self.shared.append(frozenset(type(self.content).get_static_links(self.content)))
        return self.shared[0]

    def for_copy(self, copy) -> "StaticLinksMemo":
        """The memo of a copy of the same article as read (warm_articles)."""
        return StaticLinksMemo(copy, self.shared)

    def __repr__(self) -> str:
        return "StaticLinksMemo()"


def remember_static_links(content) -> None:
    """On content_object_init: shadow the method on this instance only."""
    content.get_static_links = StaticLinksMemo(content)
