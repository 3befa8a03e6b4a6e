"""The character accuracy measure: Myers' bit-parallel edit distance against the textbook
dynamic programme, on random strings."""

from __future__ import annotations

import random

import pytest

from ingest.ocr.accuracy import character_accuracy, edit_distance


def _textbook(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@pytest.mark.parametrize("seed", range(20))
def test_edit_distance_matches_the_textbook(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        a = "".join(rng.choice("aăđ ố\n") for _ in range(rng.randint(0, 80)))
        b = "".join(rng.choice("aăđ ố\n") for _ in range(rng.randint(0, 80)))
        assert edit_distance(a, b) == _textbook(a, b)


def test_accuracy_ignores_line_breaks_and_spacing() -> None:
    assert character_accuracy("Số: 63/TB-VPCP\nHà Nội", "Số:  63/TB-VPCP Hà Nội\n") == 1.0


def test_accuracy_counts_errors_against_the_reference_length() -> None:
    assert character_accuracy("abcdefghij", "abcdefghiX") == pytest.approx(0.9)
    assert character_accuracy("abc", "xyzxyzxyz") == 0.0
