"""Render corpus .txt documents to PDF (fpdf2) and DOCX (python-docx), for reader tests.

    .venv/bin/python corpus/render.py --out DIR [--running-head [--head-text TEXT]] [NAMES...]

NAMES are corpus document names (``thong_bao-63-tb-vpcp-2021``) or paths to .txt files;
without names every ``corpus/*.txt`` is rendered. The Nghị định 30 header (issuer and
"Số:" on the left, "CỘNG HÒA …" and the place-date line on the right) becomes a two-column
layout (a borderless table in DOCX, two columns in the PDF) when the text lets the columns
be told apart, else it is written line by line; so does the "Nơi nhận:" / signature block.
Runs of lines with " | " cells become real tables. ``--running-head`` adds a Công báo
running head and the page number to every PDF page.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEFAULT_HEAD = "CÔNG BÁO/Số 123/Ngày 15-03-2026"
CORPUS = Path(__file__).resolve().parent

_RIGHT_START = re.compile(r"^\s*(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM)\s*$")
_DATE_LINE = re.compile(r",\s*ngày\b.*\btháng\b.*\bnăm\b")
_NUMBER_LINE = re.compile(r"^\s*Số\s*:")
_RECIPIENTS = re.compile(r"^\s*Nơi nhận\s*:")
_ARCHIVE = re.compile(r"^\s*-?\s*Lưu\b")
_PAGE_FURNITURE = re.compile(r"^\s*(?:\d{1,5}|CÔNG BÁO\s*/.*)\s*$")
_HEADER_REACH = 16
_SIGNATURE_MAX_LINES = 10


@dataclass(slots=True)
class Block:
    """One piece of a document: plain lines, two columns, or a table."""

    kind: str  # "lines", "columns" or "table"
    lines: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _split_header(lines: list[str]) -> tuple[list[Block], int]:
    """The two-column header (after any running head or page number written above it) and
    the index of the first line after it, if recognisable."""
    reach = lines[:_HEADER_REACH]
    right = next((i for i, line in enumerate(reach) if _RIGHT_START.match(line)), None)
    date = next((i for i, line in enumerate(reach) if _DATE_LINE.search(line)), None)
    if right is None or date is None or date < right:
        return [], 0
    above = [line for line in lines[:right] if line.strip()]
    page = 0
    while page < len(above) and _PAGE_FURNITURE.match(above[page]):
        page += 1
    left = above[page:]
    if not left or not any(_NUMBER_LINE.match(line) for line in left):
        return [], 0
    right_lines = [line for line in lines[right : date + 1] if line.strip()]
    blocks = [Block("lines", lines=above[:page])] if page else []
    blocks.append(Block("columns", lines=left, right=right_lines))
    return blocks, date + 1


def _split_signature(lines: list[str]) -> tuple[list[str], Block | None]:
    """The lines before a "Nơi nhận:" block and that block beside the signature."""
    start = next((i for i, line in enumerate(lines) if _RECIPIENTS.match(line)), None)
    if start is None:
        return lines, None
    archive = next((i for i in range(start, len(lines)) if _ARCHIVE.match(lines[i])), None)
    if archive is None:
        return lines, None
    signature = [line for line in lines[archive + 1 :] if line.strip()]
    if not signature or len(signature) > _SIGNATURE_MAX_LINES:
        return lines, None
    left = [line for line in lines[start : archive + 1] if line.strip()]
    return lines[:start], Block("columns", lines=left, right=signature)


def _body_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if " | " in line:
            cells = [cell.strip() for cell in line.split("|")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        elif blocks and blocks[-1].kind == "lines":
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block("lines", lines=[line]))
    for block in blocks:  # a lone " | " line is not a table
        if block.kind == "table" and len(block.rows) < 2:
            block.kind, block.lines = "lines", [" | ".join(r) for r in block.rows]
    return blocks


def layout(text: str) -> list[Block]:
    """Split a document's text into header columns, body lines, tables and signature."""
    lines = text.rstrip("\n").split("\n")
    blocks, start = _split_header(lines)
    body, signature = _split_signature(lines[start:])
    blocks.extend(_body_blocks(body))
    if signature:
        blocks.append(signature)
    return blocks


def _font() -> Path:
    if not FONT.is_file():
        raise SystemExit(
            f"render.py: the DejaVu font is missing ({FONT}); install it with "
            "`apt-get install fonts-dejavu-core`"
        )
    return FONT


def _pdf_class(running_head: str | None) -> Any:
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            if running_head is None:
                return
            self.set_font("dejavu", size=9)
            number = str(self.page_no())
            parts = [running_head, number] if self.page_no() % 2 else [number, running_head]
            for part, align in zip(parts, ("L", "R"), strict=True):
                self.set_x(self.l_margin)
                self.cell(0, 5, part, align=align)
            self.ln(10)
            self.set_font("dejavu", size=11)

    return _Pdf


def render_pdf(text: str, out: Path, *, running_head: str | None = None) -> None:
    """Write ``text`` as an A4 PDF with a real text layer."""
    pdf = _pdf_class(running_head)(format="A4")
    pdf.add_font("dejavu", fname=str(_font()))
    pdf.set_font("dejavu", size=11)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    height = 6.0
    for block in layout(text):
        if block.kind == "columns":
            left_w = pdf.epw * 0.42
            top = pdf.get_y()
            for line in block.lines:
                pdf.multi_cell(left_w, height, line, align="C", new_x="LMARGIN", new_y="NEXT")
            bottom = pdf.get_y()
            pdf.set_y(top)
            for line in block.right:
                pdf.set_x(pdf.l_margin + left_w)
                pdf.multi_cell(pdf.epw - left_w, height, line, align="C", new_y="NEXT")
            pdf.set_y(max(bottom, pdf.get_y()) + 2)
        elif block.kind == "table":
            with pdf.table(
                text_align="LEFT", line_height=height, first_row_as_headings=False
            ) as table:
                for cells in block.rows:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
            pdf.ln(2)
        else:
            for line in block.lines:
                if line.strip():
                    pdf.multi_cell(0, height, line, new_x="LMARGIN", new_y="NEXT")
                else:
                    pdf.ln(height / 2)
    pdf.output(str(out))


def _docx_columns(document: Any, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0] if lines else ""
        for line in lines[1:]:
            cell.add_paragraph(line)


def render_docx(text: str, out: Path) -> None:
    """Write ``text`` as a DOCX: header and signature as layout tables, " | " rows as tables."""
    import docx

    document = docx.Document()
    for block in layout(text):
        if block.kind == "columns":
            _docx_columns(document, block.lines, block.right)
        elif block.kind == "table":
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for r, cells in enumerate(block.rows):
                for c, cell in enumerate(cells):
                    table.cell(r, c).text = cell
        else:
            for line in block.lines:
                document.add_paragraph(line)
    document.save(str(out))


def _sources(names: list[str]) -> list[Path]:
    if not names:
        return sorted(CORPUS.glob("*.txt"))
    paths = []
    for name in names:
        path = Path(name)
        if not path.suffix:
            path = CORPUS / f"{name}.txt"
        if not path.is_file():
            raise SystemExit(f"render.py: no such corpus document: {name}")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PDF and DOCX")
    parser.add_argument(
        "--running-head", action="store_true",
        help="add a Công báo running head and the page number to every PDF page",
    )  # fmt: skip
    parser.add_argument(
        "--head-text", default=DEFAULT_HEAD, help=f"running head text (default {DEFAULT_HEAD!r})"
    )
    parser.add_argument("names", nargs="*", help="corpus names or .txt paths (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    head = args.head_text if args.running_head else None
    for source in _sources(args.names):
        text = source.read_text(encoding="utf-8")
        render_pdf(text, args.out / f"{source.stem}.pdf", running_head=head)
        render_docx(text, args.out / f"{source.stem}.docx")
        print(f"{source.stem}: pdf, docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
