"""NEWS_LISTS_* settings with their defaults."""

from plugin_settings import Option, read_settings, whole_number

PREFIX = "NEWS_LISTS"
SCHEMA = {
    "RELATED_COUNT": Option(5, whole_number(0), "a whole number ≥ 0"),
    # How far back and forward in the category to look for related news:
    # bounded so the cost per article does not grow with the archive.
    "RELATED_WINDOW": Option(40, whole_number(1), "a whole number ≥ 1"),
    "FEATURED_COUNT": Option(4, whole_number(0), "a whole number ≥ 0"),
}


def news_lists_settings(settings) -> dict:
    return read_settings(settings, PREFIX, SCHEMA)
