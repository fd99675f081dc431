"""sitemap.xml and robots.txt as a search engine reads them."""

import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from site_map import SiteMapGenerator
from tests.sitebuild import build_site
from tests.warm_copies import article_as_read, copy_of_a_build

BASE = "http://127.0.0.1:8000"  # FEED_DOMAIN in pelicanconf.py
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "image": "http://www.google.com/schemas/sitemap-image/1.1"}  # fmt: skip


def read_sitemap(site: Path) -> list[ET.Element]:
    return ET.parse(site / "sitemap.xml").getroot().findall("s:url", NS)


def locations(urls: list[ET.Element]) -> list[str]:
    return [url.find("s:loc", NS).text for url in urls]


def local_file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def pages_under(site: Path, folder: str) -> set[str]:
    """The first page of each list or item under ``folder`` (not /trang/2/)."""
    return {
        f"{BASE}/{p.parent.relative_to(site).as_posix()}/"
        for p in (site / folder).glob("*/index.html")
        if p.parent.name != "trang"
    }


def test_sitemap_lists_every_article_category_album_and_page_once(site):
    urls = read_sitemap(site)
    locs = locations(urls)
    assert [loc for loc, n in Counter(locs).items() if n > 1] == []
    for loc in locs:
        assert loc.startswith(BASE + "/"), loc  # absolute
        assert local_file(site, loc).is_file(), loc
    expected = (
        pages_under(site, "bai-viet")
        | pages_under(site, "chuyen-muc")
        | pages_under(site, "album")
        | {f"{BASE}/", f"{BASE}/gioi-thieu/", f"{BASE}/lien-he/", f"{BASE}/album/"}
    )
    assert len(pages_under(site, "bai-viet")) >= 14
    assert expected <= set(locs), sorted(expected - set(locs))
    assert not any("/trang/" in loc or "/ban-nhap/" in loc for loc in locs)


def test_sitemap_dates_and_images(site):
    by_loc = {url.find("s:loc", NS).text: url for url in read_sitemap(site)}
    seed = by_loc[f"{BASE}/bai-viet/phuong-buoi-trien-khai-ke-hoach-chi-bo-4-tot-dang-vien-4-tot/"]
    assert seed.find("s:lastmod", NS).text == "2023-02-27T23:04:00+07:00"
    images = [loc.text for loc in seed.findall("image:image/image:loc", NS)]
    assert len(images) >= 5
    for image in images:
        assert local_file(site, image).is_file(), image
    category = by_loc[f"{BASE}/chuyen-muc/thong-tin-co-so/"]
    assert datetime.fromisoformat(category.find("s:lastmod", NS).text) >= datetime.fromisoformat(
        "2023-02-27T23:04:00+07:00"
    )
    album = next(url for loc, url in by_loc.items() if loc.startswith(f"{BASE}/album/") and
                 loc != f"{BASE}/album/")  # fmt: skip
    assert album.findall("image:image", NS)


def test_robots_txt_points_to_the_sitemap(site):
    lines = (site / "robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert "Disallow: /ban-nhap/" in lines
    assert "Disallow: /" not in lines  # the site itself stays open


def test_drafts_never_appear_in_the_sitemap(tmp_path):
    content = tmp_path / "content" / "bai-viet"
    content.mkdir(parents=True)
    for slug, status in (("da-dang", "published"), ("chua-dang", "draft")):
        (content / f"{slug}.md").write_text(
            f"Title: Tin {slug}\nDate: 2024-05-02 08:00\nCategory: Y tế\nSlug: {slug}\n"
            f"Status: {status}\n\nNội dung.\n",
            "utf-8",
        )
    out = tmp_path / "out"
    build_site(out, content=tmp_path / "content")
    assert (out / "ban-nhap" / "chua-dang" / "index.html").is_file()  # previewed...
    locs = locations(read_sitemap(out))
    assert f"{BASE}/bai-viet/da-dang/" in locs
    assert not any("chua-dang" in loc for loc in locs)  # ...never announced


class _Writer:
    def __init__(self):
        self.files = {}

    def write_file(self, name, template, context):
        self.files[name] = template.render(context)


def test_past_the_limit_sitemap_xml_becomes_an_index_of_files():
    articles = [
        SimpleNamespace(url=f"bai-viet/{n}/", date=datetime(2024, 1, n, tzinfo=UTC), content="")
        for n in range(1, 6)
    ]
    documents = [SimpleNamespace(url="van-ban/12-qd/", issued_on=date(2025, 1, 2))]
    # album.md dates have no time zone: a file of articles and albums still
    # gets its newest lastmod (this failed at 50,000 articles).
    albums = [SimpleNamespace(url="album/hop/", date=datetime(2024, 2, 1, 8, 0), photos=[])]
    context = {"articles": articles, "legal_documents": documents, "albums": albums}
    settings = {
        "FEED_DOMAIN": "https://x.vn",
        "SITE_MAP_MAX_URLS": 3,
        "TIMEZONE": "Asia/Ho_Chi_Minh",
    }
    writer = _Writer()
    SiteMapGenerator(context, settings, None, None, None).generate_output(writer)
    index = ET.fromstring(writer.files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert parts == [f"https://x.vn/sitemap-{n}.xml" for n in (1, 2, 3, 4)]
    listed = []
    for part in parts:
        urls = ET.fromstring(writer.files[part.removeprefix("https://x.vn/")])
        assert len(urls) <= 3
        listed += [loc.text for loc in urls.findall("s:url/s:loc", NS)]
    assert len(listed) == len(set(listed)) == 1 + 5 + 2 + 2  # home, articles, documents, albums
    assert "<lastmod>2024-02-01T08:00:00+07:00</lastmod>" in "".join(writer.files.values())
    assert "Sitemap: https://x.vn/sitemap.xml" in writer.files["robots.txt"]


def test_a_warm_builds_copy_left_as_read_keeps_its_entry_and_a_changed_one_gets_its_own(tmp_path):
    """In the warm process, an article's entry (address, date, photos) is
    made once while the article is as read; a copy the build changed is
    made again, as is one whose HTML has links made from other articles."""
    read = article_as_read(tmp_path, '<p><img src="/images/a.jpg"></p>', FEED_DOMAIN="https://x.vn")
    sitemap = SiteMapGenerator({}, read.settings, None, None, None)
    context = {"generated_content": {"khac.md": SimpleNamespace(url="khac.html")}}
    texts: dict = {}

    def entry_of_a_copy(change=None):
        with copy_of_a_build(read, texts, change, {**context, "static_content": {}}) as copy:
            return sitemap._article_entry(copy)

    def new_slug(copy):
        copy.slug = "tin-moi"

    first = entry_of_a_copy()
    assert first.loc == "https://x.vn/tin.html" and first.images == ("https://x.vn/images/a.jpg",)
    assert entry_of_a_copy() is first, "kept with the article as read"
    assert entry_of_a_copy(new_slug).loc == "https://x.vn/tin-moi.html"
    read, texts = article_as_read(tmp_path, '<p><a href="{filename}/khac.md">x</a></p>'), {}
    entry_of_a_copy()
    assert "\x00site_map" not in texts, "its HTML is made from another article's URL"


def test_the_same_moment_in_two_time_zones_is_written_as_each_one_says():
    """sitemap._url remembers each entry's lines: two entries equal as
    values (the same moment, told in two zones) keep their own text."""
    from zoneinfo import ZoneInfo

    from site_map.sitemap import Entry, urlset

    hanoi = datetime(2023, 2, 27, 23, 4, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    utc = hanoi.astimezone(UTC)
    assert Entry("https://ubnd.vn/", hanoi) == Entry("https://ubnd.vn/", utc)
    for remember in (True, True, False):
        assert "<lastmod>2023-02-27T23:04:00+07:00</lastmod>" in urlset(
            [Entry("https://ubnd.vn/", hanoi)], remember
        )
        assert "<lastmod>2023-02-27T16:04:00+00:00</lastmod>" in urlset(
            [Entry("https://ubnd.vn/", utc)], remember
        )
