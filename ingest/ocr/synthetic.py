"""Degraded page images for measuring OCR: mild rotation, blur and noise, seeded.

``degrade(image, seed)`` turns a clean rendering into something like a office scan:
rotated by up to ±2°, blurred slightly, with grey noise and a pale red seal-like ring.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

MAX_ANGLE = 2.0
NOISE_SIGMA = 18.0


def degrade(image: Image.Image, seed: int) -> Image.Image:
    """A mildly rotated, blurred, noisy RGB copy with a red ring stamped on it."""
    rng = random.Random(seed)
    page = image.convert("RGB")
    draw = ImageDraw.Draw(page)
    radius = page.width // 9
    cx = rng.randint(page.width // 2, page.width - radius - 10)
    cy = rng.randint(page.height // 2, page.height - radius - 10)
    draw.ellipse(
        (cx - radius, cy - radius, cx + radius, cy + radius),
        outline=(220, 40, 50),
        width=max(3, radius // 12),
    )
    angle = rng.uniform(-MAX_ANGLE, MAX_ANGLE)
    page = page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=(255, 255, 255))
    page = page.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.4, 1.0)))
    noise = np.random.default_rng(seed).normal(0.0, NOISE_SIGMA, (page.height, page.width, 1))
    pixels = np.asarray(page).astype(np.float64) + noise
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
