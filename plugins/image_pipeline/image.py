"""Pure image work: one source photo in, its published renditions out.

Everything here takes plain data (paths, a ``Recipe``) and returns plain data,
so it runs the same in a worker process, a test or a benchmark. Nothing in
this module knows about Pelican.

What a published image is, whatever the source: EXIF orientation applied to
the pixels, transparency flattened onto the background colour, the colour
profile kept, and no metadata at all otherwise (no GPS, serial numbers, owner
names or maker notes: we never pass EXIF to the encoder). JPEGs are
progressive. A damaged file is refused, never published half grey.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from cache_files import replace_atomically

__all__ = [
    "EXTENSIONS",
    "Recipe",
    "RefusedImageError",
    "Rendition",
    "Result",
    "content_hash",
    "output_key",
    "plan_sizes",
    "render",
]

# Bump when a change here changes output bytes: every cached rendition is redone.
CODE_VERSION = 3
EXTENSIONS = {"jpeg": "jpg", "webp": "webp", "avif": "avif"}
MIME_TYPES = {"jpeg": "image/jpeg", "webp": "image/webp", "avif": "image/avif"}
_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_DATE_TAKEN = 0x9003
_DATE_TIME = 0x0132


class RefusedImageError(Exception):
    """A photo we refuse, with what the editor should do about it."""


@dataclass(frozen=True)
class Recipe:
    """Every setting that shapes the output bytes (and so the cache key)."""

    widths: tuple[int, ...] = (480, 960, 1600)
    thumbnail: int = 320
    formats: tuple[str, ...] = ("jpeg", "webp")
    quality: tuple[tuple[str, int], ...] = (("avif", 55), ("jpeg", 82), ("webp", 78))
    background: tuple[int, int, int] = (255, 255, 255)
    max_pixels: int = 120_000_000
    original: bool = False  # also publish the full-size photo (stripped the same way)

    def quality_of(self, fmt: str) -> int:
        return dict(self.quality)[fmt]

    def all_widths(self) -> tuple[int, ...]:
        return tuple(sorted({*self.widths, self.thumbnail}))


@dataclass(frozen=True)
class Rendition:
    name: str  # file name in the cache (its key and extension)
    width: int  # 0 means "the full size" for an original
    height: int
    format: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


@dataclass
class Result:
    source: str
    digest: str
    width: int = 0  # as displayed, after orientation
    height: int = 0
    taken: str = ""  # EXIF DateTimeOriginal, "YYYY:MM:DD HH:MM:SS"
    renditions: list[Rendition] = field(default_factory=list)
    encoded: int = 0  # files written by this call (0 when all were cached)
    problem: str = ""


def content_hash(path: str | os.PathLike) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def plan_sizes(width: int, height: int, recipe: Recipe) -> list[tuple[int, int]]:
    """Output sizes for a displayed size, largest first; never upscaled.

    A photo narrower than a planned width gets its own width instead, so the
    largest rendition is always as sharp as the source allows.
    """
    widths = {w for w in recipe.all_widths() if w < width}
    if width <= max(recipe.all_widths()):
        widths.add(width)
    if recipe.original:
        widths.add(width)
    return [(w, max(1, round(height * w / width))) for w in sorted(widths, reverse=True)]


def output_key(digest: str, chain: list[tuple[int, int]], fmt: str, recipe: Recipe) -> str:
    """Cache key of one rendition: the source bytes and every setting that shapes it.

    ``chain`` is its size and every larger one: each size is resized from the
    one above it, and the largest sets the JPEG draft scale, so those shape
    its pixels too. A new thumbnail width redoes only the thumbnails; a new
    largest width redoes everything, because everything derives from it.
    """
    shape = (
        CODE_VERSION,
        digest,
        tuple(chain),
        fmt,
        recipe.quality_of(fmt),
        recipe.background,
    )
    return hashlib.blake2b(repr(shape).encode(), digest_size=12).hexdigest()


def renditions_for(digest: str, width: int, height: int, recipe: Recipe) -> list[Rendition]:
    sizes = plan_sizes(width, height, recipe)
    return [
        Rendition(
            f"{output_key(digest, sizes[: i + 1], fmt, recipe)}.{EXTENSIONS[fmt]}", *size, fmt
        )
        for i, size in enumerate(sizes)
        for fmt in recipe.formats
    ]


def render(source: str, digest: str, recipe: Recipe, cache: str) -> Result:
    """Decode ``source`` once and write every missing rendition into ``cache``.

    Renditions already in the cache are not encoded again. An empty ``digest``
    is computed here (in the worker). Never raises for a bad photo: the result
    carries the problem instead, so one file never stops the others.
    """
    result = Result(source=source, digest=digest)
    try:
        result.digest = result.digest or content_hash(source)
        _render(result, recipe, Path(cache))
    except RefusedImageError as problem:
        result.problem = str(problem)
    except UnidentifiedImageError:
        result.problem = "is not a photo Pillow can read: export it again as JPEG or PNG"
    except Image.DecompressionBombError:
        result.problem = _too_large(None, recipe)
    except PermissionError:
        result.problem = "cannot be read (permission denied): check the file's permissions"
    except (OSError, SyntaxError, ValueError) as error:
        # Pillow says "image file is truncated", "broken data stream"...: the
        # photo was not copied whole. A grey half-photo is worse than none.
        result.problem = f"is damaged ({error}): copy the photo again from the phone or camera"
    if result.problem:
        result.renditions = []
    return result


def _too_large(pixels: int | None, recipe: Recipe) -> str:
    size = f"{pixels / 1e6:.0f} megapixels" if pixels else "too many pixels"
    return (
        f"has {size}, more than the limit of {recipe.max_pixels / 1e6:.0f} megapixels: "
        "make it smaller before adding it (IMAGE_PIPELINE_MAX_PIXELS)"
    )


def _render(result: Result, recipe: Recipe, cache: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        # Our own limit, checked below from the header before any decoding,
        # so that the message can say how large the photo is.
        Image.MAX_IMAGE_PIXELS = None
        with Image.open(result.source) as image:
            stored_w, stored_h = image.size
            if stored_w * stored_h > recipe.max_pixels:
                raise RefusedImageError(_too_large(stored_w * stored_h, recipe))
            exif = image.getexif()
            turned = exif.get(_ORIENTATION) in (5, 6, 7, 8)
            result.width, result.height = (stored_h, stored_w) if turned else (stored_w, stored_h)
            result.taken = str(
                exif.get_ifd(_EXIF_IFD).get(_DATE_TAKEN) or exif.get(_DATE_TIME) or ""
            )
            result.renditions = renditions_for(result.digest, result.width, result.height, recipe)
            todo = [r for r in result.renditions if not (cache / r.name[:2] / r.name).exists()]
            if not todo:
                return
            largest = plan_sizes(result.width, result.height, recipe)[0]
            if image.format == "JPEG":
                # Let libjpeg decode at 1/2, 1/4 or 1/8 scale, still at least
                # the largest size we need: most of the decoding cost saved.
                want = (largest[1], largest[0]) if turned else largest
                image.draft("RGB" if image.mode in ("RGB", "YCbCr") else None, want)
            image.load()
            icc = image.info.get("icc_profile")
            # exif_transpose() copies even an upright photo: 10 ms we skip.
            upright = exif.get(_ORIENTATION, 1) in (None, 1)
            picture = image if upright else ImageOps.exif_transpose(image)
        picture, icc = _flatten(picture, icc, recipe.background)
    wanted = {(r.width, r.height) for r in todo}
    current = picture
    for size in plan_sizes(result.width, result.height, recipe):
        if current.size != size:
            # Each size from the previous, larger one: cheaper than from the
            # source. Every step shrinks by 2× or less, where bicubic looks as
            # sharp as Lanczos for less work (Pillow's own thumbnail() uses it).
            current = current.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)
        if size not in wanted:
            continue
        for rendition in todo:
            if (rendition.width, rendition.height) == size:
                _save(current, rendition, icc, recipe, cache)
                result.encoded += 1


def _flatten(image: Image.Image, icc: bytes | None, background) -> tuple[Image.Image, bytes | None]:
    """An RGB image: alpha composited on the background, CMYK converted to sRGB."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, background)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat, icc if image.mode.startswith("RGB") else None
    if image.mode == "CMYK" and icc:
        # Browsers do not read CMYK photos right: convert through the profile.
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.profileToProfile(image, source, srgb, outputMode="RGB"), None
    if image.mode != "RGB":
        # Greyscale profiles do not fit an RGB image: drop them with the mode.
        return image.convert("RGB"), None
    return image, icc


def _save(image: Image.Image, rendition: Rendition, icc, recipe: Recipe, cache: Path) -> None:
    options: dict = {"quality": recipe.quality_of(rendition.format)}
    if icc:
        options["icc_profile"] = icc
    if rendition.format == "jpeg":
        # A progressive JPEG already has optimised Huffman tables: optimize=True
        # gives the same bytes for extra work (measured).
        options.update(progressive=True, subsampling="4:2:0")
    elif rendition.format == "webp":
        # method 2 encodes a 1600 px photo in about 40 % of the default's (4)
        # time for files about 7 % larger: measured by `./dev bench albums`.
        options.update(method=2)
    elif rendition.format == "avif":
        options.update(speed=8)
    target = cache / rendition.name[:2] / rendition.name
    # Written beside its final name, then renamed: a build stopped half-way
    # never leaves a half-written photo that a later build would publish.
    replace_atomically(
        target,
        lambda stream: image.save(stream, format=rendition.format.upper(), **options),
        suffix=".part",
    )


def render_crop(
    source: str, digest: str, size: tuple[int, int], recipe: Recipe, cache: str
) -> Rendition:
    """A JPEG of exactly ``size``, cut from the middle (link previews want 1200×630).

    Raises ``OSError``/``RefusedImageError`` for a bad photo: only photos the
    pipeline already accepted are cropped.
    """
    shape = (CODE_VERSION, digest, "crop", size, recipe.quality_of("jpeg"), recipe.background)
    name = hashlib.blake2b(repr(shape).encode(), digest_size=12).hexdigest() + ".jpg"
    rendition = Rendition(name, size[0], size[1], "jpeg")
    folder = Path(cache)
    if (folder / name[:2] / name).exists():
        return rendition
    Image.MAX_IMAGE_PIXELS = recipe.max_pixels
    with Image.open(source) as image:
        if image.width * image.height > recipe.max_pixels:
            raise RefusedImageError(_too_large(image.width * image.height, recipe))
        if image.format == "JPEG":
            image.draft("RGB" if image.mode in ("RGB", "YCbCr") else None, size)
        image.load()
        icc = image.info.get("icc_profile")
        picture = ImageOps.exif_transpose(image)
    picture, icc = _flatten(picture, icc, recipe.background)
    cropped = ImageOps.fit(picture, size, Image.Resampling.LANCZOS)
    _save(cropped, rendition, icc, recipe, folder)
    return rendition
