"""Build the sample site the way the tests and golden files need it.

Time zone and locale are pinned so that output does not depend on the
machine: the same content gives the same bytes.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINNED_ENV = {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


class BuildFailedError(AssertionError):
    pass


def build_site(
    output: Path,
    content: Path = ROOT / "content",
    settings: Path = ROOT / "pelicanconf.py",
    extra: tuple[str, ...] = (),
) -> subprocess.CompletedProcess:
    """Run the build as ``invoke build`` does, in its own process (plugins
    register signals globally); ``content`` replaces the settings' PATH."""
    command = [sys.executable, "-m", "portal.build", str(settings), str(output), *extra]
    if content != ROOT / "content":
        command += ["--content", str(content)]
    env = {**os.environ, **PINNED_ENV}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildFailedError(
            f"pelican exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result
