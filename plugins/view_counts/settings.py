"""VIEW_COUNTS_* settings with their defaults."""

from plugin_settings import Option, list_of_strings, read_settings, whole_number

PREFIX = "VIEW_COUNTS"
SCHEMA = {
    # Off in development builds: publishconf.py turns it on.
    "ENABLED": Option(False, lambda v: isinstance(v, bool), "True or False"),
    # Access logs in the combined format (nginx and Apache default), plain or
    # .gz, as paths or globs: "/var/log/nginx/access.log*".
    "LOGS": Option([], list_of_strings, "a list of paths or globs"),
    "STATE_FILE": Option(
        "cache/view-counts.json",
        lambda v: isinstance(v, str) and bool(v),
        "a path (relative to the project)",
    ),
    "POPULAR_DAYS": Option(30, whole_number(1), "a whole number of days ≥ 1"),
    "POPULAR_COUNT": Option(5, whole_number(0), "a whole number ≥ 0"),
    # A reader who reloads or comes back within this many minutes is one view.
    "VISIT_MINUTES": Option(30, whole_number(0), "a whole number of minutes ≥ 0"),
}


def view_counts_settings(settings) -> dict:
    return read_settings(settings, PREFIX, SCHEMA)
