"""Lighthouse scores of the home page and the seed article, mobile settings: ``./dev lighthouse``.

Builds the sample site with FEED_DOMAIN set to a local server's address (so
canonical URLs and link previews point to the pages being audited), serves it
on 127.0.0.1, runs Lighthouse 12 from node_modules/ against Debian's Chromium
with the flags the browser tests use, and prints the four category scores.
Reports go to test-artifacts/lighthouse/ (git-ignored). Slow (about a minute
a page on two cores), so it is a task, not a test.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
PAGES = {
    "home": "/",
    "seed-article": "/bai-viet/phuong-buoi-trien-khai-ke-hoach-chi-bo-4-tot-dang-vien-4-tot/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGET = 95


class _Server(http.server.SimpleHTTPRequestHandler):
    """Serves text gzipped, as the web server sends the published site (whose
    .gz files portal.precompress writes): otherwise Lighthouse would measure
    a transfer that residents never make."""

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        from portal.precompress import EXTENSIONS, gzip_bytes

        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in EXTENSIONS and path.is_file()):
            return super().do_GET()
        body = gzip_bytes(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(output: Path, origin: str) -> None:
    settings = output.parent / "lighthouseconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        f"from pelicanconf import *  # noqa: F403\nFEED_DOMAIN = {origin!r}\n",
        "utf-8",
    )
    command = [sys.executable, "-m", "portal.build", str(settings), str(output)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def audit(url: str, report: Path) -> dict[str, int]:
    from tests.conftest import CHROMIUM_ARGS  # the flags every browser test uses

    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    result = json.loads(report.read_text("utf-8"))
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if not LIGHTHOUSE.is_file():
        print("Lighthouse is missing: ./dev lighthouse installs it (npm ci)", file=sys.stderr)
        return 1
    REPORTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build(site, origin)
        handler = functools.partial(_Server, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            scores = {
                name: audit(origin + path, REPORTS / f"{name}.json") for name, path in PAGES.items()
            }
        finally:
            server.shutdown()
            server.server_close()
    print(f"{'page':<14}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for name, score in scores.items():
        print(f"{name:<14}" + "".join(f"{score[c]:>16}" for c in CATEGORIES))
    low = [f"{page} {c} {s[c]}" for page, s in scores.items() for c in CATEGORIES if s[c] < TARGET]
    print(f"Below the target of {TARGET}: {', '.join(low)}" if low else f"All ≥ {TARGET}.")
    print(f"Full reports: {REPORTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
