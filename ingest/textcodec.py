"""Decoding text bytes: UTF-8 (with or without BOM), UTF-16 (with or without BOM), Windows-1258,
and TCVN3 or VNI text from legacy fonts (read as Windows-1252, then converted to Unicode).

Valid UTF-8 is always read as UTF-8. Bytes that are neither UTF-8 nor plausible Windows-1258
Vietnamese are decoded as UTF-8 with U+FFFD replacement characters and a warning, unless
more than a tenth of the text would be replaced: then the file is refused as not text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ingest.errors import IngestError
from ingest.legacy import detect_legacy, to_unicode

_MAX_REPLACED = 0.10
_MIN_PLAUSIBLE = 0.9
_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_GOOD_MARK = re.compile(f"[{_VOWELS}][{_TONE_MARKS}]")
_ANY_MARK = re.compile(f"[{_TONE_MARKS}]")
_VIET_LETTERS = re.compile("[ăĂơƠưƯđĐ]")


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    """"utf-8", "utf-8-sig", "utf-16", "cp1258" or "cp1252" (legacy font text)."""
    warnings: list[str] = field(default_factory=list)
    conversion: str | None = None
    """"tcvn3" or "vni" when the bytes were legacy font text converted to Unicode."""


def _ordinary(ch: str) -> bool:
    """A character expected in Vietnamese text (used to recognise BOM-less UTF-16)."""
    code = ord(ch)
    return (
        ch in "\n\r\t"
        or 0x20 <= code < 0x7F
        or 0xA0 <= code < 0x250
        or 0x300 <= code < 0x370
        or 0x1E00 <= code < 0x1F00
        or 0x2000 <= code < 0x2070
        or 0x20A0 <= code < 0x20D0
    )


def _plausibility(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if _ordinary(ch)) / len(text)


def sniff_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for BOM-less UTF-16 text, else ``None``."""
    sample = data[:4096]
    if len(sample) < 2 or sample.count(0) * 8 < len(sample):
        return None
    sample = sample[: len(sample) // 2 * 2]
    best: tuple[float, str | None] = (0.0, None)
    for codec in ("utf-16-le", "utf-16-be"):
        score = _plausibility(sample.decode(codec, errors="replace"))
        if score > best[0]:
            best = (score, codec)
    return best[1] if best[0] >= _MIN_PLAUSIBLE else None


def looks_like_cp1258(text: str) -> bool:
    """Whether text decoded as Windows-1258 reads as Vietnamese: tone marks sit on vowels."""
    good = len(_GOOD_MARK.findall(text)) + len(_VIET_LETTERS.findall(text))
    bad = len(_ANY_MARK.findall(text)) - len(_GOOD_MARK.findall(text))
    return good > 0 and bad * 20 <= good


def decode_text(data: bytes, *, filename: str) -> Decoded:
    """Decode the bytes of a text file, saying which encoding was used.

    >>> decode_text(b"H\\xe0 N\\xf4\\xf2i", filename="a.txt").encoding  # Hà Nội
    'cp1258'
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data[3:], "utf-8-sig", filename)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16")
    codec = sniff_utf16(data)
    if codec is not None:
        return Decoded(data[: len(data) // 2 * 2].decode(codec, errors="replace"), "utf-16")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    legacy = _decode_legacy(data)
    if legacy is not None:
        return legacy
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = ""
    if text and looks_like_cp1258(text):
        return Decoded(text, "cp1258")
    return _decode_utf8(data, "utf-8", filename)


def _decode_legacy(data: bytes) -> Decoded | None:
    """TCVN3 or VNI bytes (8-bit legacy font text), converted to Unicode."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    conversion = detect_legacy(text)
    if conversion is None:
        return None
    return Decoded(to_unicode(text, conversion), "cp1252", conversion=conversion)


def _decode_utf8(data: bytes, encoding: str, filename: str) -> Decoded:
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if not replaced:
        return Decoded(text, encoding)
    if replaced > _MAX_REPLACED * max(len(text), 1):
        raise IngestError(filename, "not text in a known encoding (UTF-8, UTF-16 or Windows-1258)")
    warning = (
        f"not valid UTF-8 or Windows-1258: {replaced} undecodable byte sequence(s) "
        "replaced by U+FFFD"
    )
    return Decoded(text, encoding, [warning])
