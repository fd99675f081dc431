"""View counts ("Lượt xem") and "Đọc nhiều" from the web server's access logs.

A static site cannot count readers when they read, so the counts come from
the logs at build time. The reading and counting are pure modules (logformat,
logfiles, tally, counting, state); this module wires them into Pelican.

On every article: ``views`` (total, when counting is on). In the template
context: ``most_read`` (the site's most read articles of the last
POPULAR_DAYS days) and ``most_read_by_category`` (the same per category slug).
"""

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pelican import signals

from .counting import log_files, update_views
from .settings import view_counts_settings
from .state import load_state, save_state
from .urls import normalise_path

logger = logging.getLogger(__name__)


def check_settings(pelican) -> None:
    view_counts_settings(pelican.settings)


def article_identity(article) -> str:
    """What a count is kept under: the source file, which a new slug, title or
    category does not change."""
    return article.relative_source_path


def count_views(generator) -> None:
    """Runs on article_generator_finalized: the articles and their URLs are
    final, and nothing has been written yet."""
    settings = view_counts_settings(generator.settings)
    generator.context.setdefault("most_read", [])
    generator.context.setdefault("most_read_by_category", {})
    if not settings["ENABLED"] or not settings["LOGS"]:
        return
    project = Path(generator.settings["PATH"]).parent
    files = log_files(settings["LOGS"], project)
    if not files:
        logger.warning(
            "Không thấy nhật ký truy cập nào theo VIEW_COUNTS_LOGS = %r; lượt xem giữ như "
            "lần trước (no access log found).",
            settings["LOGS"],
        )
    articles = sorted(generator.articles, key=article_identity)
    identities = [article_identity(a) for a in articles]
    article_paths = {normalise_path("/" + a.url): i for i, a in enumerate(articles)}
    prefix = "/" + generator.settings["ARTICLE_URL"].split("{", 1)[0]
    state_path = project / settings["STATE_FILE"]
    state = load_state(state_path)
    now = datetime.now(UTC)
    update_views(
        state, files, identities, article_paths, prefix, settings["VISIT_MINUTES"] * 60, now
    )
    save_state(state_path, state)
    _attach(generator, articles, state.counts, settings, now)


def _attach(generator, articles, counts, settings, now: datetime) -> None:
    first_day = (now + timedelta(hours=7) - timedelta(days=settings["POPULAR_DAYS"] - 1)).date()
    recent_views = {}
    for article in articles:
        per_day = counts.get(article_identity(article), {})
        article.views = sum(per_day.values())
        recent_views[article] = sum(n for d, n in per_day.items() if d >= first_day.isoformat())
    ranked = sorted(
        (a for a in articles if recent_views[a]),
        key=lambda a: (-recent_views[a], -a.date.timestamp(), a.url),
    )
    top = settings["POPULAR_COUNT"]
    generator.context["most_read"] = ranked[:top]
    by_category: dict[str, list] = {}
    for article in ranked:
        picks = by_category.setdefault(article.category.slug, [])
        if len(picks) < top:
            picks.append(article)
    generator.context["most_read_by_category"] = by_category


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(count_views)
