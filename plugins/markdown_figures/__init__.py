"""Captioned figures and photo strips in articles, from plain Markdown.

The work is a Markdown extension (``extension``), listed in pelicanconf's
MARKDOWN settings so the whole Markdown pipeline is visible in one place; this
plugin checks at start-up that it is.
"""

from pelican import signals

EXTENSION = "markdown_figures.extension"


def check_settings(pelican) -> None:
    configs = pelican.settings["MARKDOWN"].get("extension_configs", {})
    if EXTENSION not in configs:
        raise ValueError(
            f"markdown_figures plugin: add {EXTENSION!r} to "
            "MARKDOWN['extension_configs'] in pelicanconf.py"
        )
    if not configs[EXTENSION].get("content_path"):
        raise ValueError(
            f"markdown_figures plugin: MARKDOWN['extension_configs'][{EXTENSION!r}]"
            " needs 'content_path' (the content folder) for image sizes"
        )


def register():
    signals.initialized.connect(check_settings)
