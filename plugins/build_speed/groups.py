"""Tag, category and author pages in time proportional to the site.

Pelican 4.12 gives each of these pages its articles by date with
``[a for a in self.dates if a in articles]``: every article of the site
tested against the group's list, per group. With a tag on most articles
that is articles² comparisons: under a second at 5,000 articles, well over
a minute at 50,000. Here the test is a set of ids (Pelican's content objects
compare by identity, so it is the same test) and the rest is Pelican's
``generate_tags`` / ``generate_categories`` / ``generate_authors``, one
function for the three; tests/test_build_speed.py checks they write the same.
"""

import logging
from functools import partial

from pelican.writers import FileOverwriteFailedError

logger = logging.getLogger(__name__)

# template and keyword → (the generator's attribute, the name Pelican logs)
GROUPS = {
    "tag": ("tags", "Tag"),
    "category": ("categories", "Category"),
    "author": ("authors", "Author"),
}


def generate_group_pages(generator, kind: str, write) -> None:
    attribute, label = GROUPS[kind]
    template = generator.get_template(kind)
    groups = getattr(generator, attribute)
    for group, articles in groups.items() if isinstance(groups, dict) else groups:
        members = {id(article) for article in articles}
        dates = [article for article in generator.dates if id(article) in members]
        try:
            write(
                group.save_as,
                template,
                generator.context,
                url=group.url,
                articles=articles,
                dates=dates,
                template_name=kind,
                blog=True,
                page_name=group.page_name,
                all_articles=generator.articles,
                **{kind: group},
            )
        except FileOverwriteFailedError:
            if not group.slug:
                logger.info(
                    '%s "%s" has an invalid slug; skipping writing %s page...',
                    label,
                    group,
                    kind,
                    extra={"limit_msg": f"Further {attribute} with invalid slugs."},
                )
                continue
            logger.error('Failed to write %s page for "%s".', label, group)
            raise


def install_group_pages(generator) -> None:
    """On the generator instance, in place of Pelican's three methods."""
    for kind, (attribute, _) in GROUPS.items():
        setattr(generator, f"generate_{attribute}", partial(generate_group_pages, generator, kind))
