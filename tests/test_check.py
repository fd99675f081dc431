"""invoke check: each kind of problem an editor makes, found with its file, line and
what to do, in one run, without touching the editor's files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.messages import describe_error
from tests.sitebuild import PINNED_ENV, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "check"
SHOWN = "tests/fixtures/check"


def run_check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portal.check", "pelicanconf.py", "--content", str(content)],
        cwd=ROOT,
        env={**os.environ, **PINNED_ENV},
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def checked():
    before = snapshot(FIXTURES)
    result = run_check(FIXTURES)
    return result, before


@pytest.fixture(scope="module")
def lines(checked) -> list[str]:
    return checked[0].stdout.splitlines()


def test_errors_fail_the_check_and_nothing_is_a_traceback(checked):
    result, _ = checked
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "Kiểm tra xong: 18 lỗi, 2 cảnh báo." in result.stderr


def test_check_never_modifies_the_editors_files(checked):
    _, before = checked
    assert snapshot(FIXTURES) == before


def test_a_good_post_has_no_problem(lines):
    assert not [line for line in lines if "/hop-le.md" in line]


@pytest.mark.parametrize(
    "expected",
    [
        "bai-viet/thieu-tieu-de.md:1: LỖI (error): thiếu dòng Title: (Title is missing) — "
        "ghi tiêu đề ở đầu tệp, ví dụ Title: Tiêu đề bài viết",
        "bai-viet/tieu-de-trong.md:1: LỖI (error): dòng Title: để trống (Title is empty) — "
        "ghi tiêu đề ở đầu tệp, ví dụ Title: Tiêu đề bài viết",
        "bai-viet/thieu-ngay.md:1: LỖI (error): thiếu dòng Date: (Date is missing) — "
        "ghi ngày đăng ở đầu tệp, ví dụ Date: 2024-03-24 14:45",
        "bai-viet/ngay-sai.md:2: LỖI (error): ngày đăng '2024-13-45 08:00' không đọc được "
        "(date does not parse) — viết theo dạng năm-tháng-ngày giờ:phút, "
        "ví dụ Date: 2024-03-24 14:45",
        "bai-viet/chuyen-muc-sai.md:3: LỖI (error): chuyên mục 'Thông tin cở sở' không có "
        "trong danh sách (unknown category) — có phải là 'Thông tin cơ sở'? "
        "Chép đúng tên chuyên mục",
        "bai-viet/trung-dia-chi-2.md:1: LỖI (error): địa chỉ (slug) 'hoi-nghi-trung-ten' "
        f"trùng với bài {SHOWN}/bai-viet/trung-dia-chi-1.md (duplicate slug) — "
        "thêm dòng Slug: với một địa chỉ khác, ví dụ Slug: hoi-nghi-trung-ten-2",
        "bai-viet/anh-thieu.md:7: LỖI (error): không tìm thấy ảnh "
        "{static}/images/khong-co.jpg (missing image) — "
        "kiểm tra tên thư mục, tên tệp, chữ hoa/thường",
        "bai-viet/lien-ket-hong.md:5: LỖI (error): liên kết tới "
        "{filename}/bai-viet/khong-co.md không dẫn tới đâu (broken internal link) — "
        "kiểm tra tên thư mục, tên tệp, chữ hoa/thường",
        "bai-viet/lien-ket-goc-hong.md:5: LỖI (error): liên kết tới /chuyen-muc/khong-co/ "
        "không dẫn tới đâu (broken internal link) — với bài trong trang, dùng "
        "{filename}/bai-viet/<năm>/<tệp>.md; với ảnh, dùng {static}/images/…",
        "bai-viet/anh-khong-mo-ta.md:7: LỖI (error): ảnh không có mô tả "
        "(image without alt text) — viết mô tả ảnh trong ngoặc vuông: "
        "![Ai đang làm gì, ở đâu](…)",
        "bai-viet/windows-1258.md:3: LỖI (error): tệp không ở bảng mã UTF-8, có vẻ là "
        "Windows-1258 (file is not UTF-8; it looks like Windows-1258) — chạy "
        f"`./dev fix-text {SHOWN}/bai-viet/windows-1258.md` hoặc mở tệp và lưu lại "
        "với bảng mã UTF-8",
        "bai-viet/utf-16.md:1: LỖI (error): tệp không ở bảng mã UTF-8, có vẻ là UTF-16 "
        "(file is not UTF-8; it looks like UTF-16) — chạy "
        f"`./dev fix-text {SHOWN}/bai-viet/utf-16.md` hoặc mở tệp và lưu lại "
        "với bảng mã UTF-8",
        "bai-viet/to-hop.md:7: LỖI (error): chữ tiếng Việt ở dạng tổ hợp dấu rời "
        "(text in decomposed NFD form) — chạy "
        f"`./dev fix-text {SHOWN}/bai-viet/to-hop.md` để chuyển sang dạng dựng sẵn (NFC), "
        "hoặc đặt bộ gõ ở bảng mã Unicode dựng sẵn",
        "bai-viet/tom-tat-dai.md:4: CẢNH BÁO (warning): tóm tắt dài 254 ký tự, quá 200 "
        "(summary too long) — rút gọn Summary còn một – hai câu",
        "albums/le-hoi/album.md:6: CẢNH BÁO (warning): ảnh b.jpg chưa có chú thích "
        "(photo without a caption) — viết chú thích sau dấu hai chấm: - b.jpg: Chú thích",
        # Legal documents: the rules of legal_documents.fields, at the line of the field.
        "van-ban/so-ky-hieu-sai.md:4: LỖI (error): số ký hiệu “KH 55 ĐU” không đúng dạng, "
        "ví dụ 55/KH-ĐU hoặc 01/2023/QĐ-UBND (code number not in the usual form) — "
        "sửa dòng Number: ở đầu tệp (the document is not published until then)",
        "van-ban/ngay-ban-hanh-sai.md:5: LỖI (error): ngày “2023-02-30” không đọc được — "
        "viết dạng 2023-01-27 (date does not parse)",
        "van-ban/hieu-luc-truoc.md:6: LỖI (error): ngày hiệu lực trước ngày ban hành — "
        "kiểm tra lại hai ngày (effective before issued)",
        "van-ban/loai-sai.md:2: LỖI (error): loại văn bản “Kế hoặch” không có trong danh "
        "sách: Nghị quyết, Quyết định, Kế hoạch, Thông báo, Báo cáo, Hướng dẫn, Công văn "
        "(unknown document type) — sửa dòng Type: ở đầu tệp "
        "(the document is not published until then)",
    ],
    ids=lambda line: line.split(":")[0],
)
def test_each_problem_is_reported_at_its_line_with_what_to_do(lines, expected):
    assert f"{SHOWN}/{expected}" in lines


def test_a_missing_attached_file_is_reported_at_the_file_line(lines):
    # The message names the folder the file should be in (an absolute path here).
    found = [line for line in lines if line.startswith(f"{SHOWN}/van-ban/thieu-tep.md:6: ")]
    assert len(found) == 1
    assert "LỖI (error): không thấy tệp đính kèm khong-co.pdf trong " in found[0]
    assert found[0].endswith("van-ban/tep — chép tệp vào đó hoặc sửa tên (attached file missing)")


def test_a_good_document_has_no_problem(lines):
    assert not [line for line in lines if "/van-ban/hop-le.md" in line]


def test_warnings_alone_pass(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "images", content / "images")
    shutil.copytree(FIXTURES / "trang", content / "trang")
    shutil.copytree(FIXTURES / "albums", content / "albums")
    (content / "bai-viet").mkdir()
    for name in ("hop-le.md", "tom-tat-dai.md"):
        shutil.copy(FIXTURES / "bai-viet" / name, content / "bai-viet" / name)
    result = run_check(content)
    assert result.returncode == 0, result.stdout
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        "CẢNH BÁO (warning)",
        "CẢNH BÁO (warning)",
    ]


def test_the_sample_content_has_no_errors():
    result = run_check(ROOT / "content")
    assert result.returncode == 0, result.stdout
    assert "LỖI" not in result.stdout


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"Title: Tin\n\nN\xf4\xf2i dung\n", "Windows-1258"),
        ("Title: Tin\n\nNội dung\n".encode("utf-16"), "UTF-16"),
        ("Title: Tin\n\nNội dung\n".encode("utf-16-le"), "UTF-16"),
    ],
)
def test_the_build_says_which_encoding_a_file_looks_like(data, looks_like):
    # The build (portal.build) reports the error Pelican's reader raises.
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = describe_error(error)
    assert f"có vẻ là {looks_like}" in message
    assert "./dev fix-text" in message
