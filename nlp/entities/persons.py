"""The person-name recogniser: a surname, then capitalised syllables, confirmed by a cue.

"ông Trần Văn Nam", "Thủ tướng Chính phủ Nguyễn Xuân Phúc", a name alone on its line
(a signature), or three syllables or more after an unambiguous surname ("Nguyễn Thị Hoa").
Names of the Central Highlands peoples need no surname: a syllable with the "H'" or "K'"
prefix begins one ("H'Hen Niê", "K'Bình"), and so does "Y" before a family name of those
peoples ("Y Thanh Hà Niê Kdăm"). A name written with its initials ("P.T.T.Huyền") is one
word. Works on the SpanRuler's candidates ``(start, end, label, id)`` in words of the
``View``; returns PERSON candidates whose id says how they were confirmed (``cue``, ``line``,
``shape``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.entities.compose import Candidate
from nlp.entities.view import View, norm

_CUE_LABELS = frozenset(["_CUE", "POSITION", "ORG"])
_STOP_LABELS = frozenset(["ORG", "POSITION", "LOCATION"])
_UPPER = "A-ZĐÀ-ỸẠ-Ỹ"
_PREFIXED = re.compile(rf"(?<![\w'’])(?:[HK]['’]|Y-)[{_UPPER}]")
_INITIALS = re.compile(rf"(?<![\w.])(?:[{_UPPER}]\.){{1,3}}(\w+)")


@dataclass(frozen=True, slots=True)
class NameRules:
    """What the recogniser knows: surnames (-> ambiguous), non-names, longest name, and the
    family names of the Central Highlands peoples ("Niê", "Kdăm")."""

    surnames: dict[str, bool]
    not_names: frozenset[str]
    max_syllables: int
    highland_names: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()


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


def _street(view: View, start: int, rules: NameRules) -> bool:
    """Whether the name at ``start`` names a street: "đường Lê Lợi", "số 86 Lê Thánh Tôn"."""
    if start == 0 or not view.joined(start - 1):
        return False
    before = view.words[start - 1]
    if before[:1].isdigit():  # a house number, not a row number ("1 Nguyễn Văn An")
        return start >= 2 and norm(view.words[start - 2]) == "số"
    pair = " ".join(norm(w) for w in view.words[max(0, start - 2) : start])
    return norm(before) in rules.street_words or pair in rules.street_words


def _word_at(view: View, char: int) -> int | None:
    i = bisect.bisect_left(view.starts, char)
    return i if i < len(view) and view.starts[i] == char else None


def _unmarked(view: View, rules: NameRules, stops: set[int], taken: set[int]) -> list[Candidate]:
    """Names without a listed surname: "H'Hen Niê", "Y-Moan Niê", "P.T.T.Huyền"."""
    out: list[Candidate] = []
    for m in _PREFIXED.finditer(view.text):
        start = _word_at(view, m.start())
        if start is None or start in taken:
            continue
        end = _name_end(view, start, rules.max_syllables, stops)
        if end - start >= 2 or view.words[start].startswith("Y-"):
            out.append((start, end, "PERSON", "shape"))
    for m in _INITIALS.finditer(view.text):
        given = m.group(1)
        if len(given) < 2 or not (
            given[0].isupper() and given[1:].isalpha() and given[1:].islower()
        ):
            continue
        start = _word_at(view, m.start())
        if start is not None and view.ends[start] == m.end() and start not in taken:
            out.append((start, start + 1, "PERSON", "shape"))
    return out


def _highland(words: list[str], rules: NameRules) -> bool:
    """ "Y" followed by names and a family name of the Central Highlands ("Y Thanh Hà Niê")."""
    return words[0] == "Y" and len(words) >= 3 and any(w in rules.highland_names for w in words[2:])


def find_persons(view: View, spans: Sequence[Candidate], rules: NameRules) -> list[Candidate]:
    """PERSON candidates read from the surnames among ``spans`` and from the names that
    need none."""
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
        if end - start < 2 or _street(view, start, rules):
            continue
        if start in cue_ends and start > 0 and view.joined(start - 1):
            how = "cue"
        elif _not_name(view.words[start:end], rules.not_names):
            continue
        elif _highland(view.words[start:end], rules):
            how = "shape"
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
    taken = {i for start, end, _, _ in out for i in range(start, end)}
    return out + _unmarked(view, rules, stops, taken)
