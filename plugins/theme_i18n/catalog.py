"""The theme's fixed strings in other languages, read from gettext .po files.

Vietnamese is the theme's source language: templates say
``{{ _("Trang chủ") }}`` and theme/translations/en/LC_MESSAGES/messages.po
says "Home". The .po files are read directly (no compiled .mo to keep in
step), once per build.
"""

from pathlib import Path

from babel.messages.pofile import read_po


def load_catalogs(folder: Path) -> dict[str, dict[str, str]]:
    """{language: {Vietnamese string: translation}} for every .po under ``folder``."""
    catalogs = {}
    for po in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        language = po.parent.parent.name
        with open(po, "rb") as stream:
            catalog = read_po(stream, locale=language)
        catalogs[language] = {
            message.id: message.string
            for message in catalog
            if message.id and isinstance(message.id, str) and message.string
        }
    return catalogs
