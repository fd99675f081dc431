"""Tasks for editors, the administrator and developers: ``invoke --list``.

Run them through ``./dev TASK``, which installs what they need first.
"""

import shlex
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
# The published site: a link to the live build in public.versions/ (portal.publish).
PUBLIC = ROOT / "public"
HOST, PORT = "127.0.0.1", 8000


def _python(module: str, *args: str) -> str:
    """A command line running ``module`` with this virtualenv's Python."""
    return shlex.join([sys.executable, "-m", module, *args])


def _pelican(c, settings: str, output: Path, *extra: str) -> None:
    # portal.build runs Pelican and reports problems for editors (file, what
    # to do, no tracebacks); a failed build exits non-zero.
    c.run(_python("portal.build", str(ROOT / settings), str(output), *extra), pty=False)


@task(
    help={
        "output": "Folder to write the site to (default: output/)",
        "full": "Render every page, not only those whose content changed",
    }
)
def build(c, output=str(OUTPUT), full=False):
    """Build the site for previewing (pelicanconf.py); only changed pages are rendered again."""
    _pelican(c, "pelicanconf.py", Path(output), *(["--full"] if full else []))


@task
def serve(c):
    """Build, serve on http://127.0.0.1:8000, rebuild and reload the browser on save."""
    from livereload import Server

    from portal.warm_build import WarmBuilder
    from portal.watching import SaveWatcher

    # Builds run in a separate process, kept warm between saves (Pelican and
    # the plugins imported once), so that a broken file reported by Pelican
    # never stops the server: fix the file, save again. Only the pages whose
    # content changed are rendered (plugins/incremental_render).
    builder = WarmBuilder(ROOT / "pelicanconf.py", OUTPUT, cwd=ROOT)

    def rebuild_after_code_change():
        builder.restart()  # code is imported once per process
        builder.build()

    # The first build in the warm process too: it keeps the articles it
    # read, so that the first save already reads only the file saved.
    builder.restart()
    builder.build()
    # Told of each save by the operating system, not by polling (portal/watching.py).
    watcher = SaveWatcher()
    server = Server(watcher=watcher)
    # No delay: a build is done when the task returns, so browsers reload then.
    for pattern in ("content/**/*", "theme/**/*", "pelicanconf.py"):
        server.watch(str(ROOT / pattern), builder.build)
    for pattern in ("plugins/**/*.py", "portal/**/*.py"):
        server.watch(str(ROOT / pattern), rebuild_after_code_change)
    print(f"Xem trang tại http://{HOST}:{PORT}/  (Ctrl+C để dừng)")
    try:
        server.serve(host=HOST, port=PORT, root=str(OUTPUT), open_url_delay=None)
    finally:
        watcher.stop()
        builder.stop()


@task(name="new-post", help={"title": "Tiêu đề bài viết", "category": "Chuyên mục"})
def new_post(c, title, category=""):
    """Start a new post (a draft) with every metadata line filled in; prints its path."""
    c.run(_python("portal.new_post", title, *(["--category", category] if category else [])))


@task(name="new-album", help={"folder": "Folder of photos to copy", "title": "Album title"})
def new_album(c, folder, title):
    """Copy a folder of photos into a new album, captions ordered by date taken."""
    c.run(_python("portal.new_album", folder, "--title", title))


@task
def check(c):
    """Check all content without building: every problem, with file:line and what to do."""
    c.run(_python("portal.check", str(ROOT / "pelicanconf.py")), pty=False)


@task(name="fix-text", help={"file": "The file to rewrite (several: separate with spaces)"})
def fix_text(c, file):
    """Rewrite a file as UTF-8 NFC, keeping a backup (FILE.bak) if it changes."""
    # invoke has no variadic arguments; file names never contain spaces here.
    c.run(_python("portal.fix_text", *file.split()), pty=False)


@task
def publish(c):
    """Check, build with publishconf.py, verify, and switch public/ to the new build
    in one step; any problem leaves the live site untouched."""
    c.run(_python("portal.publish", str(ROOT / "publishconf.py"), str(PUBLIC)), pty=False)


@task
def rollback(c):
    """Point public/ back at the build before the current one."""
    c.run(_python("portal.publish", "--rollback", str(PUBLIC)), pty=False)


@task
def deploy(c):
    """Copy public/ to the server named by PORTAL_DEPLOY_TARGET in publishconf.py (rsync)."""
    c.run(_python("portal.deploy", str(ROOT / "publishconf.py"), str(PUBLIC)), pty=False)


@task(help={"k": "Only tests matching this expression (pytest -k)"})
def test(c, k=""):
    """Run the whole test suite."""
    args = ["-k", k] if k else []
    result = c.run(_python("pytest", *args), pty=False, warn=True)
    if result.exited == 5:
        sys.exit("pytest collected no tests: that is a failure, not a pass.")
    if result.exited:
        sys.exit(result.exited)


@task
def lint(c):
    """ruff check and ruff format --check."""
    c.run(_python("ruff", "check", "."), pty=False)
    c.run(_python("ruff", "format", "--check", "."), pty=False)


@task(help={"name": "Which benchmark: a file name in benchmarks/ (without .py)"})
def bench(c, name):
    """Run a benchmark; it prints a ratio against a baseline from the same run."""
    script = ROOT / "benchmarks" / f"{name}.py"
    if not script.is_file():
        known = sorted(
            p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem not in ("common",)
        )
        sys.exit(f"No benchmark {name!r}; known: {', '.join(k for k in known if k[0] != '_')}")
    c.run(_python(f"benchmarks.{name}"), pty=False)


@task
def lighthouse(c):
    """Lighthouse (mobile) on the home page and the seed article: prints the four scores."""
    c.run(shlex.join([sys.executable, "tools/lighthouse.py"]), pty=False)


@task(name="regen-golden")
def regen_golden(c):
    """Rewrite the golden pages in tests/golden/ from a fresh build."""
    c.run(_python("tests.golden"), pty=False)


@task(name="sample-photos")
def sample_photos(c):
    """Regenerate the stand-in photos of the sample content (articles and albums)."""
    c.run(shlex.join([sys.executable, "tools/make_sample_photos.py"]), pty=False)
    c.run(shlex.join([sys.executable, "tools/make_sample_albums.py"]), pty=False)


@task
def translations(c):
    """Extract the theme's fixed strings and update theme/translations/*/messages.po."""
    import tempfile

    # Vietnamese is the source language: the templates' _("…") strings become
    # the msgids; new ones arrive untranslated (tests/test_i18n.py lists them).
    with tempfile.TemporaryDirectory() as scratch:
        pot = str(Path(scratch) / "messages.pot")
        babel = [sys.executable, "-m", "babel.messages.frontend"]
        common = ["--no-location", "--width=100"]
        extract = ["extract", "-F", "babel.cfg", "--sort-output", *common, "-o", pot, "."]
        c.run(shlex.join([*babel, *extract]), pty=False)
        update = ["update", "-i", pot, "-d", "theme/translations", "--no-fuzzy-matching"]
        c.run(shlex.join([*babel, *update, "--ignore-obsolete", "--width=100"]), pty=False)
