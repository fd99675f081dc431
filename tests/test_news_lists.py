"""Related news ("Tin liên quan") and a site that refuses bad plugin settings."""

import pytest

from news_lists.related import pick_related
from tests.sitebuild import ROOT, BuildFailedError, build_site


def tags(*names):
    return frozenset(names)


def test_shared_tags_rank_first_then_closeness_in_time():
    tag_sets = [
        tags("a"),  # 0
        tags(),  # 1
        tags("b"),  # 2  <- the article
        tags(),  # 3
        tags("b", "c"),  # 4
        tags("b"),  # 5
    ]
    assert pick_related(2, tag_sets, count=3, window=10) == [4, 5, 1]


def test_only_neighbours_within_the_window_are_considered():
    tag_sets = [tags("x")] + [tags()] * 5 + [tags("x")]
    assert pick_related(0, tag_sets, count=2, window=3) == [1, 2]


def test_a_lone_article_has_no_related_news():
    assert pick_related(0, [tags("a")], count=5, window=40) == []


def test_bad_plugin_settings_stop_the_build_with_one_clear_message(tmp_path):
    settings = tmp_path / "bad.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *\n"
        "NEWS_LISTS_RELATED_COUNT = -1\nNEWS_LISTS_FEATURED_COUNT = 'bốn'\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildFailedError) as error:
        build_site(tmp_path / "out", settings=settings)
    message = str(error.value)
    assert "NEWS_LISTS_RELATED_COUNT = -1" in message
    assert "NEWS_LISTS_FEATURED_COUNT = 'bốn'" in message
