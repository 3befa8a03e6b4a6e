"""Places where a body's name is no ORG mention (docs/annotation.md, ORG):

- an elliptical list, whose items are the ends of names: "Các Bộ: Công an, Tư pháp", "Giao
  các Bộ, cơ quan: Công an, …" — an item read as a body on its own ("Công an") is not one
  when the list's head before it makes a listed name ("Bộ Công an"); a full name in the list
  ("Ngân hàng Nhà nước Việt Nam") or the next recipient ("các Vụ: TH, KTTH, Cổng TTĐT")
  still is; nor is an abbreviated title alone there ("Các Bộ: TC, KH&ĐT, CT": "CT" is Công
  Thương, not "Chủ tịch"; "các Vụ: TH, TGĐ Cổng TTĐT" still holds a title);
- a quoted movement or slogan that begins with a body's name: "phong trào thi đua “Kho bạc
  Nhà nước số”" (a body inside a quoted award name, “Cờ thi đua của Chính phủ”, still is).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.entities.canonical import known_org
from nlp.entities.view import View, norm

Candidate = tuple[int, int, str, str]
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{1,200})[\"”]")
_LIST_LOOKBACK = 6
_LIST_ENDS = frozenset([";", "."])


def _list_heads(view: View, colon: int) -> list[str]:
    """The heads of "các Bộ, cơ quan:" closed by the ":" at word ``colon`` (none if not a
    list), in matching form."""
    for back in range(1, _LIST_LOOKBACK + 1):
        at = colon - back
        if at < 0 or "\n" in view.text[view.ends[at] : view.starts[at + 1]]:
            return []
        if norm(view.words[at]) == "các":
            words = " ".join(norm(w) for w in view.words[at + 1 : colon])
            return [h.strip() for h in words.split(",") if h.strip()]
    return []


def elliptical_lists(view: View) -> list[tuple[int, int, list[str]]]:
    """Word ranges of the items of elliptical lists, up to the end of the sentence, with the
    heads of each list."""
    out: list[tuple[int, int, list[str]]] = []
    n = len(view)
    for colon in range(1, n):
        if view.words[colon] != ":":
            continue
        heads = _list_heads(view, colon)
        if not heads:
            continue
        end = colon + 1
        while end < n and view.words[end] not in _LIST_ENDS:
            if "\n\n" in view.text[view.ends[end - 1] : view.starts[end]]:
                break
            end += 1
        out.append((colon + 1, end, heads))
    return out


def _slogan(view: View, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> bool:
    first, last = view.starts[start], view.ends[end - 1]
    for q_start, q_end in quotes:
        if q_start == first and last < q_end:
            rest = view.text[last:q_end].split()
            return bool(rest) and rest[0][:1].islower()
    return False


def not_mentions(view: View, spans: Sequence[Candidate]) -> set[Candidate]:
    """The ORG candidates of ``spans`` that are the item of an elliptical list or begin a
    quoted slogan, and the abbreviated titles in an elliptical list."""
    lists = elliptical_lists(view)
    quotes = [m.span(1) for m in _QUOTED.finditer(view.text)]
    out: set[Candidate] = set()
    for candidate in spans:
        start, end, label, ident = candidate
        if label == "POSITION" and ident == "abbr":
            alone = end >= len(view) or not view.words[end][:1].isalnum()  # not "TGĐ Cổng TTĐT"
            if alone and any(a <= start < b for a, b, _ in lists):
                out.add(candidate)
            continue
        if label != "ORG":
            continue
        key = " ".join(norm(w) for w in view.words[start:end])
        in_list = any(
            a <= start < b and any(known_org(f"{h} {key}") for h in heads) for a, b, heads in lists
        )
        if in_list or (quotes and _slogan(view, start, end, quotes)):
            out.add(candidate)
    return out
