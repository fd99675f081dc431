"""Period archives (year, month, day) in time proportional to the number of articles.

Pelican 4.12's ``ArticlesGenerator._build_period_archives`` fills each
archive's ``articles`` with ``[a for a in articles if a in dates]``: a scan of
every article, each tested against a list, per period. Here the test is a set
of ids (Pelican's content objects compare by identity, so it is the same
test) and the rest is Pelican's code unchanged; tests/test_build_speed.py
checks both give the same archives.
"""

import calendar
from collections import defaultdict
from itertools import groupby
from operator import attrgetter

GRANULARITY_KEY = {
    "year": attrgetter("date.year"),
    "month": attrgetter("date.year", "date.month"),
    "day": attrgetter("date.year", "date.month", "date.day"),
}


def build_period_archives(sorted_articles, articles, settings) -> dict[str, list[dict]]:
    """Same arguments and result as Pelican's method (it is called in its place)."""
    period_archives = defaultdict(list)
    for granularity in ("year", "month", "day"):
        save_as_fmt = settings[f"{granularity.upper()}_ARCHIVE_SAVE_AS"]
        url_fmt = settings[f"{granularity.upper()}_ARCHIVE_URL"]
        if not save_as_fmt:
            continue  # the archives for this granularity are not written
        for period, group in groupby(sorted_articles, key=GRANULARITY_KEY[granularity]):
            dates = list(group)
            members = {id(article) for article in dates}
            archive = {
                "dates": dates,
                "articles": [a for a in articles if id(a) in members],
            }
            # Any date of the period gives its URL: use the first, as Pelican does.
            first = dates[0].date
            archive["save_as"] = save_as_fmt.format(date=first)
            archive["url"] = url_fmt.format(date=first)
            if granularity == "year":
                archive["period"] = (period,)
                archive["period_num"] = (period,)
            else:
                month_name = calendar.month_name[period[1]]
                if granularity == "month":
                    archive["period"] = (period[0], month_name)
                else:
                    archive["period"] = (period[0], month_name, period[2])
                archive["period_num"] = tuple(period)
            period_archives[granularity].append(archive)
    return period_archives
