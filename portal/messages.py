"""Log output for editors: one plain line per problem, Vietnamese first, no tracebacks.

Pelican's own command line prints through Rich with a traceback for any
exception; editors need the file, the problem and what to do, nothing else.
"""

import logging
import sys

from portal.encodings import encoding_name, guess_encoding

LEVEL_NAMES = {
    logging.DEBUG: "gỡ lỗi (debug)",
    logging.INFO: "",
    logging.WARNING: "CẢNH BÁO (warning)",
    logging.ERROR: "LỖI (error)",
    logging.CRITICAL: "LỖI (error)",
}


def describe_error(error: BaseException) -> str:
    """One line an editor can act on, for the exceptions bad content raises."""
    if isinstance(error, UnicodeDecodeError):
        looks_like = encoding_name(guess_encoding(bytes(error.object)))
        return (
            f"tệp không ở bảng mã UTF-8 (byte 0x{error.object[error.start]:02x} ở vị trí "
            f"{error.start}), có vẻ là {looks_like}; chạy ./dev fix-text TỆP hoặc mở tệp "
            f"và lưu lại với bảng mã UTF-8 (not UTF-8, looks like {looks_like}: "
            "save the file as UTF-8)"
        )
    return f"{error} ({type(error).__name__})"


class EditorFormatter(logging.Formatter):
    def __init__(self, show_tracebacks: bool):
        super().__init__()
        self.show_tracebacks = show_tracebacks

    def format(self, record: logging.LogRecord) -> str:
        label = LEVEL_NAMES.get(record.levelno, record.levelname)
        text = record.getMessage()
        # Pelican logs "Could not process FILE" inside its except block but
        # drops the reason unless DEBUG: the exception is still being
        # handled here, so say what it was.
        handled = sys.exc_info()[1]
        explained = getattr(record, "explained", False)
        if record.levelno >= logging.ERROR and handled and not record.exc_info and not explained:
            text = f"{text}: {describe_error(handled)}"
        line = f"{label}: {text}" if label else text
        if self.show_tracebacks and record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class ProblemCounter(logging.Handler):
    """Counts warnings and errors so a build can fail on them at the end,
    after every problem has been reported, not at the first one."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.warnings = 0
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1


def setup_logging(debug: bool = False, verbose: bool = False) -> ProblemCounter:
    """Route all logging (Pelican's and ours) to stderr in the editors' format."""
    import pelican.log  # noqa: F401  (installs Pelican's logger class first)

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    output = logging.StreamHandler(sys.stderr)
    output.setFormatter(EditorFormatter(show_tracebacks=debug))
    counter = ProblemCounter()
    root.addHandler(output)
    root.addHandler(counter)
    # Pelican's INFO lines are one per file written: only asked for.
    root.setLevel(logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING)
    # Markdown and PIL chatter at INFO/DEBUG is noise for editors.
    for noisy in ("MARKDOWN", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return counter
