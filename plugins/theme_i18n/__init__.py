"""The theme in the page's language: Vietnamese by default, English for /en/.

Templates mark their fixed strings with ``_()`` (Jinja's i18n extension);
which catalogue answers depends on the language of the page being written,
so one build writes both the Vietnamese site and its English pages. Pages
that translate each other say so with ``Translates: <slug of the original>``
and get ``hreflang`` links to each other.
"""

import logging
from pathlib import Path

from jinja2 import pass_context
from pelican import signals

from vietnamese.text import slugify

from .catalog import load_catalogs

logger = logging.getLogger(__name__)


def page_language(context) -> str:
    """The language of what is being written: its content's, else the site's."""
    for name in ("article", "page", "document"):
        content = context.get(name)
        lang = getattr(content, "lang", None)
        if lang:
            return lang
    return context.get("DEFAULT_LANG", "vi")


def install(generator) -> None:
    """On generator_init: every generator's Jinja environment speaks both."""
    folder = Path(generator.theme) / "translations"
    catalogs = load_catalogs(folder) if folder.is_dir() else {}

    @pass_context
    def gettext(context, message: str) -> str:
        text = catalogs.get(page_language(context), {}).get(message, message)
        # Newstyle gettext always formats the result (``text % variables``),
        # even without variables: a plain "%" would raise, so double it.
        return text if "%(" in message else text.replace("%", "%%")

    @pass_context
    def ngettext(context, singular: str, plural: str, count: int) -> str:
        return gettext(context, singular if count == 1 else plural)

    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["page_language"] = pass_context(page_language)


def translation_key(generator, metadata: dict) -> None:
    """Pages pair up by what they translate: /en/contacts/ and /lien-he/."""
    # A page without Slug: gets vietnamese.text.slugify(title) as its slug
    # (plugins/vietnamese), so Translates: names the original by its URL either way.
    key = metadata.get("translates") or metadata.get("slug")
    metadata["translation_key"] = str(key or slugify(str(metadata.get("title", ""))))


def keep_other_languages_out_of_the_list(generator) -> None:
    """On page_generator_finalized: ``pages`` (menus, footer) stays Vietnamese.

    Pelican lists a page whose ``Translates:`` finds no original as an original
    itself, so a mistyped slug would put an English page among the Vietnamese
    ones: it is still written, but listed with the translations, and the
    editor is told which file and what to check.
    """
    default = generator.settings.get("DEFAULT_LANG", "vi")
    strays = [page for page in generator.pages if page.lang != default]
    for page in strays:
        translates = page.metadata.get("translates")
        if translates:
            logger.warning(
                "%s: Translates: %s matches no page in %s; write the Slug: of the page "
                "this one translates",
                page.source_path,
                translates,
                default,
            )
        generator.pages.remove(page)
        generator.translations.append(page)
    if strays:
        generator.context["pages"] = generator.pages
    # For what lists every page whatever its language (plugins/site_map).
    generator.context["page_translations"] = sorted(generator.translations, key=lambda p: p.url)
    # The header links to a language's home (/en/) only when that page exists.
    homes = {p.lang: p.url for p in generator.translations if p.url == f"{p.lang}/"}
    generator.context["language_homes"] = dict(sorted(homes.items()))


def register():
    signals.generator_init.connect(install)
    signals.page_generator_context.connect(translation_key)
    signals.page_generator_finalized.connect(keep_other_languages_out_of_the_list)
