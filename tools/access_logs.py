"""Synthetic web-server access logs in the combined format, for tests and benchmarks.

    python tools/access_logs.py OUT_DIR --lines 4000000 [--files 8] [--seed 1]

writes OUT_DIR/web1/access.log, access.log.1, access.log.2.gz … for two
servers: a realistic mix of article views, assets, 404s, bots and repeat
visits, spread over the last 30 days.
"""

import argparse
import gzip
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

BROWSERS = [
    "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/118.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/121.0.0.0 Safari/537.36 coc_coc_browser/130.0",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "curl/8.5.0",
]
ASSETS = ["/theme/css/main.css", "/theme/js/main.js", "/theme/img/favicon.svg", "/images/a.jpg"]


def log_line(
    ip: str,
    when: datetime,
    target: str,
    status: int = 200,
    agent: str = BROWSERS[0],
    method: str = "GET",
    size: int = 5120,
) -> str:
    stamp = when.astimezone(UTC).strftime("%d/%b/%Y:%H:%M:%S +0000")
    return (
        f'{ip} - - [{stamp}] "{method} {target} HTTP/1.1" {status} {size} '
        f'"https://www.facebook.com/" "{agent}"\n'
    )


def synthetic_lines(
    rng: random.Random, count: int, slugs: list[str], start: datetime, end: datetime
):
    """``count`` log lines in time order, from ``start`` to ``end``."""
    step = (end - start) / max(count, 1)
    visitors = [(f"113.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                 rng.choice(BROWSERS)) for _ in range(5000)]  # fmt: skip
    for i in range(count):
        when = start + step * i
        roll = rng.random()
        ip, agent = rng.choice(visitors)
        if roll < 0.35:
            target = f"/bai-viet/{rng.choice(slugs)}/"
            if rng.random() < 0.1:
                target += "?utm_source=zalo"
            yield log_line(ip, when, target, agent=agent)
        elif roll < 0.85:
            yield log_line(ip, when, rng.choice(ASSETS), agent=agent)
        elif roll < 0.93:
            yield log_line(ip, when, f"/bai-viet/{rng.choice(slugs)}/", agent=rng.choice(BOTS))
        else:
            yield log_line(ip, when, "/khong-co/", status=404, agent=agent)


def write_logs(out: Path, lines: int, files: int = 8, seed: int = 1, slugs=None) -> list[Path]:
    """Two servers, each with a live log, one rotated plain file and .gz archives."""
    rng = random.Random(seed)
    slugs = slugs or [f"bai-{n}" for n in range(2000)]
    end = datetime.now(UTC).replace(microsecond=0)
    per_file = lines // files
    written = []
    for server in ("web1", "web2"):
        folder = out / server
        folder.mkdir(parents=True, exist_ok=True)
        count = files // 2
        for age in range(count - 1, -1, -1):  # oldest first, newest is access.log
            name = "access.log" if age == 0 else f"access.log.{age}"
            span = timedelta(days=30 / count)
            chunk_end = end - span * age
            text = "".join(synthetic_lines(rng, per_file, slugs, chunk_end - span, chunk_end))
            if age >= 2:
                path = folder / f"{name}.gz"
                with gzip.GzipFile(path, "wb", mtime=0) as stream:
                    stream.write(text.encode())
            else:
                path = folder / name
                path.write_text(text)
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    paths = write_logs(args.out, args.lines, args.files, args.seed)
    print(f"{len(paths)} files, {args.lines} lines in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
