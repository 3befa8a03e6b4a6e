"""Character spans of LEGAL_REF, AWARD and DATE mentions, reusing the citation and award readers.

LEGAL_REF: a numbered citation from its type word to the end of its number ("Chỉ thị số
34-CT/TƯ", canonical "34-CT/TW"; the issuer after it stays an ORG), and every law named by
its title, drafts included ("Dự án Luật Thi đua, khen thưởng" -> "Luật Thi đua, khen thưởng").
AWARD: award forms ("Bằng khen của Thủ tướng Chính phủ"). DATE: "ngày 15 tháng 3 năm 2021",
"15/3/2021".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from nlp.awards.forms import find_forms
from nlp.awards.lexicon import lexicon as award_lexicon
from nlp.citations import extract_citations
from nlp.citations.lexicon import lexicon as citation_lexicon
from nlp.citations.names import read_name
from nlp.record import Citation

CharSpan = tuple[int, int, str, str]
"""(start, end, label, canonical)."""
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _date_re() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w/.-])(?:(?i:ngày)\s+(?P<d1>\d{1,2})\s+(?i:tháng)\s+(?P<m1>\d{1,2})\s+(?i:năm)\s+"
        r"(?P<y1>\d{4})|(?P<d2>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*"
        r"(?P<y2>\d{4}))"
        r"(?![\w/-])"
    )


def dates(text: str) -> list[CharSpan]:
    """Full dates, canonical ISO: "ngày 06 tháng 6 năm 2022" -> "2022-06-06"."""
    out: list[CharSpan] = []
    for m in _date_re().finditer(text):
        day, month, year = (m.group("d1"), m.group("m1"), m.group("y1"))
        if day is None:
            day, month, year = m.group("d2"), m.group("m2"), m.group("y2")
        if 1 <= int(day) <= 31 and 1 <= int(month) <= 12:
            out.append((m.start(), m.end(), "DATE", f"{year}-{int(month):02d}-{int(day):02d}"))
    return out


def _numbered_span(text: str, citation: Citation) -> CharSpan | None:
    match = citation_lexicon().number.search(text, citation.start, citation.end)
    if match is None or citation.number is None:
        return None
    return citation.start, match.end(), "LEGAL_REF", citation.number


def _titles(text: str) -> list[CharSpan]:
    lex = citation_lexicon()
    out: list[CharSpan] = []
    for m in lex.named.finditer(text):
        if m.group("party"):
            end = m.end()
        else:
            end = read_name(text, m.end(), _SPACE.sub(" ", m.group("head")), lex)
            if end <= m.end():
                continue
        title = _SPACE.sub(" ", text[m.start() : end]).strip(" ,")
        out.append(
            (m.start(), m.start() + len(text[m.start() : end].rstrip(" ,")), "LEGAL_REF", title)
        )
    return out


def legal_refs(text: str, citations: Sequence[Citation] | None = None) -> list[CharSpan]:
    """LEGAL_REF spans; ``citations`` (from ``extract_citations``) are read again when absent."""
    found = list(citations) if citations is not None else extract_citations(text)
    out = [span for c in found if c.number and (span := _numbered_span(text, c))]
    return out + _titles(text)


def awards(text: str) -> list[CharSpan]:
    """Award forms, canonical as written with single spaces."""
    return [
        (f.start, f.end, "AWARD", f.text) for f in find_forms(text, 0, len(text), award_lexicon())
    ]
