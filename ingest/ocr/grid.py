"""Ruled tables on a page image: the rule lines, and the grid of cells they bound.

A rule is a long, thin run of ink. Runs are looked for on the page packed eight pixels to a
cell (a byte of eight ink pixels across for horizontal rules, eight down for vertical ones),
so that a page without rules costs a few milliseconds; only the rows and columns where a long
packed run was found are then measured pixel by pixel. Runs in neighbouring rows (columns)
that overlap make one rule; a rule thicker than ``MAX_THICK`` is a filled block, not a line.
Pieces of one rule with a short gap between them (where a red seal was taken out of the
page by its colour) are joined again.

Rules that touch make a grid when it has three horizontal and three vertical positions at
least. Its rows are the bands between consecutive horizontal rules; a row's cells are cut by
the vertical rules that cover most of its height, so that a cell spanning columns (a section
heading across the table) is one cell. Only a grid with two rows of two cells or more is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

Box = tuple[int, int, int, int]
"""(left, top, right, bottom) in pixels."""

MIN_RULE = (0.4, 0.2)
"""A horizontal rule is at least this long (inches), a vertical one at least the second."""
MAX_THICK = 0.06
"""A rule is at most this thick (inches); thicker ink is a filled block."""
TOUCH = 0.04
"""Rules this close (inches) touch; positions this close are one."""
MIN_ROW = 0.08
"""Horizontal rules closer than this (inches) bound no row: a double line is one."""
MIN_COVER = 0.6
"""A vertical rule covering this share of a row's height cuts the row."""
_GAP = 2
"""Rows (columns) of runs this far apart still make one rule (a pixel may drop out)."""
MEND = 0.2
"""Pieces of one rule this far apart (inches) are one rule: a seal removed by its colour,
or a fold, takes a piece out of the rules it lies over."""


@dataclass(slots=True, frozen=True)
class Rule:
    """A rule line: ``low``-``high`` across it (its thickness), ``start``-``end`` along it."""

    low: int
    high: int
    start: int
    end: int

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


@dataclass(slots=True, frozen=True)
class Cell:
    """A cell of a grid row: the columns ``first``-``last`` it spans and its box."""

    first: int
    last: int
    box: Box


@dataclass(slots=True, frozen=True)
class Grid:
    """A ruled table: the x of its column lines, the y of its row lines, the cells of each
    row (the bands between row lines)."""

    xs: tuple[int, ...]
    ys: tuple[int, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def _eroded(full: NDArray[np.bool_], count: int, axis: int) -> NDArray[np.bool_]:
    """Where ``count`` consecutive True values along ``axis`` begin."""
    out, have = full, 1
    while have < count and out.shape[axis] > 0:
        step = min(have, count - have)
        head = (slice(None), slice(None, -step)) if axis == 1 else (slice(None, -step), slice(None))
        tail = (slice(None), slice(step, None)) if axis == 1 else (slice(step, None), slice(None))
        out = out[head] & out[tail]
        have += step
    return out


def _runs(ink: NDArray[np.bool_], least: int) -> list[tuple[int, int]]:
    """The (start, end) of the runs of True in ``ink`` at least ``least`` long (end past)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([False], ink, [False])).astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    keep = ends - starts >= least
    return [(int(s), int(e)) for s, e in zip(starts[keep], ends[keep], strict=True)]


def _join(runs: list[tuple[int, int, int]], thick: int) -> list[Rule]:
    """Runs (across, start, end), sorted by ``across``, grouped into rules."""
    open_rules: list[list[int]] = []  # [low, high, start, end]
    done: list[list[int]] = []
    for across, start, end in runs:
        for rule in open_rules:
            if rule[1] < across - _GAP:
                done.append(rule)
        open_rules = [r for r in open_rules if r[1] >= across - _GAP]
        for rule in open_rules:
            if start < rule[3] and end > rule[2]:
                rule[1], rule[2], rule[3] = across, min(rule[2], start), max(rule[3], end)
                break
        else:
            open_rules.append([across, across, start, end])
    done.extend(open_rules)
    return [Rule(*r) for r in done if r[1] - r[0] < thick]


def _mended(rules: list[Rule], gap: float, near: float) -> list[Rule]:
    """Rules in line with each other and less than ``gap`` apart along it made one."""
    out: list[Rule] = []
    for rule in sorted(rules, key=lambda r: r.start):
        for i, kept in enumerate(out):
            if abs(kept.middle - rule.middle) <= near and rule.start - kept.end <= gap:
                out[i] = Rule(
                    min(kept.low, rule.low),
                    max(kept.high, rule.high),
                    kept.start,
                    max(kept.end, rule.end),
                )
                break
        else:
            out.append(rule)
    return out


def find_rules(white: NDArray[np.bool_], dpi: int) -> tuple[list[Rule], list[Rule]]:
    """The horizontal and the vertical rules of a black-on-white page (``white``: True
    where the page is white, as ``numpy.asarray`` gives a mode "1" image)."""
    long_h, long_v = (round(inches * dpi) for inches in MIN_RULE)
    thick = max(2, round(MAX_THICK * dpi))
    across = np.packbits(white, axis=1) == 0  # eight ink pixels side by side
    rows = np.flatnonzero(_eroded(across, max(1, (long_h - 7) // 8), 1).any(axis=1))
    h_runs = [(int(y), s, e) for y in rows for s, e in _runs(~white[y], long_h)]
    height = white.shape[0] // 8 * 8
    down = white[0:height:8].copy()
    for offset in range(1, 8):
        down |= white[offset:height:8]
    cols = np.flatnonzero(_eroded(~down, max(1, (long_v - 7) // 8), 0).any(axis=0))
    v_runs = [(int(x), s, e) for x in cols for s, e in _runs(~white[:, x], long_v)]
    gap, near = MEND * dpi, TOUCH * dpi / 2
    return _mended(_join(h_runs, thick), gap, near), _mended(_join(v_runs, thick), gap, near)


def _touch(h: Rule, v: Rule, near: float) -> bool:
    return h.start - near <= v.middle <= h.end + near and v.start - near <= h.middle <= v.end + near


def _groups(hs: list[Rule], vs: list[Rule], near: float) -> list[tuple[list[Rule], list[Rule]]]:
    """The rules in sets that touch each other (union-find over the touching pairs)."""
    parent = list(range(len(hs) + len(vs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v, near):
                parent[root(i)] = root(len(hs) + j)
    found: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        found.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        found.setdefault(root(len(hs) + j), ([], []))[1].append(v)
    return [group for group in found.values() if group[0] and group[1]]


def _positions(values: list[float], near: float, least: float) -> list[int]:
    """``values`` sorted, those closer than ``near`` (or than ``least`` to the previous
    kept one) merged."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= near:
            out[-1].append(value)
        else:
            out.append([value])
    merged: list[int] = []
    for cluster in out:
        middle = round(sum(cluster) / len(cluster))
        if not merged or middle - merged[-1] >= least:
            merged.append(middle)
    return merged


def _cover(rules: list[Rule], x: int, top: int, bottom: int, near: float) -> float:
    """The share of ``top``-``bottom`` covered by the rules at ``x``."""
    spans = sorted(
        (max(top, r.start), min(bottom, r.end)) for r in rules if abs(r.middle - x) <= near
    )
    covered, reach = 0, top
    for start, end in spans:
        if end > max(start, reach):
            covered += end - max(start, reach)
            reach = end
    return covered / max(1, bottom - top)


def _grid(hs: list[Rule], vs: list[Rule], dpi: int) -> Grid | None:
    near = TOUCH * dpi
    ys = _positions([h.middle for h in hs], near, MIN_ROW * dpi)
    xs = _positions([v.middle for v in vs], near, near)
    if len(ys) < 3 or len(xs) < 3:
        return None
    rows: list[tuple[Cell, ...]] = []
    for top, bottom in pairwise(ys):
        cuts = [i for i, x in enumerate(xs) if _cover(vs, x, top, bottom, near) >= MIN_COVER]
        if len(cuts) < 2:
            cuts = [0, len(xs) - 1]
        rows.append(tuple(Cell(a, b, (xs[a], top, xs[b], bottom)) for a, b in pairwise(cuts)))
    if sum(len(row) >= 2 for row in rows) < 2:
        return None
    return Grid(tuple(xs), tuple(ys), tuple(rows))


def find_grids(white: NDArray[np.bool_], dpi: int) -> list[Grid]:
    """The ruled tables of a black-on-white page, top to bottom."""
    hs, vs = find_rules(white, dpi)
    if len(hs) < 3 or len(vs) < 3:
        return []
    grids = [_grid(h, v, dpi) for h, v in _groups(hs, vs, TOUCH * dpi)]
    return sorted((g for g in grids if g is not None), key=lambda g: g.ys[0])
