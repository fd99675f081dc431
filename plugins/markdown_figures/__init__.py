"""Captioned figures and photo strips in articles, from plain Markdown.

The work is a Markdown extension (``extension``), listed in pelicanconf's
MARKDOWN settings so the whole Markdown pipeline is visible in one place; this
plugin checks at start-up that it is, and tells it where the content lives.
"""

from pelican import signals

EXTENSION = "markdown_figures.extension"


def configure(pelican) -> None:
    """Runs on ``initialized``, before any reader exists."""
    markdown = pelican.settings["MARKDOWN"]
    configs = markdown.get("extension_configs", {})
    if EXTENSION not in configs:
        raise ValueError(
            f"markdown_figures plugin: add {EXTENSION!r} to "
            "MARKDOWN['extension_configs'] in pelicanconf.py"
        )
    # {static} image paths are relative to the content folder: the extension
    # reads image sizes there. A new dict, so the user's settings stay as
    # they wrote them.
    own = {**configs[EXTENSION], "content_path": pelican.settings["PATH"]}
    pelican.settings["MARKDOWN"] = {
        **markdown,
        "extension_configs": {**configs, EXTENSION: own},
    }


def register():
    signals.initialized.connect(configure)
