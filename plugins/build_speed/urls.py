"""Each content object's ``url`` and ``save_as`` formatted once per build's output.

Pelican formats both from the settings on every access (``url_format``
copies the metadata first: 20-30 µs each), and writing a site asks for them
over and over: the article loop, the incremental renderer's page keys, the
sitemap, the search index, the feeds, the lists and neighbours every page
shows; 25,000 times, half a second of a warm rebuild, at 5,000 articles.

What they are made from (metadata, slug, date, language, category, author,
status, the settings) is settled once the generators have read everything:
no generator or plugin changes it while writing. So from the ``get_writer``
signal (sent after ``all_generators_finalized``) until the build ends, the
first answer for an object is kept, by ``id``; the objects are held until
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

# {property name: {id of a content object: (the object, its value)}}
_known: dict[str, dict[int, tuple[object, str]]] = {name: {} for name in PELICANS}


def _remembered(name: str, pelicans: property) -> property:
    known = _known[name]
    compute = pelicans.fget

    kept_as = "\x00url " + name  # its name among the texts kept with an article

    def get(self):
        found = known.get(id(self))
        if found is None:
            texts = left_as_read(self)
            if texts is None:
                value = compute(self)
            else:
                value = texts.get(kept_as)
                if value is None:
                    value = texts[kept_as] = compute(self)
            found = known[id(self)] = (self, value)
        return found[1]

    return property(get, pelicans.fset, pelicans.fdel, pelicans.__doc__)


REMEMBERED = {name: _remembered(name, pelicans) for name, pelicans in PELICANS.items()}


def install(pelican_object=None) -> None:
    """On get_writer: every generator has read its content."""
    for name, remembered in REMEMBERED.items():
        setattr(Content, name, remembered)
    return None  # no writer of ours: incremental_render gives it


def uninstall(pelican_object=None) -> None:
    """On initialized and finalized."""
    for name, pelicans in PELICANS.items():
        setattr(Content, name, pelicans)
        _known[name].clear()
