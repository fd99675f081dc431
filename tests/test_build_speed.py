"""plugins/build_speed: Pelican's slow steps replaced by ones giving the same result."""

import datetime
import pickle
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment
from jinja2.filters import do_striptags
from markupsafe import Markup
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG

from build_speed import filters, translations
from build_speed.archives import build_period_archives
from build_speed.groups import generate_group_pages
from build_speed.paths import RelativePathMemo, remember_relative_path
from build_speed.warm_articles import _CannotCopyError, _Copier
from incremental_render.fingerprint import forget_copies
from tests.warm_copies import build_copy


def _articles(count: int) -> list[SimpleNamespace]:
    start = datetime.datetime(2019, 12, 30, 7, 0)
    # Spread over three years (2019 to 2021), several per day, in no particular order.
    return [
        SimpleNamespace(title=f"bài {i}", date=start + datetime.timedelta(hours=(i * 37) % 9000))
        for i in range(count)
    ]


def test_period_archives_are_pelicans_own(tmp_path):
    articles = _articles(300)
    articles.sort(key=lambda a: a.title)  # the "articles" order differs from "dates"
    dates = sorted(articles, key=lambda a: a.date, reverse=True)
    settings = {
        **DEFAULT_CONFIG,
        "YEAR_ARCHIVE_SAVE_AS": "luu-tru/{date:%Y}/index.html",
        "YEAR_ARCHIVE_URL": "luu-tru/{date:%Y}/",
        "MONTH_ARCHIVE_SAVE_AS": "luu-tru/{date:%Y}/{date:%m}/index.html",
        "MONTH_ARCHIVE_URL": "luu-tru/{date:%Y}/{date:%m}/",
        "DAY_ARCHIVE_SAVE_AS": "",
    }
    ours = build_period_archives(dates, articles, settings)
    pelicans = ArticlesGenerator._build_period_archives(None, dates, articles, settings)
    assert ours == pelicans
    assert [a["period"] for a in ours["year"]] == [(2021,), (2020,), (2019,)]
    assert sum(len(a["articles"]) for a in ours["month"]) == 300
    assert "day" not in ours


def _article(tmp_path, name: str) -> Article:
    source = tmp_path / "bai-viet" / "2024" / name
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path)}
    metadata = {"title": "Tin", "date": datetime.datetime(2024, 1, 2, 8, 0), "slug": name[:-3]}
    return Article("<p>x</p>", metadata=metadata, settings=settings, source_path=str(source))


def test_relative_paths_are_remembered_but_never_stale(tmp_path):
    article = _article(tmp_path, "tin.md")
    expected = article.get_relative_source_path()
    other = article.get_relative_source_path(str(tmp_path / "images" / "a.jpg"))
    remember_relative_path(article)
    assert isinstance(article.get_relative_source_path, RelativePathMemo)
    assert article.get_relative_source_path() == expected == "bai-viet/2024/tin.md"
    assert article.get_relative_source_path(str(tmp_path / "images" / "a.jpg")) == other
    assert article.url == "tin.html" and article.save_as == "tin.html"
    # A new content folder (the key includes it) gives a new answer.
    article.settings["PATH"] = str(tmp_path / "bai-viet")
    assert article.get_relative_source_path() == "2024/tin.md"


_IGNORING = {"IGNORE_FILES": ["**/.*", ".#*", "*.bak", "nhap-[0-9]*"]}


def test_files_are_ignored_as_pelican_ignores_them():
    from pelican.generators import Generator

    from build_speed.listing import _include_path

    generator = SimpleNamespace(settings=_IGNORING, readers=SimpleNamespace(extensions=["md"]))
    ours = _include_path(generator)
    names = ["tin.md", ".an.md", ".#tin.md", "tin.md.bak", "nhap-1.md", "nhap-a.md", "a/b.md"]
    for name in names:
        for extensions in (None, False, ("bak",), ()):
            assert ours(name, extensions) == Generator._include_path(generator, name, extensions)
    assert [n for n in names if ours(n)] == ["tin.md", ".an.md", "nhap-a.md", "a/b.md"]


def test_the_article_files_are_listed_once_per_build(tmp_path):
    from build_speed import listing

    (tmp_path / "bai-viet").mkdir()
    for name in ("a.md", "b.md", "ghi-chu.txt"):
        (tmp_path / "bai-viet" / name).write_text("Title: x\n", encoding="utf-8")
    walks = []

    def walk(paths, exclude=None, extensions=None) -> set[str]:  # Pelican's get_files
        walks.append(paths)
        return {p.name for p in (tmp_path / paths[0]).iterdir() if p.suffix[1:] in extensions}

    listing.install(generator := SimpleNamespace(get_files=walk, settings=_IGNORING))
    first = generator.get_files(["bai-viet"], exclude=[], extensions=("md",))
    first.discard("a.md")  # the caller's own set
    (tmp_path / "bai-viet" / "c.md").write_text("Title: y\n", encoding="utf-8")
    assert generator.get_files(["bai-viet"], [], ("md",)) == {"a.md", "b.md"}
    assert generator.get_files(["bai-viet"], [], ("md", "txt")) == {
        "a.md", "b.md", "c.md", "ghi-chu.txt"
    }  # fmt: skip
    assert len(walks) == 2
    # Pelican's check for files of missing readers, none missing: no walk.
    assert generator.get_files(["bai-viet"], [], {}.keys()) == set()
    assert len(walks) == 2
    listing.install(next_build := SimpleNamespace(get_files=walk, settings=_IGNORING))
    assert "c.md" in next_build.get_files(["bai-viet"], [], ("md",)), "each build lists again"


def test_remembering_keeps_articles_picklable_and_stable(tmp_path):
    # Pelican's content cache pickles articles; the incremental renderer
    # digests their attributes, so the memo must print the same every build.
    article = _article(tmp_path, "tin.md")
    remember_relative_path(article)
    article.get_relative_source_path()
    copy = pickle.loads(pickle.dumps(article))
    assert copy.get_relative_source_path() == "bai-viet/2024/tin.md"
    assert repr(copy.get_relative_source_path) == repr(article.get_relative_source_path)
    assert not hasattr(article.get_relative_source_path, "__dict__")


def test_a_kept_article_is_copied_for_each_build_and_never_shared_with_it(tmp_path):
    """build_speed/warm_articles.py: what one build does to its copy (lists
    grown, attributes set) never reaches the kept article or the next copy."""
    article = _article(tmp_path, "tin.md")
    remember_relative_path(article)
    article.tags = ["Phường Bưởi"]
    article.metadata["tags"] = article.tags  # as Pelican sets them: one list
    kept = _Copier(None, None).article(article)
    assert kept.settings is None and kept._context is None  # no build held alive

    settings = {"SITENAME": "mới", "PATH": article.settings["PATH"]}
    context = {"articles": []}
    copy = _Copier(settings, context).article(kept)
    assert copy.settings is settings and copy._context is context
    assert copy.tags is copy.metadata["tags"] and copy.tags is not kept.tags
    copy.tags.append("Y tế")
    copy.related_news = ["bài khác"]
    assert kept.tags == ["Phường Bưởi"] and not hasattr(kept, "related_news")
    assert copy.title == article.title and copy.date is article.date
    assert copy.get_relative_source_path.content is copy
    # Its path relative to the content folder is worked out once, not per build.
    assert copy.get_relative_source_path() == "bai-viet/2024/tin.md"
    later = _Copier(settings, context).article(kept)
    assert later.get_relative_source_path.content is later
    assert later.get_relative_source_path.known == {
        (copy.source_path, settings["PATH"]): "bai-viet/2024/tin.md"
    }

    # A value of a kind the copy does not know (a plugin's object): the
    # article is not kept, so it is read again, never handed on stale.
    article.photo_strip = SimpleNamespace(photos=["a.jpg"])
    with pytest.raises(_CannotCopyError, match="photo_strip"):
        _Copier(None, None).article(article)


class _Group(SimpleNamespace):
    """Compares by identity, as Pelican's tags and categories hash."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__


def _record(calls, *args, **kwargs):
    calls.append((args, kwargs))


def test_a_copy_is_digested_as_it_is_now_whatever_was_digested_of_the_article_read(tmp_path):
    from pelican.urlwrappers import Tag

    from incremental_render.fingerprint import Fingerprints, copied_as_read, forget_copies

    read = _article(tmp_path, "tin.md")
    read.tags = [Tag("Phường Bưởi", read.settings)]
    texts: dict[str, str] = {}

    def key_of_a_copy(change=None) -> tuple[str, str]:
        copy = build_copy(read, change)
        copied_as_read(copy, read, texts)
        try:
            fingerprints = Fingerprints()
            return fingerprints.full(copy), fingerprints.card(copy)
        finally:
            forget_copies()

    def plain_key(change=None) -> tuple[str, str]:  # as a build that keeps nothing
        copy = build_copy(read, change)
        fingerprints = Fingerprints()
        return fingerprints.full(copy), fingerprints.card(copy)

    assert key_of_a_copy() == key_of_a_copy() == plain_key()
    layout = texts["\x00order"]  # the texts of attributes left as read are kept
    assert any(text and text.startswith("tags=") for text in layout.texts)

    def add_tag(copy):  # a plugin changing a list in place, during a build
        copy.tags.append(Tag("Môi trường", read.settings))

    def retitle(copy):
        copy.title = "Tin mới"

    def new_lead_photo(copy):  # its card, in every list, shows it
        copy.lead_image = {"src": "images/anh.jpg"}

    def new_slug(copy):  # a new address: URL and save_as
        copy.slug = "tin-moi"

    def own_url(copy):
        copy.override_url = "tin/rieng/"

    changes = (add_tag, retitle, new_lead_photo, new_slug, own_url)
    for change in changes:
        assert key_of_a_copy(change) == plain_key(change) != plain_key()
    assert key_of_a_copy(retitle)[1] != plain_key()[1], "lists show the new title"
    assert key_of_a_copy(new_lead_photo)[1] != plain_key()[1]
    assert key_of_a_copy(add_tag)[1] == plain_key()[1], "cards show no tags"
    assert key_of_a_copy() == plain_key(), "the article as read was left as it was"


def test_a_copy_has_the_last_builds_urls_only_while_what_they_are_made_of_is_as_read(tmp_path):
    """build_speed/urls.py: while a build writes, an article's URL and
    save_as are formatted once; a warm build's copy left as read takes the
    last copy's, a copy the build changed has its own, as Pelican makes it."""
    from pelican.contents import Content

    from build_speed import urls
    from incremental_render.fingerprint import copied_as_read, forget_copies

    read = _article(tmp_path, "tin.md")
    texts: dict[str, str] = {}

    def urls_of_a_copy(change=None) -> tuple[str, str]:
        copy = build_copy(read, change)
        copied_as_read(copy, read, texts)
        urls.install()
        try:
            return copy.url, copy.save_as, copy.url
        finally:
            urls.uninstall()
            forget_copies()

    def as_pelican_makes_them(change=None) -> tuple[str, str]:
        copy = build_copy(read, change)
        return copy.url, copy.save_as, copy.url

    def new_slug(copy):
        copy.slug = "tin-moi"

    def own_url(copy):
        copy.override_url = "tin/rieng/"

    def in_french(copy):  # a translation: its URL has its language
        copy.lang, copy.in_default_lang = "fr", False

    plain = as_pelican_makes_them()
    assert urls_of_a_copy() == plain
    assert texts["\x00url url"] == plain[0], "kept with the article as read"
    texts["\x00url url"] = "kept/"  # what the next copy left as read shows, unformatted
    assert urls_of_a_copy() == ("kept/", plain[1], "kept/")
    for change in (new_slug, own_url, in_french):
        assert urls_of_a_copy(change) == as_pelican_makes_them(change) != plain
    assert vars(Content)["url"] is urls.PELICANS["url"], "Pelican's property is back"
    assert as_pelican_makes_them() == plain


def test_a_page_key_counts_context_names_no_projection_knows_wherever_they_come_from():
    """A plugin's new global (in the generator's context) or a new keyword
    of a write_file call changes the keys of the pages that get it, though
    the shared context's names are sorted out once, not per page."""
    from incremental_render.fingerprint import Fingerprints
    from incremental_render.projection import page_digest

    def key(shared_extra: dict, own: dict) -> str:
        shared = {"SITENAME": "Phường Bưởi", "pages": [], **shared_extra}
        page = {**shared, "output_file": "the/a/index.html", "tag": "a", **own}
        names = ["output_file", "tag", *own]
        return page_digest(Fingerprints(), "tag.html", page, shared, names)

    plain = key({}, {})
    assert key({}, {}) == plain
    assert key({"weather": "nắng"}, {}) != key({"weather": "mưa"}, {}) != plain
    assert key({}, {"weather": "nắng"}) != key({}, {"weather": "mưa"}) != plain
    assert key({"weather": "nắng"}, {}) == key({}, {"weather": "nắng"})
    assert key({"drafts": ["x"]}, {}) == plain, "a name no skippable template prints"


def test_tag_category_and_author_pages_are_written_as_pelican_writes_them():
    articles = _articles(60)
    dates = sorted(articles, key=lambda a: a.date, reverse=True)
    group = [_Group(save_as=f"g/{i}/", url=f"g/{i}/", slug=f"g{i}", page_name=f"g{i}")
             for i in range(4)]  # fmt: skip
    members = [[a for j, a in enumerate(articles) if j % (i + 2) == 0] for i in range(4)]
    generator = SimpleNamespace(
        get_template=lambda name: f"template {name}",
        tags=dict(zip(group, members, strict=True)),
        categories=list(zip(group, members, strict=True)),
        authors=list(zip(group[:2], members[:2], strict=True)),
        dates=dates,
        articles=articles,
        context={"SITENAME": "Phường Bưởi"},
    )
    for kind, method in (
        ("tag", ArticlesGenerator.generate_tags),
        ("category", ArticlesGenerator.generate_categories),
        ("author", ArticlesGenerator.generate_authors),
    ):
        ours, pelicans = [], []
        generate_group_pages(generator, kind, partial(_record, ours))
        method(generator, partial(_record, pelicans))
        assert ours == pelicans and len(ours) in (2, 4)
        assert all(k["dates"] for _, k in ours)


def test_originals_and_translations_are_pelicans_own(tmp_path, caplog):
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path), "DEFAULT_LANG": "vi"}

    def item(slug, lang, **extra):
        metadata = {"title": slug, "slug": slug, "lang": lang, **extra}
        return Article("<p>x</p>", metadata=metadata, settings=settings, source_path=f"{slug}.md")

    def made():
        return [
            item("tin-a", "vi"), item("tin-a", "en"), item("tin-b", "en"),
            item("tin-c", "vi"), item("tin-c", "vi"),  # two originals: Pelican warns
            item("tin-d", "en", translation="true"), item("tin-d", "vi"),
            item("tin-e", "vi", translation="true"),
        ]  # fmt: skip

    for translation_id in ("slug", ("slug", "lang"), None):
        ours_list, pelicans_list = made(), made()
        _forget_logged()
        caplog.clear()
        ours = translations.process_translations(ours_list, translation_id)
        our_warnings = [r.getMessage() for r in caplog.records]
        _forget_logged()
        caplog.clear()
        pelicans = translations.PELICANS(pelicans_list, translation_id)
        assert _shape(ours, ours_list) == _shape(pelicans, pelicans_list)
        assert our_warnings == [r.getMessage() for r in caplog.records]
        assert our_warnings or translation_id is None


def _forget_logged() -> None:
    """Pelican's log filter shows a warning once per process: both sides
    of a comparison must be able to log theirs."""
    from pelican.log import LimitFilter

    LimitFilter._ignore.clear()
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def _shape(result, items):
    """Originals and translations as positions in the list, with each item's translations."""
    where = {id(x): i for i, x in enumerate(items)}
    index, rest = result
    return (
        [where[id(x)] for x in index],
        [where[id(x)] for x in rest],
        [sorted(where[id(t)] for t in getattr(x, "translations", [])) for x in items],
    )


def _fragment_env(templates: dict[str, str]):
    from jinja2 import DictLoader, Environment, pass_context

    from build_speed.fragments import SharedFragments

    env = Environment(loader=DictLoader(templates), autoescape=True)
    env.globals["shared_fragment"] = SharedFragments(env)
    renders = []

    @pass_context
    def page_language(context):
        return getattr(context.get("article"), "lang", "vi")

    @pass_context
    def counted(context):
        renders.append(page_language(context))
        return ""

    env.globals["page_language"] = page_language
    env.globals["counted"] = counted
    return env, renders


def test_a_shared_fragment_is_rendered_once_per_language_and_context():
    env, renders = _fragment_env(
        {
            "page.html": '<h1>{{ article.title }}</h1>{{ shared_fragment("head.html") }}',
            "head.html": "{{ counted() }}<nav>{% for p in pages %}{{ p }} {% endfor %}"
            "{{ page_language() }} {{ SITENAME }}</nav>",
        }
    )
    page = env.get_template("page.html")
    pages = ["Giới thiệu", "Liên hệ & <góp ý>"]
    vi = [SimpleNamespace(title=f"Bài {i}", lang="vi") for i in range(3)]
    en = SimpleNamespace(title="News", lang="en")
    out = [page.render(article=a, pages=pages, SITENAME="Phường Bưởi") for a in [*vi, en]]
    assert out[0] == (
        "<h1>Bài 0</h1><nav>Giới thiệu Liên hệ &amp; &lt;góp ý&gt; vi Phường Bưởi</nav>"
    )
    assert out[1].startswith("<h1>Bài 1</h1>") and out[1].endswith(out[0][len("<h1>Bài 0</h1>") :])
    assert out[3].endswith("en Phường Bưởi</nav>")
    assert renders == ["vi", "en"]  # three Vietnamese pages, one render

    # Another value for a name the partial reads is another render: text by
    # value, objects (a list of pages) by identity.
    page.render(article=vi[0], pages=pages, SITENAME="Bưởi")
    other_pages = list(pages)
    assert page.render(article=vi[0], pages=other_pages, SITENAME="Phường Bưởi") == out[0]
    assert renders == ["vi", "en", "vi", "vi"]
    page.render(article=vi[1], pages=other_pages, SITENAME="Phường Bưởi")
    assert renders == ["vi", "en", "vi", "vi"]

    # The next build's environment, the partial edited to print one name
    # more: the names it reads are its source's, not the last build's.
    env, renders = _fragment_env(
        {
            "page.html": '{{ shared_fragment("head.html") }}',
            "head.html": "{{ counted() }}<nav>{{ SITENAME }} {{ SITESUBTITLE }}</nav>",
        }
    )
    page = env.get_template("page.html")
    assert page.render(SITENAME="Bưởi", SITESUBTITLE="Tây Hồ") == "<nav>Bưởi Tây Hồ</nav>"
    assert page.render(SITENAME="Bưởi", SITESUBTITLE="Hà Nội") == "<nav>Bưởi Hà Nội</nav>"


def test_gettext_without_variables_gives_the_text_as_jinja_would():
    from jinja2 import DictLoader, Environment

    from theme_i18n import plain_gettext

    def translate(context, message):
        return {"Giảm 10%": "10% off", "Trang %(n)s": "Page %(n)s"}.get(message, message)

    source = '{{ _("Giảm 10%") }}|{{ _("Trang %(n)s", n="<2>") }}|{{ _("a & b") }}'
    ours = Environment(loader=DictLoader({"t": source}), autoescape=True)
    ours.add_extension("jinja2.ext.i18n")
    jinjas = Environment(loader=DictLoader({"t": source}), autoescape=True)
    jinjas.add_extension("jinja2.ext.i18n")
    gettext = plain_gettext(translate)
    ours.globals["_"] = gettext

    def escaped(message):  # what theme_i18n gave Jinja's own wrapper before
        text = translate(None, message)
        return text if "%(" in message else text.replace("%", "%%")

    jinjas.install_gettext_callables(escaped, lambda s, p, n: s, newstyle=True)
    # Catalogue text is trusted markup; only the variables are escaped.
    expected = "10% off|Page &lt;2&gt;|a & b"
    assert jinjas.get_template("t").render() == expected
    assert ours.get_template("t").render() == expected


def test_intrasite_links_are_resolved_as_pelican_resolves_them(tmp_path):
    """build_speed/links.py: HTML without "{" or "|" comes back as it is
    (the very string); with them, or with a site's own INTRASITE_LINK_REGEX,
    Pelican's pass runs, and Pelican's method is back after the build."""
    from pelican.contents import Content

    from build_speed import links

    article = _article(tmp_path, "tin.md")
    article._context = {"generated_content": {}, "static_content": {}}
    plain = '<p>Xem <a href="https://ubnd.vn/tin/">tin</a> &amp; ảnh <img src="/a.jpg"></p>'
    linked = '<p><a href="{tag}an-ninh">An ninh</a> · <a href="|tag|y-te">Y tế</a></p>'
    pelicans = [Content._update_content(article, html, "") for html in (plain, linked)]
    links.install()
    try:
        ours = [article._update_content(html, "") for html in (plain, linked)]
        assert ours[0] is plain
        article.settings = {**article.settings, "INTRASITE_LINK_REGEX": r"\[(?P<what>.*?)\]"}
        custom = article._update_content('<a href="[tag]an-ninh">An ninh</a>', "")
    finally:
        links.uninstall()
    assert ours == pelicans
    assert (
        pelicans[1]
        == '<p><a href="/tag/an-ninh.html">An ninh</a> · <a href="/tag/y-te.html">Y tế</a></p>'
    )
    assert custom == '<a href="/tag/an-ninh.html">An ninh</a>'
    assert Content._update_content is links.PELICANS


@pytest.mark.parametrize(
    "value",
    [
        "<p>Họp <b>chi bộ</b> &amp; tổ dân phố</p>",
        Markup("<em>Đảng</em>   bộ\n phường &lt;Bưởi&gt;"),
        "không có thẻ",
        None,
        2023,
    ],
)
def test_striptags_is_jinjas_and_each_text_is_stripped_once(value):
    environment = Environment()
    filters.install(SimpleNamespace(env=environment))
    template = environment.from_string("{{ value|striptags }}")
    assert template.render(value=value) == Environment().from_string(
        "{{ value|striptags }}"
    ).render(value=value)
    filters._stripped.cache_clear()
    striptags_twice = [filters.striptags(value), filters.striptags(value)]
    assert striptags_twice[0] == do_striptags(value)
    assert filters._stripped.cache_info().hits == 1, "the second time is remembered"


def test_the_next_builds_copies_are_made_between_saves_and_taken_only_while_current(
    tmp_path, monkeypatch
):
    """warm_articles.copy_ahead: once a build has answered, the warm process
    copies each kept article for the next build; that build takes the copy
    (with its own settings and context) only if the article it was made
    from is still the one kept for the file."""
    from build_speed import warm_articles

    monkeypatch.setattr(warm_articles, "_kept", {})
    monkeypatch.setattr(warm_articles.WarmArticles, "_key", lambda self: "the same settings")
    article = _article(tmp_path, "tin.md")
    source = Path(article.source_path)
    source.parent.mkdir(parents=True)
    source.write_text("Title: Tin\n\nx\n", encoding="utf-8")
    remember_relative_path(article)
    relative = "bai-viet/2024/tin.md"

    def build(settings, context) -> warm_articles.WarmArticles:
        generator = SimpleNamespace(settings=settings, context=context, path=str(tmp_path))
        return warm_articles.WarmArticles(generator, warm_articles._kept)

    def read(warm, read_article) -> None:  # as Pelican hands an article it read
        warm.reading[relative] = (warm.warnings.count, warm_articles._stamp(str(source)))
        warm.cache_data(relative, read_article)

    try:
        read(build(article.settings, {}), article)
        kept = warm_articles._kept[str(source)][2]
        warm_articles.copy_ahead()
        ahead = warm_articles._kept[str(source)][3].next_copy
        assert ahead is not kept and ahead.settings is None  # made for no build yet

        settings, context = {**article.settings, "SITENAME": "mới"}, {"articles": []}
        taken = build(settings, context).get_cached_data(relative)
        assert taken is ahead and taken.settings is settings and taken._context is context
        assert taken.title == kept.title and taken.metadata is not kept.metadata

        # The article read again meanwhile (the next build's reading replaced
        # it): the copy made of the old one is never handed out.
        warm_articles.copy_ahead()
        stale = warm_articles._kept[str(source)][3].next_copy
        again = _article(tmp_path, "tin.md")
        remember_relative_path(again)
        read(build(settings, context), again)
        fresh = build(settings, context).get_cached_data(relative)
        assert fresh is not stale and fresh.settings is settings
        assert vars(fresh).keys() == vars(taken).keys(), "a copy laid out as any other"
    finally:
        forget_copies()
