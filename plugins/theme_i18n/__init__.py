"""The theme in the page's language: Vietnamese by default, English for /en/.

Templates mark their fixed strings with ``_()`` (Jinja's i18n extension);
which catalogue answers depends on the language of the page being written,
so one build writes both the Vietnamese site and its English pages. Pages
that translate each other say so with ``Translates: <slug of the original>``
and get ``hreflang`` links to each other. The site settings the frame prints
(SITENAME, SITE_PUBLISHER…, THEME_I18N_LOCALIZED) have a variant per language,
``SITENAME_EN``, which templates see under the plain name on an English page.
"""

import logging
from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2.utils import missing
from markupsafe import Markup
from pelican import signals

from vietnamese.text import slugify

from .catalog import Catalog, load_catalogs
from .settings import localized_settings

logger = logging.getLogger(__name__)


def page_language(context) -> str:
    """The language of what is being written: its content's, else the site's.

    Asked some thirty times per page (each ``_()``, each setting with a
    variant per language): a Jinja context, which lives for one template's
    rendering and whose page objects no template reassigns, remembers it."""
    found = getattr(context, "_page_language", None)
    if found is not None:
        return found
    for name in ("article", "page", "document"):
        content = context.get(name)
        found = getattr(content, "lang", None)
        if found:
            break
    else:
        found = context.get("DEFAULT_LANG", "vi")
    if isinstance(context, Context):
        context._page_language = found
    return found


def _catalogs(theme: str) -> dict[str, Catalog]:
    folder = Path(theme) / "translations"
    return load_catalogs(folder) if folder.is_dir() else {}


def frame_context(localized: dict[str, dict[str, str]]) -> type[Context]:
    """A Jinja context in which ``SITENAME`` is ``SITENAME_EN`` on an English page.

    Every template, partial and ``pass_context`` helper (site_meta's JSON-LD)
    then prints the frame in the page's language without a template knowing
    which settings have translations: Jinja resolves each name it reads
    through ``resolve_or_missing``, the hook it offers for this.
    """

    class FrameContext(Context):
        def resolve_or_missing(self, key: str):
            by_language = localized.get(key)
            if by_language:
                value = by_language.get(page_language(self))
                if value is not None:
                    return value
            # Context.resolve_or_missing of Jinja 3.1, inline: every name a
            # template reads comes here (120 per page), and a call to the
            # parent class's cost as much as the look-ups.
            if key in self.vars:
                return self.vars[key]
            if key in self.parent:
                return self.parent[key]
            return missing

    return FrameContext


def install(generator) -> None:
    """On generator_init: every generator's Jinja environment speaks both."""
    catalogs = _catalogs(generator.theme)

    def translate(context, message: str) -> str:
        catalog = catalogs.get(page_language(context))
        return catalog.messages.get(message, message) if catalog else message

    @pass_context
    def ngettext(context, singular: str, plural: str, count: int) -> str:
        catalog = catalogs.get(page_language(context))
        forms = catalog.plurals.get((singular, plural)) if catalog else None
        if forms:
            text = forms[min(catalog.plural(count), len(forms) - 1)]
        else:
            text = singular if count == 1 else plural
        return _escape_percent(text, singular)

    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    gettext = plain_gettext(translate)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    # Jinja wraps gettext to format its result; plain_gettext formats itself.
    env.globals["_"] = env.globals["gettext"] = gettext
    env.globals["page_language"] = pass_context(page_language)
    env.context_class = frame_context(localized_settings(generator.settings, catalogs))


def plain_gettext(translate):
    """Jinja's newstyle ``gettext``, the one most calls take made short.

    ``{{ _("Trang chủ") }}`` runs about forty times per page. Jinja's
    version reaches the function through an alias and a wrapper, then
    formats the text even without variables (``text % {}``, through Markup's
    escaping formatter). Without variables this one returns the text as it
    is: the same output, since formatting with nothing only turns the "%%"
    of _escape_percent back into "%".
    """

    @pass_context
    def gettext(context, message: str, **variables):
        text = translate(context, message)
        if variables:
            text = _escape_percent(text, message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables if variables else text

    return gettext


def _escape_percent(text: str, message: str) -> str:
    # Newstyle gettext always formats the result (``text % variables``),
    # even without variables: a plain "%" would raise, so double it.
    return text if "%(" in message else text.replace("%", "%%")


def check_settings(pelican) -> None:
    """On initialized: a missing SITENAME_EN stops the build before any work."""
    localized_settings(pelican.settings, _catalogs(pelican.settings["THEME"]))


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
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(install)
    signals.page_generator_context.connect(translation_key)
    signals.page_generator_finalized.connect(keep_other_languages_out_of_the_list)
