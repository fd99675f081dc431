"""The image pipeline on awkward photos: orientation, privacy, colour, bad files, cache."""

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from image_pipeline.image import Recipe, content_hash, render
from image_pipeline.pipeline import find_sources, process, publish
from tools import make_test_photos as photos

# Small widths keep the tests fast; the logic is the same at 1600 px.
RECIPE = Recipe(widths=(48, 96), thumbnail=32, formats=("jpeg", "webp"))


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    return photos.write_all(tmp_path_factory.mktemp("photos") / "images")


def rendered(path: Path, tmp_path: Path, recipe: Recipe = RECIPE):
    cache = tmp_path / "cache"
    result = render(str(path), content_hash(path), recipe, str(cache))
    files = {r: cache / r.name[:2] / r.name for r in result.renditions}
    return result, files


def colour_at(image: Image.Image, x: float, y: float) -> str:
    r, g, b = image.convert("RGB").getpixel((int(x * image.width), int(y * image.height)))
    return max((("red", r), ("green", g), ("blue", b)), key=lambda c: c[1])[0]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_keeps_the_visual_top_on_top(made, tmp_path, orientation):
    result, files = rendered(made[f"orientation-{orientation}"], tmp_path)
    assert not result.problem
    assert (result.width, result.height) == photos.VISUAL
    for rendition, file in files.items():
        with Image.open(file) as image:
            assert image.size == (rendition.width, rendition.height)
            assert image.width > image.height  # a landscape scene stays landscape
            assert colour_at(image, 0.05, 0.1) == "green"  # top left
            assert colour_at(image, 0.9, 0.1) == "red"  # top right
            assert colour_at(image, 0.5, 0.8) == "blue"  # bottom


def test_no_gps_serial_owner_or_maker_note_in_any_output(made, tmp_path):
    result, files = rendered(made["gps"], tmp_path)
    assert result.taken == "2025:03:23 09:30:00"  # read for album order, then dropped
    for file in files.values():
        data = file.read_bytes()
        for secret in (photos.SERIAL, photos.OWNER, "MAKERNOTE", "SM-A546E"):
            assert secret.encode() not in data
        with Image.open(file) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825)  # GPS
            assert 0x010F not in exif


def test_colour_profile_is_kept(made, tmp_path):
    _, files = rendered(made["icc"], tmp_path)
    for file in files.values():
        with Image.open(file) as image:
            assert image.info.get("icc_profile") == photos.icc_profile()


def test_transparency_is_flattened_onto_the_background(made, tmp_path):
    recipe = Recipe(widths=(96,), thumbnail=32, formats=("jpeg",), background=(255, 255, 0))
    _, files = rendered(made["alpha"], tmp_path, recipe)
    for file in files.values():
        with Image.open(file) as image:
            assert image.mode == "RGB"
            r, g, b = image.getpixel((image.width - 2, image.height // 2))
            assert r > 240 and g > 240 and b < 30  # the yellow background, not black


def test_jpegs_are_progressive_and_webp_is_made_too(made, tmp_path):
    _, files = rendered(made["orientation-1"], tmp_path)
    formats = set()
    for file in files.values():
        with Image.open(file) as image:
            formats.add(image.format)
            if image.format == "JPEG":
                assert image.info.get("progressive") or image.info.get("progression")
    assert formats == {"JPEG", "WEBP"}


@pytest.mark.parametrize(
    "name, says",
    [
        ("truncated", "damaged"),
        ("not-a-photo", "not a photo"),
        ("huge", "limit"),
        ("unreadable", "cannot be read"),
    ],
)
def test_bad_files_are_refused_with_what_to_do_and_leave_nothing(made, tmp_path, name, says):
    content = made[name].parent.parent
    sources = [s for s in find_sources(content, {"images": "images"}) if Path(s.path).stem == name]
    catalog = process(sources, RECIPE, tmp_path / "cache", content, processes=1)
    picture = catalog.get(f"images/{made[name].name}")
    assert says in picture.problem
    assert not picture.outputs
    leftovers = [p for p in (tmp_path / "cache" / "objects").rglob("*") if p.is_file()]
    assert leftovers == []


def good_site(tmp_path: Path, made) -> Path:
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    for name in ("orientation-1", "orientation-6", "gps", "icc"):
        shutil.copy(made[name], content / "images" / made[name].name)
    return content


def test_cache_second_run_encodes_nothing_and_a_size_change_redoes_only_that(made, tmp_path):
    content = good_site(tmp_path, made)
    cache = tmp_path / "cache"
    sources = find_sources(content, {"images": "images"})
    first = process(sources, RECIPE, cache, content, processes=2)
    per_photo = len(next(iter(first.pictures.values())).outputs)
    assert first.encoded == 4 * per_photo
    second = process(sources, RECIPE, cache, content, processes=2)
    assert (second.encoded, second.decoded) == (0, 0)
    # A new thumbnail width: the thumbnails (JPEG and WebP) of each photo, nothing else.
    other_thumbnail = Recipe(widths=(48, 96), thumbnail=40, formats=("jpeg", "webp"))
    third = process(sources, other_thumbnail, cache, content, processes=2)
    assert third.encoded == 4 * 2
    # A new JPEG quality: every JPEG, no WebP.
    quality = dict(RECIPE.quality) | {"jpeg": 70}
    fourth = process(
        sources,
        Recipe(
            widths=(48, 96), thumbnail=40, formats=("jpeg", "webp"), quality=tuple(quality.items())
        ),
        cache,
        content,
        processes=2,
    )
    assert fourth.encoded == 4 * per_photo // 2


def test_replacing_one_photo_reencodes_only_it_and_removed_photos_leave_the_output(made, tmp_path):
    content = good_site(tmp_path, made)
    cache, output = tmp_path / "cache", tmp_path / "output"
    sources = find_sources(content, {"images": "images"})
    publish(process(sources, RECIPE, cache, content), output, cache)
    Image.new("RGB", photos.VISUAL, photos.GREEN).save(content / "images" / "icc.jpg")
    os.utime(content / "images" / "icc.jpg", ns=(1, 1))  # even with an old mtime
    (content / "images" / "gps.jpg").unlink()
    sources = find_sources(content, {"images": "images"})
    catalog = process(sources, RECIPE, cache, content)
    assert catalog.decoded == 1
    assert catalog.encoded == len(catalog.get("images/icc.jpg").outputs)
    publish(catalog, output, cache)
    published = sorted(p.name for p in (output / "images").iterdir())
    assert not [name for name in published if name.startswith("gps-")]
    assert "icc-96.jpg" in published
    with Image.open(output / "images" / "icc-96.jpg") as image:
        assert colour_at(image, 0.5, 0.5) == "green"  # the new photo


def test_originals_are_published_only_when_asked_and_stripped_the_same_way(made, tmp_path):
    result, _ = rendered(made["gps"], tmp_path)
    assert max(r.width for r in result.renditions) == 96  # not the 120 px original
    original = Recipe(widths=(48, 96), thumbnail=32, formats=("jpeg",), original=True)
    result, files = rendered(made["gps"], tmp_path, original)
    full = next(f for r, f in files.items() if r.width == photos.VISUAL[0])
    assert photos.SERIAL.encode() not in full.read_bytes()
    with Image.open(full) as image:
        assert not image.getexif().get_ifd(0x8825)


def test_a_crop_for_link_previews_has_the_exact_size_and_the_right_way_up(made, tmp_path):
    from image_pipeline.image import render_crop

    path = made["orientation-6"]
    rendition = render_crop(str(path), content_hash(path), (60, 32), RECIPE, str(tmp_path))
    with Image.open(tmp_path / rendition.name[:2] / rendition.name) as image:
        assert image.size == (60, 32)
        assert colour_at(image, 0.5, 0.1) == "red"
        assert colour_at(image, 0.5, 0.9) == "blue"
