"""Photo albums: ``content/albums/<slug>/`` folders become /album/<slug>/ pages.

Parts, after sigal's split: ``metadata`` (the album.md format, pure),
``gallery`` (albums as objects), ``writer`` (pages, through Pelican's
Writer), ``syntax`` (the gallery syntax in articles, a Markdown extension),
``settings``. The photos themselves are the image_pipeline plugin's job,
which must come before this one in PLUGINS.
"""

from pelican import signals

from .settings import albums_settings
from .writer import AlbumsGenerator

EXTENSION = "photo_albums.syntax"


def configure(pelican) -> None:
    """Runs on ``initialized``: settings checked, the Markdown extension told where albums are."""
    values = albums_settings(pelican.settings)
    markdown = pelican.settings["MARKDOWN"]
    configs = markdown.get("extension_configs", {})
    if EXTENSION not in configs:
        raise ValueError(
            f"photo_albums plugin: add {EXTENSION!r} to MARKDOWN['extension_configs'] "
            "in pelicanconf.py"
        )
    own = {
        **configs[EXTENSION],
        "content_path": pelican.settings["PATH"],
        "albums_folder": values["FOLDER"],
        "thumbnail_sizes": values["THUMBNAIL_SIZES"],
    }
    pelican.settings["MARKDOWN"] = {**markdown, "extension_configs": {**configs, EXTENSION: own}}


def get_generators(pelican):
    return AlbumsGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
