"""Folding for search: the forms under which Vietnamese text is indexed and queried.

Two forms are used. The *exact* form is NFC, lower case, with the tone mark moved to the
modern position ("hoà" -> "hòa", "thuỷ" -> "thủy"). The *folded* form also drops every
diacritic, ``đ`` included (Unicode decomposition leaves ``đ`` alone, so it is mapped
explicitly): "Thi đua" -> "thi dua". Both keep the length of NFC input, so an offset found
in a folded text is an offset into the original text.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

import numpy as np
import numpy.typing as npt

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng
# (first vowel, toned vowel): "oà" -> "òa", "oé" -> "óe", "uỷ" -> "ủy"
_CLUSTERS = (("o", "a"), ("o", "e"), ("u", "y"))
_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00))
_NUMBER_ALIASES = {"tu": "tw"}  # "TƯ" is written "TW" as often as not


@lru_cache(maxsize=1)
def _tone_moves() -> dict[str, str]:
    moves: dict[str, str] = {}
    for tone in _TONES:
        for first, second in _CLUSTERS:
            old = first + unicodedata.normalize("NFC", second + tone)
            new = unicodedata.normalize("NFC", first + tone) + second
            moves[old] = new
    return moves


@lru_cache(maxsize=1)
def _tone_pattern() -> re.Pattern[str]:
    # Only an open syllable moves its tone: "hoà" -> "hòa", but "toàn" and "quý" stay.
    toned = "".join(sorted({old[1] for old in _tone_moves()}))
    return re.compile(rf"[ou][{toned}](?![^\W\d_])")


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for low, high in _RANGES:
        for code in range(low, high):
            char = chr(code)
            lower = char.lower()
            if len(lower) != 1:
                continue
            base = "".join(c for c in unicodedata.normalize("NFD", lower) if not unicodedata.combining(c))
            table[code] = base if len(base) == 1 else lower
    for char in "đĐ":
        table[ord(char)] = "d"
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


@lru_cache(maxsize=1)
def _fold_codes() -> npt.NDArray[np.uint32]:
    """``fold_table`` as an array over every code point (4 MB): code -> folded code."""
    codes = np.arange(sys.maxunicode + 1, dtype=np.uint32)
    for code, base in fold_table().items():
        codes[code] = ord(base)
    return codes


def fold_chars(text: str) -> str:
    """``text.translate(fold_table())`` (one character for one: offsets are kept), looked up in
    an array instead of character by character: a tenth of the time on a page of text.

    >>> fold_chars("Thi đua, KHEN thưởng")
    'thi dua, khen thuong'
    """
    chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded: str = _fold_codes()[chars].tobytes().decode("utf-32-le", "surrogatepass")
    return folded


def move_tones(text: str) -> str:
    """Put tone marks where the modern spelling puts them (lower-case input).

    >>> move_tones("hoà bình, thuỷ lợi, toàn quốc, quý")
    'hòa bình, thủy lợi, toàn quốc, quý'
    """
    moves = _tone_moves()

    def move(match: re.Match[str]) -> str:
        found = match.group(0)
        if match.start() and text[match.start() - 1] == "q":  # "quý": qu is a consonant
            return found
        return moves.get(found, found)

    return _tone_pattern().sub(move, text)


def exact_form(text: str) -> str:
    """NFC, lower case, modern tone placement: "Hoà Bình" -> "hòa bình"."""
    return move_tones(unicodedata.normalize("NFC", text).lower())


def fold_aligned(text: str) -> str:
    """Fold already-NFC text character by character, keeping its length (and offsets).

    >>> fold_aligned("Thi đua, Khen THƯỞNG")
    'thi dua, khen thuong'
    """
    folded = text.translate(fold_table())
    return folded.lower() if len(folded.lower()) == len(folded) else folded


def fold(text: str) -> str:
    """Folded form of any text: no diacritics, no case, ``đ`` -> ``d``."""
    return fold_aligned(unicodedata.normalize("NFC", text))


_KEY_SPLIT = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def fold_key(value: str) -> str:
    """A key for exact-but-forgiving matching of names: "Văn phòng  Chính phủ" -> "van phong chinh phu"."""
    return " ".join(part for part in _KEY_SPLIT.split(fold(value)) if part)


def number_tokens(number: str) -> list[str]:
    """Tokens of a document number, however it was typed.

    >>> number_tokens("63/TB-VPCP"), number_tokens("34-CT/TƯ")
    (['63', 'tb', 'vpcp'], ['34', 'ct', 'tw'])
    """
    parts = [part for part in _KEY_SPLIT.split(fold(number)) if part]
    return [_NUMBER_ALIASES.get(part, part) for part in parts]


@lru_cache(maxsize=65536)
def number_key(number: str) -> str:
    """One key per document number: "63/TB-VPCP", "63 TB VPCP", "63/tb-vpcp" -> "63tbvpcp"."""
    return "".join(number_tokens(number))
