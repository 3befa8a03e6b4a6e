"""Lines of OCR noise: rule lines and specks read as punctuation, scribbles read as a few
letters with little confidence ("——— _—", "TT8I", "] 11" from a hand-written note)."""

from __future__ import annotations

from ingest.ocr.engine import Line

MAX_LETTERS = 5
"""A line with at most this many letters and digits ..."""
MIN_CONFIDENCE = 55.0
"""... read with less confidence than this is noise."""


def is_noise(line: Line) -> bool:
    """Whether the line holds no letter or digit, or only a few read with little confidence.

    >>> from ingest.ocr.engine import Line
    >>> is_noise(Line("——— _—", (0, 0, 90, 20), 34.0, 6)), is_noise(Line("Điều 1", (0, 0, 90, 20), 96.0, 5))
    (True, False)
    """
    letters = sum(ch.isalnum() for ch in line.text)
    return letters == 0 or (letters <= MAX_LETTERS and line.confidence < MIN_CONFIDENCE)
