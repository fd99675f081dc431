"""Legal documents ("Văn bản"): fields checked, list and filters, document pages."""

import re
import shutil
from pathlib import Path

import pytest

from legal_documents.fields import check_fields, parse_day
from tests.browsing import PageProblems
from tests.conftest import PHONE
from tests.sitebuild import ROOT, BuildFailedError, build_site

TYPES = ["Kế hoạch", "Quyết định", "Thông báo"]
GOOD = {
    "title": "Kế hoạch phòng, chống sốt xuất huyết",
    "type": "Kế hoạch",
    "issuer": "Ủy ban nhân dân phường Bưởi",
    "number": "48/KH-UBND",
    "issued": "2023-05-20",
    "effective": "2023-05-20",
    "file": "48.pdf",
}


@pytest.fixture
def files(tmp_path) -> Path:
    (tmp_path / "48.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "ghi-chu.txt").write_text("không phải văn bản")
    return tmp_path


@pytest.mark.parametrize(
    "number", ["55/KH-ĐU", "90-NQ/ĐU", "01/2023/QĐ-UBND", "118-KH/QU", "12/QĐ-UBND"]
)
def test_usual_code_numbers_pass(files, number):
    assert check_fields({**GOOD, "number": number}, TYPES, files) == []


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"number": "KH 55"}, "number", "không đúng dạng, ví dụ 55/KH-ĐU"),
        ({"number": "55"}, "number", "không đúng dạng"),
        ({"issued": "2023-13-01"}, "issued", "ngày “2023-13-01” không đọc được"),
        ({"effective": "2023-05-19"}, "effective", "ngày hiệu lực trước ngày ban hành"),
        ({"file": "thieu.pdf"}, "file", "không thấy tệp đính kèm thieu.pdf"),
        ({"file": "ghi-chu.txt"}, "file", "không phải PDF hay DOCX"),
        ({"type": "Tờ trình"}, "type", "loại văn bản “Tờ trình” không có trong danh sách"),
        ({"issuer": ""}, "issuer", "thiếu dòng `Issuer:`"),
    ],
)
def test_each_field_problem_is_named(files, change, field, words):
    problems = check_fields({**GOOD, **change}, TYPES, files)
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message


def test_dates_in_either_usual_form():
    assert parse_day("2023-01-27") == parse_day("27/01/2023") is not None
    assert parse_day("30/02/2023") is None


@pytest.fixture(scope="module")
def listing(site) -> str:
    return (site / "van-ban" / "index.html").read_text("utf-8")


def rows(page: str) -> list[tuple[str, str]]:
    """(code number, date of issue) of each row of a document list."""
    return re.findall(
        r'<tr data-[^>]*>\s*<td class="nowrap">([^<]+)</td>.*?datetime="([\d-]+)"', page, re.S
    )


def test_listing_is_sorted_by_date_of_issue_newest_first(listing):
    found = rows(listing)
    assert len(found) >= 8
    dates = [d for _, d in found]
    assert dates == sorted(dates, reverse=True)
    assert ("55/KH-ĐU", "2023-01-27") in found


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("loai/ke-hoach", {"55/KH-ĐU", "48/KH-UBND", "27/KH-UBND"}),
        ("co-quan/dang-uy-phuong-buoi", {"55/KH-ĐU", "90-NQ/ĐU", "15-TB/ĐU"}),
        ("nam/2024", {"12/QĐ-UBND", "35/TB-UBND"}),
    ],
)
def test_prebuilt_filter_pages_list_only_their_documents(site, page, expected):
    text = (site / "van-ban" / page / "index.html").read_text("utf-8")
    assert {number for number, _ in rows(text)} == expected


def test_document_page_has_its_fields_summary_download_and_related(site):
    page = (site / "van-ban" / "55-kh-du" / "index.html").read_text("utf-8")
    fields = dict(re.findall(r"<dt>([^<]+)</dt><dd>(?:<time[^>]*>)?([^<]+)", page))
    assert fields == {
        "Số ký hiệu": "55/KH-ĐU",
        "Loại văn bản": "Kế hoạch",
        "Cơ quan ban hành": "Đảng ủy phường Bưởi",
        "Ngày ban hành": "27/01/2023",
        "Ngày hiệu lực": "27/01/2023",
    }
    assert "<h2>Trích yếu</h2>" in page
    link = re.search(r'<a href="(/van-ban/tep/[^"]+)" download>Tải văn bản về', page)
    assert link and (site / link.group(1).lstrip("/")).read_bytes().startswith(b"%PDF-")
    assert re.search(r"\(PDF, \d+ KB\)", page)
    assert "Văn bản liên quan" in page and 'href="/van-ban/90-nq-du/"' in page


def test_filters_combine_in_the_browser(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(site_url + "/van-ban/")
    page.get_by_label("Loại văn bản").select_option("Kế hoạch")
    page.get_by_label("Năm").select_option("2023")
    visible = page.locator("table.documents tbody tr:visible td:first-child").all_inner_texts()
    assert sorted(visible) == ["48/KH-UBND", "55/KH-ĐU"]
    assert page.locator(".filter-status").inner_text() == "2 văn bản"
    context.close()
    assert problems.items == []


def test_a_document_with_bad_fields_is_reported_and_not_published(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "van-ban" / "sai.md").write_text(
        "Title: Văn bản sai\nType: Kế hoạch\nIssuer: UBND\nNumber: KH 55\n"
        "Issued: 2023-05-20\nEffective: 2023-05-01\nFile: khong-co.pdf\n",
        "utf-8",
    )
    with pytest.raises(BuildFailedError) as failed:
        build_site(tmp_path / "out", content=content, extra=("--fatal-warnings",))
    message = str(failed.value)
    assert "van-ban/sai.md: số ký hiệu “KH 55” không đúng dạng" in message
    assert "van-ban/sai.md: ngày hiệu lực trước ngày ban hành" in message
    assert "van-ban/sai.md: không thấy tệp đính kèm khong-co.pdf" in message
    assert "Traceback" not in message
