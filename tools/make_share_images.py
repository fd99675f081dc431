"""Draw the site's default link-preview images and publisher logo into theme/static/img/.

Run again only when the emblem or the site name changes: the PNGs are kept in
the repository (the site build never draws them). The emblem is the
favicon's: a yellow star on the portal's red.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "theme" / "static" / "img"
RED, YELLOW, WHITE = (165, 14, 14), (255, 212, 0), (255, 255, 255)
FONT = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"
KICKER, NAME = "Cổng thông tin điện tử", "Phường Bưởi"
# name -> size: the Open Graph default, then 1:1, 4:3 and 16:9 for JSON-LD.
SHARE = {"share-1200x630": (1200, 630), "share-720x720": (720, 720),
         "share-800x600": (800, 600), "share-1200x675": (1200, 675)}  # fmt: skip


def star(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float) -> None:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy - r * math.sin(angle)))
    draw.polygon(points, fill=YELLOW)


def share_image(size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, RED)
    draw = ImageDraw.Draw(image)
    unit = min(width, height)
    star(draw, width / 2, height * 0.36, unit * 0.2)
    big = ImageFont.truetype(FONT, int(unit * 0.13))
    small = ImageFont.truetype(FONT, int(unit * 0.06))
    draw.text((width / 2, height * 0.68), NAME, font=big, fill=WHITE, anchor="mm")
    draw.text((width / 2, height * 0.83), KICKER, font=small, fill=YELLOW, anchor="mm")
    return image


def logo(side: int = 512) -> Image.Image:
    image = Image.new("RGB", (side, side), RED)
    star(ImageDraw.Draw(image), side / 2, side * 0.53, side * 0.42)
    return image


def save(image: Image.Image, name: str) -> None:
    # Flat colours: a 32-colour palette keeps each file a few kilobytes.
    image.quantize(32).save(OUT / f"{name}.png", optimize=True)


def main() -> None:
    for name, size in SHARE.items():
        save(share_image(size), name)
    save(logo(), "logo-512")


if __name__ == "__main__":
    main()
