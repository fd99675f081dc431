"""Project-level tools around Pelican: the build runner editors meet in the terminal,
and the editors' workflow (check, new post/album, fix-text, publish, deploy)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The text rules, plugin settings and the album parser live in plugins/,
# imported by name as Pelican imports them, whichever folder we run from.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))
