"""Search on 2,000 and 20,000 generated articles: our index (plugins/vn_search)
side by side with Pagefind on the same site, in the same run.

    ./dev bench search     (BENCH_REBUILD=1: rebuild the cached Pelican site;
                            BENCH_PELICAN=1: build the 20,000 with Pelican too)

While iterating: BENCH_SIZES=2000 (or 20000) runs one size only, and
BENCH_PAGEFIND=cached reuses Pagefind's figures from the last full run of
that size instead of indexing again (the report says so). The default is
the full comparison, both sizes, both engines, in the same run.

Prints, per corpus: index build time and peak memory, index size, and for a
fixed set of queries measured in Chromium: bytes the server sent (headers
included, text gzipped as nginx would) and time to results, for a cold first
query (empty cache, search code included) and a second query on the same page.

Each run indexes the corpus with our build_index (in a process of its own,
from the articles as the plugin's Doc values) and the site with Pagefind, one
after the other. Our peak memory is the indexing process's plus, for each of
its worker processes, the largest worker's: an upper bound, as forked workers
share pages with their parent. The 2,000-article site is built with Pelican once and cached
in benchmarks/_work; building 20,000 with Pelican takes far longer than a
run on this shared 2-core machine, so by default they are written as plain
HTML pages (title, summary, text): both indexers then read the same words.
The machine is shared with other engineers' work: expect noise.
"""

import functools
import gzip
import html
import http.server
import io
import json
import os
import pickle
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

from benchmarks.common import ROOT, WORK, gencorpus, run_measured

SIZES = (2_000, 20_000)
PELICAN_MAX = 2_000  # larger corpora: plain HTML pages unless BENCH_PELICAN=1
PAGEFIND_VERSION = "1.5.2"
QUERIES = ["dang vien", "phường bưởi", '"sổ tay đảng viên điện tử"', "ke hoach", "thuy khue"]
SECOND = "chi bo"  # the second query on the same page
TEXT_TYPES = (".html", ".js", ".css", ".json", ".xml")


def main() -> None:
    # The plugins import each other by name, as pelicanconf.py arranges.
    sys.path.insert(0, str(ROOT / "plugins"))
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "").split(",") if n] or SIZES
    cached = os.environ.get("BENCH_PAGEFIND") == "cached"
    pagefind = None if cached else _pagefind()
    print(f"Load before the run: {os.getloadavg()[0]:.1f} (1 min), {os.cpu_count()} cores")
    rows = []
    for size in sizes:
        content = gencorpus(WORK / f"content-{size}" / "bai-viet", size).parent
        site, built = _site(size, content)
        saved = WORK / f"pagefind-{size}.json"
        # Both indexers run here, one after the other, under the same load.
        ours = _our_index(size, content)
        theirs = json.loads(saved.read_text()) if cached else _pagefind_index(pagefind, site)
        ours["build"] = built
        with _Served(site, WORK / f"index-only-{size}") as served:
            ours.update(_browser(served, "ours"))
            if not cached:
                theirs.update(_browser(served, "pagefind"))
        ours.update(_size(WORK / f"index-only-{size}"))
        if not cached:
            theirs.update(_size(site / "pagefind"))
            saved.write_text(json.dumps(theirs))
        theirs["cached"] = cached
        rows.append((size, ours, theirs))
    print(f"Load after the run: {os.getloadavg()[0]:.1f} (1 min)")
    _report(rows)


def _site(size: int, content: Path) -> tuple[Path, dict]:
    """The built site (cached) and our index's build figures from its log."""
    site = WORK / f"site-{size}"
    stamp = WORK / f"site-{size}.json"
    # The built pages are only what Pagefind indexes and the browser opens:
    # our index is served from this run's index-only build, so edits to the
    # plugin (or anyone's template) need no 20,000-article rebuild. Scripts
    # are refreshed from theme/static.
    if stamp.is_file() and (site / "index.html").is_file() and not os.environ.get("BENCH_REBUILD"):
        saved = json.loads(stamp.read_text())
        shutil.copytree(ROOT / "theme" / "static", site / "theme", dirs_exist_ok=True)
        return site, {**saved["ours"], "cached": True}
    if size > PELICAN_MAX and not os.environ.get("BENCH_PELICAN"):
        return _plain_site(size, content), {"cached": False, "plain": True}
    log = WORK / f"build-{size}.log"
    print(f"Building the {size:,}-article site with Pelican (cached afterwards)…", flush=True)
    flags = ["--content", str(content), "--verbose"]
    with log.open("w") as out:
        measure = run_measured(
            [sys.executable, "-m", "portal.build", str(ROOT / "pelicanconf.py"), str(site), *flags],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"},
        )
    line = re.search(r"vn_search: .* in ([\d.]+) s, peak memory \+(\d+) MiB", log.read_text())
    if not line:
        sys.exit(f"No vn_search line in {log}: did the build fail?")
    ours = {
        "index_s": float(line[1]),
        "index_mib": float(line[2]),
        "site_build_s": measure.wall,
        "site_peak_mib": measure.peak_rss_mib,
    }
    stamp.write_text(json.dumps({"ours": ours}))
    return site, {**ours, "cached": False}


def _plain_site(size: int, content: Path) -> Path:
    """The articles as bare HTML pages (title, summary, text), for corpora
    too big to build with Pelican on a shared 2-core machine within a run
    (BENCH_PELICAN=1 builds them anyway). Both indexers see the same text."""
    site = WORK / f"plain-site-{size}"
    if not (site / "404.html").is_file():
        print(f"Writing the {size:,} articles as plain HTML pages (cached afterwards)…", flush=True)
        docs = pickle.loads(_docs(size, content).read_bytes())
        for doc in docs:
            page = site / doc.url / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(
                f'<!doctype html><html lang="vi"><head><meta charset="utf-8">'
                f"<title>{html.escape(doc.title)}</title></head><body><main>"
                f"<h1>{html.escape(doc.title)}</h1><p>{html.escape(doc.summary)}</p>"
                f"<p>{html.escape(doc.body)}</p></main></body></html>",
                encoding="utf-8",
            )
        (site / "404.html").write_text(
            '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>404</title>'
            "</head><body><p>Không tìm thấy trang</p></body></html>",
            encoding="utf-8",
        )
    shutil.copytree(ROOT / "theme" / "static", site / "theme", dirs_exist_ok=True)
    return site


def _docs(size: int, content: Path) -> Path:
    """The corpus as the plugin's Doc values (Markdown rendered as Pelican
    does), pickled once, so that indexing can be timed on its own."""
    cache = WORK / f"docs-{size}.pickle"
    if not cache.is_file():
        import markdown

        from vn_search.index import Doc
        from vn_search.tokens import plain_text

        docs = []
        for path in sorted(content.rglob("*.md")):
            head, body = path.read_text("utf-8").split("\n\n", 1)
            meta = dict(line.split(": ", 1) for line in head.splitlines())
            docs.append(
                Doc(
                    url=f"bai-viet/{meta['Slug']}/",
                    title=meta["Title"],
                    date=datetime.strptime(meta["Date"], "%Y-%m-%d %H:%M"),
                    category=meta["Category"],
                    summary=meta.get("Summary", ""),
                    body=plain_text(markdown.markdown(body, extensions=["extra"])),
                    tags=tuple(meta.get("Tags", "").split(", ")),
                )
            )
        cache.write_bytes(pickle.dumps(docs))
    return cache


def _our_index(size: int, content: Path) -> dict:
    """Time and peak memory of build_index plus writing its files, in a
    child process of its own (the docs loaded count in its memory, as the
    pages Pagefind reads count in its)."""
    out = WORK / f"index-only-{size}"
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.search", "index", str(_docs(size, content)), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, mib, workers = result.stdout.split()
    return {"index_s": float(seconds), "index_mib": float(mib), "workers": int(workers)}


def _index_only(docs_pickle: str, out: str) -> None:
    from vn_search.index import build_index
    from vn_search.postings import processes_for
    from vn_search.settings import vn_search_settings

    docs = pickle.loads(Path(docs_pickle).read_bytes())
    options = vn_search_settings({})
    started = time.perf_counter()
    files = build_index(docs, options)
    for name in sorted(files):
        path = Path(out) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
    seconds = time.perf_counter() - started
    # Workers (if any) count too: each as much as the largest of them.
    workers = processes_for(options["PROCESSES"], len(docs))
    workers = 0 if workers == 1 else workers
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak += workers * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(seconds, peak, workers)


def _pagefind() -> Path:
    """Pagefind's binary, from its wheel, in a virtualenv of its own."""
    venv = WORK / "pagefind-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = subprocess.run(
        [str(python), "-m", "pagefind", "--version"], capture_output=True, text=True, check=False
    )
    if PAGEFIND_VERSION not in probe.stdout:
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", f"pagefind[bin]=={PAGEFIND_VERSION}"],
            check=True,
        )
    return python


def _pagefind_index(python: Path, site: Path) -> dict:
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    # A child of its own, so its peak memory is its own (RUSAGE_CHILDREN
    # keeps the largest child so far, which would be Pelican's).
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter();"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
        "print(time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    command = [str(python), "-m", "pagefind", "--site", str(site), "--glob", "bai-viet/**/*.html"]
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return {"index_s": float(out[0]), "index_mib": float(out[1])}


def _size(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    sizes = [p.stat().st_size for p in files]
    return {"files": len(files), "bytes": sum(sizes), "largest": max(sizes)}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped on the fly as any production server would;
    /tim-kiem/index/ from this run's index-only build."""

    def __init__(self, *args, index: Path, **kwargs):
        self.index = index
        super().__init__(*args, **kwargs)

    def setup(self):
        super().setup()
        self.wfile = _Counting(self.wfile, self.server)

    def translate_path(self, path):
        prefix = "/tim-kiem/index/"
        if path.startswith(prefix):
            return str(self.index / path[len(prefix) :].split("?")[0])
        return super().translate_path(path)

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.suffix not in TEXT_TYPES or not gzip_ok or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Counting:
    """The bytes a server sends, headers included: what reaches the browser
    whether a page or a worker asked (DevTools would miss Pagefind's worker)."""

    def __init__(self, raw, server):
        self.raw, self.server = raw, server

    def write(self, data):
        self.server.sent += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class _Served:
    def __init__(self, site: Path, index: Path):
        handler = functools.partial(_Handler, directory=str(site), index=index)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.sent = 0

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        return self

    def take(self) -> int:
        sent, self.server.sent = self.server.sent, 0
        return sent

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# What a results page does: load the search code, run the query, fetch what
# the first ten results show (title, date, excerpt). Returns ms and hits.
_OURS_JS = """async (q) => {
  const t = performance.now();
  const { openIndex } = await import('/theme/js/search/engine.js');
  const index = openIndex('/tim-kiem/index/');
  const r = await index.search(q);
  const top = r.ids.slice(0, 10);
  await Promise.all(top.map((id) => Promise.all([index.document(id), index.text(id)])));
  return [performance.now() - t, r.total];
}"""
_PAGEFIND_JS = """async (q) => {
  const t = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  const r = await pagefind.search(q);
  await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  return [performance.now() - t, r.results.length];
}"""


def _browser(served: "_Served", engine: str) -> dict:
    from playwright.sync_api import sync_playwright

    script = _OURS_JS if engine == "ours" else _PAGEFIND_JS
    cold_bytes, cold_ms, second_bytes, second_ms, hits = [], [], [], [], {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        for query in QUERIES:
            context = browser.new_context()
            page = context.new_page()
            page.goto(served.url + "/404.html")
            served.take()
            ms, hits[query] = page.evaluate(script, query)
            cold_bytes.append(served.take())
            cold_ms.append(ms)
            ms, _ = page.evaluate(script, SECOND)
            second_bytes.append(served.take())
            second_ms.append(ms)
            context.close()
        browser.close()
    return {
        "cold_kb": max(cold_bytes) / 1024,
        "cold_ms": max(cold_ms),
        "cold_ms_median": sorted(cold_ms)[len(cold_ms) // 2],
        "second_kb": max(second_bytes) / 1024,
        "second_ms": max(second_ms),
        "hits": hits,
    }


def _report(rows) -> None:
    print()
    print(
        "| articles | engine | index build s | index peak MiB | index MB (files, largest KB) "
        "| 1st query KB (max) | 1st query ms (max / median) | 2nd query KB | 2nd query ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for size, ours, theirs in rows:
        pagefind = "Pagefind 1.5.2" + (" (cached figures)" if theirs["cached"] else "")
        vn_search = f"vn_search ({ours['workers']} workers)" if ours["workers"] else "vn_search"
        for name, r in ((vn_search, ours), (pagefind, theirs)):
            print(
                f"| {size:,} | {name} | {r['index_s']:.1f} | {r['index_mib']:.0f} "
                f"| {r['bytes'] / 1e6:.1f} ({r['files']:,}, {r['largest'] / 1024:.0f}) "
                f"| {r['cold_kb']:.0f} | {r['cold_ms']:.0f} / {r['cold_ms_median']:.0f} "
                f"| {r['second_kb']:.0f} | {r['second_ms']:.0f} |"
            )
        print(
            f"| {size:,} | ratio | {ours['index_s'] / theirs['index_s']:.2f}× "
            f"| {ours['index_mib'] / max(theirs['index_mib'], 1):.2f}× | "
            f"| {ours['cold_kb'] / theirs['cold_kb']:.2f}× "
            f"| {ours['cold_ms'] / theirs['cold_ms']:.2f}× / "
            f"{ours['cold_ms_median'] / theirs['cold_ms_median']:.2f}× "
            f"| {ours['second_kb'] / max(theirs['second_kb'], 0.01):.2f}× "
            f"| {ours['second_ms'] / theirs['second_ms']:.2f}× |"
        )
    for size, ours, theirs in rows:
        note = " (cached from an earlier run)" if ours["build"].get("cached") else ""
        print(f"\n{size:,} articles{note}: hits per query, vn_search / Pagefind:")
        for query in QUERIES:
            print(f"  {query}: {ours['hits'][query]} / {theirs['hits'][query]}")
        built = ours["build"]
        if built.get("plain"):
            print("  site: the articles as plain HTML pages (too big for Pelican in this run)")
            continue
        print(
            f"  inside the Pelican build{note}: vn_search took {built['index_s']:.1f} s and "
            f"+{built['index_mib']:.0f} MiB of a {built['site_build_s']:.0f} s build "
            f"peaking at {built['site_peak_mib']:.0f} MiB"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["index"]:
        sys.path.insert(0, str(ROOT / "plugins"))
        _index_only(*sys.argv[2:])
    else:
        main()
