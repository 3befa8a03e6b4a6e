"""A second look at the number line ("Số: 999/QĐ-TTg   Hà Nội, ngày 18 tháng 9 năm 2024").

Tesseract's page layout pass sometimes misreads the digits of the document number that it
reads correctly when the same line is cropped and read as a single line (``--psm 7``):
"Số: 222/QĐ-TTg" on the page, "Số: 999/QĐ-TTg" on its own. The line is re-read and the
reading with the higher confidence is kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PIL import Image

from ingest.ocr.engine import Line, recognise

_NUMBER_LINE = re.compile(r"^\W{0,2}[S$§5][^\s:;]{0,2}\s*[:;.,]")
_TOP = 0.45
"""Only lines in this top fraction of the page are header lines."""
_PAD = 12


def is_number_line(line: Line, page_height: int) -> bool:
    return line.box[1] < page_height * _TOP and bool(_NUMBER_LINE.match(line.text))


def reread_number_lines(
    image: Image.Image, lines: list[Line], *, binary: str, dpi: int
) -> list[Line]:
    """``lines`` with each header number line replaced by a single-line reading of its crop
    when that reading is more confident."""
    out: list[Line] = []
    for line in lines:
        if not is_number_line(line, image.height):
            out.append(line)
            continue
        left, top, right, bottom = line.box
        crop = image.crop((max(0, left - _PAD), max(0, top - _PAD), right + _PAD, bottom + _PAD))
        again = recognise(crop, binary=binary, dpi=dpi, psm=7)
        if len(again) == 1 and again[0].confidence > line.confidence:
            out.append(replace(line, text=again[0].text, confidence=again[0].confidence))
        else:
            out.append(line)
    return out
