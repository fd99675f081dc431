"""The sample site as a reader meets it: the model article, the pages and URLs."""

import html
import re
import shutil
from pathlib import Path

import pytest

from tests.golden import SEED_SLUG
from tests.htmlpages import read_page
from tests.sitebuild import ROOT, build_site

SEED_PAGE = f"bai-viet/{SEED_SLUG}/index.html"
SEED_CAPTIONS = [
    "Đồng chí Phó Bí thư Đảng ủy phường Phan Thị Thúy Nga triển khai Kế hoạch"
    ' "Chi bộ bốn tốt", "Đảng viên bốn tốt"',
    "Đồng chí Bí thư Chi bộ Tổ dân phố số 01 phát biểu hưởng ứng thi đua tại hội nghị",
    "Đồng chí Bí thư Chi bộ trường THCS Đông Thái Lê Thủy Trang hưởng ứng thi đua tại hội nghị",
    "Đồng chí Bí thư Đảng ủy phường Nguyễn Thị Ánh Ngọc phát biểu kết luận tại hội nghị",
    "Toàn cảnh hội nghị",
]


def text_of(path: Path) -> str:
    """The page's markup with entities decoded, for plain-text assertions."""
    return html.unescape(path.read_text("utf-8"))


@pytest.fixture(scope="module")
def seed(site) -> str:
    return text_of(site / SEED_PAGE)


def test_seed_article_shows_title_and_date_line(seed):
    assert re.search(
        r"<h1>Phường Bưởi: Triển khai, quán triệt kế hoạch xây dựng “Chi bộ 4 tốt,"
        r" “Đảng viên 4 tốt” và phổ biến ứng dụng phần mềm “Sổ tay đảng viên điện tử”</h1>",
        seed,
    )
    assert re.search(r"Ngày đăng <time[^>]*>27/02/2023 \| 23:04</time>", seed)
    assert 'datetime="2023-02-27T23:04:00+07:00"' in seed


def test_seed_article_has_its_five_captions_in_figcaptions(seed):
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", seed, re.S)
    assert captions == SEED_CAPTIONS


def test_seed_article_keeps_every_paragraph_of_the_original(seed):
    # A copy of ../shared/seed-article.txt, the page the client gave as the model.
    original = (Path(__file__).parent / "data" / "seed-article.txt").read_text("utf-8")
    lines = [" ".join(line.split()) for line in original.splitlines()]
    paragraphs = [line for line in lines if len(line) > 120]
    assert len(paragraphs) >= 10
    body = " ".join(seed.split())
    missing = [p[:60] for p in paragraphs if p not in body]
    assert missing == []


def test_seed_article_ends_with_a_photo_strip_and_the_source_line(seed):
    strip = re.search(r'<ul class="photo-strip"[^>]*>(.*?)</ul>', seed, re.S)
    assert strip, "the closing photo strip is missing"
    assert strip.group(1).count("<img") >= 3
    assert re.search(r'<p class="source">Trung tâm VHTT&TT Tây Hồ</p>', seed)


def test_seed_article_breadcrumb_leads_to_its_category(seed):
    crumb = re.search(r'<nav class="breadcrumb".*?</nav>', seed, re.S).group(0)
    assert '<a href="/">Trang chủ</a>' in crumb
    assert '<a href="/chuyen-muc/thong-tin-co-so/">Thông tin cơ sở</a>' in crumb


def test_stand_in_photos_say_they_are_illustrations(site):
    pages = [*(site / "bai-viet").rglob("index.html"), *(site / "album").rglob("index.html")]
    alts = [
        (page, alt)
        for page in pages
        # An album cover beside the album's title has alt="": the link says it.
        for alt in re.findall(r'<img\b[^>]*?\balt="([^"]*)"', text_of(page))
        if alt
    ]
    assert len(alts) > 20
    for page, alt in alts:
        assert "minh họa" in alt.lower(), f"{page}: {alt}"


def test_article_page_has_share_print_related_and_neighbours(seed):
    assert "https://www.facebook.com/sharer/sharer.php?u=" in seed
    assert 'class="share-zalo"' in seed
    assert 'class="copy-link"' in seed
    assert 'class="print-page"' in seed
    assert 'href="/theme/css/print.css" media="print"' in seed
    assert "Tin liên quan" in seed
    assert re.search(r'<nav class="prev-next".*?rel="(prev|next)"', seed, re.S)


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("index.html", "Cổng thông tin điện tử phường Bưởi"),
        ("chuyen-muc/index.html", "Các chuyên mục"),
        ("chuyen-muc/thong-tin-co-so/index.html", "Thông tin cơ sở"),
        ("the/phuong-buoi/index.html", "Thẻ: Phường Bưởi"),
        ("luu-tru/index.html", "Lưu trữ tin bài"),
        ("luu-tru/2023/index.html", "Tin bài năm 2023"),
        ("gioi-thieu/index.html", "Giới thiệu"),
        ("lien-he/index.html", "Liên hệ"),
        ("tim-kiem/index.html", "Tìm kiếm"),
        ("album/index.html", "Album Ảnh"),
        ("404.html", "Không tìm thấy trang"),
    ],
)
def test_pages_exist_at_their_urls(site, url, heading):
    assert re.search(rf"<h1[^>]*>{re.escape(heading)}</h1>", text_of(site / url))


def test_header_has_search_albums_and_category_menu(site):
    home = text_of(site / "index.html")
    assert re.search(r'<form class="search-box" role="search" action="/tim-kiem/"', home)
    assert 'name="q"' in home
    assert '<a href="/album/">Album Ảnh</a>' in home
    menu = re.search(r"<summary>Các chuyên mục</summary>(.*?)</details>", home, re.S)
    assert menu and menu.group(1).count("<li>") >= 7


def test_sample_content_spans_categories_and_years(site):
    years = {p.name for p in (site / "luu-tru").iterdir() if p.is_dir()}
    categories = [p for p in (site / "chuyen-muc").iterdir() if p.is_dir()]
    articles = list((site / "bai-viet").iterdir())
    assert len(years) >= 3
    assert len(categories) >= 6
    assert len(articles) >= 13


def test_home_shows_featured_latest_and_a_block_per_main_category(site):
    home = text_of(site / "index.html")
    assert "Tin nổi bật" in home and "Tin mới" in home
    blocks = re.findall(r'<section class="category-block"', home)
    assert len(blocks) >= 5
    assert SEED_SLUG in home


def test_feeds_are_announced_and_linked_in_the_footer(site):
    home = text_of(site / "index.html")
    assert re.search(r'<link rel="alternate" type="application/rss\+xml"', home)
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"', home)
    assert (site / "feeds" / "all.rss.xml").is_file()


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory) -> Path:
    """The sample content plus 14 short posts in one category: two pages."""
    root = tmp_path_factory.mktemp("crowded")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    extra = content / "bai-viet" / "them"
    extra.mkdir()
    for n in range(1, 15):
        (extra / f"tin-{n}.md").write_text(
            f"Title: Tin ngắn số {n} về Thụy Khuê\nDate: 2022-03-{n:02d} 08:00\n"
            f"Category: Thông tin cơ sở\n\nNội dung tin ngắn số {n}.\n",
            encoding="utf-8",
        )
    build_site(root / "site", content=content)
    return root / "site"


def test_category_pages_list_ten_newest_first_and_paginate(crowded_site):
    base = crowded_site / "chuyen-muc" / "thong-tin-co-so"
    first, second = read_page(base / "index.html"), read_page(base / "trang/2/index.html")
    first_text = text_of(base / "index.html")
    assert first_text.count('<article class="news-item">') == 10
    assert "Trang 1/2" in first_text
    assert "/chuyen-muc/thong-tin-co-so/trang/2/" in first.links
    assert "/chuyen-muc/thong-tin-co-so/" in second.links
    dates = re.findall(r'datetime="([^"]+)"', first_text)
    assert dates == sorted(dates, reverse=True)
    assert not (base / "trang/3/index.html").exists()


def test_slugs_of_new_posts_are_transliterated(crowded_site):
    assert (crowded_site / "bai-viet/tin-ngan-so-7-ve-thuy-khue/index.html").is_file()
