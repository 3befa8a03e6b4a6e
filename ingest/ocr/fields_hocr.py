"""Tesseract's reading of one line crop with a box for every character (hOCR output).

``engine.recognise`` gives lines of words; locating the digits of a field ("Số: 1114/…",
"ngày 07 tháng …") inside a line needs the boxes of single characters, which Tesseract
writes into its hOCR output when ``hocr_char_boxes`` is set.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PIL import Image

from ingest.ocr.engine import run_tesseract

Box = tuple[int, int, int, int]
_WORD = "class='ocrx_word'"
_CHAR = re.compile(
    r"<span class='ocrx_cinfo' title='x_bboxes (\d+) (\d+) (\d+) (\d+);[^']*'>(.*?)</span>", re.S
)


@dataclass(slots=True, frozen=True)
class CharLine:
    """A line's text (words joined by one space) and, for each character of it, its box
    (left, top, right, bottom) in the line crop, or None for the spaces between words."""

    text: str
    boxes: tuple[Box | None, ...]


def parse_hocr(hocr: str) -> CharLine:
    """The characters and boxes of every word in ``hocr``, in order."""
    text: list[str] = []
    boxes: list[Box | None] = []
    for word in hocr.split(_WORD)[1:]:
        chars = _CHAR.findall(word)
        if not chars:
            continue
        if text:
            text.append(" ")
            boxes.append(None)
        for left, top, right, bottom, raw in chars:
            char = html.unescape(raw)
            box = (int(left), int(top), int(right), int(bottom))
            text.append(char)
            boxes.extend([box] * len(char))
    return CharLine("".join(text), tuple(boxes))


def read_chars(image: Image.Image, *, binary: str, dpi: int) -> CharLine:
    """Tesseract's single-line reading (``--psm 7``) of ``image`` with character boxes."""
    output = ("-c", "hocr_char_boxes=1", "hocr")
    return parse_hocr(run_tesseract(image, binary=binary, dpi=dpi, psm=7, output=output))
