"""Tesseract's reading of one line crop with a box for every character (hOCR output).

``engine.recognise`` gives lines of words; locating the digits of a field ("Số: 1114/…",
"ngày 07 tháng …") inside a line needs the boxes of single characters, which Tesseract
writes into its hOCR output when ``hocr_char_boxes`` is set.
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
from dataclasses import dataclass

from PIL import Image

from ingest.ocr.engine import LANGUAGE

Box = tuple[int, int, int, int]
_TIMEOUT_S = 60
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


def _pnm(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue()


def read_chars(image: Image.Image, *, binary: str, dpi: int) -> CharLine:
    """Tesseract's single-line reading (``--psm 7``) of ``image`` with character boxes."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [binary, "stdin", "stdout", "-l", LANGUAGE, "--psm", "7", "--dpi", str(dpi)]
    done = subprocess.run(
        [*command, "-c", "hocr_char_boxes=1", "hocr"],
        input=_pnm(image),
        capture_output=True,
        env=env,
        check=False,
        timeout=_TIMEOUT_S,
    )
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise RuntimeError(f"tesseract failed: {reason[-1] if reason else done.returncode}")
    return parse_hocr(done.stdout.decode("utf-8", errors="replace"))
