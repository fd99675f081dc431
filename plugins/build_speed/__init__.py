"""Pelican's own costs that grow faster than the site, taken out; the output is unchanged.

- ``archives``: the yearly archive groups in one pass instead of one scan of
  every article per year (O(n²) in Pelican 4.12: hours at 50,000 articles).
- ``paths``: each content object remembers its path relative to the content
  folder; Pelican recomputes it (two ``abspath`` and a ``relpath``) for every
  URL it builds, dozens of times per article.
- ``groups``: tag, category and author pages get their articles by date
  with a set of ids instead of a list scan per article (O(n²) in Pelican).
- ``fragments``: the site's header and footer, the same on thousands of
  pages, rendered once per language (``shared_fragment`` in the theme).
- ``compiled_templates``: the theme compiled once, kept in the cache, not
  compiled again by every generator of every build.
- ``filters``: ``striptags`` remembered for each text, not run again for
  every card that shows a summary.
- ``warm_articles``: in the warm build process of ``invoke serve`` only,
  articles kept in memory from one build to the next; a file read again
  only when it (or what it is read with) changed, and its links to static
  files searched for once.
- ``listing``: the article files listed once per build, not once by
  Pelican and again by markdown_reuse.
- ``translations``: a set of ids, as in ``groups``, for telling originals
  from translations.
- ``links``: Pelican's search for intrasite links skipped over HTML with no
  "{" and no "|", which can hold none.
- ``urls``: each article's and page's ``url`` formatted once while the
  build writes, not on every access; in the warm process, a kept article's
  ``url`` and ``save_as`` not formatted at all.

All but the last three are installed on the instances Pelican creates (a
generator, a content object), never by patching Pelican's classes, so they
end with the build; the last three swap a function of ``pelican.generators``,
a method and two properties of ``Content`` for part of the build, and put
Pelican's back when it ends (their module docstrings say why).
"""

from pelican import signals

from . import (
    compiled_templates,
    filters,
    fragments,
    links,
    listing,
    translations,
    urls,
    warm_articles,
)
from .archives import build_period_archives
from .groups import install_group_pages
from .paths import remember_relative_path


def install_archives(generator) -> None:
    """On article_generator_init: Pelican calls ``self._build_period_archives``,
    and ``self.generate_tags`` and the like from ``generate_pages``."""
    generator._build_period_archives = build_period_archives
    install_group_pages(generator)


def register():
    signals.initialized.connect(translations.install)
    signals.finalized.connect(translations.uninstall)
    signals.initialized.connect(links.install)
    signals.finalized.connect(links.uninstall)
    signals.initialized.connect(urls.uninstall)  # after a build that failed
    signals.get_writer.connect(urls.install)
    signals.finalized.connect(urls.uninstall)
    signals.generator_init.connect(compiled_templates.install)
    signals.generator_init.connect(fragments.install)
    signals.generator_init.connect(filters.install)
    signals.article_generator_init.connect(install_archives)
    signals.article_generator_init.connect(listing.install)
    signals.article_generator_init.connect(warm_articles.install)
    signals.finalized.connect(warm_articles.end_build)
    signals.content_object_init.connect(remember_relative_path)
