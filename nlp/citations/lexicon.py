"""The citation lexicon (nlp/data/citation.yaml) and the regular expressions built from it.

Everything is built once, on first use, through ``functools.lru_cache``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlp.datafiles import load_yaml

# One part of a symbol ("NĐ", "TTg", "BLĐTBXH", "QH15"); digits only after QH (elsewhere
# they are a footnote mark glued on: "NĐ-CP4").
_SEG = r"[A-ZĐƯ][A-Za-zĐđƯư&]*(?:(?<=QH)\d{1,2})?"
# A document number: "91/2017/NĐ-CP", "63/TB-VPCP", "34-CT/TW", "43/2022/QH15"; a line
# break may follow a separator ("09/2026/NĐ-\nCP").
NUMBER = (
    rf"(?<![\w/.,-])\d{{1,5}}[a-z]?(?: ?/ ?(?:19|20)\d\d)?(?: ?/[ \n]?|-\n?){_SEG}"
    rf"(?: ?[/–-][ \n]?{_SEG})*(?=\d{{0,2}}(?![\w]))"
)
_DATE_NUMERIC = r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*((?:19|20)\d\d)"
_DATE_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)"
# A date written after a citation: "ngày 31/7/2017", "ngày 19 tháng 6 năm 2015", " 28/9/2022".
DATE_AFTER = (
    rf"\s*,?\s*(?:(?:ban\s+hành\s+)?ngày\s+(?:{_DATE_NUMERIC}|{_DATE_WORDS})"
    rf"|(\d{{1,2}})/(\d{{1,2}})/((?:19|20)\d\d)\b)"
)
_PLACE = (
    r"(?:tỉnh|thành phố|TP\.|Thành phố|huyện|quận|thị xã|xã|phường|thị trấn)"
    r"(?:\s+[A-ZĐÂ][\wÀ-ỹ]*(?:\s*[-–]\s*[A-ZĐ][\wÀ-ỹ]*)?)*"
)
_NAME = (
    r"[A-ZĐÂ][\wÀ-ỹ]*(?:\s+(?!(?:về|quy|ban|của|ngày|số|tại|và|theo|trong|đã|được|hướng|phê|"
    r"cho|với|năm|đến|từ|trên)(?![\wÀ-ỹ]))[\wÀ-ỹ]+){0,5}"
)


def fold(text: str) -> str:
    """Upper-case ASCII form of a symbol: "BLĐTBXH" -> "BLDTBXH", "TƯ" -> "TU"."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).upper()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled patterns and tables for citation extraction."""

    number: re.Pattern[str]
    named: re.Pattern[str]
    type_before: re.Pattern[str]
    type_codes: dict[str, str | None]
    symbol_types: dict[str, str | None]
    not_document_before: re.Pattern[str]
    draft_before: re.Pattern[str]
    date_after: re.Pattern[str]
    number_after: re.Pattern[str]
    issuer_after: re.Pattern[str]
    issuer_expansions: dict[str, str]
    names: dict[str, re.Pattern[str]]
    head_codes: dict[str, str]
    name_word: re.Pattern[str]
    stop_words: frozenset[str]
    name_max_words: int
    basis_start: re.Pattern[str]
    basis_end: re.Pattern[str]
    amends_gap: re.Pattern[str]
    replaces_gap: re.Pattern[str]
    proposal_before: re.Pattern[str]
    description_gap: re.Pattern[str]
    own_number: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def load_data() -> dict[str, Any]:
    """The raw contents of nlp/data/citation.yaml."""
    return load_yaml("citation.yaml")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Build (once) the patterns used by ``extract_citations``."""
    data = load_data()
    type_codes: dict[str, str | None] = {k.lower(): v for k, v in data["type_words"].items()}
    types = _alternation(list(data["type_words"]))
    ministries = _alternation(data["ministries"])
    issuers = "|".join(
        p.replace(" ", r"\s+")
        .replace("{place}", _PLACE)
        .replace("{ministry}", f"(?:{ministries})")
        .replace("{name}", _NAME)
        for p in data["issuers"]
    )
    heads = data["name_heads"]
    by_head: dict[str, list[str]] = {}
    for name in data["names"]:
        head = next(h for h in sorted(heads, key=len, reverse=True) if name.startswith(h))
        by_head.setdefault(head.lower(), []).append(name[len(head) :].strip())
    names = {
        head: re.compile(rf"(?i:{_alternation(entries)})(?![\wÀ-ỹ])")
        for head, entries in by_head.items()
    }
    head_alt = _alternation(list(heads))
    named = (
        rf"(?<![\wÀ-ỹ])(?:(?P<head>{head_alt})\s+(?=[A-ZĐÂƯÔƠÊ]|sửa\s+đổi|nước\s+Cộng|năm\s+\d)"
        rf"|(?P<party>{data['party_resolution']}))"
    )
    stop = [w.lower() for w in data["name_stop_words"]]
    return Lexicon(
        number=re.compile(NUMBER),
        named=re.compile(named),
        type_before=re.compile(rf"(?i:(?<![\wÀ-ỹ])({types}))\s*(?:(?i:số)\s*:?\s*)?$"),
        type_codes=type_codes,
        symbol_types=dict(data["symbol_types"]),
        not_document_before=re.compile(
            rf"(?i:(?<![\wÀ-ỹ])(?:{_alternation(data['not_document_before'])}))\s*:?\s*$"
        ),
        draft_before=re.compile(rf"(?i:(?<![\wÀ-ỹ])(?:{_alternation(data['draft_before'])}))\s*$"),
        date_after=re.compile(DATE_AFTER),
        number_after=re.compile(rf"\s*,?\s*(?:số\s*:?\s*)?(?={NUMBER})"),
        issuer_after=re.compile(rf"\s*,?\s+(?:của|do)\s+({issuers})(?![\wÀ-ỹ])"),
        issuer_expansions=dict(data["issuer_expansions"]),
        names=names,
        head_codes={k.lower(): v for k, v in heads.items()},
        name_word=re.compile(r"\s*([^\W\d_][\wÀ-ỹ]*|-|–|,)"),
        stop_words=frozenset(stop),
        name_max_words=int(data["name_max_words"]),
        basis_start=re.compile(r"(?m)^[ \t]*(?:Căn cứ|CĂN CỨ)(?![\wÀ-ỹ])"),
        basis_end=re.compile(
            r";[ \t]*\n|\.[ \t]*\n|\n[ \t]*(?:Căn cứ|Theo|Xét|QUYẾT|NGHỊ|Điều|Chương|Phần|[IVX]+\.)"
        ),
        amends_gap=re.compile(rf"(?i:{_alternation(data['amends_words'])})[^.;:\n]{{0,80}}$"),
        description_gap=re.compile(
            rf"\s*(?i:{_alternation(data['description_words'])})(?![\wÀ-ỹ])(?:(?!\n[ \t]*\n|\n[ \t]*Căn cứ)[^;.]){{0,200}}$"
        ),
        proposal_before=re.compile(
            rf"(?i:(?<![\wÀ-ỹ])(?:{_alternation(data['proposal_words'])}))[^.;:]{{0,30}}$"
        ),
        replaces_gap=re.compile(rf"(?i:{_alternation(data['replaces_words'])})[^.;:\n]{{0,60}}$"),
        own_number=re.compile(rf"(?m)^[ \t]*(?:Số|SỐ|Sô|So|\$[6ố])\s*[:.]?\s*({NUMBER})"),
    )
