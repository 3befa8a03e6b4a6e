"""Cleaning a page image before Tesseract: seals out, straight, black on white.

1. Red and pink ink (the round seal, red signatures and "ĐẾN" stamps) is turned white by
   colour, before anything is made grey, so that it cannot blot the text it overlaps.
2. The page is made grey and deskewed: the angle (within ±5°) whose horizontal projection
   of dark pixels has the sharpest rows, searched coarse then fine on a small copy.
3. Otsu's threshold makes it black on white (a 1-bit scan is kept as it is).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PIL import Image

_RED_MIN = 110
"""A seal pixel: red channel at least this bright ..."""
_RED_MARGIN = 45
"""... and this much above both green and blue."""
_MAX_SKEW = 5.0
_SKEW_WIDTH = 700
_MIN_SKEW = 0.15
"""Angles smaller than this (degrees) are left alone."""


def remove_red(image: Image.Image) -> Image.Image:
    """The image with red/pink ink made white (RGB images only)."""
    if image.mode != "RGB":
        return image
    rgb = np.asarray(image).astype(np.int16)
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    seal = (red >= _RED_MIN) & (red - green >= _RED_MARGIN) & (red - blue >= _RED_MARGIN)
    if not seal.any():
        return image
    out = np.asarray(image).copy()
    out[seal] = 255
    return Image.fromarray(out)


def otsu_level(gray: NDArray[np.uint8]) -> int:
    """Otsu's threshold of a grey image (0-255)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    background = weight / total
    foreground = 1.0 - background
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] / total * background - mean / total) ** 2 / (background * foreground)
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def _sharpness(ink: Image.Image, angle: float) -> float:
    rotated = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0))
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(gray: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines horizontal."""
    scale = _SKEW_WIDTH / gray.width
    small = gray.resize((_SKEW_WIDTH, max(1, round(gray.height * scale))))
    pixels = np.asarray(small)
    ink = Image.fromarray(((pixels < otsu_level(pixels)) * 1).astype(np.uint8))
    best = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 1.0), key=lambda a: _sharpness(ink, a))
    fine = np.arange(best - 0.9, best + 0.91, 0.1)
    return float(max(fine, key=lambda a: _sharpness(ink, a)))


def prepare(image: Image.Image) -> Image.Image:
    """A page image ready for Tesseract: seals removed, grey, deskewed, thresholded."""
    if image.mode == "1":
        gray = image.convert("L")
        binary = True
    else:
        gray = remove_red(image.convert("RGB")).convert("L")
        binary = False
    angle = skew_angle(gray)
    if abs(angle) >= _MIN_SKEW:
        gray = gray.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    pixels = np.asarray(gray)
    level = 128 if binary else otsu_level(pixels)
    return Image.fromarray(((pixels > level) * 255).astype(np.uint8)).convert("1")
