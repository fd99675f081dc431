"""Draw the stand-in photos that the sample articles reference.

The sample content includes a real ward news post whose photos we do not have
(and may not republish), and other sample articles that need photos too. Each of
them therefore points at a simple, clearly illustrative picture drawn here with
Pillow (flat shapes, no text, so no fonts), and its alt text says it is an
"Ảnh minh họa", not the original photo.

The output is deterministic: every picture has its own fixed random seed, the
JPEG encoder settings are fixed, and the embedded sRGB profile carries a pinned
creation date, so running the script twice gives the same bytes.

    python tools/make_sample_photos.py          # write every picture in PHOTOS
    python tools/make_sample_photos.py --check  # exit 1 if a referenced one is missing
"""

import argparse
import io
import math
import random
import re
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
IMAGES = CONTENT / "images"

LANDSCAPE = (1600, 1067)
PORTRAIT = (1067, 1600)

# Every stand-in picture: path under content/images, size in pixels, scene kind.
PHOTOS = [
    ("2023/chi-bo-4-tot/01-pho-bi-thu.jpg", LANDSCAPE, "podium"),
    ("2023/chi-bo-4-tot/02-bi-thu-tdp-01.jpg", LANDSCAPE, "podium"),
    ("2023/chi-bo-4-tot/03-bi-thu-thcs-dong-thai.jpg", LANDSCAPE, "podium"),
    ("2023/chi-bo-4-tot/04-bi-thu-dang-uy.jpg", LANDSCAPE, "podium"),
    ("2023/chi-bo-4-tot/05-toan-canh.jpg", LANDSCAPE, "hall"),
    ("2023/chu-nhat-xanh/don-ve-sinh-ven-ho.jpg", LANDSCAPE, "cleanup"),
    ("2023/khai-giang/lop-hoc.jpg", LANDSCAPE, "classroom"),
    ("2023/dien-tap-pccc/dien-tap.jpg", LANDSCAPE, "fire_drill"),
    ("2024/tet-thuy-khue/duong-thuy-khue.jpg", LANDSCAPE, "festive_street"),
    ("2024/vneid/ho-tro-01.jpg", LANDSCAPE, "helpdesk"),
    ("2024/vneid/ho-tro-02.jpg", LANDSCAPE, "helpdesk"),
    ("2024/vneid/ho-tro-03.jpg", LANDSCAPE, "helpdesk"),
    ("2024/bong-da-thieu-nien/tran-dau.jpg", LANDSCAPE, "sports"),
    ("2024/kham-suc-khoe/kham-benh.jpg", PORTRAIT, "clinic"),
    ("2025/ho-tay-mua-sen/sen-ho-tay.jpg", PORTRAIT, "lotus_lake"),
]

SUPERSAMPLE = 2  # draw at twice the size, then downscale: smooth edges without blur
JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}
MAX_BYTES = 200 * 1024
STATIC_REF = re.compile(r"\{static\}/images/([^)\s]+)")

SKINS = [(236, 200, 170), (222, 184, 150), (205, 160, 125), (240, 210, 185)]
HAIRS = [(30, 26, 24), (45, 35, 30), (20, 20, 22), (60, 45, 35)]
SHIRTS = [
    (245, 245, 240),
    (40, 70, 130),
    (120, 130, 145),
    (190, 60, 60),
    (230, 220, 200),
    (70, 110, 90),
    (95, 80, 120),
]
RED = (196, 30, 36)
DEEP_RED = (150, 20, 28)
YELLOW = (250, 215, 60)
YOUTH_BLUE = (40, 120, 200)


# --- colours and basic shapes -------------------------------------------------


def mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def vary(rng, color, amount=12):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)


def gradient(draw, box, top, bottom):
    x0, y0, x1, y1 = (round(v) for v in box)
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / span))


def circle(draw, cx, cy, r, fill):
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)


def star(draw, cx, cy, r, fill):
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def flag(draw, x, y, w, h):
    """A red flag with a yellow star on a pole whose top is (x, y)."""
    draw.rectangle((x - w * 0.03, y, x + w * 0.03, y + h * 2.6), fill=(200, 190, 170))
    draw.rectangle((x, y + h * 0.05, x + w, y + h), fill=RED)
    star(draw, x + w / 2, y + h * 0.53, h * 0.3, YELLOW)


def banner(draw, box):
    """A red backdrop with a yellow band where the slogan would be."""
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=RED)
    band = (y1 - y0) * 0.12
    draw.rectangle((x0, y0 + band, x1, y0 + band * 1.8), fill=YELLOW)
    draw.rectangle((x0, y1 - band * 0.5, x1, y1), fill=DEEP_RED)


def flowers(draw, rng, cx, cy, r):
    """A basket of flowers: a green mound dotted with blossoms."""
    draw.ellipse((cx - r, cy - r * 0.6, cx + r, cy + r * 0.6), fill=(60, 120, 60))
    palette = [(240, 90, 110), (250, 200, 60), (250, 250, 245), (230, 120, 40)]
    for _ in range(26):
        a = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(0, r * 0.85)
        circle(
            draw,
            cx + d * math.cos(a),
            cy + d * math.sin(a) * 0.55,
            r * 0.14,
            rng.choice(palette),
        )


def tree(draw, rng, x, ground, size):
    draw.rectangle(
        (x - size * 0.08, ground - size * 1.1, x + size * 0.08, ground),
        fill=(95, 70, 50),
    )
    for _ in range(7):
        dx, dy = rng.uniform(-0.5, 0.5) * size, rng.uniform(-0.35, 0.2) * size
        circle(
            draw,
            x + dx,
            ground - size * 1.3 + dy,
            size * rng.uniform(0.35, 0.5),
            vary(rng, (70, 135, 70), 18),
        )


# --- people ---------------------------------------------------------------------


def person(draw, rng, cx, feet, height, shirt, trousers=(50, 55, 70), hair=None):
    """A standing figure seen from the front, feet at y=feet."""
    r = height * 0.085
    shoulders = feet - height * 0.78
    hips = feet - height * 0.42
    draw.rounded_rectangle(
        (cx - r * 1.05, hips, cx + r * 1.05, feet), radius=r * 0.3, fill=trousers
    )
    draw.rounded_rectangle(
        (cx - r * 1.5, shoulders, cx + r * 1.5, hips + r * 0.4),
        radius=r * 0.7,
        fill=shirt,
    )
    head_y = shoulders - r * 1.05
    circle(draw, cx, head_y, r, rng.choice(SKINS))
    draw.chord(
        (cx - r, head_y - r * 1.05, cx + r, head_y + r * 0.7),
        180,
        360,
        fill=hair or rng.choice(HAIRS),
    )


def bust(draw, rng, cx, cy, r, shirt, hair=None, back=False, long_hair=False):
    """Head and shoulders; seen from behind when back=True (audience rows)."""
    hair = hair or rng.choice(HAIRS)
    if long_hair:
        draw.rounded_rectangle(
            (cx - r * 1.15, cy - r, cx + r * 1.15, cy + r * 1.9), radius=r, fill=hair
        )
    draw.rounded_rectangle(
        (cx - r * 1.9, cy + r * 0.7, cx + r * 1.9, cy + r * 3.2),
        radius=r * 0.9,
        fill=shirt,
    )
    if back:
        circle(draw, cx, cy, r, hair)
        return
    circle(draw, cx, cy, r, rng.choice(SKINS))
    draw.chord((cx - r, cy - r * 1.05, cx + r, cy + r * 0.7), 180, 360, fill=hair)


def audience(draw, rng, w, y_top, y_bottom, rows):
    """Rows of heads seen from behind, larger towards the camera."""
    for i in range(rows):
        t = i / max(1, rows - 1)
        y = y_top + (y_bottom - y_top) * t
        r = w * (0.012 + 0.03 * t)
        x = rng.uniform(-r, r)
        while x < w + r * 2:
            bust(draw, rng, x, y, r, vary(rng, rng.choice(SHIRTS), 10), back=True)
            x += r * rng.uniform(3.6, 4.4)


# --- scenes (each draws on a canvas of size w x h) ----------------------------------


def scene_hall(draw, rng, w, h):
    gradient(draw, (0, 0, w, h * 0.62), (236, 226, 205), (214, 200, 178))
    for i in range(5):
        circle(draw, w * (0.1 + 0.2 * i), h * 0.05, w * 0.012, (255, 248, 220))
    banner(draw, (w * 0.2, h * 0.1, w * 0.8, h * 0.42))
    flag(draw, w * 0.23, h * 0.14, w * 0.09, h * 0.09)
    draw.rectangle((0, h * 0.42, w, h * 0.47), fill=(150, 110, 80))  # stage edge
    for i in range(6):  # the presidium, seated behind a white table
        bust(
            draw,
            rng,
            w * (0.34 + 0.064 * i),
            h * 0.335,
            w * 0.009,
            vary(rng, (245, 245, 240), 8),
        )
    draw.rectangle((w * 0.3, h * 0.36, w * 0.7, h * 0.43), fill=(250, 250, 245))
    draw.polygon(
        [
            (w * 0.73, h * 0.33),
            (w * 0.77, h * 0.33),
            (w * 0.765, h * 0.43),
            (w * 0.735, h * 0.43),
        ],
        fill=(120, 70, 40),
    )
    gradient(draw, (0, h * 0.47, w, h), (170, 130, 100), (120, 85, 60))
    audience(draw, rng, w, h * 0.52, h * 0.93, 7)


def scene_podium(draw, rng, w, h):
    gradient(draw, (0, 0, w, h), (214, 50, 50), (160, 25, 30))
    draw.rectangle((0, h * 0.08, w, h * 0.2), fill=YELLOW)
    draw.rectangle((0, h * 0.22, w, h * 0.235), fill=YELLOW)
    side = rng.uniform(0.3, 0.7)
    cx = w * side
    flag(draw, w * (0.08 if side > 0.5 else 0.8), h * 0.3, w * 0.12, h * 0.12)
    shirt = rng.choice([(245, 245, 240), (40, 70, 130), (230, 220, 200), (110, 120, 140)])
    bust(draw, rng, cx, h * 0.4, w * 0.06, shirt, long_hair=rng.random() < 0.6)
    # lectern, microphone and the flower basket on its front
    draw.line(
        [(cx + w * 0.03, h * 0.56), (cx + w * 0.01, h * 0.47)],
        fill=(40, 40, 40),
        width=round(w * 0.005),
    )
    circle(draw, cx + w * 0.01, h * 0.465, w * 0.008, (30, 30, 30))
    draw.polygon(
        [
            (cx - w * 0.15, h * 0.55),
            (cx + w * 0.15, h * 0.55),
            (cx + w * 0.12, h),
            (cx - w * 0.12, h),
        ],
        fill=(125, 75, 42),
    )
    draw.rectangle((cx - w * 0.16, h * 0.54, cx + w * 0.16, h * 0.58), fill=(95, 55, 30))
    star(draw, cx, h * 0.7, w * 0.035, YELLOW)
    flowers(draw, rng, cx, h * 0.88, w * 0.1)


def table_with_people(draw, rng, w, h, cloth, shirts):
    """People seated behind a long table, with papers in front of each."""
    n = len(shirts)
    for i, shirt in enumerate(shirts):
        bust(draw, rng, w * (i + 0.5) / n, h * 0.38, w * 0.05, shirt)
    draw.rectangle((0, h * 0.55, w, h), fill=cloth)
    draw.rectangle((0, h * 0.55, w, h * 0.6), fill=mix(cloth, (255, 255, 255), 0.25))
    return [w * (i + 0.5) / n for i in range(n)]


def scene_signing(draw, rng, w, h):
    banner(draw, (0, 0, w, h * 0.5))
    draw.rectangle((0, h * 0.5, w, h), fill=(220, 205, 180))
    shirts = [vary(rng, rng.choice(SHIRTS), 8) for _ in range(rng.choice([2, 3]))]
    for x in table_with_people(draw, rng, w, h, (40, 95, 70), shirts):
        tilt = rng.uniform(-0.02, 0.02) * w
        draw.polygon(
            [
                (x - w * 0.09, h * 0.64),
                (x + w * 0.09, h * 0.64),
                (x + w * 0.1 + tilt, h * 0.86),
                (x - w * 0.1 + tilt, h * 0.86),
            ],
            fill=(250, 250, 246),
        )
        for k in range(5):
            y = h * (0.68 + 0.03 * k)
            draw.line(
                [(x - w * 0.07, y), (x + w * 0.05, y)],
                fill=(190, 190, 200),
                width=round(h * 0.004),
            )
        draw.line(
            [(x + w * 0.02, h * 0.8), (x + w * 0.08, h * 0.7)],
            fill=(20, 40, 120),
            width=round(w * 0.006),
        )
    flowers(draw, rng, w * 0.5, h * 0.6, w * 0.05)


def scene_helpdesk(draw, rng, w, h):
    gradient(draw, (0, 0, w, h * 0.55), (225, 232, 238), (200, 210, 220))
    draw.rectangle((w * 0.05, h * 0.06, w * 0.95, h * 0.16), fill=YOUTH_BLUE)
    draw.rectangle((0, h * 0.55, w, h), fill=(205, 190, 165))
    shirts = [vary(rng, YOUTH_BLUE, 10) for _ in range(rng.choice([2, 3]))]
    for x in table_with_people(draw, rng, w, h, (230, 230, 228), shirts):
        draw.rectangle(
            (x - w * 0.07, h * 0.47, x + w * 0.07, h * 0.57), fill=(70, 75, 85)
        )  # laptop lid
        draw.rectangle((x - w * 0.065, h * 0.48, x + w * 0.065, h * 0.56), fill=(150, 200, 235))
        draw.rounded_rectangle(
            (x + w * 0.09, h * 0.62, x + w * 0.12, h * 0.7),
            radius=w * 0.005,
            fill=(25, 25, 30),
        )
    # residents seen from behind in the foreground, one holding up a phone
    for i in range(rng.choice([2, 3])):
        cx = w * (0.18 + 0.32 * i + rng.uniform(-0.04, 0.04))
        bust(
            draw,
            rng,
            cx,
            h * 0.8,
            w * 0.07,
            vary(rng, rng.choice(SHIRTS), 10),
            back=True,
        )
    draw.rounded_rectangle(
        (w * 0.3, h * 0.66, w * 0.34, h * 0.76), radius=w * 0.006, fill=(25, 25, 30)
    )
    draw.rectangle((w * 0.305, h * 0.67, w * 0.335, h * 0.75), fill=(120, 190, 230))


def sky_and_lake(draw, w, h, horizon, shore):
    gradient(draw, (0, 0, w, horizon), (150, 195, 230), (215, 232, 240))
    gradient(draw, (0, horizon, w, shore), (120, 165, 190), (90, 140, 170))
    x = 0
    while x < w:  # distant skyline on the far shore
        bw = w * 0.035
        draw.rectangle(
            (x, horizon - h * 0.04 * (1 + (x * 7 % 5) / 4), x + bw, horizon),
            fill=(170, 180, 190),
        )
        x += bw * 1.3


def scene_cleanup(draw, rng, w, h):
    sky_and_lake(draw, w, h, h * 0.32, h * 0.5)
    draw.rectangle((0, h * 0.5, w, h * 0.58), fill=(200, 195, 185))  # lakeside walk
    gradient(draw, (0, h * 0.58, w, h), (120, 120, 125), (95, 95, 100))  # road
    for i in range(6):
        draw.rectangle(
            (w * (0.05 + i * 0.18), h * 0.78, w * (0.13 + i * 0.18), h * 0.79),
            fill=(235, 235, 230),
        )
    for i in range(5):
        tree(draw, rng, w * (0.08 + 0.22 * i), h * 0.52, h * 0.22)
    for i in range(5):
        cx = w * (0.12 + 0.19 * i + rng.uniform(-0.03, 0.03))
        feet = h * rng.uniform(0.86, 0.95)
        person(draw, rng, cx, feet, h * 0.34, vary(rng, YOUTH_BLUE, 10))
        draw.line(
            [(cx + h * 0.04, feet - h * 0.2), (cx + h * 0.09, feet)],
            fill=(150, 110, 60),
            width=round(h * 0.008),
        )
        draw.ellipse((cx - h * 0.1, feet - h * 0.07, cx - h * 0.04, feet), fill=(40, 80, 50))


def scene_classroom(draw, rng, w, h):
    gradient(draw, (0, 0, w, h * 0.6), (245, 236, 200), (232, 220, 180))
    draw.rectangle((w * 0.22, h * 0.1, w * 0.78, h * 0.42), fill=(120, 90, 60))
    draw.rectangle((w * 0.235, h * 0.12, w * 0.765, h * 0.4), fill=(40, 85, 60))
    for k in range(3):  # chalk strokes, deliberately not letters
        y = h * (0.18 + 0.06 * k)
        draw.line(
            [(w * 0.28, y), (w * (0.5 + 0.08 * k), y + h * 0.01)],
            fill=(200, 215, 205),
            width=round(h * 0.005),
        )
    for x in (0.04, 0.86):
        draw.rectangle((w * x, h * 0.12, w * (x + 0.1), h * 0.38), fill=(190, 220, 240))
        draw.line(
            [(w * (x + 0.05), h * 0.12), (w * (x + 0.05), h * 0.38)],
            fill=(255, 255, 255),
            width=round(w * 0.004),
        )
    person(draw, rng, w * 0.82, h * 0.62, h * 0.42, (235, 225, 240), trousers=(60, 60, 90))
    gradient(draw, (0, h * 0.6, w, h), (190, 160, 120), (160, 130, 95))
    for row in range(3):
        y = h * (0.66 + 0.11 * row)
        r = w * (0.018 + 0.008 * row)
        for i in range(5):
            x = w * (0.12 + 0.19 * i)
            bust(draw, rng, x, y, r, (250, 250, 250), back=True)
            draw.rectangle((x - r * 3, y + r * 2.2, x + r * 3, y + r * 3.2), fill=(150, 100, 60))


def scene_clinic(draw, rng, w, h):
    gradient(draw, (0, 0, w, h * 0.65), (232, 242, 246), (210, 226, 232))
    draw.rectangle((w * 0.08, h * 0.08, w * 0.38, h * 0.3), fill=(250, 250, 250))
    draw.rectangle(
        (w * 0.2, h * 0.12, w * 0.26, h * 0.26), fill=(40, 150, 90)
    )  # green cross poster
    draw.rectangle((w * 0.14, h * 0.16, w * 0.32, h * 0.22), fill=(40, 150, 90))
    draw.rectangle((0, h * 0.65, w, h), fill=(190, 200, 205))
    person(
        draw,
        rng,
        w * 0.68,
        h * 0.8,
        h * 0.55,
        (250, 250, 250),
        trousers=(230, 235, 240),
    )  # doctor
    cx, top = w * 0.68, h * 0.8 - h * 0.55 * 0.78
    draw.arc(
        (cx - w * 0.06, top, cx + w * 0.06, top + h * 0.12),
        0,
        180,
        fill=(40, 40, 50),
        width=round(w * 0.008),
    )
    # elderly patient seated at the desk, grey hair, cuff on the arm
    bust(draw, rng, w * 0.3, h * 0.5, w * 0.07, (150, 110, 90), hair=(200, 200, 200))
    draw.rectangle((w * 0.38, h * 0.6, w * 0.48, h * 0.64), fill=(40, 60, 120))
    draw.rectangle((0, h * 0.66, w * 0.9, h * 0.72), fill=(170, 130, 90))  # desk top
    draw.rectangle((w * 0.05, h * 0.72, w * 0.85, h * 0.95), fill=(150, 110, 75))
    draw.rounded_rectangle(
        (w * 0.5, h * 0.61, w * 0.62, h * 0.66), radius=w * 0.01, fill=(245, 245, 245)
    )
    draw.rectangle((w * 0.52, h * 0.62, w * 0.58, h * 0.645), fill=(120, 180, 200))


def scene_sports(draw, rng, w, h):
    gradient(draw, (0, 0, w, h * 0.3), (140, 190, 230), (205, 228, 240))
    for i in range(8):
        tree(draw, rng, w * (0.03 + 0.14 * i), h * 0.32, h * 0.12)
    for i in range(8):
        shade = (80, 150, 70) if i % 2 == 0 else (92, 165, 80)
        draw.rectangle((0, h * (0.3 + 0.0875 * i), w, h * (0.3 + 0.0875 * (i + 1))), fill=shade)
    line = round(h * 0.006)
    draw.line([(0, h * 0.42), (w, h * 0.42)], fill=(240, 240, 240), width=line)
    draw.arc((w * 0.35, h * 0.5, w * 0.65, h * 0.8), 0, 360, fill=(240, 240, 240), width=line)
    draw.rectangle((w * 0.4, h * 0.33, w * 0.6, h * 0.42), outline=(250, 250, 250), width=line * 2)
    for k in range(1, 10):  # the net
        x = w * (0.4 + 0.02 * k)
        draw.line([(x, h * 0.33), (x, h * 0.42)], fill=(225, 225, 225), width=1)
    for color in [(200, 40, 40), (30, 90, 180)]:  # two teams
        for _ in range(5):
            x, feet = w * rng.uniform(0.08, 0.92), h * rng.uniform(0.5, 0.95)
            person(
                draw,
                rng,
                x,
                feet,
                h * (0.12 + 0.2 * (feet / h - 0.5)),
                color,
                trousers=(240, 240, 240),
            )
    circle(draw, w * 0.52, h * 0.8, h * 0.02, (250, 250, 250))


def house_row(draw, rng, w, ground, height):
    x = 0
    while x < w:
        bw = w * rng.uniform(0.08, 0.13)
        top = ground - height * rng.uniform(0.75, 1.0)
        draw.rectangle(
            (x, top, x + bw, ground),
            fill=vary(
                rng,
                rng.choice([(235, 215, 160), (215, 200, 190), (200, 220, 210), (240, 230, 215)]),
                10,
            ),
        )
        for fy in (0.2, 0.5):
            wy = top + (ground - top) * fy
            draw.rectangle(
                (x + bw * 0.2, wy, x + bw * 0.8, wy + (ground - top) * 0.18),
                fill=(110, 130, 150),
            )
        x += bw


def scene_fire_drill(draw, rng, w, h):
    gradient(draw, (0, 0, w, h * 0.2), (170, 200, 225), (215, 228, 238))
    house_row(draw, rng, w, h * 0.62, h * 0.55)
    for i in range(6):  # smoke from an upper window
        circle(
            draw,
            w * (0.3 + 0.03 * i),
            h * (0.25 - 0.035 * i),
            h * (0.04 + 0.012 * i),
            (150 + 8 * i,) * 3,
        )
    draw.rectangle((0, h * 0.62, w, h), fill=(125, 125, 130))
    draw.rectangle((w * 0.52, h * 0.5, w * 0.95, h * 0.8), fill=(205, 30, 30))  # fire truck
    draw.rectangle((w * 0.82, h * 0.42, w * 0.95, h * 0.6), fill=(215, 40, 35))
    draw.rectangle((w * 0.84, h * 0.45, w * 0.93, h * 0.53), fill=(170, 210, 230))
    draw.rectangle((w * 0.52, h * 0.66, w * 0.95, h * 0.68), fill=(245, 245, 245))
    draw.line(
        [(w * 0.55, h * 0.48), (w * 0.8, h * 0.4)],
        fill=(200, 200, 205),
        width=round(h * 0.012),
    )
    for x in (0.6, 0.86):
        circle(draw, w * x, h * 0.81, h * 0.05, (30, 30, 30))
        circle(draw, w * x, h * 0.81, h * 0.02, (160, 160, 160))
    nozzle = (w * 0.3, h * 0.66)
    draw.line(
        [(w * 0.55, h * 0.72), (w * 0.4, h * 0.92), nozzle],
        fill=(230, 225, 200),
        width=round(h * 0.012),
        joint="curve",
    )
    for i in range(12):  # water jet towards the window
        t = i / 11
        circle(
            draw,
            nozzle[0] - t * w * 0.02,
            nozzle[1] - t * h * 0.38 + (t - 0.5) ** 2 * h * 0.2,
            h * (0.008 + 0.012 * t),
            (200, 225, 245),
        )
    for i, x in enumerate((0.22, 0.32, 0.44)):
        feet = h * (0.9 + 0.03 * i)
        person(
            draw,
            rng,
            w * x,
            feet,
            h * 0.34,
            (35, 45, 60),
            trousers=(35, 45, 60),
            hair=(230, 190, 40),
        )
        draw.rectangle(
            (w * x - h * 0.025, feet - h * 0.2, w * x + h * 0.025, feet - h * 0.19),
            fill=(250, 220, 60),
        )


def scene_festive_street(draw, rng, w, h):
    gradient(draw, (0, 0, w, h * 0.3), (165, 200, 230), (220, 232, 240))
    house_row(draw, rng, w, h * 0.62, h * 0.5)
    draw.rectangle((0, h * 0.62, w, h), fill=(130, 130, 135))
    draw.rectangle((0, h * 0.62, w, h * 0.68), fill=(195, 185, 170))
    for i in range(7):
        flag(draw, w * (0.04 + 0.14 * i), h * 0.3, w * 0.05, h * 0.05)
    for k, y in enumerate((0.12, 0.2)):  # strings of lanterns across the street
        draw.line([(0, h * y), (w, h * (y + 0.04))], fill=(80, 60, 40), width=2)
        for i in range(10):
            x = w * (0.05 + 0.1 * i + 0.05 * k)
            ly = h * (y + 0.04 * x / w)
            draw.ellipse((x - w * 0.018, ly, x + w * 0.018, ly + h * 0.06), fill=RED)
            draw.rectangle(
                (x - w * 0.004, ly + h * 0.06, x + w * 0.004, ly + h * 0.08),
                fill=YELLOW,
            )
    for x in (0.15, 0.7):  # peach blossom trees in pots
        draw.rectangle((w * x - h * 0.04, h * 0.8, w * x + h * 0.04, h * 0.9), fill=(160, 80, 50))
        for _ in range(40):
            circle(
                draw,
                w * x + rng.uniform(-1, 1) * h * 0.12,
                h * 0.66 + rng.uniform(-1, 1) * h * 0.1,
                h * 0.012,
                (245, 150, 180),
            )
    for _ in range(4):
        person(
            draw,
            rng,
            w * rng.uniform(0.25, 0.95),
            h * rng.uniform(0.78, 0.96),
            h * 0.3,
            vary(rng, rng.choice(SHIRTS), 10),
        )


def scene_lotus_lake(draw, rng, w, h):
    sky_and_lake(draw, w, h, h * 0.3, h)
    draw.rectangle((w * 0.6, h * 0.29, w * 0.9, h * 0.31), fill=(120, 140, 110))  # islet
    for i in range(6):  # a pagoda tower on the far shore
        bw = w * (0.06 - i * 0.007)
        y = h * (0.29 - 0.022 * (i + 1))
        draw.rectangle(
            (w * 0.75 - bw / 2, y, w * 0.75 + bw / 2, y + h * 0.022),
            fill=(170, 70, 50) if i % 2 else (190, 95, 70),
        )
    draw.rectangle((0, h * 0.4, w, h * 0.43), fill=(205, 195, 175))  # the walking path
    for i in range(3):
        person(
            draw,
            rng,
            w * (0.25 + 0.25 * i),
            h * 0.42,
            h * 0.09,
            vary(rng, rng.choice(SHIRTS), 10),
        )
    for _ in range(45):  # lotus leaves, bigger towards the camera
        y = h * rng.uniform(0.45, 1.0)
        x, r = w * rng.uniform(-0.05, 1.05), w * (0.03 + 0.12 * (y / h - 0.45))
        draw.ellipse(
            (x - r, y - r * 0.45, x + r, y + r * 0.45),
            fill=vary(rng, (70, 140, 70), 20),
        )
    for _ in range(9):
        x, y = w * rng.uniform(0.05, 0.95), h * rng.uniform(0.5, 0.9)
        r = w * (0.02 + 0.05 * (y / h - 0.45))
        draw.line([(x, y), (x, y + r * 3)], fill=(60, 110, 60), width=round(w * 0.005))
        for a in (-50, -20, 20, 50, 0):
            dx = r * math.sin(math.radians(a))
            draw.ellipse(
                (x + dx - r * 0.35, y - r * 1.1, x + dx + r * 0.35, y + r * 0.2),
                fill=(240, 140, 170) if a else (250, 190, 205),
            )


SCENES = {
    "hall": scene_hall,
    "podium": scene_podium,
    "signing": scene_signing,
    "helpdesk": scene_helpdesk,
    "cleanup": scene_cleanup,
    "classroom": scene_classroom,
    "clinic": scene_clinic,
    "sports": scene_sports,
    "fire_drill": scene_fire_drill,
    "festive_street": scene_festive_street,
    "lotus_lake": scene_lotus_lake,
}


# --- output ------------------------------------------------------------------------


def srgb_profile():
    """An sRGB ICC profile whose creation date is pinned (lcms stamps the time)."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes.fromhex("07e700010001000000000000")  # 2023-01-01 00:00:00
    return bytes(data)


def render(rel_path, size, kind):
    rng = random.Random(zlib.crc32(rel_path.encode()))
    w, h = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    image = Image.new("RGB", (w, h), (255, 255, 255))
    SCENES[kind](ImageDraw.Draw(image), rng, w, h)
    return image.resize(size, Image.Resampling.LANCZOS)


def encode(image, icc):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", icc_profile=icc, **JPEG_OPTIONS)
    return buffer.getvalue()


def write_photo(rel_path, size, kind, icc):
    """Write one picture unless identical bytes are already there; return its size."""
    data = encode(render(rel_path, size, kind), icc)
    target = IMAGES / rel_path
    changed = not target.is_file() or target.read_bytes() != data
    if changed:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    status = "written" if changed else "unchanged"
    line = f"content/images/{rel_path}  {size[0]}x{size[1]}  {kind}"
    print(f"{line}  {len(data) // 1024} KB  {status}")
    return len(data)


def write_all():
    icc = srgb_profile()
    too_big = [
        rel_path
        for rel_path, size, kind in PHOTOS
        if write_photo(rel_path, size, kind, icc) > MAX_BYTES
    ]
    for rel_path in too_big:
        print(f"error: {rel_path} is over 200 KB; simplify its scene", file=sys.stderr)
    return 1 if too_big else 0


def referenced_images():
    """Paths under content/images that the PHOTOS table or any Markdown file names."""
    refs = {rel_path for rel_path, _, _ in PHOTOS}
    for md in CONTENT.rglob("*.md"):
        refs.update(STATIC_REF.findall(md.read_text(encoding="utf-8")))
    return sorted(refs)


def check():
    refs = referenced_images()
    missing = [rel for rel in refs if not (IMAGES / rel).is_file()]
    for rel in missing:
        print(f"missing: content/images/{rel}")
    if not missing:
        print(f"all {len(refs)} referenced pictures are present")
    return 1 if missing else 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Draw the stand-in photos used by the sample articles."
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only list referenced pictures that are missing",
    )
    args = parser.parse_args(argv)
    return check() if args.check else write_all()


if __name__ == "__main__":
    sys.exit(main())
