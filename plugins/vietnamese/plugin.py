"""The Vietnamese text rules wired into Pelican (see the package's docstring)."""

import logging

from jinja2 import pass_environment
from jinja2.filters import make_attrgetter
from pelican import signals

from . import NFC_EXTENSION, SLUG_REGEX_SUBSTITUTIONS, dates, text

logger = logging.getLogger(__name__)


def check_settings(pelican) -> None:
    """Refuse to start when a setting would make part of the site disagree."""
    settings = pelican.settings
    problems = []
    if NFC_EXTENSION not in settings["MARKDOWN"].get("extension_configs", {}):
        problems.append(f"MARKDOWN['extension_configs'] lacks {NFC_EXTENSION!r}")
    for key in ("SLUG_REGEX_SUBSTITUTIONS", "CATEGORY_REGEX_SUBSTITUTIONS"):
        if [tuple(s) for s in settings.get(key, [])] != SLUG_REGEX_SUBSTITUTIONS:
            problems.append(f"{key} must be vietnamese.SLUG_REGEX_SUBSTITUTIONS")
    if settings.get("TIMEZONE") != "Asia/Ho_Chi_Minh":
        problems.append("TIMEZONE must be 'Asia/Ho_Chi_Minh'")
    if problems:
        raise ValueError("vietnamese plugin: " + "; ".join(problems))


def apply_text_rules(generator, metadata: dict) -> None:
    """Give content, categories, tags and authors slugs from our slugify.

    Runs on the *_generator_context signals: after the reader parsed the
    metadata and before Pelican builds the content object from it, the one
    moment when the slug can still be chosen.
    """
    source = metadata.get("slug") or metadata.get("title")
    if source:
        metadata["slug"] = text.slugify(str(source))
    for wrapper in _taxonomy(metadata):
        wrapper.slug = text.slugify(wrapper.name)


def _taxonomy(metadata: dict):
    for single in ("category", "author"):
        if metadata.get(single):
            yield metadata[single]
    yield from metadata.get("tags", ())
    yield from metadata.get("authors", ())


@pass_environment
def vn_sort(environment, items, attribute=None, reverse=False):
    """Sort by Vietnamese dictionary order: ``{{ tags|vn_sort('0.name') }}``."""
    value_of = make_attrgetter(environment, attribute) if attribute else (lambda x: x)
    return sorted(items, key=lambda x: text.sort_key(str(value_of(x))), reverse=reverse)


FILTERS = {
    "date_line": dates.date_line,
    "day": dates.day,
    "iso": dates.iso,
    "fold": text.fold,
    "group_digits": text.group_digits,
    "vn_shorten": text.shorten,
    "slugify": text.slugify,
    "vn_sort": vn_sort,
}


def add_template_filters(generator) -> None:
    generator.env.filters.update(FILTERS)


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_template_filters)
    signals.article_generator_context.connect(apply_text_rules)
    signals.page_generator_context.connect(apply_text_rules)
