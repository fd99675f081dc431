"""MARKDOWN_REUSE_* settings with their defaults."""

from plugin_settings import Option, read_settings, whole_number

PREFIX = "MARKDOWN_REUSE"
SCHEMA = {
    # Processes converting articles before Pelican reads them: 0 = one per
    # core, 1 = none (everything in the build's own process).
    "WORKERS": Option(0, whole_number(0), "a whole number ≥ 0 (0: one per core, 1: off)"),
    # Below this many articles, starting processes costs more than it saves.
    "POOL_MIN_FILES": Option(300, whole_number(1), "a whole number ≥ 1"),
    # Keep converted bodies between builds (cache.py): off converts every
    # article on every build (`python -m portal.build --full`, publishing).
    "CACHE": Option(True, lambda v: isinstance(v, bool), "True or False"),
}


def markdown_reuse_settings(settings) -> dict:
    return read_settings(settings, PREFIX, SCHEMA)
