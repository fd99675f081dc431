"""Legal documents as Pelican content, and the lists and filters built from them."""

from dataclasses import dataclass, field

from pelican.contents import Page

from vietnamese.text import slugify, sort_key


class Document(Page):
    """One legal or administrative document ("văn bản"): a page with fields."""

    # Decided by the generator from LEGAL_DOCUMENTS_URL, not by Pelican's
    # *_URL settings, so the plugin needs none of its own there.
    base_url = "van-ban/"

    @property
    def url(self) -> str:
        return f"{self.base_url}{self.slug}/"

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"


@dataclass
class Facet:
    """One value of one filter ("Kế hoạch", "Đảng ủy phường Bưởi", "2023")."""

    kind: str  # "loai", "co-quan" or "nam": the URL segment
    label: str
    documents: list = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.label)

    def url(self, base: str) -> str:
        return f"{base}{self.kind}/{self.slug}/"


def facets(documents, kind: str, value_of) -> list[Facet]:
    """Documents grouped by one field, in Vietnamese order (years newest first)."""
    groups: dict[str, Facet] = {}
    for document in documents:
        label = value_of(document)
        groups.setdefault(label, Facet(kind, label)).documents.append(document)
    if kind == "nam":
        return sorted(groups.values(), key=lambda f: f.label, reverse=True)
    return sorted(groups.values(), key=lambda f: sort_key(f.label))


def related(document, documents, count: int) -> list:
    """Documents of the same issuer or type, closest in date first."""

    def distance(other) -> tuple:
        shared = (other.issuer == document.issuer) + (other.type == document.type)
        return (-shared, abs((other.issued_on - document.issued_on).days), other.slug)

    others = [d for d in documents if d is not document]
    candidates = [d for d in others if d.issuer == document.issuer or d.type == document.type]
    return sorted(candidates, key=distance)[:count]


def newest_first(documents) -> list:
    return sorted(documents, key=lambda d: (d.issued_on, d.number), reverse=True)


def year_of(document) -> str:
    return str(document.issued_on.year)
