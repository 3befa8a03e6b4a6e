"""Telling TCVN3 and VNI text from Unicode: which reading makes the most Vietnamese words.

A word is Vietnamese-looking when every letter is in the Vietnamese alphabet and it has at
most one tone mark. Text in a legacy font, read as Latin-1, is full of words that are not
("Thñ", "ChÝnh", "Vieät", "ñöôïc"); the right conversion repairs nearly all of them, the
wrong one leaves symbols or piles tone marks on one word ("ñöôïc" read as TCVN3: "ủửụùc").
"""

from __future__ import annotations

import re
import unicodedata

from ingest.legacy.codec import TCVN3, VNI, tcvn3_to_unicode, vni_to_unicode

_SAMPLE = 60_000
_MIN_REPAIRED = 3
"""Fewer broken words than this and the text is left alone."""
_MIN_SHARE = 0.6
"""The conversion must repair at least this share of the broken words."""
_LEGACY_CHARS = re.compile(r"[\u00a1-\u00ff]")
_TOKEN = re.compile(r"[^\s\d.,;:!?()\[\]\"'/\\\-–—“”‘’…*+=<>%&|_#@]+")
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _vietnamese_letter(ch: str) -> bool:
    code = ord(ch)
    return (
        ch.isascii() or ch in _VIETNAMESE_LATIN1 or ch in "ĂăĐđĨĩŨũƠơƯư" or 0x1EA0 <= code <= 0x1EF9
    )


def is_vietnamese_word(word: str) -> bool:
    """Every letter Vietnamese and at most one tone mark."""
    if not all(_vietnamese_letter(ch) for ch in word):
        return False
    return sum(1 for ch in unicodedata.normalize("NFD", word) if ch in _TONES) <= 1


def _broken(text: str) -> int:
    return sum(1 for word in _TOKEN.findall(text) if not is_vietnamese_word(word))


def detect_legacy(text: str) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when the text reads as Vietnamese only after that conversion.

    >>> detect_legacy("Thñ t\\u00adíng ChÝnh phñ ®· ký QuyÕt ®Þnh sè 63")
    'tcvn3'
    >>> detect_legacy("Thủ tướng Chính phủ đã ký Quyết định số 63") is None
    True
    """
    sample = text[:_SAMPLE]
    if len(_LEGACY_CHARS.findall(sample)) < _MIN_REPAIRED:
        return None
    words = " ".join(w for w in _TOKEN.findall(sample) if not w.isascii())
    before = _broken(words)
    if before < _MIN_REPAIRED:
        return None
    best: tuple[int, str | None] = (before, None)
    for name, convert in ((TCVN3, tcvn3_to_unicode), (VNI, vni_to_unicode)):
        after = _broken(convert(words))
        if after < best[0]:
            best = (after, name)
    repaired = before - best[0]
    if best[1] is None or repaired < _MIN_REPAIRED or repaired < _MIN_SHARE * before:
        return None
    return best[1]
