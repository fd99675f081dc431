"""Pelican's ``process_translations`` in time proportional to the site.

Pelican 4.12 ends it with ``[x for x in content_list if x not in index]``:
every article tested against the list of originals, articles² comparisons
(a fifth of reading 50,000 articles). Here the test is a set of ids
(Pelican's content objects compare by identity, so it is the same test); the
rest is Pelican's function line for line, its warnings included.
tests/test_build_speed.py checks both give the same result.

``pelican.generators`` calls it by its module-level name from a function
inside ``generate_context``, the one place it can be swapped: ``install``
swaps it when a build starts and ``uninstall`` puts Pelican's back when it
ends.
"""

from itertools import groupby
from operator import attrgetter

import pelican.generators
from pelican.utils import get_original_items

PELICANS = pelican.generators.process_translations


def process_translations(content_list, translation_id=None):
    if not translation_id:
        return content_list, []
    if isinstance(translation_id, str):
        translation_id = {translation_id}
    # Pelican's errors for a bad translation_id, from Pelican's own code.
    if not isinstance(translation_id, set | frozenset | list | tuple):
        return PELICANS(content_list, translation_id)
    try:
        content_list.sort(key=attrgetter(*translation_id))
    except (TypeError, AttributeError):
        return PELICANS(content_list, translation_id)
    index = []
    for id_vals, items in groupby(content_list, attrgetter(*translation_id)):
        items = list(items)
        if len(items) == 1 and items[0].metadata.get("translation", "false").lower() == "false":
            # Most articles have no translation: Pelican's get_original_items
            # gives a lone one that is no translation back without a word,
            # and the text naming the group for its warnings is not needed.
            index.append(items[0])
            items[0].translations = []
            continue
        id_vals = (id_vals,) if len(translation_id) == 1 else id_vals
        with_str = "with" + ", ".join([' {} "{{}}"'] * len(translation_id)).format(
            *translation_id
        ).format(*id_vals)
        index.extend(get_original_items(items, with_str))
        for a in items:
            a.translations = [x for x in items if x != a]
    originals = {id(x) for x in index}
    return index, [x for x in content_list if id(x) not in originals]


def install(pelican_object=None) -> None:
    pelican.generators.process_translations = process_translations


def uninstall(pelican_object=None) -> None:
    pelican.generators.process_translations = PELICANS
