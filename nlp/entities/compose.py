"""Bodies with their place or parent ("Sở Nội vụ tỉnh Nghệ An", "Văn phòng Kho bạc Nhà
nước"), bodies not in the gazetteer ("Vụ Pháp chế"), places after a qualifier ("huyện Nghi
Lộc" -> "Nghi Lộc"), and the mentions that are not entities (collectives: "Ủy ban nhân dân
các tỉnh"; the archive line "Lưu: VT, Vụ TĐKT").

Works on the candidates of the SpanRuler, ``(start, end, label, id)`` in words of the
``View``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp.entities.gazetteer import NameWords
from nlp.entities.view import View, norm

Candidate = tuple[int, int, str, str]
_MAX_PLACE = 4
_MAX_NAME = 10
_BARE_QUALIFIERS = frozenset(["tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường"])
_NUMBERED = frozenset(["quận", "phường"])


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


def capitalised(word: str) -> bool:
    """A word written with a capital: "Nội", "TTĐT", "PT-TH"."""
    return word[:1].isupper() and word.replace("-", "").isalpha()


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


def _generic_name(view: View, head_end: int, rules: NameWords, index: Index) -> int:
    """End of a body's name after its head ("Vụ" + "Tổ chức cán bộ")."""
    n = len(view)
    words = view.words
    if (
        head_end >= n
        or head_end in index.starts
        or not capitalised(words[head_end])
        or not view.joined(head_end - 1)
    ):
        return head_end
    end = head_end + 1
    while end < n and end - head_end < _MAX_NAME and view.joined(end - 1):
        word = words[end]
        low = norm(word)
        pair = f"{low} {norm(words[end + 1])}" if end + 1 < n else low
        if pair in rules.keep_phrases:
            end += 2
            continue
        if end in index.starts:
            break
        if low == "và" or word == "-":
            if end + 1 < n and capitalised(words[end + 1]) and end + 1 not in index.starts:
                end += 2
                continue
            break
        if capitalised(word):
            end += 1
            continue
        if not (word.isalpha() and word.islower()) or low in rules.stop_words:
            break
        if pair in rules.stop_phrases or low in rules.stop_phrases:
            break
        end += 1
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
            name_end = parent if parent > end else _generic_name(view, end, rules, index)
            if name_end == end or (
                view.words[start].isupper() and not view.line_alone(start, name_end)
            ):
                continue
            out.append((start, _place_after(view, name_end, index, bare=True), "ORG", "generic"))
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
        elif end in index.loc:
            out.append((start, index.loc[end], "ORG", "merged"))
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
    """Whether a body's name ends before "các" or "cấp" ("Ủy ban nhân dân các tỉnh")."""
    return (
        end < len(view) and view.joined(end - 1) and norm(view.words[end]) in rules.collective_after
    )


def _archive_line(view: View, start: int) -> bool:
    """Whether the word is on the archive line of the recipients ("- Lưu: VT, TĐKT.")."""
    line_start = view.text.rfind("\n", 0, view.starts[start]) + 1
    return view.text[line_start : line_start + 12].lstrip(" -–•+\t").startswith("Lưu")


def compose(view: View, spans: Sequence[Candidate], rules: NameWords) -> list[Candidate]:
    """The candidates with the composed ones added and the non-entities left out."""
    spans = [c for c in spans if not _xa_hoi(view, c)]
    index = Index.build(spans, rules)
    found = [*spans, *_first_pass(view, spans, rules, index)]
    index = Index.build(found, rules)
    found.extend(_merges(view, found, rules, index))
    positions = [(s, e) for s, e, label, _ in found if label == "POSITION"]
    inside = {s for p_start, p_end in positions for s in range(p_start + 1, p_end)}
    collective = {s for s, e, label, _ in found if label == "ORG" and _collective(view, e, rules)}
    kept: list[Candidate] = []
    for start, end, label, ident in found:
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
