"""The theme's fixed strings in other languages, read from gettext .po files.

Vietnamese is the theme's source language: templates say
``{{ _("Trang chủ") }}`` and theme/translations/en/LC_MESSAGES/messages.po
says "Home". The .po files are read directly (no compiled .mo to keep in
step), once per build.
"""

import gettext
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po


@dataclass(frozen=True)
class Catalog:
    messages: dict[str, str]  # Vietnamese string → translation
    # (singular, plural) → the translated forms, in the order plural() numbers them
    plurals: dict[tuple[str, str], tuple[str, ...]]
    plural: Callable[[int], int]  # count → index of its form, from the .po's Plural-Forms


def load_catalogs(folder: Path) -> dict[str, Catalog]:
    """{language: Catalog} for every .po under ``folder``; untranslated
    entries are left out, so the Vietnamese text shows instead."""
    catalogs = {}
    for po in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        language = po.parent.parent.name
        with open(po, "rb") as stream:
            catalog = read_po(stream, locale=language)
        messages, plurals = {}, {}
        for message in catalog:
            if not message.id:
                continue
            if isinstance(message.id, str):
                if message.string:
                    messages[message.id] = message.string
            elif all(message.string):  # every plural form translated
                plurals[tuple(message.id)] = tuple(message.string)
        catalogs[language] = Catalog(messages, plurals, gettext.c2py(catalog.plural_expr))
    return catalogs
