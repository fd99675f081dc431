"""VN_SEARCH_* settings with their defaults."""

from plugin_settings import Option, read_settings, whole_number

PREFIX = "VN_SEARCH"
SCHEMA = {
    # Where the index is written, relative to the output folder and the site URL.
    "INDEX_PATH": Option(
        "tim-kiem/index/",
        lambda v: (
            isinstance(v, str)
            and v.endswith("/")
            and not v.startswith("/")
            # Inside the output, and never the output itself: the index
            # removes from its folders what it no longer makes (folder.py).
            and not {".", ".."} & set(v.split("/"))
            and "//" not in v
        ),
        "a relative folder ending in '/', inside the output folder, such as 'tim-kiem/index/'",
    ),
    # Dictionary shards are cut at about this many bytes (before compression):
    # a query fetches one or two of them.
    "SHARD_BYTES": Option(16_000, whole_number(1_000), "a whole number ≥ 1000"),
    # Postings longer than this go into their own files, split into blocks of
    # this many entries, so no file grows with the number of articles.
    "BLOCK_POSTINGS": Option(2_048, whole_number(64), "a whole number ≥ 64"),
    # Words in at least this many articles and in a quarter of them (phường,
    # đảng, nhân dân) are stored as presence lists without per-article
    # weights: they weigh almost nothing in the ranking anyway.
    "COMMON_MIN_DOCS": Option(1_000, whole_number(1), "a whole number ≥ 1"),
    # Result metadata (title, date, category, summary, thumbnail) per file.
    "DOCS_PER_CHUNK": Option(16, whole_number(1), "a whole number ≥ 1"),
    "SUMMARY_CHARS": Option(220, whole_number(40), "a whole number ≥ 40"),
    # Worker processes that read the articles' words: 0 is one per CPU core,
    # 1 reads them in the build's own process. The index is the same either way.
    "PROCESSES": Option(0, whole_number(0), "0 (one per CPU core) or a whole number ≥ 1"),
    # Build the index in a fork of the build while the pages are rendered
    # (background.py), if the fork fits in FORK_MEMORY_BUDGET_MIB
    # (plugins/fork_memory.py). Off: after the pages, in the build's process.
    "BACKGROUND": Option(True, lambda v: isinstance(v, bool), "True or False"),
}


def vn_search_settings(settings) -> dict:
    return read_settings(settings, PREFIX, SCHEMA)
