"""Whole-site builds at 5,000 / 20,000 / 50,000 articles: ours against vanilla Pelican.

    ./dev bench build                          # all three sizes (50,000 takes long)
    BENCH_BUILD_SIZES=5000 ./dev bench build   # a subset, comma-separated
    BENCH_BUILD_VANILLA=0 BENCH_BUILD_SIZES=50000 ./dev bench build   # ours only
    BENCH_BUILD_STEPS=2 …                      # only the full and unchanged builds

For each size, a generated corpus (../shared/tools/gencorpus.py, cached in
benchmarks/_work/build/ by size and seed) plus the repository's sample albums,
so the photo pipeline runs. Each measure is a separate child process:

- vanilla: the same installed Pelican, its default theme (notmyidea), no
  plugins, Pelican's content cache on (as the issue's anchor figures), on the
  same Markdown files;
- ours: ``python -m portal.build pelicanconf.py OUT --content CORPUS`` (what
  ``invoke build`` runs), every plugin and the real theme; only the cache
  folder is moved into _work so the checkout's own cache is left alone.

Four builds each: full (fresh output and caches), again with nothing changed,
after one article's body is edited, after one article is added. Whatever
the build does incrementally shows in the last three. A rebuild whose output
misses the edit or the new article is flagged STALE. Ours has a fifth: the
body of another article edited, built by ``./dev serve``'s warm build process
(portal.warm_build), started and warmed by one build beforehand; its ratio
is against vanilla's cold "one body edited" (``pelican -r`` rebuilds the same
way, the issue's anchor figures say). That article is saved WARM_SAVES times
(BENCH_BUILD_WARM_SAVES, 5 unless set), as an editor saves again and again:
the step's figures are the median save's, and a line below gives the first
save and the spread. One save's wall time moves by a few tenths of a second
on a shared two-core machine; a median of five does not.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, WORK, Measure, TreeMemory, gencorpus, run_measured
from portal.timings import parse_lines
from portal.warm_build import WarmBuilder

SIZES = [int(s) for s in os.environ.get("BENCH_BUILD_SIZES", "5000,20000,50000").split(",")]
SEED = int(os.environ.get("BENCH_BUILD_SEED", "1"))
# BENCH_BUILD_VANILLA=0 measures ours only (vanilla takes hours at 50,000).
WITH_VANILLA = os.environ.get("BENCH_BUILD_VANILLA", "1") != "0"
BENCH = WORK / "build"
STEPS = ("full", "nothing changed", "one body edited", "one article added", "body edited, warm")
# The baseline each step is compared with: vanilla has no warm process.
BASELINE = {"body edited, warm": "one body edited"}
# BENCH_BUILD_STEPS=2 stops after the first two (full, nothing changed): at
# 50,000 articles each build is long.
STEP_COUNT = int(os.environ.get("BENCH_BUILD_STEPS", len(STEPS)))
# How many times the warm step saves its article (the median save counts).
WARM_SAVES = max(1, int(os.environ.get("BENCH_BUILD_WARM_SAVES", "5")))
EDIT_MARKER = "Đoạn thêm để đo thời gian dựng lại"

VANILLA_CONF = """\
AUTHOR = "Trung tâm VHTT&TT Tây Hồ"
SITENAME = "Phường Bưởi"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
"""

OURS_CONF = """\
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F401,F403  (the site's real settings)
CACHE_PATH = {cache!r}
"""

NEW_ARTICLE = """\
Title: Phường Bưởi: bài mới thêm để đo thời gian dựng lại
Date: 2026-06-01 09:00
Category: Tin tức - Sự kiện
Tags: Bưởi
Slug: bai-moi-do-thoi-gian-dung-lai
Author: Trung tâm VHTT&TT Tây Hồ
Summary: Bài thêm vào giữa hai lần dựng.

Nội dung của bài mới, một đoạn ngắn.
"""


def measure(command: list[str], log: Path) -> Measure:
    """Wall, CPU and peak memory of this one child (and its own children)."""
    with log.open("w", encoding="utf-8") as out:
        try:
            return run_measured(
                [str(part) for part in command], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        except subprocess.CalledProcessError as error:
            failed = error.returncode
    tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
    sys.exit(f"{' '.join(map(str, command))} failed ({failed}); end of {log}:\n{tail}")


def pristine_corpus(size: int) -> Path:
    """The generated articles plus the sample albums, made once per size and seed."""
    content = BENCH / f"corpus-{size}-s{SEED}" / "content"
    gencorpus(content / "bai-viet", size, "--format", "pelican", "--seed", str(SEED))
    if not (content / "albums").is_dir():
        shutil.copytree(ROOT / "content" / "albums", content / "albums")
    return content


def fresh_copy(pristine: Path, where: Path) -> Path:
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(pristine, where)
    return where


def first_article(content: Path) -> Path:
    return min((content / "bai-viet").rglob("*.md"))


def slug_of(article: Path) -> str:
    for line in article.read_text(encoding="utf-8").splitlines():
        if line.startswith("Slug:"):
            return line.split(":", 1)[1].strip()
    raise ValueError(f"{article} has no Slug line")


class Site:
    """One builder (vanilla or ours) on its own copy of the corpus."""

    def __init__(self, name: str, size: int, pristine: Path):
        self.name = name
        self.base = BENCH / f"run-{size}-{name}"
        self.content = fresh_copy(pristine, self.base / "content")
        self.output = self.base / "output"
        self.cache = self.base / "cache"
        self.logs = self.base / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.warm_saves: list[float] = []  # each warm save's wall time, in order
        self.conf = self.base / "conf.py"
        if name == "vanilla":
            self.conf.write_text(VANILLA_CONF.format(cache=str(self.cache)), encoding="utf-8")
        else:
            self.conf.write_text(
                OURS_CONF.format(root=str(ROOT), cache=str(self.cache)), encoding="utf-8"
            )

    def command(self) -> list[str]:
        if self.name == "vanilla":
            # Only the Markdown articles: vanilla would read album.md as posts.
            source = str(self.content / "bai-viet")
            return [
                sys.executable,
                "-m",
                "pelican",
                source,
                *("-s", self.conf, "-o", self.output, "-q"),
            ]
        build = [sys.executable, "-m", "portal.build", str(self.conf), str(self.output)]
        return [*build, "--content", str(self.content), "--timings"]

    def page(self, slug: str) -> Path:
        if self.name == "vanilla":
            return self.output / f"{slug}.html"
        return self.output / "bai-viet" / slug / "index.html"

    def build(self, step: str) -> tuple[Measure, dict[str, float], str]:
        log = self.logs / f"{step.replace(' ', '-')}.log"
        result = measure(self.command(), log)
        return result, parse_lines(log.read_text(encoding="utf-8", errors="replace")), ""

    def run_all(self) -> dict[str, tuple[Measure, dict[str, float], str]]:
        for stale in (self.output, self.cache):
            if stale.exists():
                shutil.rmtree(stale)
        results = {}
        results["full"] = self.build("full")
        if STEP_COUNT >= 2:
            results["nothing changed"] = self.build("nothing changed")
        if STEP_COUNT < 3:
            return results

        edited = first_article(self.content)
        with edited.open("a", encoding="utf-8") as body:
            body.write(f"\n{EDIT_MARKER}.\n")
        results["one body edited"] = self.check(
            self.build("one body edited"), self.page(slug_of(edited)), EDIT_MARKER
        )
        if STEP_COUNT < 4:
            return results

        added = self.content / "bai-viet" / "tin-tuc-su-kien" / "bai-moi-do-thoi-gian.md"
        added.write_text(NEW_ARTICLE, encoding="utf-8")
        results["one article added"] = self.check(
            self.build("one article added"), self.page(slug_of(added)), "Nội dung của bài mới"
        )
        if STEP_COUNT < 5 or self.name == "vanilla":
            return results

        edited = sorted((self.content / "bai-viet").rglob("*.md"))[1]
        results["body edited, warm"] = self.check(
            (self.warm_build(edited), {}, ""),
            self.page(slug_of(edited)),
            f"{EDIT_MARKER} ({WARM_SAVES})",  # the last save's
        )
        return results

    def warm_build(self, edited: Path) -> Measure:
        """The edit built by a warm build process, as ``./dev serve`` does:
        WARM_SAVES saves of the same article, each built and measured; the
        median save's wall and CPU time, the highest memory of any."""
        saves = []
        with (self.logs / "body-edited-warm.log").open("w", encoding="utf-8") as log:
            builder = WarmBuilder(self.conf, self.output, ROOT, self.content, stderr=log)
            try:
                if builder.build() != 0:  # starts it, imports everything: warm
                    sys.exit(f"the warm build failed; see {log.name}")
                for number in range(WARM_SAVES):
                    with edited.open("a", encoding="utf-8") as body:
                        body.write(f"\n{EDIT_MARKER} ({number + 1}).\n")
                    saves.append(self._warm_save(builder))
            finally:
                builder.stop()
        walls = [save.wall for save in saves]
        self.warm_saves = walls
        middle = sorted(saves, key=lambda save: save.wall)[len(saves) // 2]
        largest = max(save.peak_rss_mib for save in saves)
        return Measure(middle.wall, middle.cpu, largest, max(s.peak_tree_mib for s in saves))

    @staticmethod
    def _warm_save(builder: WarmBuilder) -> Measure:
        pid = builder.process.pid
        cpu = _cpu_seconds(pid)
        start = time.perf_counter()
        with TreeMemory(pid) as tree:
            code = builder.build()
        wall = time.perf_counter() - start
        if code != 0:
            sys.exit("the warm build failed")
        return Measure(wall, _cpu_seconds(pid) - cpu, _peak_rss_mib(pid), tree.peak_mib)

    @staticmethod
    def check(result, page: Path, text: str):
        measured, timings, _ = result
        fresh = page.is_file() and text in page.read_text(encoding="utf-8")
        return measured, timings, "" if fresh else "STALE"


def _cpu_seconds(pid: int) -> float:
    """User and system time of a live process and of its children it reaped."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rsplit(b")", 1)[1].split()
    # utime, stime, cutime, cstime: fields 14 to 17 of stat(5), in clock ticks.
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory since it started (VmHWM)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def report(size: int, vanilla: dict, ours: dict, warm_saves: list[float]) -> None:
    print(f"\n{size:,} articles (seed {SEED}); ratio = ours / vanilla wall time")
    print(
        f"{'build':<19} {'vanilla wall s':>14} {'CPU s':>7} {'peak MiB':>9}"
        f" {'ours wall s':>12} {'CPU s':>7} {'peak MiB':>9} {'all MiB':>8} {'ratio':>6}"
    )
    for step in [s for s in STEPS if s in ours]:
        o, _, o_note = ours[step]
        if vanilla:
            v, _, v_note = vanilla[BASELINE.get(step, step)]
            left = f"{v.wall:>14.1f} {v.cpu:>7.1f} {v.peak_rss_mib:>9.0f}"
            ratio = f"{o.wall / v.wall:>6.2f}"
        else:
            left, ratio, v_note = f"{'-':>14} {'-':>7} {'-':>9}", f"{'-':>6}", ""
        print(
            f"{step:<19} {left} {o.wall:>12.1f} {o.cpu:>7.1f} {o.peak_rss_mib:>9.0f}"
            f" {o.peak_tree_mib:>8.0f} {ratio}"
            f" {v_note} {o_note}".rstrip()
        )
    if warm_saves:
        print(
            f"  body edited, warm: median of {len(warm_saves)} saves of one article;"
            f" first {warm_saves[0]:.2f} s, fastest {min(warm_saves):.2f} s,"
            f" slowest {max(warm_saves):.2f} s"
            f" (each: {', '.join(f'{wall:.2f}' for wall in warm_saves)})"
        )
    full, timings, _ = ours["full"]
    # The index is built beside the pages (vn_search's background fork):
    # write_index is its own time, generate_output what the build waited for it.
    search = timings.get("SearchIndexGenerator.write_index", 0.0)
    waited = timings.get("SearchIndexGenerator.generate_output", 0.0)
    feeds = timings.get("NewsFeedsGenerator.generate_output", 0.0)
    where = (
        f"beside the pages, the build waited {waited:.1f} s for it"
        if search - waited > 0.5
        else "after the pages, in the build's own process: a fork did not fit the memory budget"
    )
    print(
        f"inside ours' full build ({full.wall:.1f} s): search index {search:.1f} s"
        f" ({search / full.wall:.0%}; {where}), feeds {feeds:.1f} s ({feeds / full.wall:.0%})"
    )
    steps = sorted(timings.items(), key=lambda item: -item[1])
    print("  slowest steps: " + ", ".join(f"{name} {secs:.1f} s" for name, secs in steps[:6]))
    print(
        "  peak MiB: the largest single process (wait4); all MiB: the build and its"
        " forks together, the highest sum of their PSS (sampled every 0.25 s)"
    )
    if max(full.peak_rss_mib, full.peak_tree_mib) > 2048:
        print(
            f"  peak memory {max(full.peak_rss_mib, full.peak_tree_mib):.0f} MiB"
            " is over the 2 GiB target"
        )


def main() -> None:
    BENCH.mkdir(parents=True, exist_ok=True)
    print(f"Build benchmark, {os.cpu_count()} cores; other work on the machine adds noise.")
    for size in SIZES:
        pristine = pristine_corpus(size)
        vanilla = Site("vanilla", size, pristine).run_all() if WITH_VANILLA else {}
        site = Site("ours", size, pristine)
        ours = site.run_all()
        report(size, vanilla, ours, site.warm_saves)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
