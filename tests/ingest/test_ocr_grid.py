"""Ruled grids found on page arrays (``ingest.ocr.grid``) and the checks that send a table
cell to be read again (``ingest.ocr.cells``), on small drawn pages.

Grids are drawn at 100 dpi: a horizontal rule is at least 40 px long, a vertical one 20 px,
a rule at most 6 px thick. Cells are looked into at 300 dpi.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from ingest.ocr.cells import has_ink, read_twice
from ingest.ocr.engine import Word
from ingest.ocr.grid import find_grids, find_rules

DPI = 100
SIZE = (300, 400)
"""(height, width) of a drawn page."""

Shape = tuple[int, int, int, int]
"""Ink from (left, top) to (right, bottom), ends excluded."""


def h(y: int, x0: int, x1: int) -> Shape:
    """A horizontal rule, 2 px thick."""
    return (x0, y, x1, y + 2)


def v(x: int, y0: int, y1: int) -> Shape:
    """A vertical rule, 2 px thick."""
    return (x, y0, x + 2, y1)


def _page(*shapes: Shape) -> NDArray[np.bool_]:
    white = np.ones(SIZE, dtype=bool)
    for left, top, right, bottom in shapes:
        white[top:bottom, left:right] = False
    return white


def _grid(xs: list[int], ys: list[int], left: int = 20, right: int = 380) -> list[Shape]:
    """Rules of a full grid: horizontals at ``ys`` from ``left`` to ``right``, verticals at
    ``xs`` from the first y to the last."""
    return [h(y, left, right) for y in ys] + [v(x, ys[0], ys[-1] + 2) for x in xs]


HEADING_ROW = [
    h(40, 20, 380),
    h(90, 20, 380),
    h(140, 20, 380),
    h(190, 20, 380),
    v(20, 40, 192),
    v(378, 40, 192),
    v(120, 40, 90),  # the inner rule stops at the heading row (90-140) ...
    v(120, 140, 192),  # ... and starts again under it
]
SEALED = {h(40, 20, 380), v(378, 40, 162)}
BROKEN = [s for s in _grid([20, 150, 378], [40, 100, 160]) if s not in SEALED] + [
    # a seal removed by its colour took 15 px out of the top rule and of the right one
    h(40, 20, 200),
    h(40, 215, 380),
    v(378, 40, 70),
    v(378, 85, 162),
]
CASES: list[tuple[str, list[Shape], list[list[tuple[int, int]]]]] = [
    ("two rows of two cells", _grid([20, 150, 378], [40, 100, 160]), [[(0, 1), (1, 2)]] * 2),
    (
        "three columns",
        _grid([20, 80, 200, 378], [40, 100, 160, 220]),
        [[(0, 1), (1, 2), (2, 3)]] * 3,
    ),
    ("a heading across the table", HEADING_ROW, [[(0, 1), (1, 2)], [(0, 2)], [(0, 1), (1, 2)]]),
    ("a rule broken by a seal", BROKEN, [[(0, 1), (1, 2)]] * 2),
    ("one row of cells", _grid([20, 150, 378], [40, 100]), []),
    ("one column of cells", _grid([20, 378], [40, 100, 160]), []),
    ("a box (a received stamp)", _grid([20, 200], [40, 120]), []),
    ("underlines only", [h(40, 20, 300), h(100, 50, 250), h(160, 20, 380)], []),
    ("a filled block", [(50, 50, 300, 250)], []),
    (
        "rules that do not touch",
        [*(h(y, 20, 150) for y in (40, 100, 160)), *(v(x, 40, 160) for x in (200, 260, 320))],
        [],
    ),
]


@pytest.mark.parametrize(
    ("shapes", "cells"), [(s, c) for _n, s, c in CASES], ids=[n for n, _s, _c in CASES]
)
def test_grid_rows_and_cells(shapes: list[Shape], cells: list[list[tuple[int, int]]]) -> None:
    grids = find_grids(_page(*shapes), DPI)
    found = [[(cell.first, cell.last) for cell in row] for grid in grids for row in grid.rows]
    assert found == cells
    assert len(grids) == (1 if cells else 0)


def test_grid_positions_are_the_rules_middles() -> None:
    (grid,) = find_grids(_page(*_grid([20, 150, 378], [40, 100, 160])), DPI)
    assert grid.xs == (20, 150, 378)
    assert grid.ys == (40, 100, 160)
    assert grid.box == (20, 40, 378, 160)
    assert grid.rows[1][1].box == (150, 100, 378, 160)


def test_two_tables_come_top_to_bottom() -> None:
    low = _grid([20, 150, 378], [180, 230, 280])
    high = _grid([20, 200, 378], [20, 70, 120])
    grids = find_grids(_page(*low, *high), DPI)
    assert [grid.ys for grid in grids] == [(20, 70, 120), (180, 230, 280)]


@pytest.mark.parametrize(
    ("shape", "horizontal", "vertical"),
    [
        (h(50, 20, 70), 1, 0),  # 50 px: a rule
        (h(50, 20, 50), 0, 0),  # 30 px: a stroke of text
        (v(50, 20, 45), 0, 1),  # 25 px
        (v(50, 20, 35), 0, 0),  # 15 px: the stem of a letter
        ((50, 50, 300, 60), 0, 0),  # 10 px thick: a bar, not a rule
    ],
)
def test_rule_length_and_thickness(shape: Shape, horizontal: int, vertical: int) -> None:
    hs, vs = find_rules(_page(shape), DPI)
    assert (len(hs), len(vs)) == (horizontal, vertical)


def _word(text: str, left: int, top: int, right: int, bottom: int) -> Word:
    return Word(text, (left, top, right, bottom), 95.0)


@pytest.mark.parametrize(
    ("words", "twice"),
    [
        ([_word("Ông", 0, 0, 60, 40), _word("Đặng", 80, 0, 170, 40)], False),
        # "Đặ" and "Đặng" over the same ink, one a little lower (Tesseract's two lines)
        ([_word("Đặ", 100, 0, 156, 37), _word("Đặng", 138, 10, 218, 46)], True),
        ([_word("Việt", 300, 0, 389, 37), _word("Việ", 334, 11, 370, 46)], True),
        # two lines of a cell, one under the other
        ([_word("Phó", 0, 0, 80, 40), _word("Giám", 0, 70, 110, 110)], False),
    ],
)
def test_a_word_read_twice_is_found(words: list[Word], twice: bool) -> None:
    assert read_twice(words) is twice


@pytest.mark.parametrize(
    ("shape", "ink"),
    [
        ((100, 80, 103, 160), False),  # 3 px wide: what is left of a rule
        ((100, 100, 112, 130), True),  # a glyph at 300 dpi: 30 px tall, 12 px wide
        ((100, 100, 160, 104), False),  # 4 px tall: a speck, or a rule's edge
        ((0, 0, 1, 1), False),  # nothing inside the cell
    ],
)
def test_ink_in_a_cell(shape: Shape, ink: bool) -> None:
    assert has_ink(_page(shape), (60, 60, 300, 200), 300) is ink
