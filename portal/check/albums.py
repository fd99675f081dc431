"""Photo albums: ``content/albums/<slug>/album.md`` against the photos beside it.

The format and its parser belong to the photo_albums plugin; the check only
adds what matters to editors before publishing: every photo has a caption.
"""

from pathlib import Path

from photo_albums.metadata import ALBUM_FILE, parse_album_text, photo_files
from portal.check.problems import ERROR, WARNING, Problem
from portal.check.source import decomposed_text, not_utf8


def check_albums(content: Path) -> list[Problem]:
    albums = content / "albums"
    if not albums.is_dir():
        return []
    problems = []
    for folder in sorted(d for d in albums.iterdir() if d.is_dir()):
        path = folder / ALBUM_FILE
        if not path.is_file():
            problems.append(
                Problem(
                    folder,
                    1,
                    ERROR,
                    f"album thiếu tệp {ALBUM_FILE} (album has no {ALBUM_FILE})",
                    f'tạo album bằng `./dev new-album THƯ_MỤC --title "…"` hoặc viết {ALBUM_FILE}',
                )
            )
            continue
        problems += check_album(path)
    return problems


def check_album(path: Path) -> list[Problem]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [not_utf8(path, data, error)]
    present = photo_files(path.parent)
    meta, found = parse_album_text(text, str(path), present)
    problems = [
        Problem(
            path,
            p.line or 1,
            ERROR,
            f"tệp album viết chưa đúng (album file problem: {p.message})",
            "sửa dòng này theo mẫu trong hướng dẫn biên tập, mục Album ảnh",
        )
        for p in found
    ]
    problems += decomposed_text(path, text.splitlines())
    for entry in meta.photos:
        if not entry.caption:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    WARNING,
                    f"ảnh {entry.file} chưa có chú thích (photo without a caption)",
                    f"viết chú thích sau dấu hai chấm: - {entry.file}: Chú thích",
                )
            )
    listed = {entry.file for entry in meta.photos}
    for name in present:
        if name not in listed:
            problems.append(
                Problem(
                    path,
                    1,
                    WARNING,
                    f"ảnh {name} có trong thư mục nhưng không có dòng nào trong {path.name} "
                    "(photo not listed)",
                    f"thêm dòng - {name}: Chú thích, hoặc xóa ảnh khỏi thư mục",
                )
            )
    return problems
