"""Award forms in text: "Bằng khen của Thủ tướng Chính phủ", "Huân chương Lao động hạng Ba"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.awards.lexicon import AwardLexicon

_WORD = re.compile(r"(?:[ \t]+|[ \t]*\n[ \t]*)([^\s|;:,.()\"“”]+|[|;:,.()\"“”])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Form:
    """One award form as written, with its kind and grade."""

    text: str
    kind: str
    grade: str | None
    start: int
    end: int


def read_form(text: str, match: re.Match[str], lex: AwardLexicon, limit: int) -> Form:
    """The form whose head is ``match``: the head plus its name, grade and issuer words
    (read no further than ``limit``)."""
    head = _SPACE.sub(" ", match.group(0))
    kind, closed = lex.form_kinds[head.lower()]
    end = cursor = match.end()
    grade: str | None = None
    words = 0
    while not closed and words < lex.max_words:
        word = _WORD.match(text, cursor, limit)
        if not word:
            break
        token = word.group(1)
        low = token.lower()
        if low in lex.stop_words and (token == low or token.isupper()):
            break
        if low == "và":
            nxt = _WORD.match(text, word.end())
            if not nxt or not nxt.group(1)[:1].isupper() or lex.form_head.match(text, nxt.start(1)):
                break
        if low in lex.grades and text[cursor : word.start(1)].strip() == "" and grade is None:
            prev = _SPACE.sub(" ", text[match.start() : cursor]).lower()
            if prev.endswith("hạng"):
                grade = lex.grades[low]
        end = cursor = word.end()
        words += 1
    written = _SPACE.sub(" ", text[match.start() : end]).strip()
    return Form(written, kind, grade, match.start(), end)


def find_forms(text: str, start: int, end: int, lex: AwardLexicon) -> list[Form]:
    """Every award form between ``start`` and ``end``, in text order."""
    forms: list[Form] = []
    pos = start
    while True:
        match = lex.form_head.search(text, pos, end)
        if not match:
            return forms
        form = read_form(text, match, lex, end)
        forms.append(form)
        pos = max(form.end, match.end())
