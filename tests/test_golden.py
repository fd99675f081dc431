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
    from tests.sitebuild import build_site

    build_site(tmp_path / "again")
    for page in GOLDEN_PAGES.values():
        assert (tmp_path / "again" / page).read_bytes() == (site / page).read_bytes()
