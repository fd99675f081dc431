"""INCREMENTAL_RENDER_* settings, validated at start-up."""

from collections.abc import Mapping
from typing import Any

from plugin_settings import Option, read_settings

PREFIX = "INCREMENTAL_RENDER"
SCHEMA = {
    # Off: every build renders every page, as Pelican does.
    "ENABLED": Option(True, lambda v: isinstance(v, bool), "True or False"),
}


def incremental_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    return read_settings(settings, PREFIX, SCHEMA)
