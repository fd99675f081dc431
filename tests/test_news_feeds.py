"""RSS, Atom and JSON feeds: what subscribers' readers and the W3C validator see.

The validator itself cannot be installed here, so its usual complaints are
checked one by one: relative URLs in content, the guid's form, RFC 822/3339
dates, atom:link rel="self", empty author names, duplicate alternate links.
"""

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import feedparser
import lxml.html
import pytest
from lxml import etree
from PIL import Image as PILImage

from news_feeds.absolute import absolute_html
from news_feeds.entries import Entry, Image, Term, entry_id, shared_ids
from news_feeds.formats import Channel, atom, json_feed, rss
from news_feeds.generator import latest_articles
from news_feeds.settings import news_feeds_settings
from plugin_settings import PluginSettingsError
from tests.sitebuild import ROOT, BuildFailedError, build_site

HANOI = timezone(timedelta(hours=7))
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d\d:\d\d:\d\d \+0700$"
)
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
URL_ATTRIBUTES = ("href", "src", "poster", "cite")


# Pure parts -----------------------------------------------------------------


def test_every_url_in_content_becomes_absolute():
    page = "https://phuong.vn/bai-viet/hop-dan/"
    html = absolute_html(
        '<p><a href="#ket-qua">Kết quả</a> <a href="/the/y-te/">Y tế</a> '
        '<a href="../khac/">khác</a> <a href="https://dichvucong.gov.vn">DVC</a> '
        '<a href="mailto:ubnd@phuong.vn">thư</a></p>'
        '<img src="/images/a.jpg" srcset="/images/a-480.jpg 480w, /images/a.jpg 1600w" alt="x">',
        page,
    )
    assert 'href="https://phuong.vn/bai-viet/hop-dan/#ket-qua"' in html
    assert 'href="https://phuong.vn/the/y-te/"' in html
    assert 'href="https://phuong.vn/bai-viet/khac/"' in html
    assert 'href="https://dichvucong.gov.vn"' in html
    assert 'href="mailto:ubnd@phuong.vn"' in html
    assert 'src="https://phuong.vn/images/a.jpg"' in html
    assert (
        'srcset="https://phuong.vn/images/a-480.jpg 480w, https://phuong.vn/images/a.jpg 1600w"'
    ) in html
    assert html.startswith("<p>") and "Kết quả" in html


def test_entry_id_depends_on_the_source_file_only():
    first = entry_id("phuong.vn", "2023", "bai-viet/2023/hop-dan.md")
    assert first == "tag:phuong.vn,2023:bai-viet/2023/hop-dan"
    # An Id: line keeps the old id when the file is renamed or moved.
    assert entry_id("phuong.vn", "2023", "bai-viet/2024/moi.md", "bai-viet/2023/hop-dan") == first
    copied = "content/bai-viet/2023/hop-dan.md"
    assert entry_id("phuong.vn", "2023", "bai-viet/2024/moi.md", copied) == first
    assert entry_id("x.vn", "2024", "a.md", "tag:phuong.vn,2023:cu") == "tag:phuong.vn,2023:cu"
    unusual = entry_id("phuong.vn", "2023", "bai-viet/tin mới.md")
    assert unusual.endswith("bai-viet/tin%20m%E1%BB%9Bi")


def test_ids_shared_by_two_files_are_found():
    sources = [("a.md", None), ("b.md", "a"), ("c.md", "tag:x,2023:z"), ("d.md", "tag:x,2023:z")]
    assert shared_ids(sources, "x", "2023") == [
        ("tag:x,2023:a", ["a.md", "b.md"]),
        ("tag:x,2023:z", ["c.md", "d.md"]),
    ]
    assert shared_ids([("a.md", None), ("b.md", "bai-viet/b")], "x", "2023") == []


def test_feeds_carry_the_latest_articles_newest_first_in_a_stable_order():
    day = datetime(2024, 3, 1, 8, 0, tzinfo=HANOI)
    articles = [
        SimpleNamespace(date=day + timedelta(days=n % 7), relative_source_path=f"{n:02d}.md")
        for n in range(20)
    ]
    chosen = [a.relative_source_path for a in latest_articles(articles, 4)]
    assert chosen == ["13.md", "06.md", "19.md", "12.md"]  # same day: by file, the same each time


def test_settings_defaults_keep_todays_feed_addresses():
    values = news_feeds_settings({"FEED_DOMAIN": "https://phuong.vn/"})
    assert values["MAX_ITEMS"] == 50
    assert values["ALL_RSS"] == "feeds/all.rss.xml"
    assert values["ALL_ATOM"] == "feeds/all.atom.xml"
    assert values["ALL_JSON"] == "feeds/all.json"
    assert values["CATEGORY_RSS"] == "feeds/chuyen-muc/{slug}.rss.xml"
    assert values["BASE_URL"] == "https://phuong.vn"
    assert values["ID_AUTHORITY"] == "phuong.vn"


def test_every_bad_feed_setting_is_listed_at_once():
    with pytest.raises(PluginSettingsError) as error:
        news_feeds_settings(
            {"FEED_DOMAIN": "/", "NEWS_FEEDS_MAX_ITEMS": 0, "NEWS_FEEDS_CATEGORY_RSS": "x.xml"}
        )
    message = str(error.value)
    assert "NEWS_FEEDS_MAX_ITEMS = 0" in message
    assert "NEWS_FEEDS_CATEGORY_RSS = 'x.xml': expected a path with {slug}" in message
    assert "FEED_DOMAIN = '/'" in message


def _entry(n: int, image: Image | None = None, content: str = "<p>Nội dung</p>") -> Entry:
    published = datetime(2024, 3, n, 9, 30, tzinfo=HANOI)
    return Entry(
        id=f"tag:phuong.vn,2023:bai-viet/2024/tin-{n}",
        url=f"https://phuong.vn/bai-viet/tin-{n}/",
        title=f"Tin số {n} & “ngoặc”",
        published=published,
        updated=published + timedelta(hours=n),
        author="Trung tâm VHTT&TT Tây Hồ",
        category=Term(
            "Y tế", "https://phuong.vn/chuyen-muc/y-te/", "https://phuong.vn/chuyen-muc/"
        ),
        tags=(Term("Phường Bưởi", "https://phuong.vn/the/phuong-buoi/", "https://phuong.vn/the/"),),
        summary_html=f"<p>Tóm tắt {n}</p>",
        content_html=content,
        image=image,
    )


CHANNEL = Channel(
    id="tag:phuong.vn,2023:feeds/all",
    title="Cổng thông tin phường",
    description="Tin tức của phường",
    home_url="https://phuong.vn/",
    self_url="https://phuong.vn/feeds/all.xml",
    author="Trung tâm VHTT&TT Tây Hồ",
    language="vi",
)
PHOTO = Image("https://phuong.vn/images/anh.jpg", "image/jpeg", 123456, 1600, 1067)


@pytest.fixture(scope="module")
def made():
    entries = [_entry(5, PHOTO), _entry(4, content="<p>a ]]> b</p>"), _entry(3)]
    return {make.__name__: make(CHANNEL, entries) for make in (rss, atom, json_feed)}


def test_rss_item_fields(made):
    feed = feedparser.parse(made["rss"])
    assert not feed.bozo
    assert feed.feed.link == "https://phuong.vn/"  # the channel <link> is the home page
    assert feed.feed.language == "vi"
    first = feed.entries[0]
    assert first.title == "Tin số 5 & “ngoặc”"
    assert first.link == "https://phuong.vn/bai-viet/tin-5/"
    assert first.id == "tag:phuong.vn,2023:bai-viet/2024/tin-5"
    assert first.guidislink is False
    assert first.author == "Trung tâm VHTT&TT Tây Hồ"
    assert [t.term for t in first.tags] == ["Y tế", "Phường Bưởi"]
    assert first.summary == "<p>Tóm tắt 5</p>"
    assert first.content[0].value == "<p>Nội dung</p>"
    assert first.enclosures == [{"href": PHOTO.url, "length": "123456", "type": "image/jpeg"}]
    assert first.media_content[0]["filesize"] == "123456"
    assert first.media_content[0]["width"] == "1600"
    # Content that cannot go in CDATA is escaped instead, and still readable.
    assert feed.entries[1].content[0].value == "<p>a ]]> b</p>"
    assert [e.id[-1] for e in feed.entries] == ["5", "4", "3"]


def test_atom_entry_fields(made):
    feed = feedparser.parse(made["atom"])
    assert not feed.bozo
    first = feed.entries[0]
    assert first.id == "tag:phuong.vn,2023:bai-viet/2024/tin-5"
    assert first.published == "2024-03-05T09:30:00+07:00"
    assert first.updated == "2024-03-05T14:30:00+07:00"
    assert first.author == "Trung tâm VHTT&TT Tây Hồ"
    assert first.content[0].type == "text/html"
    assert first.summary == "<p>Tóm tắt 5</p>"
    rels = sorted((link.rel, link.href) for link in first.links)
    assert rels == [("alternate", "https://phuong.vn/bai-viet/tin-5/"), ("enclosure", PHOTO.url)]
    assert first.enclosures[0]["length"] == "123456"
    # The feed's own date is its newest entry's, never the build time.
    assert feed.feed.updated == "2024-03-05T14:30:00+07:00"
    assert b'type="CDATA"' not in made["atom"]


def test_json_feed_has_the_fields_its_spec_requires(made):
    document = json.loads(made["json_feed"])
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] and document["feed_url"] == CHANNEL.self_url
    assert document["language"] == "vi"
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item["content_html"]
        assert RFC3339.match(item["date_published"]) and RFC3339.match(item["date_modified"])
        assert item["authors"][0]["name"]
    first = document["items"][0]
    assert first["image"] == PHOTO.url
    assert first["attachments"] == [
        {"url": PHOTO.url, "mime_type": "image/jpeg", "size_in_bytes": 123456}
    ]
    assert first["tags"] == ["Y tế", "Phường Bưởi"]
    assert first["summary"] == "Tóm tắt 5"


def test_an_empty_feed_is_still_valid_and_dated_the_same_each_time():
    for make in (rss, atom):
        assert make(CHANNEL, []) == make(CHANNEL, [])
        assert not feedparser.parse(make(CHANNEL, [])).bozo


# A small site of our own, built three times ----------------------------------

ARTICLE = """Title: {title}
Date: 2024-03-{day:02d} 08:15
Modified: 2024-03-{day:02d} 17:45
Category: {category}
Tags: Phường Bưởi, Y tế
Summary: Tóm tắt bài {day}.
{extra}
Đoạn đầu: [mục kết quả](#ket-qua), [thẻ](/the/y-te/), [bài khác]({{filename}}/bai-viet/b.md).

![Ảnh minh họa: hội trường]({{static}}/images/anh.jpg)
*Chú thích ảnh*

## Kết quả {{#ket-qua}}

Nội dung chi tiết.
"""

# Stands in for the albums plugin's lead_image until it is in the tree: the
# article's "Testleadimage:" file, with its real size in bytes.
FAKE_LEAD_IMAGE = """
import os
from types import SimpleNamespace
from pelican import signals

def attach(generators):
    for generator in generators:
        for article in getattr(generator, "articles", []):
            path = article.metadata.get("testleadimage")
            if path:
                full = os.path.join(article.settings["PATH"], path)
                article.lead_image = SimpleNamespace(
                    url=path, width=64, height=48, mime_type="image/jpeg",
                    length=os.path.getsize(full))

def register():
    signals.all_generators_finalized.connect(attach)
"""


def _write_site(root: Path, retitled: bool) -> Path:
    content = root / "content"
    (content / "bai-viet").mkdir(parents=True)
    (content / "images").mkdir()
    PILImage.new("RGB", (64, 48), (30, 120, 60)).save(content / "images" / "anh.jpg", quality=80)
    a = ARTICLE.format(
        title="Họp dân khu phố 2, đã sửa tiêu đề" if retitled else "Họp dân khu phố 2",
        day=10,
        category="Tin tức - Sự kiện" if retitled else "Y tế",
        extra="Slug: hop-dan-moi\nTestleadimage: images/anh.jpg\n"
        if retitled
        else "Testleadimage: images/anh.jpg\n",
    )
    (content / "bai-viet" / "a.md").write_text(a, "utf-8")
    b = ARTICLE.format(title="Tiêm chủng mở rộng", day=9, category="Y tế", extra="")
    b = b.replace("{filename}/bai-viet/b.md", "#").replace("![", "[")  # no image at all
    (content / "bai-viet" / "b.md").write_text(b, "utf-8")
    plugin = root / "plugins" / "fake_lead_image"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(FAKE_LEAD_IMAGE, "utf-8")
    settings = root / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *\n"
        f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(root / 'plugins')!r}]\n"
        "PLUGINS = PLUGINS + ['fake_lead_image']\n",
        encoding="utf-8",
    )
    return content, settings


@pytest.fixture(scope="module")
def small_sites(tmp_path_factory):
    """Three builds: the same content twice, then with a post retitled, given a
    new slug and moved to another category."""
    built = {}
    for name, retitled in (("first", False), ("again", False), ("retitled", True)):
        root = tmp_path_factory.mktemp(name)
        content, settings = _write_site(root, retitled)
        build_site(root / "out", content=content, settings=settings)
        built[name] = root / "out"
    return built


def _feed_files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted((site / "feeds").rglob("*"))
        if p.is_file() and p.suffix in (".xml", ".json")
    }


def test_the_same_content_gives_byte_identical_feeds(small_sites):
    first = _feed_files(small_sites["first"])
    assert set(first) == {
        "feeds/all.rss.xml",
        "feeds/all.atom.xml",
        "feeds/all.json",
        "feeds/chuyen-muc/y-te.rss.xml",
        "feeds/chuyen-muc/y-te.atom.xml",
    }
    assert _feed_files(small_sites["again"]) == first


def test_ids_survive_a_new_title_slug_and_category(small_sites):
    def ids(site, feed):
        parsed = feedparser.parse((site / feed).read_bytes())
        return {e.title: e.id for e in parsed.entries}

    before, after = small_sites["first"], small_sites["retitled"]
    for feed in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        old, new = ids(before, feed), ids(after, feed)
        assert old["Họp dân khu phố 2"] == new["Họp dân khu phố 2, đã sửa tiêu đề"]
        assert old["Tiêm chủng mở rộng"] == new["Tiêm chủng mở rộng"]
    moved = ids(after, "feeds/chuyen-muc/tin-tuc-su-kien.atom.xml")
    assert moved["Họp dân khu phố 2, đã sửa tiêu đề"] == old["Họp dân khu phố 2"]
    items = json.loads((after / "feeds/all.json").read_text("utf-8"))["items"]
    assert items[0]["id"] == old["Họp dân khu phố 2"]


def test_small_site_entries_carry_every_field(small_sites):
    site = small_sites["first"]
    photo = site / "images" / "anh.jpg"
    for name in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert not feed.bozo, name
        assert feed.feed.language == "vi"
        first = feed.entries[0]
        assert first.title == "Họp dân khu phố 2"
        assert first.link == "http://127.0.0.1:8000/bai-viet/hop-dan-khu-pho-2/"
        assert first.id == "tag:127.0.0.1,2023:bai-viet/a"
        assert first.author == "Trung tâm VHTT&TT Tây Hồ"
        assert [t.term for t in first.tags] == ["Y tế", "Phường Bưởi", "Y tế"]
        assert "Tóm tắt bài 10." in first.summary
        assert "Nội dung chi tiết." in first.content[0].value
        assert first.enclosures[0]["href"] == "http://127.0.0.1:8000/images/anh.jpg"
        assert first.enclosures[0]["length"] == str(photo.stat().st_size)
        assert first.enclosures[0]["type"] == "image/jpeg"
        assert first.media_content[0]["width"] == "64"
        assert not feed.entries[1].enclosures
    atom_entry = etree.parse(site / "feeds/all.atom.xml").find(f"{ATOM}entry")
    assert atom_entry.findtext(f"{ATOM}published") == "2024-03-10T08:15:00+07:00"
    assert atom_entry.findtext(f"{ATOM}updated") == "2024-03-10T17:45:00+07:00"
    item = etree.parse(site / "feeds/all.rss.xml").find("channel/item")
    assert item.findtext("pubDate") == "Sun, 10 Mar 2024 08:15:00 +0700"
    channel = etree.parse(site / "feeds/all.rss.xml").find("channel")
    assert channel.findtext("lastBuildDate") == "Sun, 10 Mar 2024 17:45:00 +0700"


def test_small_site_content_has_only_absolute_urls(small_sites):
    for problem in _validator_complaints(small_sites["first"]):
        pytest.fail(problem)
    feed = feedparser.parse((small_sites["first"] / "feeds/all.atom.xml").read_bytes())
    html = feed.entries[0].content[0].value
    assert 'href="http://127.0.0.1:8000/bai-viet/hop-dan-khu-pho-2/#ket-qua"' in html
    assert 'href="http://127.0.0.1:8000/the/y-te/"' in html
    assert 'href="http://127.0.0.1:8000/bai-viet/tiem-chung-mo-rong/"' in html
    images = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert images and all(src.startswith("http://127.0.0.1:8000/") for src in images)


def test_a_copied_id_line_is_named_and_fails_publishing(tmp_path):
    content, settings = _write_site(tmp_path, retitled=False)
    copy = (content / "bai-viet" / "b.md").read_text("utf-8").replace("Tiêm chủng", "Bản sao")
    (content / "bai-viet" / "c.md").write_text(copy.replace("\n\n", "\nId: bai-viet/a\n\n", 1))
    with pytest.raises(BuildFailedError) as error:
        build_site(
            tmp_path / "out", content=content, settings=settings, extra=("--fatal-warnings",)
        )
    message = " ".join(str(error.value).split())
    assert "bai-viet/a.md, bai-viet/c.md" in message
    assert "tag:127.0.0.1,2023:bai-viet/a" in message


# What the W3C validator would say, on any built site ------------------------


def _relative_urls(html: str) -> list[str]:
    if not html.strip():
        return []
    found = []
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        for name in URL_ATTRIBUTES:
            value = element.get(name) if isinstance(element.tag, str) else None
            if value is not None and not re.match(r"^(https?|mailto|tel):", value):
                found.append(value)
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip() and not candidate.split()[0].startswith("http"):
                found.append(candidate)
    return found


def _validator_complaints(site: Path) -> list[str]:
    problems = []
    for path in sorted((site / "feeds").rglob("*.xml")):
        name = str(path.relative_to(site))
        own_url = "http://127.0.0.1:8000/" + name
        tree = etree.parse(path)
        if tree.getroot().tag == "rss":
            channel = tree.find("channel")
            self_links = [
                link.get("href")
                for link in channel.findall(f"{ATOM}link")
                if link.get("rel") == "self"
            ]
            if self_links != [own_url]:
                problems.append(f"{name}: atom:link rel=self is {self_links}")
            dates = [channel.findtext("lastBuildDate")]
            for item in channel.findall("item"):
                guid = item.find("guid")
                if guid.get("isPermaLink") != "false" or not guid.text.startswith("tag:"):
                    problems.append(f"{name}: guid {guid.text} {guid.attrib}")
                if item.find("author") is not None:
                    problems.append(f"{name}: <author> must be an e-mail address")
                creator = item.findtext("{http://purl.org/dc/elements/1.1/}creator")
                if not (creator or "").strip():
                    problems.append(f"{name}: empty author")
                dates.append(item.findtext("pubDate"))
                for html in (
                    item.findtext("description"),
                    item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded"),
                ):
                    problems += [f"{name}: relative {u}" for u in _relative_urls(html or "")]
            problems += [f"{name}: date {d}" for d in dates if not RFC822.match(d or "")]
        else:
            feed = tree.getroot()
            rels = [(link.get("rel"), link.get("href")) for link in feed.findall(f"{ATOM}link")]
            if ("self", own_url) not in rels:
                problems.append(f"{name}: no link rel=self to itself")
            dates = [feed.findtext(f"{ATOM}updated")]
            for entry in feed.findall(f"{ATOM}entry"):
                alternates = [
                    link
                    for link in entry.findall(f"{ATOM}link")
                    if link.get("rel", "alternate") == "alternate"
                ]
                if len(alternates) != 1:
                    problems.append(f"{name}: {len(alternates)} alternate links in an entry")
                names = [n.text for n in entry.findall(f"{ATOM}author/{ATOM}name")]
                if not names or not all((n or "").strip() for n in names):
                    problems.append(f"{name}: empty author name")
                dates += [entry.findtext(f"{ATOM}published"), entry.findtext(f"{ATOM}updated")]
                for tag in ("content", "summary"):
                    html = entry.findtext(f"{ATOM}{tag}") or ""
                    problems += [f"{name}: relative {u}" for u in _relative_urls(html)]
            problems += [f"{name}: date {d}" for d in dates if not RFC3339.match(d or "")]
    return problems


# The sample site ---------------------------------------------------------------


def test_sample_feeds_parse_and_pass_the_validators_usual_checks(site):
    feeds = sorted((site / "feeds").rglob("*.xml"))
    assert len(feeds) >= 2 + 2 * 8
    for path in feeds:
        assert not feedparser.parse(path.read_bytes()).bozo, path
    assert _validator_complaints(site) == []
    document = json.loads((site / "feeds" / "all.json").read_text("utf-8"))
    assert len(document["items"]) == len(feedparser.parse(feeds[0].read_bytes()).entries)


def test_sample_lead_images_become_enclosures(site):
    document = json.loads((site / "feeds" / "all.json").read_text("utf-8"))
    with_image = [item for item in document["items"] if "image" in item]
    if not with_image:
        pytest.skip("no article of the sample site has a lead_image yet (albums plugin)")
    for item in with_image:
        published = site / item["image"].removeprefix("http://127.0.0.1:8000/")
        assert item["attachments"][0]["size_in_bytes"] == published.stat().st_size


def test_every_page_announces_the_feeds_and_the_feeds_page_lists_them(site):
    home = (site / "index.html").read_text("utf-8")
    alternates = re.findall(r'<link rel="alternate" type="([^"]+)"[^>]* href="([^"]+)"', home)
    assert alternates == [
        ("application/rss+xml", "http://127.0.0.1:8000/feeds/all.rss.xml"),
        ("application/atom+xml", "http://127.0.0.1:8000/feeds/all.atom.xml"),
        ("application/feed+json", "http://127.0.0.1:8000/feeds/all.json"),
    ]
    assert '<a href="/feeds/">Đăng ký nhận tin</a>' in home
    category = (site / "chuyen-muc" / "y-te" / "index.html").read_text("utf-8")
    assert 'href="http://127.0.0.1:8000/feeds/chuyen-muc/y-te.atom.xml"' in category
    page = (site / "feeds" / "index.html").read_text("utf-8")
    assert "<h1>Đăng ký nhận tin</h1>" in page
    linked = re.findall(r'<a href="/(feeds/[^"]+)"', page)
    assert "feeds/all.json" in linked and "feeds/chuyen-muc/y-te.rss.xml" in linked
    for path in linked:
        assert (site / path).is_file(), path
