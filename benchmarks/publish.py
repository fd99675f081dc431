"""The steps invoke publish adds after the build, on a 2,000-article site.

    ./dev bench publish

Builds a generated corpus once (cached in benchmarks/_work/publish/), then
times, in this process: the verification (every link and image of every
page, feeds parse), precompression from scratch (gzip 9 + brotli 11 of
every text file: the baseline), and precompression reusing the siblings of
an unchanged previous build (what a daily publish does when one post
changed). Prints the ratio reuse / from scratch. Other engineers' benchmarks
share the 2 cores: expect noise.
"""

import shutil
import subprocess
import sys
import time

from benchmarks.common import ROOT, WORK, gencorpus

ARTICLES = 2_000
BENCH = WORK / "publish"


def timed(label: str, function, *args):
    start = time.perf_counter()
    result = function(*args)
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.2f} s")
    return elapsed, result


def main() -> None:
    from pelican.settings import read_settings

    from portal.precompress import precompress
    from portal.verify import verify

    content = BENCH / "content"
    gencorpus(content / "bai-viet", ARTICLES)
    site = BENCH / "site"
    if not (site / "index.html").is_file():
        command = [sys.executable, "-m", "portal.build", "publishconf.py", str(site)]
        subprocess.run([*command, "--content", str(content)], cwd=ROOT, check=True)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{ARTICLES} articles, {pages} HTML pages")
    settings = read_settings(str(ROOT / "publishconf.py"))

    _, problems = timed("verify (links, images, feeds)", verify, site, settings)
    print(f"  {len(problems)} problems")
    scratch = [BENCH / "a", BENCH / "b"]
    for folder in scratch:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(site, folder)
    baseline, written = timed("precompress from scratch (baseline)", precompress, scratch[0])
    reuse, _ = timed("precompress reusing the previous build", precompress, scratch[1], scratch[0])
    print(f"  {written} .gz/.br files; reuse / from scratch: ×{reuse / baseline:.2f}")
    for folder in scratch:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
