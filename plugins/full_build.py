"""Whether this build keeps nothing from earlier builds.

Rebuilds reuse what earlier builds made: pages (incremental_render),
converted Markdown (markdown_reuse), the search index (vn_search). A full
build makes everything from the files alone: `python -m portal.build --full`
(which sets PORTAL_FULL_BUILD in the settings; publishing always does) or
PORTAL_FULL_BUILD=1 in the environment.
"""

import os
from collections.abc import Mapping
from typing import Any

SWITCH = "PORTAL_FULL_BUILD"


def is_full_build(settings: Mapping[str, Any]) -> bool:
    return bool(settings.get(SWITCH)) or os.environ.get(SWITCH, "") not in ("", "0")
