"""THEME_I18N_* settings: which site settings the frame prints in the page's language.

The site's name, publisher and address are settings, not theme strings: a
theme string lives in the catalogue because a template contains it, and
``invoke translations`` drops any entry no template contains. So each such
setting has a variant per language, ``SITENAME_EN`` beside ``SITENAME``,
and an English page's frame prints that one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from plugin_settings import Option, PluginSettingsError, list_of_strings, read_settings

PREFIX = "THEME_I18N"

SCHEMA = {
    "LOCALIZED": Option(
        ["SITENAME", "SITE_SHORTNAME", "SITE_DESCRIPTION", "SITE_PUBLISHER", "SITE_ADDRESS"],
        list_of_strings,
        "a list of setting names such as 'SITENAME'",
    ),
}


def localized_settings(
    settings: Mapping[str, Any], languages: Iterable[str]
) -> dict[str, dict[str, str]]:
    """{setting: {language: value}} for the pages in ``languages`` (the theme's
    catalogues other than DEFAULT_LANG); raises listing every missing variant."""
    names = read_settings(settings, PREFIX, SCHEMA)["LOCALIZED"]
    default = settings.get("DEFAULT_LANG", "vi")
    values: dict[str, dict[str, str]] = {name: {} for name in names}
    problems = []
    for name in names:
        for language in sorted(set(languages) - {default}):
            key = f"{name}_{language.upper()}"
            value = settings.get(key)
            if isinstance(value, str) and value:
                values[name][language] = value
            else:
                problems.append(
                    f"{key} = {value!r}: the {language!r} pages print {name} in their "
                    f"frame; set {key} to its {language!r} text"
                )
    if problems:
        raise PluginSettingsError(
            f"{len(problems)} missing translation(s) of site settings in pelicanconf.py:\n  "
            + "\n  ".join(problems)
        )
    return values
