"""Pooling token vectors into sentence vectors (numpy only; no torch needed)."""

from __future__ import annotations

import numpy as np
import pytest

from models.encoders.hf import pool

HIDDEN = np.array([[[1.0, 0.0], [0.0, 1.0], [9.0, 9.0]]], dtype=np.float32)


@pytest.mark.parametrize(("mask", "how", "expected"), [
    ([[1, 1, 0]], "mean", [0.70710677, 0.70710677]),  # the padded token is ignored
    ([[1, 0, 0]], "mean", [1.0, 0.0]),
    ([[1, 1, 1]], "cls", [1.0, 0.0]),
])
def test_pool(mask: list[list[int]], how: str, expected: list[float]) -> None:
    vectors = pool(HIDDEN, np.array(mask), how)
    assert vectors.shape == (1, 2)
    assert vectors[0] == pytest.approx(expected, abs=1e-6)
