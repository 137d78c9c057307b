"""Draw the demo's illustrations (home/demo/data/images/), run once by hand:

    .venv/bin/python scripts/make_demo_images.py

Flat shapes drawn with Pillow, made by the project and published under CC0 1.0, so the demo
ships pictures anyone may redistribute. The files are committed; the demo loader reads them.
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
FOLDER = Path(__file__).resolve().parent.parent / "home" / "demo" / "data" / "images"


def canvas(sky):
    image = Image.new("RGB", (WIDTH, HEIGHT), sky)
    return image, ImageDraw.Draw(image)


def tree(draw, x, base, height, colour):
    draw.rectangle([x - 6, base - height // 4, x + 6, base], fill="#5b4636")
    draw.polygon(
        [(x, base - height), (x - height // 4, base - height // 4), (x + height // 4, base - height // 4)], fill=colour
    )


def trail():
    image, draw = canvas("#dcebf2")
    draw.rectangle([0, 380, WIDTH, HEIGHT], fill="#7fa36b")
    draw.polygon([(560, 380), (640, 380), (900, HEIGHT), (300, HEIGHT)], fill="#c9a46c")
    rng = random.Random(1)  # noqa: S311 (a drawing: the same trees on every run)
    for _ in range(40):
        x = rng.randrange(0, WIDTH)
        if 430 < x < 770:
            continue
        tree(draw, x, rng.randrange(390, 520), rng.randrange(140, 300), rng.choice(["#2f5d3a", "#3c6e47", "#24482d"]))
    return image


def market():
    image, draw = canvas("#f3ead8")
    draw.rectangle([0, 520, WIDTH, HEIGHT], fill="#b9a58a")
    for index, colour in enumerate(["#c0392b", "#f4f1ea"] * 5):
        draw.rectangle([200 + index * 80, 180, 280 + index * 80, 260], fill=colour)
    draw.rectangle([220, 260, 980, 520], outline="#6b4f2f", width=10)
    draw.rectangle([200, 400, 1000, 440], fill="#8a6a43")
    for index, colour in enumerate(["#e67e22", "#27ae60", "#f1c40f", "#8e44ad", "#d35400", "#16a085"]):
        x = 250 + index * 120
        draw.ellipse([x, 340, x + 90, 400], fill=colour)
    return image


def heritage():
    image, draw = canvas("#f6d9a8")
    draw.ellipse([860, 90, 980, 210], fill="#f9f3e3")
    draw.rectangle([0, 560, WIDTH, HEIGHT], fill="#6d7f4f")
    colour = "#5a4a42"
    draw.rectangle([420, 300, 780, 560], fill=colour)
    draw.rectangle([540, 120, 660, 300], fill=colour)
    draw.polygon([(530, 120), (600, 40), (670, 120)], fill=colour)
    for x in range(420, 780, 40):
        draw.rectangle([x, 280, x + 20, 300], fill=colour)
    draw.rounded_rectangle([570, 450, 630, 560], radius=30, fill="#f6d9a8")
    for x in (470, 700):
        draw.rounded_rectangle([x, 360, x + 30, 420], radius=14, fill="#f6d9a8")
    return image


def poster():
    image, draw = canvas("#24547a")
    draw.rectangle([360, 80, 840, 600], fill="#fdf8ef")
    draw.rectangle([360, 80, 840, 180], fill="#c0392b")
    for ring in (450, 750):
        draw.rounded_rectangle([ring - 12, 60, ring + 12, 120], radius=10, fill="#2c3e50")
    for row in range(4):
        for column in range(7):
            x, y = 390 + column * 64, 210 + row * 92
            fill = "#f1c40f" if (row, column) == (2, 4) else "#d9dee3"
            draw.rectangle([x, y, x + 48, y + 70], fill=fill)
    return image


def third_place():
    image, draw = canvas("#e8f0e4")
    draw.rectangle([0, 540, WIDTH, HEIGHT], fill="#9db48c")
    draw.rectangle([300, 260, 900, 540], fill="#d8845b")
    draw.polygon([(270, 270), (600, 100), (930, 270)], fill="#6e3b2a")
    for index in range(4):
        x = 340 + index * 140
        draw.rectangle([x, 320, x + 100, 420], fill="#fff3c4")
        draw.line([x + 50, 320, x + 50, 420], fill="#6e3b2a", width=4)
    draw.rectangle([560, 440, 640, 540], fill="#4b2e22")
    for x, colour in ((160, "#2f5d3a"), (1040, "#3c6e47")):
        draw.ellipse([x - 70, 330, x + 70, 470], fill=colour)
        draw.rectangle([x - 8, 460, x + 8, 540], fill="#5b4636")
    return image


def news():
    image, draw = canvas("#eef1f4")
    draw.rectangle([240, 110, 960, 570], fill="#ffffff", outline="#34495e", width=6)
    draw.rectangle([280, 150, 920, 210], fill="#34495e")
    draw.rectangle([280, 240, 580, 420], fill="#5d8aa8")
    draw.polygon([(280, 420), (380, 320), (460, 380), (520, 330), (580, 420)], fill="#7fa36b")
    for y in range(240, 540, 36):
        draw.rectangle([610, y, 920, y + 14], fill="#b8c2cc")
    for y in range(450, 540, 36):
        draw.rectangle([280, y, 580, y + 14], fill="#b8c2cc")
    return image


DRAWINGS = {
    "sentier-foret.jpg": trail,
    "etal-marche.jpg": market,
    "patrimoine.jpg": heritage,
    "affiche-agenda.jpg": poster,
    "tiers-lieu.jpg": third_place,
    "actualite.jpg": news,
}


def main():
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, draw in DRAWINGS.items():
        path = FOLDER / name
        draw().save(path, "JPEG", quality=82, optimize=True, progressive=True)
        print(f"{path.relative_to(FOLDER.parent.parent.parent.parent)}: {path.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
