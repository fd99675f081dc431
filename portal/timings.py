"""How long each generator's steps take: ``python -m portal.build … --timings``.

One line per step on stderr, ``timing: NewsFeedsGenerator.generate_output 1.23 s``,
so a benchmark can say which share of a build the feeds or the search index
took. Only installed when asked for: a normal build pays nothing.

Pelican creates its generators inside ``Pelican.run``; ``generator_init`` is
sent from each generator's constructor, the one moment we can reach the
instance before its steps run. The steps are wrapped on the instance, never
on the class, so nothing outlives the build.
"""

import functools
import sys
import time

# write_index: the search index, built in a fork of the build beside the
# pages (plugins/vn_search/background.py), so generate_output only waits.
STEPS = ("generate_context", "generate_output", "write_index")


def format_line(name: str, step: str, seconds: float) -> str:
    return f"timing: {name}.{step} {seconds:.2f} s"


def parse_lines(text: str) -> dict[str, float]:
    """``{"NewsFeedsGenerator.generate_output": 1.23, …}`` from a build's stderr."""
    found: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "timing:" and parts[3] == "s":
            found[parts[1]] = found.get(parts[1], 0.0) + float(parts[2])
    return found


def _timed(method, label: str):
    @functools.wraps(method)
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            # Printed, not logged: a timing is no warning for --fatal-warnings to count.
            line = format_line(label, method.__name__, time.perf_counter() - started)
            print(line, file=sys.stderr, flush=True)

    return run


def wrap_generator(generator) -> None:
    label = type(generator).__name__
    for step in STEPS:
        method = getattr(generator, step, None)
        if method is not None:
            setattr(generator, step, _timed(method, label))


def install() -> None:
    from pelican import signals

    signals.generator_init.connect(wrap_generator, weak=False)
