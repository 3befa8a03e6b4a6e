"""Drawn and typeset digit glyphs for training and testing the digit classifier.

* ``drawn``: the pen strokes of ``data/digit_strokes.tsv`` (handwritten shapes: a "1" with
  a long lead-in flag, a "7" with a bar across, an open "4", a "2" with a loop) drawn with a
  random pen width, slant, width, wobble and tilt;
* ``typeset``: a digit in a TrueType font, slanted, made bolder or thinner, squeezed;
* ``scanned``: either one brought down to a scan's size (30-60 pixels high) and thresholded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter, ImageFont

Mask = NDArray[np.bool_]
_HEIGHT = 64
"""Height in pixels digits are drawn at before being brought down to a scan's size."""


@dataclass(slots=True, frozen=True)
class Stroke:
    points: NDArray[np.float64]
    smooth: bool


@dataclass(slots=True, frozen=True)
class Shape:
    """One way of writing ``digit``."""

    digit: int
    strokes: tuple[Stroke, ...]


def parse_shapes(text: str) -> list[Shape]:
    shapes: list[Shape] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        digit, spec = line.split("\t")
        strokes: list[Stroke] = []
        for part in spec.split(" | "):
            smooth = part.startswith("~")
            coords = [p.split(",") for p in part.lstrip("~ ").split()]
            strokes.append(Stroke(np.array(coords, dtype=np.float64), smooth))
        shapes.append(Shape(int(digit), tuple(strokes)))
    return shapes


@lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...]:
    """The shapes of ``data/digit_strokes.tsv``."""
    path = resources.files("ingest.ocr").joinpath("data/digit_strokes.tsv")
    return tuple(parse_shapes(path.read_text(encoding="utf-8")))


def _smooth(points: NDArray[np.float64], rounds: int = 3) -> NDArray[np.float64]:
    """Chaikin's corner cutting: a smooth curve near ``points`` with the same ends."""
    for _ in range(rounds):
        near = 0.75 * points[:-1] + 0.25 * points[1:]
        far = 0.25 * points[:-1] + 0.75 * points[1:]
        middle = np.column_stack([near, far]).reshape(-1, 2)
        points = np.vstack([points[:1], middle, points[-1:]])
    return points


def _ink(image: Image.Image) -> Mask:
    return np.asarray(image) >= 128


def drawn(shape: Shape, rng: np.random.Generator) -> Mask:
    """``shape`` drawn with a random pen: width, slant, wobble and tilt."""
    aspect = rng.uniform(0.45, 0.9)
    slant = rng.uniform(-0.15, 0.45)
    pen = max(1, round(rng.uniform(0.05, 0.17) * _HEIGHT))
    wobble = rng.uniform(0.01, 0.045)
    margin = _HEIGHT // 2
    image = Image.new("L", (2 * _HEIGHT + 2 * margin, _HEIGHT + 2 * margin), 0)
    draw = ImageDraw.Draw(image)
    for stroke in shape.strokes:
        points = stroke.points + rng.normal(0.0, wobble, size=stroke.points.shape)
        if stroke.smooth:
            points = _smooth(points)
        xs = margin + (points[:, 0] * aspect + (1.0 - points[:, 1]) * slant) * _HEIGHT
        ys = margin + points[:, 1] * _HEIGHT
        draw.line(
            list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=255, width=pen, joint="curve"
        )
        for x, y in ((xs[0], ys[0]), (xs[-1], ys[-1])):
            draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=255)
    image = image.rotate(rng.uniform(-6.0, 6.0), resample=Image.Resampling.BILINEAR)
    return _ink(image)


def typeset(font: Path, digit: int, rng: np.random.Generator) -> Mask:
    """``digit`` in ``font``, slanted, squeezed and made bolder or thinner at random."""
    face = ImageFont.truetype(str(font), _HEIGHT)
    image = Image.new("L", (3 * _HEIGHT, 2 * _HEIGHT), 0)
    ImageDraw.Draw(image).text((_HEIGHT, _HEIGHT // 3), str(digit), fill=255, font=face)
    slant = rng.uniform(-0.1, 0.4)
    squeeze = rng.uniform(0.75, 1.3)
    matrix = (squeeze, slant, -slant * _HEIGHT, 0.0, 1.0, 0.0)
    image = image.transform(image.size, Image.Transform.AFFINE, matrix, Image.Resampling.BILINEAR)
    change = int(rng.choice([-3, 0, 0, 3, 5]))
    if change > 0:
        image = image.filter(ImageFilter.MaxFilter(change))
    elif change < 0:
        image = image.filter(ImageFilter.MinFilter(-change))
    return _ink(image)


def scanned(ink: Mask, rng: np.random.Generator) -> Mask:
    """``ink`` cut to its box, brought down to 30-60 pixels high and thresholded again."""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return ink
    box = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height = int(rng.integers(30, 61))
    width = max(1, round(box.shape[1] * height / box.shape[0]))
    image = Image.fromarray((box * 255).astype(np.uint8)).resize(
        (width, height), Image.Resampling.BILINEAR
    )
    return np.pad(_ink(image), 2)
