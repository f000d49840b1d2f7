"""Draw the application icon (resources/icons/govreport.png and .ico) with Pillow.

A red tile with a white report page, text lines and a round red seal with a star: the
printed, sealed report the app produces. No font is used, so the result is the same on
every machine. The generated files are committed; rerun only to change the design:

    python packaging/make_icon.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
CANVAS = 1024  # drawn large, then scaled down for each icon size
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]

TILE = (176, 24, 32, 255)
PAGE = (255, 255, 255, 255)
FOLD = (224, 224, 224, 255)
LINE = (150, 150, 150, 255)
SEAL = (214, 40, 40, 255)


def star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, one point straight up."""
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw() -> Image.Image:
    image = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, 984, 984), radius=190, fill=TILE)
    left, top, right, bottom, fold = 250, 150, 774, 874, 150
    pen.polygon(
        [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
        fill=PAGE,
    )
    pen.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD)
    pen.rectangle((left + 80, top + 70, right - fold - 40, top + 110), fill=SEAL)  # title
    for i, width in enumerate((444, 444, 380, 444, 260)):
        y = top + 200 + i * 80
        pen.rectangle((left + 40, y, left + 40 + width, y + 34), fill=LINE)
    cx, cy, r = 610, 700, 150
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), outline=SEAL, width=30)
    pen.polygon(star(cx, cy, 78, 31), fill=SEAL)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "govreport.png", optimize=True)
    big.save(OUT / "govreport.ico", sizes=ICO_SIZES)
    print(f"wrote {OUT / 'govreport.png'} and {OUT / 'govreport.ico'}")


if __name__ == "__main__":
    main()
