"""Signers' names and positions: "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch", "Trần Văn Sơn (Đã ký)"."""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.agencies import canonical_agency, clean_name, fold, province_names
from nlp.metadata.lexicon import positions

_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$")


def remove_stamps(text: str) -> str:
    """The text without "(Đã ký)", "[daky]" and similar marks."""
    for stamp in positions().stamps:
        if stamp in text:
            text = text.replace(stamp, " ")
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def strip_stamps(text: str) -> str:
    """A name line without stamps and without a rank ("Trung tướng", "Đại tá")."""
    return positions().name_prefix_re.sub("", remove_stamps(text))


def is_name(text: str) -> bool:
    """A person's full name as signed: 2-6 capitalised words, the first a family name."""
    words = text.split()
    if not 2 <= len(words) <= 6 or not all(_WORD.match(w) for w in words):
        return False
    if clean_name(words[0]).casefold() not in positions().surnames:
        return False
    return text.casefold() not in _places()


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(p.casefold() for p in province_names())


def split_names(text: str, count: int) -> list[str] | None:
    """Split "Nguyễn Văn A Trần Thị B" into ``count`` names at family names, if it fits."""
    words = text.split()
    surnames = positions().surnames
    starts = [i for i, w in enumerate(words) if clean_name(w).casefold() in surnames]
    for pick in _choose(starts, count, len(words)):
        names = [" ".join(words[a:b]) for a, b in zip(pick, [*pick[1:], len(words)], strict=True)]
        if all(2 <= len(n.split()) <= 5 for n in names):
            return names
    return None


def _choose(starts: list[int], count: int, total: int) -> list[list[int]]:
    if not starts or starts[0] != 0:
        return []
    if count == 1:
        return [[0]]
    out: list[list[int]] = []
    for i, s in enumerate(starts[1:], 1):
        for rest in _choose([x - s for x in starts[i:]], count - 1, total - s):
            out.append([0, *[x + s for x in rest]])
    return out


def position_case(text: str) -> str:
    """A position in its proper case; what follows the title is an agency name."""
    parts = [p.strip() for p in re.split(r",\s*", clean_name(text)) if p.strip()]
    return ", ".join(_one_position(p) for p in parts)


def _one_position(text: str) -> str:
    acting = re.match(r"^Q\.\s*", text)
    if acting:
        return "Q. " + _one_position(text[acting.end() :])
    low = fold(text.casefold())
    for title_low, title in positions().titles:
        title_low = fold(title_low)
        if low.startswith(title_low) and (len(low) == len(title_low) or low[len(title_low)] == " "):
            rest = text[len(title_low) :].strip()
            return f"{title} {canonical_agency(rest)}" if rest else title
    return text[:1].upper() + text[1:].lower()
