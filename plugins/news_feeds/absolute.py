"""Make every URL in an HTML fragment absolute, for content read outside the site.

A feed reader shows an entry away from the page it came from, so root-relative
``/images/…``, relative ``../`` and bare ``#anchor`` links must carry the full
address: anchors point into the article's own page.
"""

from urllib.parse import urljoin

import lxml.html

# Attributes that hold one URL (HTML5), and the ones that hold a list of
# "URL descriptor" candidates.
_URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "formaction", "data", "longdesc")
_SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")


def absolute_url(url: str, page_url: str) -> str:
    """``url`` as written in a page at ``page_url`` (itself absolute)."""
    url = url.strip()
    if not url:
        return page_url
    return urljoin(page_url, url)


def absolute_srcset(srcset: str, page_url: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([absolute_url(parts[0], page_url), *parts[1:]]))
    return ", ".join(candidates)


def absolute_html(fragment: str, page_url: str) -> str:
    """The same HTML with every link, image, ``srcset`` and anchor absolute."""
    if not fragment.strip():
        return fragment
    wrapper = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in wrapper.iter(tag=lxml.etree.Element):
        for name in _URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, absolute_url(value, page_url))
        for name in _SRCSET_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, absolute_srcset(value, page_url))
    html = lxml.html.tostring(wrapper, encoding="unicode", method="html")
    return html[len("<div>") : -len("</div>")]
