"""Query parsing: what the user typed -> words, quoted phrases and document numbers.

Nothing here produces backend query syntax; backends build their queries from these
tokens, so quotes, colons and brackets typed by a user are never interpreted by them.

>>> q = parse_query('số 63/TB-VPCP "thi đua"')
>>> [t.folded for t in q.words], q.numbers[0].key, [[t.folded for t in p] for p in q.phrases]
(['so', '63', 'tb', 'vpcp', 'thi', 'dua'], '63tbvpcp', [['thi', 'dua']])
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from search_api.fold import exact_form, fold, number_tokens

MAX_TOKEN_CHARS = 40
"""Longer tokens are dropped, as the full-text index drops them."""
MAX_WORDS = 32

_TOKEN = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r'"([^"]*)"')
# a number written with separators: 63/TB-VPCP, 30/2020/NĐ-CP, 1234/QĐ-TTg, 12-CT/TW
_NUMBER = re.compile(r"(?<![^\W_])\d+[^\W_]*(?:\s*[/-]\s*[^\W_]+)+")
_NUMBER_WORDS = (("so", "hieu"), ("so",), ("van", "ban", "so"))
_MAX_LOOSE_NUMBER_TOKENS = 5


@dataclass(frozen=True, slots=True)
class Token:
    """One query word in its two search forms."""

    exact: str
    folded: str


@dataclass(frozen=True, slots=True)
class NumberQuery:
    """A document number read from a query; ``complete`` when typed with its separators."""

    tokens: tuple[str, ...]
    complete: bool

    @property
    def key(self) -> str:
        return "".join(self.tokens)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    words: list[Token] = field(default_factory=list)
    phrases: list[list[Token]] = field(default_factory=list)
    numbers: list[NumberQuery] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.numbers

    def terms(self) -> list[str]:
        """Distinct folded words, in query order (what highlights mark)."""
        return list(dict.fromkeys(token.folded for token in self.words))


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` in exact and folded forms, split as the full-text index splits."""
    tokens = []
    for match in _TOKEN.finditer(unicodedata.normalize("NFC", text)):
        word = match.group(0)
        if len(word) > MAX_TOKEN_CHARS:
            continue
        tokens.append(Token(exact_form(word), fold(word)))
    return tokens


def parse_query(text: str) -> ParsedQuery:
    """Split a free-text query into words, quoted phrases and likely document numbers."""
    text = unicodedata.normalize("NFC", text)
    words = tokenize(text)[:MAX_WORDS]
    phrases = [tokens for quoted in _QUOTED.findall(text) if len(tokens := tokenize(quoted)) > 1]
    numbers = [NumberQuery(tuple(number_tokens(m.group(0))), True) for m in _NUMBER.finditer(text)]
    if not numbers and (loose := _loose_number([t.folded for t in words])):
        numbers.append(loose)
    return ParsedQuery(words=words, phrases=phrases, numbers=numbers)


def _loose_number(folded: list[str]) -> NumberQuery | None:
    """A number typed without separators: "63 tb vpcp", "so 63 tb", "số 63"."""
    rest = folded
    for prefix in _NUMBER_WORDS:
        if tuple(folded[: len(prefix)]) == prefix:
            rest = folded[len(prefix) :]
            break
    if not rest or not rest[0][0].isdigit() or len(rest) > _MAX_LOOSE_NUMBER_TOKENS:
        return None
    if len(rest) == 1 and rest is folded:
        return None  # a bare number ("2021") is a word, not a document number
    return NumberQuery(tuple(number_tokens(" ".join(rest))), False)
