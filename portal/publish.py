"""Publish: build into a staging folder, and only a good build replaces the live one.

    python -m portal.publish SETTINGS LIVE_FOLDER

A failed build leaves the live folder exactly as it was; the one it replaces
is kept beside it as LIVE_FOLDER.previous.
"""

import logging
import shutil
import sys
from pathlib import Path

from portal.build import main as build_main

logger = logging.getLogger(__name__)


def publish(settings: Path, live: Path) -> int:
    staging = live.with_name(live.name + ".new")
    previous = live.with_name(live.name + ".previous")
    shutil.rmtree(staging, ignore_errors=True)
    status = build_main([str(settings), str(staging), "--fatal-warnings"])
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        logger.critical("Chưa đăng gì: trang đang chạy (%s) giữ nguyên như cũ.", live)
        return status
    shutil.rmtree(previous, ignore_errors=True)
    if live.exists():
        live.rename(previous)
    staging.rename(live)
    print(f"Đã đăng: {live} (bản trước giữ ở {previous}).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(publish(Path(sys.argv[1]), Path(sys.argv[2])))
