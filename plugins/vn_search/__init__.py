"""Diacritic-insensitive Vietnamese search: the index, written at build time.

The heavy work is in ``index`` (pure functions over plain ``Doc`` values);
``plugin`` turns Pelican's articles into ``Doc`` and writes the files. It is
imported only when Pelican registers the plugin: the index's workers are
started afresh (postings.spread) and import ``vn_search.index``, which then
costs them a tenth of a second, not half a second of importing Pelican.
The front end lives in theme/static/js/search/.
"""


def register():
    from .plugin import register as wire

    wire()
