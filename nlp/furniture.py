"""Page furniture: running heads, page numbers and e-signature stamps, removed from text.

Works on any NFC text (a text file, one PDF page, a whole document): lines that belong to
the page or to a digital signature, not to the document, are removed, and each kind of
removal is reported once as a warning, e.g. ``"removed Công báo running head on 6 pages"``.
Patterns live in ``nlp/data/furniture.yaml``.

>>> strip_furniture("CÔNG BÁO/Số 281/Ngày 21-05-2026\\n99\\nTHỦ TƯỚNG CHÍNH PHỦ\\n")
('THỦ TƯỚNG CHÍNH PHỦ\\n', ['removed Công báo running head on 1 page'])
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nlp.datafiles import load_yaml

_NEIGHBOUR_REACH = 3
"""How many lines (blank ones included) a page number may sit from its running head."""
_EDGE_LINES = 3
"""How many non-blank lines at the top and bottom of a page count as its edge."""
_MIN_REPEATS = 3
_DIGITS = re.compile(r"\d+")
_NUMBER_AFTER_YEAR = re.compile(r"\d{4}\s+\d{1,5}$")


@dataclass(frozen=True, slots=True)
class _Patterns:
    congbao_head: re.Pattern[str]
    page_number: re.Pattern[str]
    stamp_line: tuple[re.Pattern[str], ...]
    stamp_anchor: tuple[re.Pattern[str], ...]
    stamp_single: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw = load_yaml("furniture.yaml")

    def many(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in raw[key])

    return _Patterns(
        congbao_head=re.compile(raw["congbao_head"]),
        page_number=re.compile(raw["page_number"]),
        stamp_line=many("stamp_line"),
        stamp_anchor=many("stamp_anchor"),
        stamp_single=many("stamp_single"),
    )


def _any(patterns: Sequence[re.Pattern[str]], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


def _is_page_number(line: str) -> bool:
    return bool(line) and _patterns().page_number.fullmatch(line) is not None


def _mark_heads(lines: list[str], marked: set[int]) -> int:
    """Mark Công báo running heads and the page-number line next to each; return how many."""
    pats = _patterns()
    count = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        match = pats.congbao_head.fullmatch(stripped)
        if match is None:
            continue
        marked.add(i)
        count += 1
        if stripped[0].isdigit() or _NUMBER_AFTER_YEAR.search(stripped):
            continue  # the page number is on the head line itself
        for step in (1, -1):
            j = _nearest_nonblank(lines, i, step)
            if j is not None and j not in marked and _is_page_number(lines[j].strip()):
                marked.add(j)
                break
    return count


def _nearest_nonblank(lines: list[str], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(lines) and abs(j - i) <= _NEIGHBOUR_REACH:
        if lines[j].strip():
            return j
        j += step
    return None


def _mark_stamps(lines: list[str], marked: set[int]) -> int:
    """Mark e-signature stamp blocks (runs of stamp lines holding an anchor); return how many."""
    pats = _patterns()
    count = 0
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _any(pats.stamp_line, lines[j].strip()):
            j += 1
        if j == i:
            i += 1
            continue
        run = [lines[k].strip() for k in range(i, j)]
        anchored = any(_any(pats.stamp_anchor, line) for line in run)
        if (len(run) >= 2 and anchored) or (len(run) == 1 and _any(pats.stamp_single, run[0])):
            marked.update(range(i, j))
            count += 1
        i = j
    return count


def _join(lines: list[str], marked: set[int]) -> str:
    """The text without marked lines, keeping a final newline where there was one."""
    kept = _drop(lines, marked)
    if lines and lines[-1] == "" and (not kept or kept[-1] != ""):
        kept.append("")
    return "\n".join(kept)


def _drop(lines: list[str], marked: set[int]) -> list[str]:
    """Lines not marked, without the blank lines that directly follow a removed line."""
    kept: list[str] = []
    after_removed = False
    for i, line in enumerate(lines):
        if i in marked:
            after_removed = True
        elif after_removed and not line.strip():
            continue
        else:
            after_removed = False
            kept.append(line)
    return kept


def _strip(text: str) -> tuple[str, Counter[str]]:
    lines = text.split("\n")
    marked: set[int] = set()
    counts: Counter[str] = Counter()
    counts["congbao"] = _mark_heads(lines, marked)
    counts["stamp"] = _mark_stamps(lines, marked)
    if not marked:
        return text, counts
    return _join(lines, marked), counts


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _warnings(counts: Counter[str]) -> list[str]:
    out = []
    if counts["congbao"]:
        out.append(f"removed Công báo running head on {_plural(counts['congbao'], 'page')}")
    if counts["stamp"]:
        out.append(f"removed e-signature stamp ({_plural(counts['stamp'], 'block')})")
    return out


def strip_furniture(text: str) -> tuple[str, list[str]]:
    """Remove Công báo running heads (with their page numbers) and e-signature stamps.

    Returns the cleaned text and one warning per kind of furniture removed.
    """
    cleaned, counts = _strip(text)
    return cleaned, _warnings(counts)


def _edge_indices(lines: list[str]) -> list[int]:
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(nonblank[:_EDGE_LINES] + nonblank[-_EDGE_LINES:]))


def _mark_page_numbers(pages: list[list[str]], marked: list[set[int]]) -> int:
    """Mark a page-number line at the top or bottom of each page, when the numbers run on."""
    candidates: list[tuple[int, int, int]] = []  # (page, line, printed number - page index)
    for p, lines in enumerate(pages):
        nonblank = [i for i, line in enumerate(lines) if line.strip() and i not in marked[p]]
        for i in {*nonblank[:1], *nonblank[-1:]}:
            line = lines[i].strip()
            if _is_page_number(line):
                printed = int(_DIGITS.findall(line)[0])
                candidates.append((p, i, printed - p))
    if not candidates:
        return 0
    offset, support = Counter(c[2] for c in candidates).most_common(1)[0]
    # Numbers that run on with the pages (on two pages or more), or that are the page's own
    # number on a page after the first (a short letter numbered from page 2).
    accepted = {offset} if support >= 2 else set()
    done = set()
    for p, i, off in candidates:
        if (off in accepted or (off == 1 and p > 0)) and p not in done:
            marked[p].add(i)
            done.add(p)
    return len(done)


def _mark_repeated(pages: list[list[str]], marked: list[set[int]]) -> list[str]:
    """Mark lines repeated at the edge of most pages (running heads and footers)."""
    if len(pages) < _MIN_REPEATS:
        return []
    seen: dict[str, list[tuple[int, int]]] = {}
    for p, lines in enumerate(pages):
        for i in _edge_indices(lines):
            key = _DIGITS.sub("#", " ".join(lines[i].split()))
            if len(key) >= 4 and i not in marked[p]:
                seen.setdefault(key, []).append((p, i))
    warnings = []
    for key, where in seen.items():
        on_pages = {p for p, _ in where}
        if len(on_pages) >= _MIN_REPEATS and len(on_pages) * 2 >= len(pages):
            for p, i in where:
                marked[p].add(i)
            warnings.append(f"removed line {key!r} repeated on {len(on_pages)} pages")
    return warnings


def strip_pages(pages: Sequence[str]) -> tuple[list[str], list[str]]:
    """Remove furniture page by page: what ``strip_furniture`` removes, plus page numbers
    and lines repeated at the top or bottom of most pages.

    Returns the cleaned pages (as many as given) and the warnings, each kind once.
    """
    counts: Counter[str] = Counter()
    split: list[list[str]] = []
    marked: list[set[int]] = []
    for page in pages:
        lines = page.split("\n")
        page_marked: set[int] = set()
        counts["congbao"] += _mark_heads(lines, page_marked)
        counts["stamp"] += _mark_stamps(lines, page_marked)
        split.append(lines)
        marked.append(page_marked)
    numbered = _mark_page_numbers(split, marked)
    repeated = _mark_repeated(split, marked)
    warnings = _warnings(counts)
    if numbered:
        warnings.append(f"removed page numbers on {_plural(numbered, 'page')}")
    warnings.extend(repeated)
    cleaned = [
        _join(lines, m) if m else page for lines, m, page in zip(split, marked, pages, strict=True)
    ]
    return cleaned, warnings
