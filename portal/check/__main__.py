"""python -m portal.check [SETTINGS] [--content DIR]

Prints every problem as ``file:line: LỖI (error): what — what to do``.
Exit status: 1 if there is any error, 0 with warnings only.
"""

import argparse
import sys
from pathlib import Path

from plugin_settings import PluginSettingsError
from portal.check import ERROR, ROOT, check_content


def load_settings(settings_file: Path) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(settings_file))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.check", description=__doc__)
    parser.add_argument("settings", type=Path, nargs="?", default=ROOT / "pelicanconf.py")
    parser.add_argument("--content", type=Path, help="content folder (default: PATH)")
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    content = args.content or Path(settings["PATH"])
    try:
        problems = check_content(content, settings)
    except PluginSettingsError as error:
        print(f"LỖI (error): {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem.format())
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        print(f"Kiểm tra xong: {errors} lỗi, {warnings} cảnh báo.", file=sys.stderr)
    else:
        print("Kiểm tra xong: không có lỗi nào (no problems).", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
