"""Ruled tables of an OCR'd page as rows of cells (``ingest.ocr.grid`` finds the grids).

Each word Tesseract read inside a grid goes to the cell that holds its centre; marks read
from the rules themselves ("|", "[", "—" on a rule line) are dropped. A cell's words are put
in reading order (lines top to bottom, words left to right). A cell spanning columns gives its
text to its first column and leaves the others empty, as pdfplumber does for a text layer.

The table's words leave the page's lines, and the table comes back in their place as one
line per row, its cells joined by " | " (``ingest.readers.base.row_line``, as for the tables
of a text layer), a paragraph of its own; the words outside keep their lines and their
order. A grid whose text does not make a table (fewer than two rows, or most rows with fewer
than two non-empty cells: a form, a stamp) is left as it was read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from ingest.ocr.cells import MAX_READS, has_ink, inner, read_cells, read_twice
from ingest.ocr.engine import Box, Line, Word, line_of
from ingest.ocr.grid import Grid, find_grids
from ingest.readers.base import row_line

RULE_MARKS = frozenset("|!Il1[](){}/\\_-—–~:;.,'`\"‘’“”")
"""Characters Tesseract makes of a rule line it reads as text."""
_MAX_MARK = 3
"""A word of at most this many such characters over a rule is the rule."""
_SLACK = 0.02
"""How far (inches) a mark may lie from the rule it was read from."""
_SPECK = (0.03, 50.0)
"""A word smaller than this (inches) read with less confidence than this is a speck."""
_ACCENTS = frozenset({"Lm", "Sk", "Mn"})
"""Unicode categories of a diacritic read as a word of its own ("ˆ" off an "Ô")."""


@dataclass(slots=True, frozen=True)
class PageTable:
    """A table found on a page: its cell texts row by row, and its rows as page lines."""

    rows: list[list[str]]
    lines: tuple[Line, ...]
    box: Box


def _centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _inside(box: Box, area: Box) -> bool:
    x, y = _centre(box)
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


def _on_rule(word: Word, grid: Grid, slack: float) -> bool:
    """Whether ``word`` is a mark read from one of the grid's rules."""
    if len(word.text) > _MAX_MARK or any(ch not in RULE_MARKS for ch in word.text):
        return False
    left, top, right, bottom = word.box
    return any(left - slack <= x <= right + slack for x in grid.xs) or any(
        top - slack <= y <= bottom + slack for y in grid.ys
    )


def _cell_of(word: Word, grid: Grid) -> tuple[int, int]:
    """(row, cell) of the cell holding the word's centre; the nearest in its row if none."""
    x, y = _centre(word.box)
    row = min(len(grid.rows) - 1, max(0, int(np.searchsorted(grid.ys, y)) - 1))
    cells = grid.rows[row]
    for index, cell in enumerate(cells):
        if cell.box[0] <= x <= cell.box[2]:
            return row, index
    distances = [min(abs(x - c.box[0]), abs(x - c.box[2])) for c in cells]
    return row, distances.index(min(distances))


def _reading_order(words: list[Word]) -> list[Word]:
    """Words in text lines (top to bottom; a word whose middle lies within a line's height
    joins it), each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.box[1]):
        middle = (word.box[1] + word.box[3]) / 2
        if lines and middle <= max(w.box[3] for w in lines[-1]):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [w for line in lines for w in sorted(line, key=lambda w: w.box[0])]


def _real_table(rows: list[list[str]]) -> bool:
    """Two rows or more, most with two or more non-empty cells (as for a text layer)."""
    wide = sum(1 for row in rows if sum(1 for cell in row if cell) >= 2)
    return len(rows) >= 2 and wide * 2 >= len(rows)


@dataclass(slots=True)
class _Page:
    """The prepared page, as an image and as an array (True where white), and how many
    more cells may be read again (``ingest.ocr.cells``)."""

    image: Image.Image
    white: NDArray[np.bool_]
    binary: str
    dpi: int
    reads: int = MAX_READS

    def unsure(self, cell: Box, words: list[Word]) -> bool:
        """Whether the page reading of a cell cannot be right: a word read twice, or no
        word where there is ink."""
        box = inner(cell, self.dpi)
        return read_twice(words) or (not words and has_ink(self.white, box, self.dpi))

    def reread(self, cells: dict[tuple[int, int], list[Word]], grid: Grid) -> None:
        """The unsure cells of ``cells`` (all of the grid's, by (row, cell)) read again."""
        keys = [
            (r, c)
            for r, row in enumerate(grid.rows)
            for c, cell in enumerate(row)
            if self.unsure(cell.box, cells.get((r, c), []))
        ][: max(0, self.reads)]
        self.reads -= len(keys)
        boxes = [inner(grid.rows[r][c].box, self.dpi) for r, c in keys]
        again = read_cells(self.image, boxes, binary=self.binary, dpi=self.dpi)
        for key, words in zip(keys, again, strict=True):
            if words is not None:
                cells[key] = [w for w in words if _kept(w, grid, self.dpi)]


def _kept(word: Word, grid: Grid, dpi: int) -> bool:
    """Whether a word is text of the table, not a rule read as marks, a speck or a lone
    diacritic."""
    size, confidence = _SPECK
    small = max(word.box[2] - word.box[0], word.box[3] - word.box[1]) < size * dpi
    accent = all(unicodedata.category(ch) in _ACCENTS for ch in word.text)
    speck = small and word.confidence < confidence
    return not (speck or accent or _on_rule(word, grid, _SLACK * dpi))


def _table(grid: Grid, words: Sequence[Word], page: _Page) -> PageTable | None:
    """The grid's rows of cell texts and row lines, from the words inside it."""
    cells: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        if _kept(word, grid, page.dpi):
            cells.setdefault(_cell_of(word, grid), []).append(word)
    page.reread(cells, grid)
    width = len(grid.xs) - 1
    rows: list[list[str]] = []
    lines: list[Line] = []
    for r, row in enumerate(grid.rows):
        texts = [""] * width
        row_words: list[Word] = []
        for c, cell in enumerate(row):
            ordered = _reading_order(cells.get((r, c), []))
            texts[cell.first] = " ".join(w.text for w in ordered)
            row_words.extend(ordered)
        if row_words:
            rows.append(texts)
            lines.append(replace(line_of(row_words), text=row_line(texts)))
    if not _real_table(rows):
        return None
    return PageTable(rows, tuple(lines), grid.box)


def _split(line: Line, area: Box) -> tuple[list[Word], list[Word]]:
    """The line's words inside ``area`` and outside it."""
    inside = [w for w in line.words if _inside(w.box, area)]
    outside = [w for w in line.words if not _inside(w.box, area)]
    return inside, outside


def _place(lines: Sequence[Line], table: PageTable) -> tuple[list[Line], PageTable]:
    """``lines`` with the table's words taken out and its row lines put where the first of
    them was (the line after the table starts a paragraph), and the table with its row
    lines as placed."""
    out: list[Line] = []
    placed = table
    after = False
    for line in lines:
        inside, outside = _split(line, table.box)
        if not inside:
            out.append(replace(line, new_paragraph=True) if after else line)
            after = False
            continue
        rest = line_of(outside, new_paragraph=line.new_paragraph) if outside else None
        if rest is not None and rest.box[1] < table.box[1]:
            out.append(rest)
            rest = None
        if placed is table:
            rows = (replace(table.lines[0], new_paragraph=bool(out)), *table.lines[1:])
            placed = replace(table, lines=rows)
            out.extend(rows)
            after = True
        if rest is not None:
            out.append(replace(rest, new_paragraph=True))
            after = False
    return out, placed


def find_tables(
    image: Image.Image, lines: Sequence[Line], *, binary: str, dpi: int
) -> tuple[list[Line], list[PageTable]]:
    """The page's lines with each ruled table given as " | " rows in place of its words,
    and the tables (``image``: the prepared, black-on-white page the lines were read from;
    ``binary``: Tesseract, for the cells read again)."""
    page_image = (
        image if image.mode == "1" else image.convert("L").point(lambda v: 255 * (v > 127), "1")
    )
    white: NDArray[np.bool_] = np.asarray(page_image)
    grids = find_grids(white, dpi)
    if not grids:
        return list(lines), []
    page = _Page(page_image, white, binary, dpi)
    words = [w for line in lines for w in line.words]
    out = list(lines)
    tables: list[PageTable] = []
    for grid in grids:
        table = _table(grid, [w for w in words if _inside(w.box, grid.box)], page)
        if table is not None:
            out, table = _place(out, table)
            tables.append(table)
    return out, tables
