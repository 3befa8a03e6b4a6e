"""Character accuracy of OCR text against a transcription, for tests and benchmarks.

``character_accuracy(reference, ocr)`` is ``1 - edit_distance / len(reference)`` (ISRI's
definition, floored at 0) after both texts are NFC-normalised and every run of white space,
line breaks included, is one space. The edit distance is Levenshtein's, computed with
Myers' bit-parallel algorithm (Hyyrö's formulation) on Python integers.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def comparable(text: str) -> str:
    """NFC text with white space collapsed to single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions and substitutions cost 1).

    >>> edit_distance("Số: 63/TB", "Só: 63/TB")
    1
    """
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    masks: dict[str, int] = {}
    for i, ch in enumerate(b):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(b)) - 1
    top = 1 << (len(b) - 1)
    positive, negative, score = full, 0, len(b)
    for ch in a:
        eq = masks.get(ch, 0)
        xv = eq | negative
        xh = (((eq & positive) + positive) ^ positive) | eq
        ph = negative | ~(xh | positive) & full
        mh = positive & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        positive = mh | ~(xv | ph) & full
        negative = ph & xv
    return score


def character_accuracy(reference: str, ocr: str) -> float:
    """Share of the reference's characters that OCR got right (0-1).

    >>> round(character_accuracy("Hà Nội, ngày 28", "Hà Nội, ngay 28"), 3)
    0.933
    """
    ref, hyp = comparable(reference), comparable(ocr)
    if not ref:
        return 1.0 if not hyp else 0.0
    return max(0.0, 1.0 - edit_distance(ref, hyp) / len(ref))
