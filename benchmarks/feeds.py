"""Feeds on a 20,000-article corpus: news_feeds against Pelican's own feeds.

    ./dev bench feeds

Both write the same set (RSS and Atom for the whole site and for each
category, the latest 50 entries each, full content) from the same Article
objects, read once; news_feeds also writes JSON Feed and the /feeds/ page.
Only the feed step is timed: reading 20,000 Markdown files is the same for
both and is cached in benchmarks/_work/feeds/cache between runs.
"""

import logging
import shutil
import statistics
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, WORK, gencorpus

ARTICLES = 20_000
REPEAT = 3
BENCH = WORK / "feeds"
PLUGINS = ["vietnamese", "markdown_figures", "news_lists", "news_feeds"]


def load_articles():
    """Pelican's settings, context and ArticlesGenerator with every article read."""
    from pelican import Pelican
    from pelican.generators import ArticlesGenerator
    from pelican.settings import read_settings

    content = BENCH / "content"
    gencorpus(content / "bai-viet", ARTICLES)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(BENCH / "out"),
            "PLUGINS": PLUGINS,
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": True,
            "CACHE_PATH": str(BENCH / "cache"),
        },
    )
    pelican = Pelican(settings)  # registers the plugins' signals
    context = settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={})
    context["localsiteurl"] = settings["SITEURL"]
    start = time.perf_counter()
    articles = ArticlesGenerator(
        context=context,
        settings=settings,
        path=pelican.path,
        theme=pelican.theme,
        output_path=pelican.output_path,
    )
    articles.generate_context()
    print(f"read {len(articles.articles)} articles in {time.perf_counter() - start:.1f} s")
    return pelican, settings, context, articles


def pelican_feeds(settings, articles, output: Path) -> None:
    from pelican.writers import Writer

    baseline = {
        **settings,
        "FEED_ALL_RSS": "feeds/all.rss.xml",
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "CATEGORY_FEED_RSS": "feeds/chuyen-muc/{slug}.rss.xml",
        "CATEGORY_FEED_ATOM": "feeds/chuyen-muc/{slug}.atom.xml",
        "FEED_MAX_ITEMS": 50,
        "RSS_FEED_SUMMARY_ONLY": False,  # full content, as news_feeds writes
    }
    own = articles.settings
    articles.settings = baseline
    try:
        articles.generate_feeds(Writer(str(output), settings=baseline))
    finally:
        articles.settings = own


def news_feeds(pelican, settings, context, output: Path) -> None:
    from pelican.writers import Writer

    from news_feeds.generator import NewsFeedsGenerator

    generator = NewsFeedsGenerator(
        context=context,
        settings=settings,
        path=pelican.path,
        theme=pelican.theme,
        output_path=str(output),
    )
    generator.generate_context()
    generator.generate_output(Writer(str(output), settings=settings))


def timed(step, output: Path) -> float:
    shutil.rmtree(output, ignore_errors=True)
    start = time.perf_counter()
    step(output)
    return time.perf_counter() - start


def sizes(output: Path) -> dict[str, int]:
    return {
        str(p.relative_to(output)): p.stat().st_size
        for p in sorted(output.rglob("*"))
        if p.is_file() and p.suffix in (".xml", ".json")
    }


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    sys.path.insert(0, str(ROOT / "plugins"))
    pelican, settings, context, articles = load_articles()
    steps = {
        "pelican": lambda out: pelican_feeds(settings, articles, out),
        "news_feeds": lambda out: news_feeds(pelican, settings, context, out),
    }
    times = {name: [] for name in steps}
    for _ in range(REPEAT):  # interleaved, so that noise from others hits both
        for name, step in steps.items():
            times[name].append(timed(step, BENCH / name))
    print(f"\nfeed step on {len(articles.articles)} articles, {REPEAT} runs each (seconds):")
    for name, runs in times.items():
        print(f"  {name:<11} first {runs[0]:.3f}  median {statistics.median(runs):.3f}")
    print("\nsizes (bytes):")
    ours, theirs = sizes(BENCH / "news_feeds"), sizes(BENCH / "pelican")
    for name in ("feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/all.json"):
        print(f"  {name:<22} pelican {theirs.get(name, 0):>9}  news_feeds {ours.get(name, 0):>9}")
    print(
        f"  {'all feeds':<22} pelican {sum(theirs.values()):>9}  news_feeds "
        f"{sum(ours.values()):>9}  ({len(theirs)} and {len(ours)} files)"
    )
    ratio = statistics.median(times["news_feeds"]) / statistics.median(times["pelican"])
    print(f"\nratio news_feeds / pelican (median time): {ratio:.2f}")


if __name__ == "__main__":
    main()
