"""Write the sample photo albums under content/albums/ (stand-in photos and album.md).

The pictures are drawn by make_sample_photos.py's scenes (flat shapes, fixed
seeds, pinned encoder settings), so running this twice gives the same bytes.
Every alt text says "Ảnh minh họa": these are not photos of the real events.

    python tools/make_sample_albums.py
"""

import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_sample_photos as photos

ALBUMS = photos.CONTENT / "albums"
SIZE = (1200, 800)
PORTRAIT = (800, 1200)

# slug -> (metadata lines, [(file, size, scene, date taken, caption, alt)])
# Every photo is listed, with a caption and alt text.
SAMPLE = {
    "hoi-nghi-chi-bo-4-tot-2023": (
        [
            "Title: Hội nghị triển khai Kế hoạch “Chi bộ 4 tốt”, “Đảng viên 4 tốt”",
            "Date: 2023-02-27 23:04",
            "Cover: ky-ket-01.jpg",
            "Summary: Các chi bộ ký kết giao ước thi đua tại hội nghị của Đảng ủy phường Bưởi.",
        ],
        [
            (
                "ky-ket-01.jpg",
                SIZE,
                "signing",
                "2023:02:27 09:10:00",
                "Bí thư các chi bộ ký bản đăng ký thi đua",
                "Ảnh minh họa: hai đại biểu ngồi sau bàn phủ khăn xanh, ký bản đăng ký"
                " đặt trên bàn",
            ),
            (
                "ky-ket-02.jpg",
                SIZE,
                "signing",
                "2023:02:27 09:12:00",
                "Ký kết giao ước thi đua",
                "Ảnh minh họa: hai đại biểu cầm bút ký văn bản, giữa bàn có lẵng hoa nhỏ",
            ),
            (
                "ky-ket-03.jpg",
                SIZE,
                "signing",
                "2023:02:27 09:15:00",
                "Đại biểu ký bản đăng ký phấn đấu",
                "Ảnh minh họa: hai đại biểu ký bản đăng ký trước phông nền đỏ có dải vàng",
            ),
            (
                "ky-ket-04.jpg",
                SIZE,
                "signing",
                "2023:02:27 09:18:00",
                "Các chi bộ đăng ký phấn đấu đạt danh hiệu “Chi bộ 4 tốt”",
                "Ảnh minh họa: ba đại biểu ngồi cạnh nhau ký bản đăng ký phấn đấu",
            ),
            (
                "toan-canh.jpg",
                SIZE,
                "hall",
                "2023:02:27 08:30:00",
                "Toàn cảnh hội nghị",
                "Ảnh minh họa: hội trường nhìn từ cuối phòng, nhiều hàng đại biểu ngồi",
            ),
        ],
    ),
    "ngay-hoi-van-hoa-phuong-buoi-2025": (
        [
            "Title: Ngày hội văn hóa phường Bưởi 2025",
            "Date: 2025-03-23 08:00",
            "Cover: duong-pho.jpg",
            "Summary: Một số hình ảnh tại ngày hội văn hóa, thể thao của phường.",
        ],
        [
            (
                "duong-pho.jpg",
                SIZE,
                "festive_street",
                "2025:03:23 07:45:00",
                "Phố phường rực rỡ cờ hoa ngày hội",
                "Ảnh minh họa: dãy nhà treo cờ đỏ và đèn lồng dọc con phố",
            ),
            (
                "bong-da.jpg",
                SIZE,
                "sports",
                "2025:03:23 09:30:00",
                "Trận bóng đá giao hữu của thiếu niên các tổ dân phố",
                "Ảnh minh họa: các cầu thủ nhí tranh bóng trên sân cỏ",
            ),
            (
                "sen-ho-tay.jpg",
                PORTRAIT,
                "lotus_lake",
                "2025:03:23 16:00:00",
                "Sen nở bên hồ Tây",
                "Ảnh minh họa: hồ sen và bờ hồ lúc chiều",
            ),
            (
                "lop-hoc.jpg",
                SIZE,
                "classroom",
                "2025:03:23 10:15:00",
                "Lớp học làm giấy dó cho thiếu nhi",
                "Ảnh minh họa: học sinh ngồi học trong lớp, cô giáo đứng trên bục",
            ),
            (
                "ho-tro.jpg",
                SIZE,
                "helpdesk",
                "2025:03:23 08:20:00",
                "Điểm hỗ trợ người dân cài đặt ứng dụng VNeID",
                "Ảnh minh họa: cán bộ ngồi sau bàn hướng dẫn người dân",
            ),
        ],
    ),
}


def write_photo(folder: Path, name, size, kind, taken, icc) -> None:
    rel = f"albums/{folder.name}/{name}"
    image = photos.render(rel, size, kind)
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal: orders unlisted photos
    target = folder / name
    image.save(target, "JPEG", icc_profile=icc, exif=exif, **photos.JPEG_OPTIONS)
    print(f"content/{rel}  {size[0]}x{size[1]}  {target.stat().st_size // 1024} KB")


def write_all() -> int:
    icc = photos.srgb_profile()
    for slug, (header, entries) in SAMPLE.items():
        folder = ALBUMS / slug
        folder.mkdir(parents=True, exist_ok=True)
        lines = [*header, ""]
        for name, size, kind, taken, caption, alt in entries:
            write_photo(folder, name, size, kind, taken, icc)
            lines.append(f"- {name}:" + (f" {caption}" if caption else "") + f" | alt: {alt}")
        (folder / "album.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(write_all())
