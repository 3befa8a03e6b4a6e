"""The tokens of a document without its whitespace tokens, so that names wrapped over two
lines ("của Chính\\nphủ") are read as one: words, character offsets, the Doc token index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from nlp.agencies import modern_tones

_WRAPPED_LINE = 50
"""A line at least this long that ends inside a name was wrapped, not ended."""


_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})


@lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """The form tokens are matched on: lower case, modern tone placement, one kind of dash
    ("Bộ Lao động – Thương binh và Xã hội" is matched like "Bộ Lao động - Thương binh …")."""
    return modern_tones(word.lower()).translate(_DASHES)


@dataclass(slots=True)
class View:
    """Non-whitespace tokens of ``text``: word, start, end, index in the Doc."""

    text: str
    words: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.words)

    def joined(self, i: int) -> bool:
        """Whether word ``i`` and word ``i + 1`` may belong to one name: one space between
        them, or a line break in wrapped prose (a long line) or in a header (capitals)."""
        if i + 1 >= len(self.words):
            return False
        a, b = self.ends[i], self.starts[i + 1]
        if b == a + 1 and self.text[a] == " ":
            return True
        gap = self.text[a:b]
        if not gap or not gap.isspace():
            return False
        breaks = gap.count("\n")
        if breaks != 1:
            return breaks == 0
        line_start = self.text.rfind("\n", 0, a) + 1
        if a - line_start >= _WRAPPED_LINE:
            return True
        return self.words[i].isupper() and self.words[i + 1].isupper()

    def continues(self, i: int) -> bool:
        """Whether word ``i + 1`` may continue a listed name begun at word ``i``: no gap
        ("VH,TT&DL") or whitespace with at most one line break (a name wrapped in a narrow
        table cell: "Bộ Ngoại\ngiao")."""
        gap = self.text[self.ends[i] : self.starts[i + 1]]
        return gap.count("\n") <= 1 and (not gap or gap.isspace())

    def spaced(self, i: int) -> bool:
        """Whether word ``i`` and word ``i + 1`` are separated by exactly one space."""
        if i + 1 >= len(self.words):
            return False
        a = self.ends[i]
        return self.starts[i + 1] == a + 1 and self.text[a] == " "

    def line_alone(self, start: int, end: int) -> bool:
        """Whether words ``start:end`` fill their line."""
        before = start == 0 or "\n" in self.text[self.ends[start - 1] : self.starts[start]]
        after = end >= len(self.words) or "\n" in self.text[self.ends[end - 1] : self.starts[end]]
        return before and after

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.starts[start] : self.ends[end - 1]]
