"""The person-name recogniser: a surname, then capitalised syllables, confirmed by a cue.

"ông Trần Văn Nam", "Thủ tướng Chính phủ Nguyễn Xuân Phúc", a name alone on its line
(a signature), or three syllables or more after an unambiguous surname ("Nguyễn Thị Hoa").
Works on the SpanRuler's candidates ``(start, end, label, id)`` in words of the ``View``;
returns PERSON candidates whose id says how they were confirmed (``cue``, ``line``, ``shape``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp.entities.compose import Candidate
from nlp.entities.view import View

_CUE_LABELS = frozenset(["_CUE", "POSITION", "ORG"])
_STOP_LABELS = frozenset(["ORG", "POSITION", "LOCATION"])


@dataclass(frozen=True, slots=True)
class NameRules:
    """What the recogniser knows: surnames (-> ambiguous), non-names, longest name."""

    surnames: dict[str, bool]
    not_names: frozenset[str]
    max_syllables: int


def _name_end(view: View, start: int, limit: int, stops: set[int]) -> int:
    """End of the syllables of a name beginning at ``start``."""
    words = view.words
    upper = words[start].isupper() and len(words[start]) > 1
    end = start + 1
    n = len(view)
    while end < n and end - start < limit and end not in stops and view.joined(end - 1):
        word = words[end]
        if not word.isalpha() or not word[:1].isupper():
            break
        if (not word.isupper()) if upper else (word.isupper() and len(word) > 1):
            break
        end += 1
    return end


def _not_name(words: list[str], not_names: frozenset[str]) -> bool:
    """Whether the words begin with a phrase that is not a name ("Hồ sơ", "Hoa Kỳ")."""
    return any(" ".join(words[:size]).lower() in not_names for size in range(2, len(words) + 1))


def find_persons(view: View, spans: Sequence[Candidate], rules: NameRules) -> list[Candidate]:
    """PERSON candidates read from the surnames among ``spans``."""
    cue_ends: set[int] = set()
    cue_words: set[int] = set()
    stops: set[int] = set()
    for start, end, label, _ in spans:
        if label in _CUE_LABELS:
            cue_ends.add(end)
        if label == "_CUE":
            cue_words.update(range(start, end))
        if label in _STOP_LABELS:
            stops.add(start)
    out: list[Candidate] = []
    last_end = 0
    for start, _, label, _ in spans:
        if label != "_SURNAME" or start < last_end or start in cue_words:
            continue
        first = view.words[start]
        end = _name_end(view, start, rules.max_syllables, stops)
        if end - start < 2:
            continue
        if start in cue_ends and start > 0 and view.joined(start - 1):
            how = "cue"
        elif _not_name(view.words[start:end], rules.not_names):
            continue
        elif rules.surnames.get(first.title(), True):
            continue  # an ambiguous surname ("Văn", "Hà") needs a cue
        elif view.line_alone(start, end):
            how = "line"
        elif end - start >= 3 and not first.isupper():
            how = "shape"
        else:
            continue
        out.append((start, end, "PERSON", how))
        last_end = end
    return out
