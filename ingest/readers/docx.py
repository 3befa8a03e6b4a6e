"""Word .docx files through python-docx: paragraphs and tables in body order.

Layout tables (the two-column header of a Nghị định 30 document, the "Nơi nhận" /
signature table) are written column by column, so the header reads
"VĂN PHÒNG CHÍNH PHỦ\\nSố: 63/TB-VPCP\\nCỘNG HÒA …". A table is a layout table when it has
at most 2 columns and 3 rows, or at most 3 of each with a cell holding several paragraphs,
and no numbering column ("STT", or 1, 2, 3 … down the first column).
Data tables are written one row per line, cells joined by " | ", and returned in ``tables``.
"""

from __future__ import annotations

import io
from typing import Any, ClassVar

from ingest.errors import IngestError
from ingest.readers.base import Extracted, Reader, row_line
from ingest.readers.docx_runs import LegacyRuns
from nlp.record import Table

_LAYOUT_MAX_COLS = 2
_LAYOUT_MAX_ROWS = 3
_MULTI_PARAGRAPH_MAX = 3


def _unique_cells(row: Any) -> list[Any]:
    """The row's cells, a horizontally merged cell once."""
    seen: set[int] = set()
    cells = []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _cell_lines(cell: Any, legacy: LegacyRuns) -> list[str]:
    lines: list[str] = []
    for block in cell.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block, None, legacy))
        else:
            lines.append(legacy.paragraph_text(block))
    return lines


def _grid(table: Any) -> list[list[Any]]:
    return [_unique_cells(row) for row in table.rows]


def _has_numbering_column(grid: list[list[Any]]) -> bool:
    """A first column "STT" / "TT" or 1, 2, 3 … marks a data table, however small."""
    firsts = [row[0].text.strip().rstrip(".") for row in grid if row]
    if firsts and firsts[0].upper() in {"STT", "TT", "SỐ TT"}:
        return True
    return len(firsts) >= 2 and all(f.isdigit() for f in firsts[1:])


def is_layout_table(grid: list[list[Any]]) -> bool:
    cols = max((len(row) for row in grid), default=0)
    rows = len(grid)
    if cols >= 2 and _has_numbering_column(grid):
        return False
    if cols <= _LAYOUT_MAX_COLS and rows <= _LAYOUT_MAX_ROWS:
        return True
    multi = any(
        sum(1 for p in cell.paragraphs if p.text.strip()) >= 2 for row in grid for cell in row
    )
    return multi and cols <= _MULTI_PARAGRAPH_MAX and rows <= _MULTI_PARAGRAPH_MAX


def _table_lines(table: Any, tables: list[Table] | None, legacy: LegacyRuns) -> list[str]:
    grid = _grid(table)
    if is_layout_table(grid):
        lines: list[str] = []
        seen: set[int] = set()
        cols = max((len(row) for row in grid), default=0)
        for col in range(cols):
            for row in grid:
                if col < len(row) and id(row[col]._tc) not in seen:
                    seen.add(id(row[col]._tc))  # a vertically merged cell once
                    lines.extend(_cell_lines(row[col], legacy))
        return lines
    rows = [[" ".join(" ".join(_cell_lines(cell, legacy)).split()) for cell in row] for row in grid]
    if tables is not None:
        tables.append(Table(rows=rows))
    return [row_line(row) for row in rows]


class DocxReader(Reader):
    MEDIA_TYPES: ClassVar[frozenset[str]] = frozenset(
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    )
    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"docx"})
    SCORE: ClassVar[int] = 10

    def read(self, data: bytes, *, filename: str) -> Extracted:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, KeyError, ValueError) as exc:
            raise IngestError(filename, f"corrupt DOCX file ({exc})") from exc
        except Exception as exc:  # zipfile/lxml errors on a damaged package
            raise IngestError(filename, f"corrupt or truncated DOCX file ({exc})") from exc
        out = Extracted(pages=[])
        legacy = LegacyRuns(document)
        lines: list[str] = []
        for block in document.iter_inner_content():
            if hasattr(block, "rows"):
                lines.extend(_table_lines(block, out.tables, legacy))
            else:
                lines.append(legacy.paragraph_text(block))
        out.pages.append("\n".join(lines) + "\n")
        if legacy.applied:
            out.conversion = "+".join(sorted(legacy.applied))
        return out
