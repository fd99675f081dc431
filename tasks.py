"""Tasks for editors, the administrator and developers: ``invoke --list``.

Run them through ``./dev TASK``, which installs what they need first.
"""

import shlex
import subprocess
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
HOST, PORT = "127.0.0.1", 8000


def _python(module: str, *args: str) -> str:
    """A command line running ``module`` with this virtualenv's Python."""
    return shlex.join([sys.executable, "-m", module, *args])


def _pelican(c, settings: str, output: Path, *extra: str) -> None:
    # portal.build runs Pelican and reports problems for editors (file, what
    # to do, no tracebacks); a failed build exits non-zero.
    c.run(_python("portal.build", str(ROOT / settings), str(output), *extra), pty=False)


@task(help={"output": "Folder to write the site to (default: output/)"})
def build(c, output=str(OUTPUT)):
    """Build the site for previewing (pelicanconf.py)."""
    _pelican(c, "pelicanconf.py", Path(output))


@task
def serve(c):
    """Build, serve on http://127.0.0.1:8000, rebuild and reload the browser on save."""
    from livereload import Server

    def rebuild():
        # A separate process, so that a broken file reported by Pelican never
        # stops the server: fix the file, save again.
        subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=ROOT, check=False)

    build(c)
    server = Server()
    for pattern in (
        "content/**/*",
        "theme/**/*",
        "plugins/**/*.py",
        "pelicanconf.py",
    ):
        server.watch(str(ROOT / pattern), rebuild, delay=0.3)
    print(f"Xem trang tại http://{HOST}:{PORT}/  (Ctrl+C để dừng)")
    server.serve(host=HOST, port=PORT, root=str(OUTPUT), open_url_delay=None)


@task
def publish(c):
    """Build for the web server (publishconf.py) into output/; any warning fails it
    and leaves the published output/ untouched."""
    c.run(_python("portal.publish", str(ROOT / "publishconf.py"), str(OUTPUT)), pty=False)


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


@task(name="regen-golden")
def regen_golden(c):
    """Rewrite the golden pages in tests/golden/ from a fresh build."""
    c.run(_python("tests.golden"), pty=False)


@task(name="sample-photos")
def sample_photos(c):
    """Regenerate the stand-in photos of the sample content."""
    c.run(shlex.join([sys.executable, "tools/make_sample_photos.py"]), pty=False)
