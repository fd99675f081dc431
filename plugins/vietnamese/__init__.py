"""Vietnamese text rules applied to the whole site: slugs, NFC, dates, sorting.

The rules live in ``text`` and ``dates`` (pure functions); ``plugin`` wires
them into Pelican. It is imported only when Pelican registers the plugin:
the search index's workers (plugins/vn_search/postings.py), started afresh,
use ``vietnamese.text`` and would otherwise import Pelican and Jinja for
nothing, a third of a second each.
"""

NFC_EXTENSION = "vietnamese.markdown_nfc"

# Pelican slugifies category and tag names itself when it compares them with
# plain strings; these substitutions make its slugify agree with ours.
SLUG_REGEX_SUBSTITUTIONS = [(r"[^a-z0-9]+", "-"), (r"^-+|-+$", "")]


def register():
    from .plugin import register as wire

    wire()
