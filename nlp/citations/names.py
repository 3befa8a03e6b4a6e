"""Where the name of a document cited by name ends ("Luật Thi đua, khen thưởng")."""

from __future__ import annotations

import re

from nlp.citations.lexicon import Lexicon

_AMENDING = re.compile(
    r"sửa\s+đổi,?\s+bổ\s+sung(?:\s+(?:một\s+số|các)\s+(?:điều|Điều))?(?:\s+của)?\s+"
)
_INNER_HEAD = re.compile(r"(Bộ\s+luật|Luật|Pháp\s+lệnh)\s+")
_JOIN = re.compile(r"\s*,\s*|\s+và\s+")
_DOC_HEAD = re.compile(r"(?:Luật|Bộ|Nghị|Quyết|Thông|Chỉ|Pháp|Hiến|Kết|Kế|Công)$")


def _generic(text: str, pos: int, lex: Lexicon, *, capital_first: bool = True) -> int:
    """End of the capitalised words after a head, up to a stop word or punctuation."""
    end, count = pos, 0
    cursor = pos
    while count < lex.name_max_words:
        match = lex.name_word.match(text, cursor)
        if not match:
            break
        word = match.group(1)
        if word in {"-", "–"}:
            nxt = lex.name_word.match(text, match.end())
            if not nxt or not nxt.group(1)[:1].isupper():
                break
            cursor = match.end()
            continue
        if word.lower() == "và" and count > 0:
            nxt = lex.name_word.match(text, match.end())
            if (
                nxt
                and nxt.group(1).lower() not in lex.stop_words
                and not _DOC_HEAD.match(nxt.group(1))
            ):
                end, cursor = nxt.end(), nxt.end()
                count += 2
                continue
            break
        if word == "," or word.lower() in lex.stop_words:
            break
        if count == 0 and capital_first and not word[:1].isupper():
            break
        end, cursor, count = match.end(), match.end(), count + 1
    return end


def _one(text: str, pos: int, head: str, lex: Lexicon) -> int:
    """End of one name after ``head`` (lexicon entry first, generic words otherwise)."""
    pattern = lex.names.get(head.lower())
    if pattern is not None:
        match = pattern.match(text, pos)
        if match:
            return match.end()
    return _generic(text, pos, lex)


def read_name(text: str, pos: int, head: str, lex: Lexicon) -> int:
    """End of the name that starts at ``pos`` after ``head`` (``pos`` if there is none).

    An amending law's name runs over the laws it amends: "Luật sửa đổi, bổ sung một số
    điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương".
    """
    amending = _AMENDING.match(text, pos)
    if not amending:
        return _one(text, pos, head, lex)
    end = cursor = amending.end()
    while True:
        inner = _INNER_HEAD.match(text, cursor)
        if not inner:
            break
        inner_end = _one(text, inner.end(), " ".join(inner.group(1).split()), lex)
        if inner_end <= inner.end():
            break
        end = inner_end
        join = _JOIN.match(text, end)
        if not join:
            break
        cursor = join.end()
    if end == amending.end():
        end = _generic(text, cursor, lex, capital_first=False)
    return end
