"""INCREMENTAL_RENDER_* settings, validated at start-up."""

from collections.abc import Mapping
from typing import Any

from plugin_settings import Option, read_settings, whole_number

PREFIX = "INCREMENTAL_RENDER"
SCHEMA = {
    # Off: every build renders every page, as Pelican does.
    "ENABLED": Option(True, lambda v: isinstance(v, bool), "True or False"),
    # Processes rendering the article pages that changed (parallel.py):
    # 0 = one per core, 1 = the build's own process only; fewer when they
    # would not fit in FORK_MEMORY_BUDGET_MIB (plugins/fork_memory.py).
    "PROCESSES": Option(0, whole_number(0), "a whole number ≥ 0 (0: one per core, 1: off)"),
    # Fewer pages than this are rendered in the build's own process: a fork
    # costs more than it saves.
    "PARALLEL_MIN_PAGES": Option(64, whole_number(1), "a whole number ≥ 1"),
}


def incremental_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    return read_settings(settings, PREFIX, SCHEMA)
