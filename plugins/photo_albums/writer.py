"""Album pages and the paginated album index, written through Pelican's Writer."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from .gallery import load_albums
from .settings import albums_settings

logger = logging.getLogger(__name__)


class AlbumsGenerator(Generator):
    """Reads albums after the photos are processed; writes their pages."""

    def generate_context(self) -> None:
        self.values = albums_settings(self.settings)
        catalog = self.context.get("image_catalog")
        if catalog is None:
            logger.error("photo_albums plugin: add 'image_pipeline' before it in PLUGINS")
            self.albums = []
            return
        albums = load_albums(Path(self.path), self.values["FOLDER"], catalog)
        for album in albums:
            for problem in album.problems:
                logger.warning("%s", problem)
        self.albums = [a for a in albums if a.source and a.photos]
        for album in albums:
            if album.source and not album.photos and not album.problems:
                logger.warning("%s: the album has no photos: add some", album.source)
        seen: dict[str, str] = {}
        for album in self.albums:
            if album.slug in seen:
                logger.warning(
                    "%s: Slug %r is also used by %s: give one of them another Slug",
                    album.source,
                    album.slug,
                    seen[album.slug],
                )
            seen.setdefault(album.slug, album.source)
            album.url = self.values["URL"].format(slug=album.slug)
            album.save_as = self.values["SAVE_AS"].format(slug=album.slug)
        self.albums = [a for a in self.albums if seen[a.slug] == a.source]
        self.context["albums"] = self.albums
        self.context["latest_albums"] = self.albums[: self.values["HOME_COUNT"]]
        self.context["ALBUMS_URL"] = self.values["INDEX_URL"]
        self.context["album_thumbnail_sizes"] = self.values["THUMBNAIL_SIZES"]

    def generate_output(self, writer) -> None:
        template = self.get_template("album")
        for album in self.albums:
            writer.write_file(
                album.save_as,
                template,
                self.context,
                album=album,
                url=album.url,
                page_name=album.save_as.rsplit(".", 1)[0],
            )
        self._write_index(writer)

    def _write_index(self, writer) -> None:
        """``album/``, then ``album/trang/2/``...: the same pattern as category pages."""
        template = self.get_template("albums")
        per_page = self.values["PER_PAGE"]
        pages = [self.albums[i : i + per_page] for i in range(0, len(self.albums), per_page)]
        pages = pages or [[]]
        base_url = self.values["INDEX_URL"]
        base_save = self.values["INDEX_SAVE_AS"]

        def page_url(number: int) -> str:
            return base_url if number == 1 else f"{base_url.rstrip('/')}/trang/{number}/"

        for number, chunk in enumerate(pages, 1):
            save_as = (
                base_save if number == 1 else f"{base_url.rstrip('/')}/trang/{number}/index.html"
            )
            writer.write_file(
                save_as,
                template,
                self.context,
                albums_page=chunk,
                page_number=number,
                page_count=len(pages),
                previous_url=page_url(number - 1) if number > 1 else None,
                next_url=page_url(number + 1) if number < len(pages) else None,
                url=page_url(number),
                page_name=save_as.rsplit(".", 1)[0],
            )
