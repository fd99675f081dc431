"""Choose related news among an article's neighbours in its category."""

from collections.abc import Sequence
from functools import lru_cache


def pick_related(index: int, tag_sets: Sequence[frozenset], count: int, window: int) -> list[int]:
    """Indexes of the ``count`` articles most related to ``tag_sets[index]``.

    ``tag_sets`` are the tags of one category's articles, newest first. More
    shared tags rank higher; among equals the closer in time wins, so a post
    without tags still gets the news published around it.
    """
    low, high = max(0, index - window), min(len(tag_sets), index + window + 1)
    own = tag_sets[index]
    candidates = [i for i in range(low, high) if i != index]
    candidates.sort(key=lambda i: (-len(own & tag_sets[i]), abs(i - index), i))
    return candidates[:count]


@lru_cache(maxsize=32)
def related_in_category(
    tag_sets: tuple[frozenset, ...], count: int, window: int
) -> tuple[tuple[int, ...], ...]:
    """``pick_related`` for every article of a category, newest first.

    Remembered by value: the warm build process (``invoke serve``) asks
    again after every save with the same tags in most categories, and
    choosing costs 0.35 s a build at 5,000 articles."""
    return tuple(tuple(pick_related(i, tag_sets, count, window)) for i in range(len(tag_sets)))
