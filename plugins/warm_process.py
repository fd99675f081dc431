"""Whether this process is the warm build process of ``invoke serve``.

That process builds the site again after every save, in the same process
(portal/warm_build.py), so what a build works out can be remembered for the
next one: an article as read (build_speed/warm_articles.py), a page's path,
a site map entry's lines. A one-shot build (``invoke build``, publishing)
would only hold such memos until it ends: at 50,000 articles, some 60 MB
of a process that must stay within its memory budget. Memos that pay only
across builds ask ``remembers()`` first.
"""

_warm = False


def start() -> None:
    """Called once by the warm build process, before its first build."""
    global _warm
    _warm = True


def remembers() -> bool:
    return _warm
