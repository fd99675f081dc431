"""Start a new post with every metadata line filled in, as a draft.

    python -m portal.new_post "Tiêu đề bài viết" [--category "Thông tin cơ sở"] [--content DIR]

Writes ``content/bai-viet/<năm>/<slug>.md`` and prints its path and the
address to preview it at. Never replaces an existing file.
"""

import argparse
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from portal.check import ROOT
from portal.check.metadata import suggest_category
from vietnamese.text import nfc, slugify

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def post_text(title: str, category: str, author: str, now: datetime) -> str:
    # The date is Hanoi wall-clock time, as editors read and write it; the
    # settings' TIMEZONE says it is +07:00.
    return (
        f"Title: {title}\n"
        f"Date: {now.astimezone(HANOI):%Y-%m-%d %H:%M}\n"
        f"Category: {category}\n"
        "Tags:\n"
        "Summary:\n"
        f"Author: {author}\n"
        f"Slug: {slugify(title)}\n"
        "Status: draft\n"
        "\n"
        "Viết nội dung bài ở đây. Xóa dòng Status: draft khi muốn đăng.\n"
    )


def new_post(
    title: str, category: str, settings: dict, now: datetime | None = None
) -> tuple[Path, str]:
    """Create the file; returns its path and its preview address."""
    title, category = nfc(title.strip()), nfc(category.strip())
    if not title:
        raise ValueError("tiêu đề trống: ghi tiêu đề trong ngoặc kép (the title is empty)")
    if category not in settings["PORTAL_CATEGORIES"]:
        raise ValueError(
            f"chuyên mục {category!r} không có trong danh sách (unknown category): "
            + suggest_category(category, settings["PORTAL_CATEGORIES"])
        )
    now = now or datetime.now(HANOI)
    slug = slugify(title)
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0] / f"{now.astimezone(HANOI):%Y}"
    path = folder / f"{slug}.md"
    if path.exists():
        raise FileExistsError(
            f"{path} đã có (file exists): đặt tiêu đề khác, hoặc mở tệp đó để sửa"
        )
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite
        out.write(post_text(title, category, settings["AUTHOR"], now))
    return path, "/" + settings["DRAFT_URL"].format(slug=slug)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.new_post", description=__doc__)
    parser.add_argument("title")
    parser.add_argument("--category", default=None, help="default: DEFAULT_CATEGORY")
    parser.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    parser.add_argument("--content", type=Path, help="content folder (default: PATH)")
    args = parser.parse_args(argv)
    from pelican.settings import read_settings

    settings = read_settings(str(args.settings))
    if args.content:
        settings["PATH"] = str(args.content)
    try:
        path, address = new_post(
            args.title, args.category or settings["DEFAULT_CATEGORY"], settings
        )
    except (ValueError, FileExistsError) as error:
        print(f"LỖI (error): {error}", file=sys.stderr)
        return 1
    print(path)
    print(
        f"Bản nháp: xem trước tại http://127.0.0.1:8000{address} khi chạy ./dev serve",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
