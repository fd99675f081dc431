"""A build process kept warm between saves, for ``invoke serve``.

``python -m portal.build`` starts Python and imports Pelican, Markdown,
Jinja, numpy and our plugins on every save: about 1.5 s of a rebuild, before
any work on the site. The warm process pays that once, then builds each time
``invoke serve`` asks:

    python -m portal.warm_build SETTINGS OUTPUT [--content FOLDER]

reads a line ``build`` on stdin, builds as ``python -m portal.build`` would
with the same arguments, and answers one line on stdout: ``0`` built, ``1`` failed.
Everything the build prints goes to stderr, as from ``portal.build``.

What it must not carry from one build to the next:
- Pelican and the plugins' objects: each build reads the settings file again
  and makes a new Pelican (plugins register again; blinker keeps one
  connection per function, so nothing is connected twice);
- Pelican's log deduplication (``LimitFilter``), which would otherwise
  swallow a warning already shown: an unfixed mistake is reported on every
  save;
- Pelican's memo of each article's HTML, which would keep every build's
  articles alive (``forget_built_content``);
- anything a build that failed half-way left behind: after a failed build
  the process exits, and ``WarmBuilder`` starts a fresh one at once, warm by
  the editor's next save.
Python code is imported once: ``invoke serve`` restarts the process when a
plugin or ``portal`` module changes (``WarmBuilder.restart``).

What it does carry: the articles as read, in memory (build_speed's
warm_articles), so that a build reads again only the files that changed,
and a copy of each made for the next build once this one has answered.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.warm_build", description=__doc__)
    parser.add_argument("settings", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--content", type=Path, help="content folder (default: PATH)")
    parser.add_argument("--verbose", action="store_true", help="log every step (tests)")
    args = parser.parse_args(argv)
    overrides = {"PATH": str(args.content.resolve())} if args.content else {}

    # Answers go to the real stdout; whatever else prints (Pelican's summary,
    # a plugin) goes to stderr with the log, never into an answer.
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)

    from portal.build import build_and_report
    from portal.messages import setup_logging

    counter = setup_logging(verbose=args.verbose)
    try:
        warm_up(args.settings, overrides)
    except Exception:  # a broken plugin or setting: the first build reports it
        logger.debug("warm_build: could not import everything ahead", exc_info=True)
    for line in sys.stdin:
        if line.strip() != "build":
            continue
        forget_logged_messages()
        counter.warnings = counter.errors = 0
        code = build_and_report(args.settings, args.output, overrides, counter)
        answers.write(f"{code}\n")
        if code != 0:
            return code
        forget_built_content()
        gc.collect()  # the last build's site, before the next save
        copy_ahead()
    return 0


def copy_ahead() -> None:
    """The next build's copies of the articles kept, made while the editor
    has not saved yet (build_speed/warm_articles.py)."""
    try:
        from build_speed import warm_articles  # importable once a build has run
    except ImportError:
        return
    warm_articles.copy_ahead()


# The cyclic garbage collector's thresholds in this process: a collection
# after 100,000 new objects, not 700, and the older generations hardly ever
# within a build. With Python's defaults a save at 5,000 articles ran some
# 200 collections in the build's process and as many in the search index's
# fork, 0.08 s of work in each, and the edit took 0.1 to 0.2 s longer (the
# objects scanned leave the caches cold). What a build leaves is collected
# after it, whole (``main``), before the next save.
COLLECT_AFTER = (100_000, 50, 100)


def warm_up(settings_file: Path, overrides: dict) -> None:
    """Import what a build imports: Pelican, the plugins and their wiring;
    collect garbage less often (COLLECT_AFTER)."""
    gc.set_threshold(*COLLECT_AFTER)
    from pelican.plugins._utils import load_plugins
    from pelican.settings import read_settings

    for plugin in load_plugins(read_settings(str(settings_file), override=overrides)):
        plugin.register()  # imports each plugin's Pelican side; connecting twice is once
    from build_speed import warm_articles  # importable now: PLUGIN_PATHS is on sys.path

    warm_articles.keep_between_builds()


def forget_logged_messages() -> None:
    # Pelican's loggers drop a message they have already logged, for the
    # life of the process (pelican.log.LimitFilter's class-wide sets).
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def forget_built_content() -> None:
    """Let the last build's articles and pages go.

    Pelican memoizes each content object's HTML and summary in caches held
    by the class (``pelican.utils.memoized``), keyed by the object: every
    article of every build stays alive with its HTML, some 12 MB per save at
    5,000 articles, until the process runs out of memory."""
    from pelican.contents import Content

    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()


class WarmBuilder:
    """``invoke serve``'s side: starts the warm process, asks it to build,
    starts another when it exits or its code changed."""

    def __init__(
        self,
        settings: Path,
        output: Path,
        cwd: Path,
        content: Path | None = None,
        stderr: IO | None = None,
        env: dict[str, str] | None = None,
        verbose: bool = False,
    ):
        self.command = [sys.executable, "-m", "portal.warm_build", str(settings), str(output)]
        if content is not None:
            self.command += ["--content", str(content)]
        if verbose:
            self.command.append("--verbose")
        self.cwd = cwd
        self.stderr = stderr
        self.env = env
        self.process: subprocess.Popen | None = None

    def build(self) -> int:
        """Build once: 0 built, 1 failed (the build reported why)."""
        for _attempt in range(2):
            self._ensure_started()
            try:
                self.process.stdin.write("build\n")
                self.process.stdin.flush()
                answer = self.process.stdout.readline()
            except OSError:
                answer = ""
            if answer.strip().isdigit():
                code = int(answer)
                if code != 0:
                    self._reap()
                    self._ensure_started()  # warm again by the next save
                return code
            # The process died before answering (killed, out of memory):
            # once more in a fresh one, which reports the problem if it stays.
            self._reap()
        return 1

    def restart(self) -> None:
        self.stop()
        self._ensure_started()

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            self.process.stdin.close()  # the process ends at end of input
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self._reap()

    def _ensure_started(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self._reap()
            self.process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.stderr,
                env=self.env,
                text=True,
            )

    def _reap(self) -> None:
        if self.process is None:
            return
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


if __name__ == "__main__":
    sys.exit(main())
