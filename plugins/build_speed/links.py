"""Pelican's intrasite-link pass skipped over HTML that can hold no such link.

Pelican runs ``Content._update_content`` over every article's HTML when it is
shown and over every summary on every build
(``refresh_metadata_intersite_links``): a regular expression that looks at
every tag for ``{filename}``, ``{static}``, ``|filename|`` and the like. With
Pelican's INTRASITE_LINK_REGEX (``[{|]…[|}]``) a link needs a "{" or a "|";
text with neither comes back unchanged, as the expression would leave it,
without the scan: 0.05 s of each warm edit at 5,000 articles (the
summaries), more in a full build (every body). A site with its own
INTRASITE_LINK_REGEX gets Pelican's pass as it is.

``install`` swaps the method of ``Content`` when a build starts and
``uninstall`` puts Pelican's back when it ends, like ``translations``.
"""

from pelican.contents import Content
from pelican.settings import DEFAULT_CONFIG

PELICANS = Content._update_content
_DEFAULT_REGEX = DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]


def _update_content(self, content: str, siteurl: str) -> str:
    if (
        isinstance(content, str)
        and "{" not in content
        and "|" not in content
        and self.settings["INTRASITE_LINK_REGEX"] == _DEFAULT_REGEX
    ):
        return content
    return PELICANS(self, content, siteurl)


def install(pelican_object=None) -> None:
    Content._update_content = _update_content


def uninstall(pelican_object=None) -> None:
    Content._update_content = PELICANS
