"""Bodies with their place or parent ("Sở Nội vụ tỉnh Nghệ An", "Văn phòng Kho bạc Nhà
nước"), bodies not in the gazetteer ("Vụ Pháp chế"), places after a qualifier ("huyện Nghi
Lộc" -> "Nghi Lộc"), and the mentions that are not entities (collectives: "Ủy ban nhân dân
các tỉnh"; the archive line "Lưu: VT, Vụ TĐKT").

Works on the candidates of the SpanRuler, ``(start, end, label, id)`` in words of the
``View``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.entities.contexts import not_mentions
from nlp.entities.gazetteer import NameWords
from nlp.entities.titles import cut_titles
from nlp.entities.unlisted import capitalised, name_end
from nlp.entities.view import View, norm

Candidate = tuple[int, int, str, str]
_MAX_PLACE = 4
_BARE_QUALIFIERS = frozenset(
    ["tỉnh", "thành phố", "tp", "tp.", "huyện", "quận", "thị xã", "tx.", "xã", "phường"]
)
_NUMBERED = frozenset(["quận", "phường"])
_MAX_COLLECTIVE = 3  # words of the longest phrase of collective_after ("cấp cơ sở")


@dataclass(slots=True)
class Index:
    """Candidate spans by their first word (the longest end for each start)."""

    qual: dict[int, int]
    loc: dict[int, int]
    org: dict[int, int]
    starts: set[int]
    stop_words: frozenset[str]

    @classmethod
    def build(cls, spans: Sequence[Candidate], rules: NameWords) -> Index:
        index = cls({}, {}, {}, set(), rules.stop_words)
        for start, end, label, ident in spans:
            table = {"_QUAL": index.qual, "LOCATION": index.loc, "ORG": index.org}.get(label)
            if table is not None and ident != "generic":
                table[start] = max(end, table.get(start, end))
            if label in {"ORG", "POSITION", "LOCATION", "_QUAL"}:
                index.starts.add(start)
        return index


def _qualifier(view: View, start: int, end: int) -> str:
    return " ".join(norm(w) for w in view.words[start:end])


def _place_end(view: View, qual: int, q_end: int, index: Index) -> int:
    """End of the place named after the qualifier ``qual:q_end`` (``q_end`` if none)."""
    if q_end >= len(view) or not view.joined(q_end - 1):
        return q_end
    if q_end in index.loc:
        return index.loc[q_end]
    if q_end in index.starts or (qual > 0 and norm(view.words[qual - 1]) in {"cấp", "các"}):
        return q_end  # "cấp xã Ủy ban …", "các tỉnh"
    word = view.words[q_end]
    if word.isdigit() and _qualifier(view, qual, q_end) in _NUMBERED:
        return q_end + 1
    if _qualifier(view, qual, q_end) == "xã" and norm(word) == "hội":  # "xã hội"
        return q_end
    end = q_end
    while end < len(view) and end - q_end < _MAX_PLACE and capitalised(view.words[end]):
        if norm(view.words[end]) in index.stop_words:  # "THÀNH PHỐ TRỰC THUỘC TW"
            break
        if end > q_end and (end in index.starts or not view.joined(end - 1)):
            break
        end += 1
    return end


def _place_after(view: View, end: int, index: Index, *, bare: bool) -> int:
    """End of "tỉnh Nghệ An" (or of a bare "tỉnh" when ``bare``) right after ``end``."""
    if end not in index.qual or not view.joined(end - 1):
        return end
    q_end = index.qual[end]
    place = _place_end(view, end, q_end, index)
    if place > q_end:
        return place
    if bare and _qualifier(view, end, q_end) in _BARE_QUALIFIERS:
        return q_end
    return end


def _parent_word(view: View, end: int, rules: NameWords) -> int:
    """End of a bare parent after a head ("Văn phòng" + "Bộ"), else ``end``."""
    for size in (2, 1):
        stop = end + size
        if (
            stop <= len(view)
            and _qualifier(view, end, stop) in rules.parent_words
            and capitalised(view.words[end])
            and view.joined(end - 1)
            and (
                stop >= len(view) or not view.joined(stop - 1) or not capitalised(view.words[stop])
            )
        ):
            return stop
    return end


def _first_pass(
    view: View, spans: Sequence[Candidate], rules: NameWords, index: Index
) -> list[Candidate]:
    out: list[Candidate] = []
    n = len(view)
    heads: dict[int, int] = {}
    for start, end, label, _ in spans:
        if label == "_HEAD":
            heads[start] = max(end, heads.get(start, end))
    for start, end, label, ident in spans:
        if label == "ORG":
            if ident == "party" and end in index.loc and view.joined(end - 1):
                out.append((start, index.loc[end], "ORG", "composed"))
                continue
            full = _place_after(view, end, index, bare=True)
            if full > end:
                out.append((start, full, "ORG", "composed"))
        elif label == "_HEAD" and start not in index.org and heads.get(start) == end:
            parent = _parent_word(view, end, rules)
            stop = parent if parent > end else name_end(view, end, rules, index.starts)
            if stop == end or (view.words[start].isupper() and not view.line_alone(start, stop)):
                continue
            out.append((start, _place_after(view, stop, index, bare=True), "ORG", "generic"))
        elif label == "_QUAL" and end < n:
            place = _place_end(view, start, end, index)
            if place > end:
                first = start if view.words[end].isdigit() else end
                out.append((first, place, "LOCATION", "qualified"))
    return out


def _branch_end(view: View, end: int, rules: NameWords, index: Index) -> int:
    """End of " - Chi nhánh tỉnh Nghệ An" after a body's name, else ``end``."""
    at = end + 1 if end < len(view) and view.words[end] in {"-", "–"} else end
    if at + 2 > len(view) or _qualifier(view, at, at + 2) not in rules.branch_words:
        return end
    full = _place_after(view, at + 2, index, bare=True)
    return full if full > at + 2 else end


def _merges(
    view: View, spans: Sequence[Candidate], rules: NameWords, index: Index
) -> list[Candidate]:
    """A body followed by its parent, its place or its branch: "Cổng TTĐT Bộ Nội vụ"."""
    out: list[Candidate] = []
    for start, end, label, _ in spans:
        if label not in {"ORG", "_HEAD"} or end >= len(view) or not view.spaced(end - 1):
            continue
        if end in index.org:
            out.append((start, index.org[end], "ORG", "merged"))
        elif (parent := _parent_word(view, end, rules)) > end:
            out.append((start, parent, "ORG", "merged"))
        elif end in index.loc:  # "Đoàn TNCS Hồ Chí Minh" + "tỉnh Quảng Bình"
            out.append(
                (start, _place_after(view, index.loc[end], index, bare=True), "ORG", "merged")
            )
        elif label == "ORG" and (branch := _branch_end(view, end, rules, index)) > end:
            out.append((start, branch, "ORG", "merged"))
    return out


def _xa_hoi(view: View, candidate: Candidate) -> bool:
    """ "xã hội" is not the qualifier of a commune."""
    start, end, label, _ = candidate
    return (
        label == "_QUAL"
        and norm(view.words[start]) == "xã"
        and end < len(view)
        and norm(view.words[end]) == "hội"
    )


def _collective(view: View, end: int, rules: NameWords) -> bool:
    """Whether a body's name ends before "các" or "cấp huyện" ("Ủy ban nhân dân các tỉnh")."""
    if end >= len(view) or not view.joined(end - 1):
        return False
    words = [norm(w).rstrip("0123456789") for w in view.words[end : end + _MAX_COLLECTIVE]]
    return any(
        " ".join(words[:size]) in rules.collective_after for size in range(1, len(words) + 1)
    )


def _archive_line(view: View, start: int) -> bool:
    """Whether the word is on the archive line of the recipients ("- Lưu: VT, TĐKT.")."""
    line_start = view.text.rfind("\n", 0, view.starts[start]) + 1
    return view.text[line_start : line_start + 12].lstrip(" -–•+\t").startswith("Lưu")


def _overlapping_places(spans: Sequence[Candidate]) -> set[Candidate]:
    """Province names that overlap another one are parts of a longer name: "Thái Bình" and
    "Bình Dương" in "Châu Á - Thái Bình Dương"."""
    places = sorted(c for c in spans if c[2] == "LOCATION" and c[3] == "province")
    out: set[Candidate] = set()
    for a, b in itertools.pairwise(places):
        if a[0] < b[0] < a[1] < b[1]:
            out.update((a, b))
    return out


def compose(view: View, spans: Sequence[Candidate], rules: NameWords) -> list[Candidate]:
    """The candidates with the composed ones added and the non-entities left out."""
    overlapping = _overlapping_places(spans)
    spans = [c for c in spans if not _xa_hoi(view, c) and c not in overlapping]
    index = Index.build(spans, rules)
    found = [*spans, *_first_pass(view, spans, rules, index)]
    index = Index.build(found, rules)
    found.extend(_merges(view, found, rules, index))
    cut, whole = cut_titles(view, found)
    found = [c for c in found if c not in whole] + cut
    positions = [(s, e) for s, e, label, _ in found if label == "POSITION"]
    inside = {s for p_start, p_end in positions for s in range(p_start + 1, p_end)}
    collective = {s for s, e, label, _ in found if label == "ORG" and _collective(view, e, rules)}
    dropped = not_mentions(view, found)
    kept: list[Candidate] = []
    for start, end, label, ident in found:
        if (start, end, label, ident) in dropped:
            continue
        if label == "ORG":
            if start in collective or _collective(view, end, rules):
                continue
            if end + 1 < len(view) and view.words[end] == "," and end + 1 in collective:
                continue  # "HĐND, UBND các tỉnh"
            if start in inside and any(s < start < e < end for s, e in positions):
                continue
        if label in {"ORG", "POSITION"} and _archive_line(view, start):
            continue
        kept.append((start, end, label, ident))
    kept.sort()
    return kept
