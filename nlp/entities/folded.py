"""Names in capitals that lost their diacritics (OCR, text typed without them): "PHO CHỦ
TỊCH", "UY BAN NHAN DAN", "HA NOI" (docs/annotation.md: OCR-damaged forms get the intended
name).

The gazetteer's patterns that carry diacritics are matched a second time on the folded form
(``fold``: no diacritics, "đ" as "d") of the words written in capitals. A match counts only
where the exact ruler could not read it, and only where every word that differs from the
pattern has no diacritics at all (a word with other diacritics is another word). Only this
module and the components import spaCy here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.agencies import fold
from nlp.entities.patterns import Pattern
from nlp.entities.view import View, norm

LABELS = frozenset(["ORG", "POSITION", "LOCATION", "_BLOCK"])
"""Not the qualifiers: "QUAN" in "CƠ QUAN CHỦ TRÌ" is no "quận"."""
_GAP = "\x00"

Match = tuple[int, int, str, str, str]
"""(start word, end word, label, id, the pattern's text)."""


def _caps(word: str) -> bool:
    return word.isupper() and any(c.isalpha() for c in word)


class FoldedMatcher:
    """The phrase patterns with diacritics, matched on capitals without them."""

    def __init__(
        self, vocab: Vocab, patterns: Iterable[Pattern], words: Callable[[str], list[str]]
    ) -> None:
        self.vocab = vocab
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        self.entries: list[tuple[str, str, str, tuple[str, ...]]] = []
        for pattern in patterns:
            if pattern["label"] not in LABELS:
                continue
            normed = tuple(norm(w) for w in words(pattern["pattern"]))
            folded = [fold(w) for w in normed]
            if list(normed) == folded:
                continue  # nothing to lose: the exact ruler reads it
            key = f"folded{len(self.entries)}"
            self.matcher.add(key, [Doc(vocab, words=folded)])
            self.entries.append(
                (pattern["label"], pattern.get("id", ""), pattern["pattern"], normed)
            )

    def __call__(self, view: View) -> list[Match]:
        """Matches over the runs of capitals of ``view``, in words of the view."""
        folded: list[str] = []
        where: list[int] = []
        previous = -2
        for i, word in enumerate(view.words):
            if not _caps(word):
                continue
            if i != previous + 1 and folded:
                folded.append(_GAP)
                where.append(-1)
            folded.append(fold(norm(word)))
            where.append(i)
            previous = i
        if not folded:
            return []
        out: list[Match] = []
        for match_id, s, e in self.matcher(Doc(self.vocab, words=folded)):
            label, ident, text, normed = self.entries[int(self.vocab.strings[match_id][6:])]
            first, last = where[s], where[e - 1]
            got = [norm(w) for w in view.words[first : last + 1]]
            if first < 0 or len(got) != len(normed) or tuple(got) == normed:
                continue
            if any(g != n and fold(g) != g for g, n in zip(got, normed, strict=True)):
                continue
            out.append((first, last + 1, label, ident, text))
        return out
