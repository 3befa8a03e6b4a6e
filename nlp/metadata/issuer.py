"""The issuer levels of the header's left column: "UBND TỈNH QUẢNG BÌNH / SỞ NỘI VỤ".

Lines are joined into levels (a line that begins with "VÀ", a place, or follows a bare
head such as "ỦY BAN NHÂN DÂN" continues the level above), repeated levels (Công báo prints
the issuer twice) are dropped, and each level is cased by ``canonical_agency``.
"""

from __future__ import annotations

import re

from nlp.agencies import canonical_agency, fold
from nlp.metadata.lines import Span

_TRIM = " \t“”\"'_*-–—~.,:;|"
_CONTINUES = re.compile(
    r"^(?:VA\b|&|-|\(|TINH\s|THANH PHO\s|TP\b|HUYEN\s|QUAN\s|THI XA\s|THI TRAN\s|XA\s|PHUONG\s"
    r"|NHAN DAN\b|TRUNG UONG\b|VIET NAM$|NHA NUOC$)"
)
_COMMITTEE = re.compile(r"^(?:TINH|THANH|HUYEN|QUAN|THI|DANG) UY\b")
_OPEN_END = re.compile(r"(?:\bVA|&|-|,)$")
_BARE_HEADS = frozenset(
    ["UY BAN NHAN DAN", "UBND", "HOI DONG NHAN DAN", "HDND", "VAN PHONG", "BO", "SO", "CUC",
     "TONG CUC", "BAN", "UY BAN", "DANG BO", "BAN CHAP HANH"]
)  # fmt: skip
_HEADS = re.compile(
    r"^(?:BO|SO|CUC|TONG CUC|CHI CUC|VU|VIEN|BAN|UY BAN|UBND|HDND|HOI DONG|VAN PHONG|PHONG"
    r"|TRUNG TAM|TRUONG|HOC VIEN|DAI HOC|CONG TY|TONG CONG TY|THANH TRA|KHO BAC|BAO HIEM"
    r"|CONG AN|NGAN HANG|KIEM TOAN|TOA AN|CHINH PHU|THU TUONG|QUOC HOI|DANG BO|DANG UY"
    r"|CHI NHANH|BENH VIEN|DAI|HOI|LIEN DOAN|DOAN|QUY|BO CHI HUY|MAT TRAN)\b"
)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).upper()).strip()


def _continues(prev: str, cur: str) -> bool:
    p, c = _key(prev), _key(cur)
    if _COMMITTEE.match(c):
        return False
    if _CONTINUES.match(c) or _OPEN_END.search(p) or p in _BARE_HEADS:
        return True
    return not _HEADS.match(c)


def issuer_levels(pieces: list[Span]) -> list[tuple[str, Span]]:
    """Canonical issuer levels, top first, each with the span it was read from."""
    levels: list[Span] = []
    for piece in pieces:
        text = piece.text.strip(_TRIM)
        if not text:
            continue
        if levels and _continues(levels[-1].text, text):
            last = levels[-1]
            levels[-1] = Span(last.start, piece.end, last.text + " " + text)
        else:
            levels.append(Span(piece.start, piece.end, text))
    out: list[tuple[str, Span]] = []
    seen: set[str] = set()
    for level in levels:
        name = canonical_agency(level.text)
        key = _key(name)
        if key in seen:
            continue
        seen.add(key)
        out.append((name, level))
    return out
