"""Link previews, canonical URLs and structured data, as a crawler or Facebook reads them."""

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_meta.describe import script_json
from tests.sitebuild import ROOT, build_site
from vietnamese.text import shorten

BASE = "http://127.0.0.1:8000"  # FEED_DOMAIN in pelicanconf.py
SEED = "bai-viet/phuong-buoi-trien-khai-ke-hoach-chi-bo-4-tot-dang-vien-4-tot/index.html"


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.json_ld: list[dict] = []
        self._ld = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content"))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._ld = ""

    def handle_data(self, data):
        if self._ld is not None:
            self._ld += data

    def handle_endtag(self, tag):
        if tag == "script" and self._ld is not None:
            self.json_ld.append(json.loads(self._ld))
            self._ld = None


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text("utf-8"))
    return parser


def of_type(parsed: _Head, kind: str) -> dict:
    found = [d for d in parsed.json_ld if d["@type"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def output_file(site: Path, url: str) -> Path:
    assert url.startswith(BASE + "/"), url
    path = urlsplit(url).path.lstrip("/")
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def image_size(path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as image:
        return image.size


# -- pure functions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Phường Bưởi ra mắt mô hình", 40, "Phường Bưởi ra mắt mô hình"),
        # Cut between syllables, never inside "Bưởi"; the "…" counts.
        ("Phường Bưởi ra mắt mô hình", 10, "Phường…"),
        ("Phường Bưởi ra mắt mô hình", 12, "Phường Bưởi…"),
        # No comma or opening quote left dangling before the "…".
        ("Chi bộ 4 tốt, “Đảng viên 4 tốt”", 16, "Chi bộ 4 tốt…"),
        # Decomposed input (NFD) is composed first: a tone mark is never cut off.
        ("Bu\u031bo\u031b\u0309i Bu\u031bo\u031b\u0309i", 7, "Bưởi…"),
        ("  nhiều   khoảng\ntrắng ", 40, "nhiều khoảng trắng"),
    ],
)
def test_shorten_cuts_between_syllables(text, limit, expected):
    result = shorten(text, limit)
    assert result == expected
    assert len(result) <= limit


def test_json_ld_text_cannot_close_its_script_block():
    data = {"headline": "Tin </script><script>alert(1)</script> & <!-- chú thích"}
    text = script_json(data)
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == data


# -- the sample site ----------------------------------------------------------


def test_seed_article_json_ld_has_what_google_requires(site):
    parsed = head(site / SEED)
    article = of_type(parsed, "NewsArticle")
    assert article["headline"].startswith("Phường Bưởi: Triển khai, quán triệt")
    assert len(article["headline"]) <= 110
    assert article["datePublished"] == "2023-02-27T23:04:00+07:00"
    assert article["dateModified"].endswith("+07:00")
    assert article["author"][0]["name"] == "Trung tâm VHTT&TT Tây Hồ"
    publisher = article["publisher"]
    assert publisher["name"] == "Cổng thông tin điện tử phường Bưởi"
    assert image_size(output_file(site, publisher["logo"]["url"])) == (
        publisher["logo"]["width"],
        publisher["logo"]["height"],
    )
    ratios = set()
    for url in article["image"]:
        width, height = image_size(output_file(site, url))  # exists in the output
        assert width * height >= 50_000
        ratios.add(round(width / height, 2))
    assert ratios == {1.0, 1.33, 1.78}  # 1:1, 4:3, 16:9
    crumbs = of_type(parsed, "BreadcrumbList")["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[1]["item"] == f"{BASE}/chuyen-muc/thong-tin-co-so/"
    for crumb in crumbs:
        assert output_file(site, crumb["item"]).is_file()


def test_seed_article_link_preview(site):
    parsed = head(site / SEED)
    meta = {key: values[0] for key, values in parsed.meta.items()}
    url = f"{BASE}/{SEED.removesuffix('index.html')}"
    assert parsed.canonical == [url]
    assert meta["og:url"] == url
    assert meta["og:type"] == "article"
    assert meta["og:title"].endswith("…") and len(meta["og:title"]) <= 70
    assert " " in meta["og:title"] and meta["og:title"][:-1] in meta["og:title"]
    assert meta["og:description"].startswith("Chiều 27/02/2023")
    assert len(meta["og:description"]) <= 160
    assert meta["description"] == meta["og:description"]
    image = output_file(site, meta["og:image"])
    assert image_size(image) == (1200, 630)
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["article:published_time"] == "2023-02-27T23:04:00+07:00"


def test_every_page_has_a_canonical_url_and_preview_tags(site):
    for path in sorted(site.rglob("*.html")):
        if "/ban-nhap/" in path.as_posix():
            continue
        parsed = head(path)
        relative = path.relative_to(site).as_posix()
        for key in ("og:title", "og:description", "og:image", "twitter:card"):
            assert len(parsed.meta.get(key, [])) == 1, f"{relative}: {key}"
        assert output_file(site, parsed.meta["og:image"][0]).is_file(), relative
        if relative in ("404.html", "tim-kiem/index.html"):
            assert parsed.meta["robots"] == ["noindex"] and parsed.canonical == []
            continue
        expected = BASE + "/" + relative.removesuffix("index.html")
        assert parsed.canonical == [expected], relative


def test_album_page_describes_its_gallery(site):
    albums = sorted(p for p in (site / "album").glob("*/index.html") if p.parent.name != "trang")
    assert albums, "the sample content has albums"
    parsed = head(albums[0])
    gallery = of_type(parsed, "ImageGallery")
    assert gallery["name"] and gallery["image"]
    for image in gallery["image"]:
        assert output_file(site, image["contentUrl"]).is_file()
    of_type(parsed, "BreadcrumbList")
    og_image = parsed.meta["og:image"][0]
    assert image_size(output_file(site, og_image)) == (1200, 630)


def test_article_without_photo_shares_the_site_image_and_text_is_escaped(tmp_path):
    content = tmp_path / "content" / "bai-viet"
    content.mkdir(parents=True)
    # What an editor may type: "<" and "&", and the start of a closing tag.
    title = "Họp dân tổ 5 & 6: số hộ < 20 </script"
    (content / "hop-dan.md").write_text(
        f"Title: {title}\nDate: 2024-05-02 08:00\nCategory: Tin tức - Sự kiện\n"
        "Slug: hop-dan\nSummary: Họp dân tổ 5.\n\nNội dung.\n",
        "utf-8",
    )
    out = tmp_path / "out"
    build_site(out, content=tmp_path / "content")
    page = out / "bai-viet" / "hop-dan" / "index.html"
    parsed = head(page)
    assert of_type(parsed, "NewsArticle")["headline"] == title
    text = page.read_text("utf-8")
    assert text.count("</script") == text.count("<script")
    image = output_file(out, parsed.meta["og:image"][0])
    assert image.name == "share-1200x630.png" and image_size(image) == (1200, 630)


def test_bad_settings_are_all_named_at_start_up():
    from plugin_settings import PluginSettingsError
    from site_meta.settings import site_meta_settings

    settings = {
        "FEED_DOMAIN": "",
        "THEME": str(ROOT / "theme"),
        "SITE_META_SHARE_SIZE": (1200,),
        "SITE_META_LOGO": "img/khong-co.png",
    }
    with pytest.raises(PluginSettingsError) as error:
        site_meta_settings(settings)
    message = str(error.value)
    assert "SITE_META_SHARE_SIZE" in message and "FEED_DOMAIN" in message
    settings["SITE_META_SHARE_SIZE"] = (1200, 630)
    with pytest.raises(PluginSettingsError) as error:
        site_meta_settings(settings)
    assert "FEED_DOMAIN" in str(error.value) and "khong-co.png" in str(error.value)
