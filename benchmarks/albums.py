"""Albums benchmark: our image pipeline against plain single-process Pillow.

40 photos of 4000×3000 (../shared/tools/make_photos.py). Same run, same
machine: first the baseline (one process, no ``draft()``, each JPEG width
resized from the full decoded photo), then our pipeline cold (empty cache,
all cores) making the same JPEG widths, then the extra cost of WebP and AVIF,
then a warm rebuild of 1,000 unchanged photos (the 40 linked 25 times each).

    ./dev bench albums
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, SHARED_TOOLS, WORK, run_measured

sys.path.insert(0, str(ROOT / "plugins"))

from image_pipeline.image import Recipe
from image_pipeline.pipeline import find_sources, process, publish

HERE = WORK / "albums"
PHOTOS = HERE / "content" / "images"
COUNT = 40
WIDTHS = (480, 960, 1600)
THUMBNAIL = 320
TARGET_COLD = 0.25  # × the baseline's wall time per photo
TARGET_WARM = 1.0  # seconds for 1,000 unchanged photos


def baseline(source_dir: Path, out_dir: Path) -> None:
    """What a plain Pillow script does: decode everything, resize each width from it."""
    from PIL import Image, ImageOps

    out_dir.mkdir(parents=True, exist_ok=True)
    for path in sorted(source_dir.glob("*.jpg")):
        with Image.open(path) as image:
            picture = ImageOps.exif_transpose(image).convert("RGB")
        for width in (*WIDTHS, THUMBNAIL):
            height = round(picture.height * width / picture.width)
            small = picture.resize((width, height), Image.Resampling.LANCZOS)
            small.save(
                out_dir / f"{path.stem}-{width}.jpg",
                quality=82,
                progressive=True,
                optimize=True,
                icc_profile=picture.info.get("icc_profile"),
            )


def ours(formats: tuple[str, ...], cache: Path, content: Path, output: Path | None) -> None:
    recipe = Recipe(widths=WIDTHS, thumbnail=THUMBNAIL, formats=formats)
    catalog = process(find_sources(content, {"images": "images"}), recipe, cache, content)
    if output is not None:
        publish(catalog, output, cache)
    print(f"encoded {catalog.encoded} files from {catalog.decoded} photos", file=sys.stderr)


def make_photos() -> None:
    if len(list(PHOTOS.glob("IMG_*.jpg"))) >= COUNT:
        return
    PHOTOS.mkdir(parents=True, exist_ok=True)
    script = SHARED_TOOLS / "make_photos.py"
    subprocess.run([sys.executable, str(script), str(PHOTOS), str(COUNT)], check=True)
    shutil.rmtree(PHOTOS / "bad", ignore_errors=True)


def child(*args: str) -> list[str]:
    return [sys.executable, "-m", "benchmarks.albums", *args]


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def warm_thousand() -> float:
    """Seconds for process + publish of 1,000 unchanged photos (cache and index warm)."""
    content = HERE / "thousand"
    images = content / "images"
    if not images.is_dir():
        images.mkdir(parents=True)
        for copy in range(25):
            for photo in sorted(PHOTOS.glob("IMG_*.jpg")):
                (images / f"{photo.stem}-{copy:02d}.jpg").hardlink_to(photo)
    # The cold JPEG+WebP run's cache already holds these photos' renditions
    # (the cache is keyed on content): the first pass below only hashes.
    cache = HERE / "cache-JPEG+WebP"
    recipe = Recipe(widths=WIDTHS, thumbnail=THUMBNAIL, formats=("jpeg", "webp"))
    sources = find_sources(content, {"images": "images"})
    process(sources, recipe, cache, content)  # fills the cache and index (not measured)
    output = fresh(HERE / "out-thousand")
    start = time.perf_counter()
    catalog = process(find_sources(content, {"images": "images"}), recipe, cache, content)
    publish(catalog, output, cache)
    elapsed = time.perf_counter() - start
    assert catalog.encoded == 0 and len(catalog.pictures) == 1000
    return elapsed


def main() -> None:
    if sys.argv[1:2] == ["--baseline"]:
        return baseline(Path(sys.argv[2]), Path(sys.argv[3]))
    if sys.argv[1:2] == ["--ours"]:
        formats = tuple(sys.argv[2].split(","))
        return ours(formats, Path(sys.argv[3]), HERE / "content", Path(sys.argv[4]))
    make_photos()
    print(f"{COUNT} photos of 4000×3000 from {SHARED_TOOLS / 'make_photos.py'}")
    print(f"outputs: JPEG at {', '.join(map(str, WIDTHS))} px and a {THUMBNAIL} px thumbnail")
    print("(2-core machine shared with other engineers: figures are noisy)\n")
    base = run_measured(child("--baseline", str(PHOTOS), str(fresh(HERE / "out-baseline"))))
    runs = {}
    for label, formats in (
        ("JPEG", "jpeg"),
        ("JPEG+WebP", "jpeg,webp"),
        ("JPEG+AVIF", "jpeg,avif"),
    ):
        cache = fresh(HERE / f"cache-{label}")
        out = fresh(HERE / f"out-{label}")
        runs[label] = run_measured(child("--ours", formats, str(cache), str(out)))
        if label == "JPEG":
            warm = run_measured(child("--ours", formats, str(cache), str(fresh(out))))
    print(f"{'':24}{'wall s':>8}{'ms/photo':>10}{'CPU ms/photo':>14}{'peak MiB':>10}")

    def line(name, m):
        print(
            f"{name:24}{m.wall:8.2f}{1000 * m.wall / COUNT:10.0f}"
            f"{1000 * m.cpu / COUNT:14.0f}{m.peak_rss_mib:10.0f}"
        )

    line("baseline (plain Pillow)", base)
    for label, m in runs.items():
        line(f"ours cold, {label}", m)
    line("ours warm, JPEG", warm)
    ratio = runs["JPEG"].wall / base.wall
    cpu_ratio = runs["JPEG"].cpu / base.cpu
    verdict = "met" if ratio <= TARGET_COLD else "NOT met"
    print(
        f"\ncold wall time per photo, JPEG outputs: {ratio:.3f}× the baseline "
        f"(target ≤ {TARGET_COLD}×: {verdict}); CPU time {cpu_ratio:.3f}×"
    )
    for label in ("JPEG+WebP", "JPEG+AVIF"):
        extra = (runs[label].cpu - runs["JPEG"].cpu) / COUNT * 1000
        print(f"extra CPU for {label[5:]}: {extra:.0f} ms per photo (all sizes)")
    seconds = warm_thousand()
    verdict = "met" if seconds <= TARGET_WARM else "NOT met"
    print(
        f"warm rebuild of 1,000 unchanged photos: {seconds:.2f} s "
        f"(target ≤ {TARGET_WARM} s: {verdict})"
    )


if __name__ == "__main__":
    main()
