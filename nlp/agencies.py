"""Canonical names of Vietnamese public bodies: case, abbreviations, dashes, tone placement.

``canonical_agency("BỘ NỘI VỤ")``, ``canonical_agency("Bộ NV")`` and ``canonical_agency("BNV")``
all give ``"Bộ Nội vụ"``; ``canonical_agency("UBND TỈNH QUẢNG BÌNH")`` gives
``"Ủy ban nhân dân tỉnh Quảng Bình"``. Names come from ``nlp/data/agencies.yaml``; unknown
names get a rule (head word, then each field with a capital; place names title-cased).
Also here, because metadata and tasks share them: ``fold`` (length-preserving removal of
diacritics) and ``modern_tones`` ("hoà" -> "hòa", "Uỷ" -> "Ủy").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlp.datafiles import load_yaml

_DASHES = re.compile(r"\s*[‐‑‒–—―−]\s*|\s+-\s*|\s*-\s+")
_SPACES = re.compile(r"\s+")
_OLD_TONE = re.compile(
    r"(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])|([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])(?![^\W\d_])"
)
_TRIM = " \t\n;:,.*\"'“”‘’()[]_"


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, 0x1EFA):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and chr(code) != base:
            table[code] = base
    return table


def fold(text: str) -> str:
    """Remove diacritics and fold đ to d, keeping the length: ``fold("Hà Nội") == "Ha Noi"``."""
    return text.translate(_fold_table())


def _move_tone(match: re.Match[str]) -> str:
    first = match.group(1) or match.group(3)
    second = match.group(2) or match.group(4)
    decomposed = unicodedata.normalize("NFD", second)
    return unicodedata.normalize("NFC", first + decomposed[1:]) + decomposed[0]


def modern_tones(text: str) -> str:
    """Tone mark on the first vowel of open oa/oe/uy: ``"hoà" -> "hòa"``, ``"Uỷ" -> "Ủy"``."""
    return _OLD_TONE.sub(_move_tone, text)


def clean_name(text: str) -> str:
    """NFC, one space, dashes as " - ", modern tones, no surrounding punctuation."""
    text = unicodedata.normalize("NFC", text)
    text = _DASHES.sub(" - ", text)
    text = _SPACES.sub(" ", text).strip(_TRIM)
    return modern_tones(text)


def _key(text: str) -> str:
    return clean_name(text).casefold().replace(" - ", "-").replace(" & ", "&")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    exact: dict[str, str]
    folded: dict[str, str]
    places: dict[str, str]
    places_folded: dict[str, str]
    proper_places: dict[str, str]
    heads: tuple[str, ...]
    qualifiers: dict[str, str]
    proper: tuple[str, ...]
    abbreviations: dict[str, str]


def _raw() -> dict[str, Any]:
    return load_yaml("agencies.yaml")


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = _raw()
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for entry in [*data["agencies"], *data["units"]]:
        name = clean_name(entry["name"])
        for variant in [name, *entry.get("aliases", [])]:
            exact.setdefault(_key(str(variant)), name)
            folded.setdefault(fold(_key(str(variant))), name)
    places: dict[str, str] = {}
    places_folded: dict[str, str] = {}
    proper_places: dict[str, str] = {}
    for entry in data["provinces"]:
        name = clean_name(entry["name"])
        if entry.get("proper"):
            proper_places[name] = clean_name(entry["proper"])
        for variant in [name, *entry.get("aliases", [])]:
            places.setdefault(_key(str(variant)), name)
            places_folded.setdefault(fold(_key(str(variant))), name)
    heads = tuple(sorted((clean_name(h) for h in data["heads"]), key=len, reverse=True))
    return _Lexicon(
        exact=exact,
        folded=folded,
        places=places,
        places_folded=places_folded,
        proper_places=proper_places,
        heads=heads,
        qualifiers={k.casefold(): v for k, v in data["place_qualifiers"].items()},
        proper=tuple(clean_name(p) for p in data["proper_words"]),
        abbreviations={str(k): str(v) for k, v in data["abbreviations"].items()},
    )


def province_names() -> list[str]:
    """All province-level names known (63 before and 34 after 1 July 2025)."""
    return [clean_name(e["name"]) for e in _raw()["provinces"]]


@lru_cache(maxsize=2)
def _qualifier_re(folded: bool) -> re.Pattern[str]:
    """Place qualifiers; the folded form (OCR "THÀNH PHÓ") only for unambiguous ones."""
    words = sorted(_lexicon().qualifiers, key=len, reverse=True)
    if folded:
        words = ["tinh", "thanh pho", "huyen", "thi xa"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words).replace(
        "xã", r"xã(?!\s+hội\b)"
    )
    return re.compile(rf"(?:^|\s)({alt})(?:\s+|(?<=\.))(?=\w)", re.IGNORECASE)


def _find_qualifier(text: str) -> tuple[int, int, str] | None:
    """(start, end, qualifier) of the place qualifier inside an agency name."""
    m = _qualifier_re(False).search(text)
    if m is None:
        m = _qualifier_re(True).search(fold(text))
    if m is None or m.start() == 0:
        return None
    word = _SPACES.sub(" ", m.group(1)).casefold()
    qualifiers = _lexicon().qualifiers
    qualifier = qualifiers.get(word) or next(
        (v for k, v in qualifiers.items() if fold(k) == word), word
    )
    return m.start(), m.end(), qualifier


def _title(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word else word


@lru_cache(maxsize=4096)
def canonical_place_name(name: str) -> str:
    """A province or other place name in title case: ``"QUẢNG BÌNH" -> "Quảng Bình"``."""
    text = clean_name(name)
    lex = _lexicon()
    key = _key(text)
    hit = lex.places.get(key) or lex.places_folded.get(fold(key))
    if hit:
        return hit
    return " ".join(_title(w) if w != "-" else w for w in text.split(" "))


@lru_cache(maxsize=4096)
def canonical_place(name: str) -> str:
    """The place of a date line: ``"TP. Hồ Chí Minh" -> "Thành phố Hồ Chí Minh"``."""
    text = clean_name(name)
    m = re.match(r"(?:tp\.?|thành phố)\s*(?=\w)", text, re.IGNORECASE)
    if m:
        return "Thành phố " + canonical_place_name(text[m.end() :])
    return canonical_place_name(text)


def _expand(text: str) -> str:
    abbreviations = _lexicon().abbreviations
    out = []
    for token in text.split(" "):
        out.append(abbreviations.get(token, token))
    return " ".join(out)


def _case_field(field: str, keep_caps: bool) -> str:
    words = field.split(" ")
    cased = [w if keep_caps and w.isupper() and len(w) > 1 else w.lower() for w in words]
    text = " ".join(cased)
    text = text[:1].upper() + text[1:]
    for proper in _lexicon().proper:
        text = re.sub(rf"(?<!\w){re.escape(proper.lower())}(?!\w)", proper, text)
    return text


def _rule_case(text: str) -> str:
    """Head word(s), then each field (split at ", ", " - ", " và ") with a capital."""
    mixed = not text.isupper()
    low = text.casefold()
    head = ""
    for candidate in _lexicon().heads:
        if low.startswith(candidate.casefold()) and (
            len(low) == len(candidate) or low[len(candidate)] == " "
        ):
            head = candidate
            break
    rest = text[len(head) :].strip()
    if not rest:
        return head or _case_field(text, mixed)
    if not head:
        return _case_field(text, mixed)
    if head.endswith(" ủy"):
        return head + " " + canonical_place_name(rest)
    if rest.casefold() in _lexicon().qualifiers:
        qualifier = _lexicon().qualifiers[rest.casefold()]
        return head + " " + ("Thành phố" if qualifier == "thành phố" else qualifier)
    parts = re.split(r"(, | - | và | & )", rest, flags=re.IGNORECASE)
    fields = [p.lower() if i % 2 else _case_field(p, mixed) for i, p in enumerate(parts)]
    return head + " " + "".join(fields).replace(" & ", " và ")


@lru_cache(maxsize=65536)
def canonical_agency(name: str) -> str:
    """The canonical name of an agency.

    >>> canonical_agency("BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI")
    'Bộ Lao động - Thương binh và Xã hội'
    """
    text = clean_name(name)
    if not text:
        return text
    lex = _lexicon()
    key = _key(text)
    hit = lex.exact.get(key) or lex.folded.get(fold(key))
    if hit:
        return hit
    found = _find_qualifier(text)
    if found is not None:
        head = canonical_agency(text[: found[0]])
        qualifier = found[2]
        place = canonical_place_name(text[found[1] :])
        if qualifier == "thành phố" and place in lex.proper_places:
            return f"{head} {lex.proper_places[place]}"
        return f"{head} {qualifier} {place}"
    expanded = _expand(text)
    if expanded != text:
        return canonical_agency(expanded)
    return _rule_case(text)
