"""Build the site with Pelican and report problems the way editors can act on them.

    python -m portal.build SETTINGS OUTPUT [--fatal-warnings] [--debug] [--timings] [--full]

Exit status: 0 built; 1 the build failed, or (with --fatal-warnings) it
warned. Every warning is printed before the build is judged, so one run shows
every problem.
"""

import argparse
import logging
import sys
from pathlib import Path

from portal.messages import ProblemCounter, describe_error, setup_logging

logger = logging.getLogger(__name__)


def build(settings_file: Path, output: Path, overrides: dict | None = None) -> None:
    """Run Pelican once: read settings, generate everything into ``output``."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(settings_file), override={"OUTPUT_PATH": str(output), **(overrides or {})}
    )
    Pelican(settings).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.build", description=__doc__)
    parser.add_argument("settings", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--content", type=Path, help="content folder (default: PATH)")
    parser.add_argument("--fatal-warnings", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="list every file written")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument(
        "--full",
        action="store_true",
        help="convert and render everything (nothing kept from earlier builds)",
    )
    parser.add_argument(
        "--timings", action="store_true", help="print how long each generator step takes"
    )
    args = parser.parse_args(argv)

    counter = setup_logging(debug=args.debug, verbose=args.verbose)
    if args.timings:
        from portal import timings

        timings.install()
    overrides = {"PATH": str(args.content.resolve())} if args.content else {}
    if args.full:  # plugins/full_build.py
        overrides["PORTAL_FULL_BUILD"] = True
    return build_and_report(
        args.settings, args.output, overrides, counter, args.debug, args.fatal_warnings
    )


def build_and_report(
    settings_file: Path,
    output: Path,
    overrides: dict,
    counter: ProblemCounter,
    debug: bool = False,
    fatal_warnings: bool = False,
) -> int:
    """Build once; 0 if it went through (and, with ``fatal_warnings``,
    without a warning), else 1, every problem reported for editors."""
    try:
        build(settings_file, output, overrides)
    except Exception as error:  # report, never a traceback (unless --debug)
        logger.critical(
            "Không dựng được trang: %s. Sửa lỗi nêu trên rồi chạy lại; "
            "thêm --debug để xem chi tiết kỹ thuật.",
            describe_error(error),
            exc_info=debug,
            extra={"explained": True},
        )
        return 1
    if counter.errors or (fatal_warnings and counter.warnings):
        logger.critical(
            "Bản dựng không đạt: %d lỗi, %d cảnh báo. Sửa các mục nêu trên rồi chạy lại.",
            counter.errors,
            counter.warnings,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
