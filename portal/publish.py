"""Publish: check, build aside, verify, then switch the live site over in one step.

    python -m portal.publish SETTINGS LIVE [--content DIR]
    python -m portal.publish --rollback LIVE

LIVE (``public/``) is a symbolic link to one finished build in
``LIVE.versions/``. A publish builds into a hidden staging folder there, and
only when the check, the build and the verification all pass does it point
LIVE at the new build with one ``os.replace`` (a rename, atomic on POSIX):
a web server sees the old site or the new one, never half of each. A
failure, or the process being killed at any moment, leaves LIVE and what it
points to byte for byte as they were. The previous builds stay, so
``--rollback`` can point LIVE back at the one before.
"""

import argparse
import contextlib
import fcntl
import logging
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import plugin_settings
from plugin_settings import Option, list_of_strings, whole_number
from portal import precompress as compressing
from portal.build import main as build_main
from portal.check import ERROR, check_content
from portal.messages import describe_error
from portal.verify import verify

logger = logging.getLogger(__name__)

SCHEMA = {
    # The live build, the one rollback returns to, and one more.
    "KEEP": Option(3, whole_number(2), "a whole number, at least 2"),
    "REQUIRED_FILES": Option(["index.html"], list_of_strings, "a list of paths in the build"),
    "VERIFY": Option([], list_of_strings, "a list of 'module:function' names"),
    # 11 is the smallest .br; 6 is ~40× faster for files ~10% larger. Only
    # pages that changed since the last publish are compressed again.
    "BROTLI_QUALITY": Option(
        11, lambda v: whole_number(0)(v) and v <= 11, "a whole number from 0 to 11"
    ),
}
STAGING_PREFIX = ".staging-"
ROLLED_BACK_PREFIX = ".rolled-back-"
ADOPTED_NAME = "000000-truoc-khi-co-phien-ban"  # sorts before every build
# Tests set this to a step name to have the process killed right there, the
# way a power cut or Ctrl+C would.
KILL_AT = "PORTAL_PUBLISH_TEST_KILL_AT"


class PublishError(Exception):
    """A step failed; the message says which and why, in Vietnamese."""


def versions_dir(live: Path) -> Path:
    return live.with_name(live.name + ".versions")


def _step(name: str) -> None:
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def _locked(versions: Path):
    """One publish or rollback at a time."""
    versions.mkdir(parents=True, exist_ok=True)
    with open(versions / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError("một lần đăng khác đang chạy (another publish is running)") from None
        yield


def current_version(live: Path) -> Path | None:
    if live.is_symlink():
        return (live.parent / os.readlink(live)).resolve()
    return None


def builds(live: Path) -> list[Path]:
    """Finished builds, oldest first (their names start with a sequence number)."""
    versions = versions_dir(live)
    if not versions.is_dir():
        return []
    return sorted(p for p in versions.iterdir() if p.is_dir() and not p.name.startswith("."))


def _new_name(versions: Path) -> str:
    """``000042-20261128T031323Z``: a sequence number orders the builds (a clock
    set back cannot), the time says when it was published."""
    numbers = [0]
    for entry in versions.iterdir():
        digits = entry.name.removeprefix(ROLLED_BACK_PREFIX).split("-")[0]
        if digits.isdigit():
            numbers.append(int(digits))
    return f"{max(numbers) + 1:06d}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"


def switch_to(live: Path, build: Path) -> None:
    """Point LIVE at ``build`` atomically."""
    if live.exists() and not live.is_symlink():
        # A live folder from before versioned publishing: keep it as a build
        # so that rollback can return to it. Happens once, and is the one
        # moment LIVE is missing (between the rename and the link).
        adopted = versions_dir(live) / ADOPTED_NAME
        live.rename(adopted)
        os.symlink(os.path.relpath(adopted, live.parent), live)
    link = live.with_name(f".{live.name}.switching")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(os.path.relpath(build, live.parent), link)
    _step("switch")
    os.replace(link, live)


def _prune(live: Path, keep: int) -> None:
    current = current_version(live)
    for old in builds(live)[:-keep]:
        if old != current:
            shutil.rmtree(old)


def _clear_leftovers(live: Path) -> None:
    """Remove what a killed publish left: its staging folder, or a finished build
    newer than the live one (killed before the switch). Neither was ever live;
    left there, a rollback could pick one."""
    for leftover in versions_dir(live).glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    current = current_version(live)
    for build in builds(live):
        if current is not None and build.name > current.name:
            shutil.rmtree(build)


def _build_verified(
    settings_file: Path, settings: dict, options: dict, content: Path, staging: Path, live: Path
) -> Path:
    """Build into ``staging``, verify and compress it; returns it renamed as a finished build."""
    versions = versions_dir(live)
    _step("build")
    # --full: what goes live is made from the files alone, nothing kept from
    # earlier builds (the previews' caches) in between.
    args = [
        str(settings_file),
        str(staging),
        "--fatal-warnings",
        "--full",
        "--content",
        str(content),
    ]
    if build_main(args) != 0:
        raise PublishError("dựng trang không thành công (build failed)")

    _step("verify")
    found = verify(staging, settings)
    for line in found:
        print(f"LỖI (error): {line}", file=sys.stderr)
    if found:
        raise PublishError(f"bản dựng mới có {len(found)} lỗi (verification failed)")

    _step("compress")
    compressing.precompress(staging, current_version(live), options["BROTLI_QUALITY"])

    build = versions / _new_name(versions)
    staging.rename(build)
    return build


def publish(settings_file: Path, live: Path, content: Path | None = None) -> Path:
    """Run every step; returns the new build. Raises PublishError (LIVE untouched)."""
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    try:
        options = plugin_settings.read_settings(settings, "PORTAL_PUBLISH", SCHEMA)
    except plugin_settings.PluginSettingsError as error:
        raise PublishError(str(error)) from None
    content = content or Path(settings["PATH"])
    versions = versions_dir(live)
    with _locked(versions):
        _clear_leftovers(live)
        _step("check")
        problems = check_content(content, settings)
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        errors = sum(p.severity == ERROR for p in problems)
        if errors:
            raise PublishError(f"bước kiểm tra thấy {errors} lỗi (check found errors)")

        staging = versions / f"{STAGING_PREFIX}{os.getpid()}"
        try:
            build = _build_verified(settings_file, settings, options, content, staging, live)
        except BaseException:
            # Not live, never will be: a failed build leaves nothing behind.
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _step("ready")
        switch_to(live, build)
        _prune(live, options["KEEP"])
    return build


def rollback(live: Path) -> Path:
    with _locked(versions_dir(live)):
        current = current_version(live)
        older = [b for b in builds(live) if current is None or b.name < current.name]
        if not older:
            raise PublishError("không còn bản trước để quay lại (no previous build)")
        switch_to(live, older[-1])
        # Set the bad build aside (only the latest such), so that a second
        # rollback goes further back instead of returning to it.
        if current is not None:
            for aside in versions_dir(live).glob(ROLLED_BACK_PREFIX + "*"):
                shutil.rmtree(aside)
            current.rename(current.with_name(ROLLED_BACK_PREFIX + current.name))
        return older[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.publish", description=__doc__)
    parser.add_argument(
        "paths", nargs="+", type=Path, help="SETTINGS LIVE, or LIVE with --rollback"
    )
    parser.add_argument("--content", type=Path, help="content folder (default: PATH)")
    parser.add_argument("--rollback", action="store_true")
    args = parser.parse_args(argv)
    try:
        if args.rollback:
            (live,) = args.paths
            build = rollback(live)
            print(f"Đã quay lại bản {build.name}: {live} (rolled back).", file=sys.stderr)
            return 0
        settings, live = args.paths
        build = publish(settings, live, args.content)
    except Exception as error:  # never a traceback: say what failed, the site is as it was
        if not isinstance(error, PublishError):
            error = describe_error(error)
        print(
            f"LỖI (error): {error}. Chưa đăng gì: trang đang chạy ({live}) giữ nguyên như cũ "
            "(nothing published; the live site is unchanged).",
            file=sys.stderr,
        )
        return 1
    print(f"Đã đăng: {live} → {build.name} (published).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
