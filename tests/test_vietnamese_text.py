"""Table tests of the Vietnamese text rules on words that trip naive code."""

import json
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from markdown import Markdown
from pelican.utils import slugify as pelican_slugify

from vietnamese import SLUG_REGEX_SUBSTITUTIONS, dates
from vietnamese.text import fold, nfc, slugify, sort_key

FOLD_CASES = json.loads((Path(__file__).parent / "data" / "fold_cases.json").read_text("utf-8"))[
    "cases"
]


@pytest.mark.parametrize(("text", "expected"), FOLD_CASES)
def test_fold(text, expected):
    assert fold(text) == expected


SLUG_CASES = [
    ("Đảng viên", "dang-vien"),
    ("Thụy Khuê", "thuy-khue"),
    ("Nguyễn Thị Ánh Ngọc", "nguyen-thi-anh-ngoc"),
    ("Đảng", "dang"),
    ("Văn hóa - Thể thao", "van-hoa-the-thao"),
    ("An ninh – Quốc phòng", "an-ninh-quoc-phong"),
    ("Thông tin cơ sở", "thong-tin-co-so"),
    ("Trung tâm VHTT&TT Tây Hồ", "trung-tam-vhtt-tt-tay-ho"),
    ("Kế hoạch số 55/KH-ĐU", "ke-hoach-so-55-kh-du"),
    ("“Chi bộ 4 tốt”, “Đảng viên 4 tốt”", "chi-bo-4-tot-dang-vien-4-tot"),
    ("  Hồ Tây!  ", "ho-tay"),
    ("Ưu đãi ĐẶC BIỆT", "uu-dai-dac-biet"),
    ("Thuỵ Khuê", "thuy-khue"),  # old-style tone placement
    ("Tho\u0302\u0301ng nha\u0302\u0301t", "thong-nhat"),  # decomposed (NFD)
    ("Straße", "strasse"),  # foreign letters still transliterate
    ("北京", "bei-jing"),
]


@pytest.mark.parametrize(("text", "expected"), SLUG_CASES)
def test_slugify(text, expected):
    assert slugify(text) == expected


@pytest.mark.parametrize(("text", "expected"), SLUG_CASES)
def test_pelican_slugify_agrees_with_ours(text, expected):
    # Pelican slugifies category and tag names itself when comparing them
    # with strings; with our substitutions it must land on the same slug.
    assert pelican_slugify(nfc(text), regex_subs=SLUG_REGEX_SUBSTITUTIONS) == expected


@pytest.mark.parametrize(
    ("shuffled", "expected"),
    [
        # Đ comes after every D word, whatever follows.
        (["Đức", "Dũng", "Dương", "Đào", "Duy"], ["Dũng", "Duy", "Dương", "Đào", "Đức"]),
        # a < ă < â as letters; tones only break ties.
        (["Ân", "Ăn", "An", "Ấn", "Án", "Anh"], ["An", "Án", "Anh", "Ăn", "Ân", "Ấn"]),
        (["ơn", "ôn", "on"], ["on", "ôn", "ơn"]),
        (["ưa", "ua", "úa"], ["ua", "úa", "ưa"]),
        (["êm", "em", "ém"], ["em", "ém", "êm"]),
        # Tone order of dictionaries: ngang, huyền, hỏi, ngã, sắc, nặng.
        (["mạ", "má", "mã", "mả", "mà", "ma"], ["ma", "mà", "mả", "mã", "má", "mạ"]),
        # Word by word: a shorter word first.
        (["Anh", "An Bình", "An"], ["An", "An Bình", "Anh"]),
        (
            ["Trần Văn Bình", "Nguyễn Thị Ánh Ngọc", "Lê Thủy Trang", "Phan Thị Thúy Nga"],
            ["Lê Thủy Trang", "Nguyễn Thị Ánh Ngọc", "Phan Thị Thúy Nga", "Trần Văn Bình"],
        ),
        # Case only breaks a full tie; decomposed text sorts like composed.
        (["bưởi", "Bưởi", "Bươ\u0309i"], ["bưởi", "Bưởi", "Bươ\u0309i"]),
    ],
)
def test_sort_order(shuffled, expected):
    assert [nfc(s) for s in sorted(shuffled, key=sort_key)] == [nfc(s) for s in expected]


def test_sort_key_ignores_normalisation_form():
    word = "Nguyễn"
    nfd = unicodedata.normalize("NFD", word)
    assert sort_key(word)[:3] == sort_key(nfd)[:3]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2023, 2, 27, 16, 4, tzinfo=UTC), "27/02/2023 | 23:04"),
        (datetime(2023, 2, 27, 23, 4), "27/02/2023 | 23:04"),  # naive = Hanoi
        (datetime(2023, 12, 31, 17, 30, tzinfo=UTC), "01/01/2024 | 00:30"),
    ],
)
def test_date_line_is_in_hanoi_time(moment, expected):
    assert dates.date_line(moment) == expected


def test_iso_carries_the_hanoi_offset():
    assert dates.iso(datetime(2023, 2, 27, 23, 4)) == "2023-02-27T23:04:00+07:00"


def test_markdown_text_and_metadata_are_composed_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Title: Đảng viên\n\nNghị quyết số 90")
    md = Markdown(extensions=["vietnamese.markdown_nfc", "meta"])
    html = md.convert(decomposed)
    assert html == "<p>Nghị quyết số 90</p>"
    assert unicodedata.is_normalized("NFC", html)
    assert md.Meta["title"] == ["Đảng viên"]
