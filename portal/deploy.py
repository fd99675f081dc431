"""Copy the live site to the web server with rsync.

    python -m portal.deploy SETTINGS LIVE

The target is ``PORTAL_DEPLOY_TARGET`` in the settings: a local folder or
``user@host:/path/`` (rsync over SSH). ``--delay-updates`` puts every changed
file in place at the end of the transfer, so readers rarely see a mix of old
and new pages; ``--delete-after`` removes pages that no longer exist only
once the new ones are there.
"""

import shutil
import subprocess
import sys
from pathlib import Path


def rsync_command(live: Path, target: str) -> list[str]:
    return [
        "rsync",
        "--recursive",
        "--links",
        "--times",
        "--checksum",  # builds rewrite every file: compare contents, not times
        "--delete-after",
        "--delay-updates",
        "--exclude=.*",
        f"{live.resolve()}/",  # the build LIVE points to, its contents
        target,
    ]


def deploy(settings_file: Path, live: Path) -> int:
    from pelican.settings import read_settings

    target = read_settings(str(settings_file)).get("PORTAL_DEPLOY_TARGET") or ""
    if not target:
        print(
            "LỖI (error): chưa đặt máy chủ đích (no target): ghi PORTAL_DEPLOY_TARGET "
            "trong publishconf.py, ví dụ 'www@may-chu:/var/www/phuong-buoi/'",
            file=sys.stderr,
        )
        return 1
    if not (live / "index.html").is_file():
        print(
            f"LỖI (error): {live} chưa có bản đăng nào (nothing published yet): "
            "chạy ./dev publish trước",
            file=sys.stderr,
        )
        return 1
    if shutil.which("rsync") is None:
        print("LỖI (error): chưa cài rsync (rsync missing): apt-get install rsync", file=sys.stderr)
        return 1
    result = subprocess.run(rsync_command(live, target), check=False)
    if result.returncode != 0:
        print(
            f"LỖI (error): rsync dừng với mã {result.returncode}: máy chủ có thể chưa nhận đủ "
            "tệp; kiểm tra kết nối rồi chạy lại ./dev deploy (rsync failed; run it again)",
            file=sys.stderr,
        )
        return 1
    print(f"Đã chép {live} lên {target} (deployed).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(deploy(Path(sys.argv[1]), Path(sys.argv[2])))
