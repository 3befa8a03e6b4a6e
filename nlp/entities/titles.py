"""A title word cut from its noun (docs/annotation.md, POSITION): in "Trưởng Ban Chỉ đạo
phòng, chống dịch …" the title is "Trưởng" (canonical "Trưởng ban") and the body "Ban Chỉ
đạo …" an ORG, when the noun begins the name of a body the gazetteer does not list (a listed
one keeps the title whole: "Chánh Văn phòng" + "Ủy ban nhân dân tỉnh"); in "Trưởng các
phòng" the title is "Trưởng" (canonical "Trưởng phòng").

The cut titles are POSITION candidates whose id is ``CUT`` + the full title.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.entities.canonical import canonical
from nlp.entities.patterns import position_names
from nlp.entities.view import View, norm

Candidate = tuple[int, int, str, str]
CUT = "cut:"
_PLURAL = frozenset(["các", "những"])


def _before_plural(view: View) -> list[Candidate]:
    """ "Trưởng các phòng", "Phó Trưởng các ban": the title words before "các" + noun."""
    titles = position_names()
    out: list[Candidate] = []
    words = view.words
    for i in range(1, len(view) - 1):
        if norm(words[i]) not in _PLURAL or not view.joined(i - 1) or not view.joined(i):
            continue
        noun = norm(words[i + 1])
        for size in (2, 1):
            start = i - size
            if start < 0 or not words[start][:1].isupper():
                continue
            key = " ".join(norm(w) for w in words[start:i])
            title = titles.get(f"{key} {noun}")
            if title is not None:
                out.append((start, i, "POSITION", CUT + title))
                break
    return out


def cut_titles(view: View, found: Sequence[Candidate]) -> tuple[list[Candidate], set[Candidate]]:
    """The cut titles to add, and the whole titles they replace."""
    unlisted = {s for s, _, label, ident in found if label == "ORG" and ident == "generic"}
    added = _before_plural(view)
    replaced: set[Candidate] = set()
    for candidate in found:
        start, end, label, _ = candidate
        if label == "POSITION" and end - start >= 2 and end - 1 in unlisted:
            title = canonical("POSITION", view.span_text(start, end)) or ""
            added.append((start, end - 1, "POSITION", CUT + title))
            replaced.add(candidate)
    return added, replaced
