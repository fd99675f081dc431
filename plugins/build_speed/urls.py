"""Each content object's ``url`` formatted once per build's output.

Pelican formats ``url`` and ``save_as`` from the settings on every access
(``url_format`` copies the metadata first: 20-30 µs each), and writing a
site asks for the URL over and over: the article loop, the incremental
renderer's page keys, the sitemap, the feeds, the lists and neighbours
every page shows; 20,000 times at 5,000 articles.

What they are made from (metadata, slug, date, language, category, author,
status, the settings) is settled once the generators have read everything:
no generator or plugin changes it while writing. So from the ``get_writer``
signal (sent after ``all_generators_finalized``) until the build ends, the
first URL of an object is kept, by ``id``; the objects are held until
then, so an ``id`` is never reused meanwhile. The properties are swapped on
``Content`` for that stretch only (``Static`` has its own, left alone), and
put back when the build ends, or when the next one starts after a failure.

In the warm build process (warm_articles.py), a copy of an article that
holds every attribute as read has the URLs of the last build's copy: they
are kept with the article as read, and not formatted again at all.
"""

from __future__ import annotations

from pelican.contents import Content

from incremental_render.fingerprint import left_as_read

PELICANS = {name: vars(Content)[name] for name in ("url", "save_as")}

# This build's URL of each content object, by id; the objects, held so that
# an id is never reused meanwhile. One dict of str, not one per property:
# 50,000 articles' URLs are 9 MB of the 2 GiB a build may take. save_as is
# asked for once per page: it is not kept, only taken from a kept article.
_urls: dict[int, str] = {}
_held: list = []


def _from_texts(item, name: str, compute) -> str:
    """What Pelican makes, or, for a copy left as read, the last build's."""
    texts = left_as_read(item)
    if texts is None:
        return compute(item)
    kept_as = "\x00url " + name  # its name among the texts kept with an article
    value = texts.get(kept_as)
    if value is None:
        value = texts[kept_as] = compute(item)
    return value


def _url(self) -> str:
    found = _urls.get(id(self))
    if found is None:
        found = _urls[id(self)] = _from_texts(self, "url", PELICANS["url"].fget)
        _held.append(self)
    return found


def _save_as(self) -> str:
    return _from_texts(self, "save_as", PELICANS["save_as"].fget)


REMEMBERED = {
    name: property(getter, PELICANS[name].fset, PELICANS[name].fdel, PELICANS[name].__doc__)
    for name, getter in (("url", _url), ("save_as", _save_as))
}


def install(pelican_object=None) -> None:
    """On get_writer: every generator has read its content."""
    for name, remembered in REMEMBERED.items():
        setattr(Content, name, remembered)
    return None  # no writer of ours: incremental_render gives it


def uninstall(pelican_object=None) -> None:
    """On initialized and finalized."""
    for name, pelicans in PELICANS.items():
        setattr(Content, name, pelicans)
    _urls.clear()
    _held.clear()
