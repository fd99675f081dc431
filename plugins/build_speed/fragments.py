"""Parts of the page frame that are the same on thousands of pages, rendered once.

The site's header and footer (``_site_header.html``, ``_site_footer.html``)
print only the site's context, in the page's language: menus, the search
box's strings, the footer's links. Rendered on every page they were about
two fifths of an article page's rendering time (some thirty ``_()`` calls,
loops over categories and pages). ``{{ shared_fragment("_site_header.html") }}``
renders the partial with the page's context the first time, then gives the
same markup to every page whose context holds the same values for every
name the partial reads and is in the same language.

The key is computed, not declared: the names are the partial's undeclared
variables (``jinja2.meta``), so a name added to the partial joins the key by
itself. Text and numbers are compared by value; any other object (the list
of pages, the categories) by identity, and the cache holds a reference to it
so that its ``id`` cannot be reused by another object while the entry lives.
The cache belongs to one generator's Jinja environment, so it ends with the
build.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, meta, pass_context
from jinja2.runtime import Context
from jinja2.utils import concat
from markupsafe import Markup

_PLAIN = (str, int, float, bool, type(None))

# The names each partial's source reads, for every environment of every
# build of the process: parsing and walking the header and footer cost
# 0.07 s per build (two partials, three generators' environments), paid
# again on each save in the warm build process. Keyed by the source and
# what else shapes its parse (the syntax, the extensions).
_READS: dict[tuple, tuple[str, ...]] = {}
_SYNTAX = (
    "block_start_string", "block_end_string", "variable_start_string",
    "variable_end_string", "comment_start_string", "comment_end_string",
    "line_statement_prefix", "line_comment_prefix",
)  # fmt: skip


class SharedFragments:
    """The ``shared_fragment`` global of one Jinja environment."""

    def __init__(self, env: Environment):
        self.env = env
        self._reads: dict[str, tuple[str, ...]] = {}
        self._rendered: dict[tuple, tuple[Markup, tuple]] = {}

    def reads(self, name: str) -> tuple[str, ...]:
        """The context names the partial ``name`` reads."""
        if name not in self._reads:
            env = self.env
            source, _, _ = env.loader.get_source(env, name)
            key = (source, *(getattr(env, a) for a in _SYNTAX), frozenset(env.extensions))
            names = _READS.get(key)
            if names is None:
                found = meta.find_undeclared_variables(env.parse(source))
                names = _READS[key] = tuple(sorted(found))
            self._reads[name] = names
        return self._reads[name]

    @pass_context
    def __call__(self, context: Context, name: str) -> Markup:
        values = tuple(context.resolve_or_missing(n) for n in self.reads(name))
        key = (name, _language(context), *(_keyable(v) for v in values))
        found = self._rendered.get(key)
        if found is None:
            template = self.env.get_template(name)
            rendered = concat(template.root_render_func(template.new_context(context.get_all())))
            # ``values`` is kept so that no object in the key is freed
            # while its id stands for it.
            found = self._rendered[key] = (Markup(rendered), values)
        return found[0]


def _keyable(value: Any) -> Any:
    return value if isinstance(value, _PLAIN) else ("id", id(value))


def _language(context: Context) -> Any:
    # ``_()`` answers in the page's language (plugins/theme_i18n), which no
    # context name says directly: ask the same function the theme asks.
    page_language = context.resolve_or_missing("page_language")
    return context.call(page_language) if callable(page_language) else None


def install(generator) -> None:
    """On generator_init: one cache per generator's environment."""
    generator.env.globals["shared_fragment"] = SharedFragments(generator.env)
