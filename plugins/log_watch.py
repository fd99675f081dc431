"""Whether anything was logged while some work ran.

Work done away from the build's own process (a pool worker, a fork) or kept
from an earlier build must not swallow a warning: where one was logged, the
build's process does that work again itself, so editors see the message
(and --fatal-warnings counts it).
"""

import logging

__all__ = ["Logged"]


class Logged(logging.Handler):
    """Sees every record at ``level`` or above while attached to the root
    logger: ``with Logged() as logged: ...`` then ``logged.seen`` (and
    ``logged.count``, how many, to tell which part of the work logged)."""

    def __init__(self, level: int = logging.WARNING):
        super().__init__(level=level)
        self.seen = False
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True
        self.count += 1

    def __enter__(self) -> "Logged":
        logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        logging.getLogger().removeHandler(self)
