"""Two posts that would be written to the same address: the second would replace the first."""

from portal.check.problems import ERROR, Problem, shown_path
from portal.check.source import Source
from vietnamese.text import slugify


def slug_of(source: Source) -> str:
    """The slug the vietnamese plugin gives the post: from Slug:, else from Title:."""
    return slugify(source.value("slug") or source.value("title") or "")


def check_duplicate_slugs(sources: list[Source]) -> list[Problem]:
    problems = []
    first: dict[tuple[str, bool, str], Source] = {}
    for source in sorted(sources, key=lambda s: s.path):
        slug = slug_of(source)
        if not slug:
            continue
        # Drafts are written under /ban-nhap/, pages at the root: only the
        # same kind and status can collide.
        key = (source.kind, (source.value("status") or "").lower() == "draft", slug)
        if key not in first:
            first[key] = source
            continue
        other = first[key]
        problems.append(
            Problem(
                source.path,
                source.line_of("slug" if "slug" in source.meta else "title"),
                ERROR,
                f"địa chỉ (slug) {slug!r} trùng với bài {shown_path(other.path)} (duplicate slug)",
                f"thêm dòng Slug: với một địa chỉ khác, ví dụ Slug: {slug}-2",
            )
        )
    return problems
