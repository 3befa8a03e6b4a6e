"""Text normalisation: the first thing done to text from anywhere.

``normalize_text`` returns NFC text with line endings, invisible characters, private-use
glyphs and Cyrillic/Greek look-alike letters inside Latin words repaired, e.g.
``"TT-BТС"`` (Cyrillic Т and С) becomes ``"TT-BTC"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Cyrillic and Greek capitals and small letters that look like Latin ones.
_LOOKALIKES = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
    "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "ο": "o", "ν": "v",
}  # fmt: skip

_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")
_MIXED_WORD = re.compile(r"[^\s]*[\u0370-\u052f][^\s]*")
_LATIN = re.compile(r"[A-Za-zÀ-ỹĐđ]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\u180e]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TRAILING = re.compile(r"[ ]+(?=\n)|[ ]+\Z")


@lru_cache(maxsize=1)
def _lookalike_table() -> dict[int, str]:
    return {ord(k): v for k, v in _LOOKALIKES.items()}


def _repair_lookalikes(match: re.Match[str]) -> str:
    """Translate a word mixing Latin and look-alike letters; leave real Cyrillic/Greek alone."""
    word = match.group(0)
    if not _LATIN.search(word):
        return word
    fixed = word.translate(_lookalike_table())
    return word if _NON_LATIN.search(fixed) else fixed


def normalize_text(raw: str) -> str:
    """Return ``raw`` as NFC text with one kind of line ending and no invisible junk.

    >>> normalize_text("Số: 12/2024/TT-BТС\\r\\n")
    'Số: 12/2024/TT-BTC\\n'
    """
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _INVISIBLE.sub("", text)
    text = _PRIVATE_USE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    if _NON_LATIN.search(text):
        text = _MIXED_WORD.sub(_repair_lookalikes, text)
    text = _TRAILING.sub("", text)
    return text
