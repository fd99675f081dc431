"""Every published photo goes through here: renditions, <picture> markup, lead images.

The Pelican adapter around ``pipeline`` (many photos, cache, process pool)
and ``image`` (one photo). Photos under IMAGE_PIPELINE_FOLDERS are never
copied as they are; their renditions are.

Why these hooks: the photos are processed when Pelican creates its
generators (our generator's ``__init__``), the one moment after the settings
are final and before any Markdown is read, so that the Markdown extensions
write ``<picture>`` markup from real results (sizes, failures) instead of
guesses; the files are linked into the output in ``generate_output``, after
Pelican has emptied the output folder.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .html import picture_html
from .image import render_crop
from .pipeline import Picture, Published, find_sources, process, publish
from .settings import cache_folder, pipeline_settings, recipe_from

logger = logging.getLogger(__name__)

# The Markdown extensions that write <picture> markup and need the catalog.
MARKDOWN_USERS = ("markdown_figures.extension", "photo_albums.syntax")
MISSING_MARK = re.compile(r' data-image-missing="([^"]*)"')
_FIRST_IMG = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"')


@dataclass(frozen=True)
class LeadImage:
    """The photo that stands for an article in feeds and link previews."""

    url: str  # site-relative URL of the published JPEG
    width: int
    height: int
    mime_type: str
    length: int  # bytes of that file
    source: str  # content-relative path of the original


class ImagePipelineGenerator:
    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = Path(output_path)
        self.values = pipeline_settings(settings)
        self.recipe = recipe_from(self.values)
        self.cache = cache_folder(self.values, settings)
        content = Path(path)
        sources = find_sources(content, self.values["FOLDERS"])
        self.catalog = process(
            sources, self.recipe, self.cache, content, processes=self.values["PROCESSES"]
        )
        logger.info(
            "Images: %d photos, %d decoded, %d files encoded",
            len(self.catalog.pictures),
            self.catalog.decoded,
            self.catalog.encoded,
        )
        for picture in self.catalog.pictures.values():
            if picture.problem:
                logger.warning(
                    "%s: %s. The photo is left out of the site until then.",
                    picture.source,
                    picture.problem,
                )
        self._by_url = None
        context["image_catalog"] = self.catalog
        context["picture"] = self.picture
        self._configure_markdown()

    def _configure_markdown(self) -> None:
        markdown = self.settings["MARKDOWN"]
        configs = dict(markdown.get("extension_configs", {}))
        for name in MARKDOWN_USERS:
            if name in configs:
                configs[name] = {
                    **configs[name],
                    "catalog": self.catalog,
                    "folders": sorted(self.values["FOLDERS"]),
                    "siteurl": self.settings.get("SITEURL", ""),
                    "sizes": self.values["SIZES"],
                    "lead_width": self.values["LEAD_WIDTH"],
                }
        self.settings["MARKDOWN"] = {**markdown, "extension_configs": configs}

    def picture(
        self, picture: Picture | str, alt: str, sizes: str = "", lazy: bool = True, width: int = 0
    ):
        """Template helper: ``{{ picture(photo, "alt text", "50vw", width=480) }}``;
        ``width`` is that of the JPEG in ``src`` (LEAD_WIDTH by default)."""
        if isinstance(picture, str):
            picture = self.catalog.get(picture)
        if picture is None or not picture.outputs:
            return ""
        return picture_html(
            picture,
            alt,
            self.settings.get("SITEURL", ""),
            sizes or self.values["SIZES"],
            default_width=width or self.values["LEAD_WIDTH"],
            lazy=lazy,
        )

    def picture_for_url(self, url: str) -> Picture | None:
        if self._by_url is None:
            self._by_url = {o.url: p for p in self.catalog.pictures.values() for o in p.outputs}
        siteurl = self.settings.get("SITEURL", "").rstrip("/") + "/"
        if url.startswith(siteurl):
            url = url[len(siteurl) :]
        return self._by_url.get(url.lstrip("/"))

    def lead_image(self, picture: Picture) -> LeadImage | None:
        jpeg = picture.jpeg_at_most(self.values["LEAD_WIDTH"])
        if jpeg is None:
            return None
        return LeadImage(
            url=jpeg.url,
            width=jpeg.width,
            height=jpeg.height,
            mime_type=jpeg.mime_type,
            length=Path(jpeg.file).stat().st_size,
            source=picture.source,
        )

    def crop(self, source: str, size: tuple[int, int]) -> LeadImage | None:
        picture = self.catalog.get(source)
        if picture is None or picture.problem:
            return None
        original = Path(self.settings["PATH"]) / picture.source
        objects = self.cache / "objects"
        try:
            rendition = render_crop(str(original), picture.digest, size, self.recipe, str(objects))
        except (OSError, ValueError) as error:
            logger.warning("%s: cannot be cropped (%s)", picture.source, error)
            return None
        stem = picture.outputs[0].url.rsplit("-", 1)[0]
        published = Published(
            url=f"{stem}-{size[0]}x{size[1]}.jpg",
            width=size[0],
            height=size[1],
            format="jpeg",
            mime_type="image/jpeg",
            file=str(objects / rendition.name[:2] / rendition.name),
        )
        if published not in picture.extras:
            picture.extras.append(published)
        return LeadImage(
            published.url, *size, "image/jpeg", Path(published.file).stat().st_size, picture.source
        )

    def generate_output(self, writer) -> None:
        count = publish(self.catalog, self.output_path, self.cache)
        logger.info("Images: %d files placed in %s", count, self.output_path)


def get_generators(pelican):
    return ImagePipelineGenerator


def check_settings(pelican) -> None:
    pipeline_settings(pelican.settings)  # raises with every problem listed


def report_missing(content) -> None:
    """Markdown marks photos it could not find; name the article that wants them."""
    html = getattr(content, "_content", None)
    if not html or "data-image-missing" not in html:
        return
    for rel in MISSING_MARK.findall(html):
        logger.warning(
            "%s: photo %s does not exist: check the file name and folder "
            "(photos go under content/images/)",
            content.relative_source_path,
            rel,
        )
    content._content = MISSING_MARK.sub("", html)


def set_lead_images(generators) -> None:
    """``article.lead_image`` for every article and page, before any output is written."""
    pipeline = next((g for g in generators if isinstance(g, ImagePipelineGenerator)), None)
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items = [*generator.articles, *generator.translations, *generator.drafts]
        elif isinstance(generator, PagesGenerator):
            items = [*generator.pages, *generator.translations, *generator.hidden_pages]
        else:
            continue
        for item in items:
            item.lead_image = None
            if pipeline is None:
                continue
            match = _FIRST_IMG.search(item._content or "")
            picture = pipeline.picture_for_url(match.group(1)) if match else None
            if picture is not None:
                item.lead_image = pipeline.lead_image(picture)


def request_crop(generators, source: str, size: tuple[int, int] = (1200, 630)):
    """For link previews (issue 8): a JPEG of ``source`` cut to ``size``, published
    with the other renditions. Call it before output is written (at
    ``all_generators_finalized``). None when the photo is unknown or was refused."""
    pipeline = next((g for g in generators if isinstance(g, ImagePipelineGenerator)), None)
    return pipeline.crop(source, size) if pipeline else None


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signals.content_object_init.connect(report_missing)
    signals.all_generators_finalized.connect(set_lead_images)
