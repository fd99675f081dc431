"""Related news ("Tin liên quan") and a site that refuses bad plugin settings."""

import pytest

from news_lists.related import pick_related, related_in_category
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


def test_a_category_remembered_by_its_tags_gets_the_same_related_news():
    # The warm build process asks again after every save: an article's tags
    # changed must change the answer, the same tags (new sets) must not.
    tag_sets = tuple(tags(*("ab"[: i % 3])) for i in range(12))
    first = related_in_category(tag_sets, 3, 4)
    assert first == tuple(tuple(pick_related(i, tag_sets, 3, 4)) for i in range(12))
    assert related_in_category(tuple(frozenset(set(t)) for t in tag_sets), 3, 4) == first
    edited = (tags("q"), *tag_sets[1:3], tags("q"), *tag_sets[4:])
    assert related_in_category(edited, 3, 4)[0] == (3, 1, 2) != first[0]


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


def test_the_newest_filter_gives_what_sorting_by_date_starts_with():
    from datetime import datetime
    from types import SimpleNamespace

    from jinja2 import Environment

    from news_lists import newest

    env = Environment()
    env.filters["newest"] = newest
    days = [3, 1, 3, 2, 3, 1]  # equal dates: the order they came in, as sort keeps it
    articles = [
        SimpleNamespace(title=f"Tin {i}", date=datetime(2024, 5, d)) for i, d in enumerate(days)
    ]
    sorted_ = env.from_string(
        '{{ (a|sort(attribute="date", reverse=True))[:4]|map(attribute="title")|join(",") }}'
    )
    ours = env.from_string('{{ a|newest(4)|map(attribute="title")|join(",") }}')
    assert ours.render(a=articles) == sorted_.render(a=articles) == "Tin 0,Tin 2,Tin 4,Tin 3"
    assert env.from_string("{{ a|newest(1)|first }}").render(a=[]) == ""
