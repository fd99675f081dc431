"""Key pages of the sample site, byte for byte against tests/golden/.

After an intended change to templates or sample content, run
``./dev regen-golden`` and review the diff of tests/golden/ before committing.
"""

import difflib

import pytest

from tests.golden import GOLDEN_DIR, GOLDEN_PAGES


@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_page_matches_its_golden_copy(site, name):
    expected = (GOLDEN_DIR / name).read_text("utf-8")
    actual = (site / GOLDEN_PAGES[name]).read_text("utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "golden", "built", lineterm=""
        )
        pytest.fail(
            f"{GOLDEN_PAGES[name]} differs from tests/golden/{name} "
            "(intended? run ./dev regen-golden):\n" + "\n".join(list(diff)[:60])
        )


def test_two_builds_give_the_same_bytes(site, tmp_path):
    """The second build converts the articles in markdown_reuse's process pool
    (which the sample site is too small to start on its own): same site."""
    from tests.sitebuild import build_site

    settings = tmp_path / "pooled.py"
    settings.write_text(
        "from pelicanconf import *  # noqa: F403\n"
        "MARKDOWN_REUSE_WORKERS = 2\n"
        "MARKDOWN_REUSE_POOL_MIN_FILES = 1\n",
        "utf-8",
    )
    again = tmp_path / "again"
    build_site(again, settings=settings)
    for page in GOLDEN_PAGES.values():
        assert (again / page).read_bytes() == (site / page).read_bytes()
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for relative in files:
        assert (again / relative).read_bytes() == (site / relative).read_bytes(), relative
