"""Tesseract, run as a subprocess (``tesseract stdin stdout tsv``) on one prepared page.

The TSV output gives the words with their boxes and confidences in one pass: the page text
is rebuilt from it line by line (a blank line between Tesseract's blocks and paragraphs) and
the page confidence is the mean word confidence weighted by word length (0-100). Blocks in
which Tesseract found no text (pictures, rule lines, seals) come back as figures, for
``ingest.ocr.regions`` and ``ingest.ocr.stamps`` to look at again.
``OMP_THREAD_LIMIT=1`` keeps each Tesseract process on one core: pages run side by side
instead (``ingest.ocr.pages``), which is faster on a small machine than threads per page.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from ingest.errors import IngestError
from nlp.record import Table

LANGUAGE = "vie"
INSTALL_HINT = (
    "OCR needs Tesseract with the Vietnamese model: install it with "
    "`apt-get install tesseract-ocr tesseract-ocr-vie` (Debian/Ubuntu) or "
    "`brew install tesseract tesseract-lang` (macOS)"
)
_TIMEOUT_S = 300


@dataclass(slots=True, frozen=True)
class OcrPage:
    """One page read by Tesseract: its text and mean word confidence (0-100)."""

    text: str
    confidence: float
    notes: tuple[str, ...] = ()
    """What was done to the page that a reader should warn about ("received stamp removed")."""
    tables: tuple[Table, ...] = ()
    """The ruled tables found on the page (``ingest.ocr.tables``), without a page number."""


@lru_cache(maxsize=1)
def _languages(binary: str) -> frozenset[str]:
    done = subprocess.run(
        [binary, "--list-langs"], capture_output=True, text=True, check=False, timeout=60
    )
    lines = (done.stdout + done.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def tesseract_binary(filename: str) -> str:
    """The ``tesseract`` executable; ``IngestError`` with install advice when it, or its
    Vietnamese model, is missing."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise IngestError(filename, f"Tesseract is not installed. {INSTALL_HINT}")
    if LANGUAGE not in _languages(binary):
        raise IngestError(filename, f"Tesseract has no Vietnamese ('vie') model. {INSTALL_HINT}")
    return binary


def _pnm(image: Image.Image) -> bytes:
    """The image as uncompressed PBM/PGM (fast to write, read by Leptonica from stdin)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue()


Box = tuple[int, int, int, int]
"""(left, top, right, bottom) in pixels."""


@dataclass(slots=True, frozen=True)
class Word:
    """One recognised word, its box and confidence (0-100)."""

    text: str
    box: Box
    confidence: float


@dataclass(slots=True, frozen=True)
class Line:
    """One line of recognised words, with its box (left, top, right, bottom) in pixels."""

    text: str
    box: Box
    confidence: float
    letters: int
    new_paragraph: bool = False
    """Whether a new Tesseract block or paragraph starts with this line."""
    words: tuple[Word, ...] = ()
    """The words the line was built from (``text`` may since have been re-read)."""


@dataclass(slots=True, frozen=True)
class Figure:
    """A block where Tesseract's layout analysis found no text: a picture, a rule line, a
    seal with a signature over it."""

    box: Box
    position: int
    """How many text lines come before it in reading order."""


@dataclass(slots=True, frozen=True)
class Layout:
    """A page as Tesseract read it: text lines in reading order and the figure blocks."""

    lines: tuple[Line, ...]
    figures: tuple[Figure, ...]


def line_of(words: Sequence[Word], *, new_paragraph: bool = False) -> Line:
    """A line made of ``words`` (one space between them), confidence weighted by length."""
    left = min(w.box[0] for w in words)
    top = min(w.box[1] for w in words)
    right = max(w.box[2] for w in words)
    bottom = max(w.box[3] for w in words)
    scored = [(w.confidence, len(w.text)) for w in words if w.confidence >= 0]
    letters = sum(n for _c, n in scored)
    conf = sum(c * n for c, n in scored) / letters if letters else 0.0
    text = " ".join(w.text for w in words)
    return Line(text, (left, top, right, bottom), conf, letters, new_paragraph, tuple(words))


def _box(cols: list[str]) -> Box:
    left, top, width, height = (int(c) for c in cols[6:10])
    return (left, top, left + width, top + height)


def _word(cols: list[str]) -> Word:
    return Word(cols[11].strip(), _box(cols), float(cols[10]))


def tsv_layout(tsv: str) -> Layout:
    """The text lines (in reading order) and the figure blocks of Tesseract's TSV output."""
    lines: list[Line] = []
    figures: list[Figure] = []
    words: list[Word] = []
    key: tuple[str, str, str] | None = None
    new_paragraph = False
    blocks: dict[str, tuple[Box, int]] = {}
    with_text: set[str] = set()
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 10 and cols[0] == "2":
            blocks[cols[2]] = (_box(cols), len(lines) + bool(words))
            continue
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        with_text.add(cols[2])
        line_key = (cols[2], cols[3], cols[4])
        if line_key != key:
            if words:
                lines.append(line_of(words, new_paragraph=new_paragraph))
            new_paragraph = key is not None and line_key[:2] != key[:2]
            words, key = [], line_key
        words.append(_word(cols))
    if words:
        lines.append(line_of(words, new_paragraph=new_paragraph))
    for block, (box, position) in blocks.items():
        if block not in with_text:
            figures.append(Figure(box, position))
    return Layout(tuple(lines), tuple(figures))


def tsv_lines(tsv: str) -> list[Line]:
    """The lines of Tesseract's TSV output, in reading order."""
    return list(tsv_layout(tsv).lines)


def page_from_lines(lines: list[Line]) -> OcrPage:
    """Page text (a blank line before each new paragraph) and letter-weighted confidence."""
    parts: list[str] = []
    for line in lines:
        if line.new_paragraph:
            parts.append("")
        parts.append(line.text)
    letters = sum(line.letters for line in lines)
    conf = sum(line.confidence * line.letters for line in lines) / letters if letters else 0.0
    text = "\n".join(parts) + "\n" if parts else ""
    return OcrPage(text=text, confidence=round(conf, 1))


def run_tesseract(image: Image.Image, *, binary: str, dpi: int, psm: int,
                  output: tuple[str, ...]) -> str:
    """Tesseract's Vietnamese model on ``image`` on one core; ``output`` ends the command
    line (``("tsv",)``, ``("-c", "hocr_char_boxes=1", "hocr")``); its output as text."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [binary, "stdin", "stdout", "-l", LANGUAGE, "--psm", str(psm), "--dpi", str(dpi)]
    done = subprocess.run(
        [*command, *output],
        input=_pnm(image),
        capture_output=True,
        env=env,
        check=False,
        timeout=_TIMEOUT_S,
    )
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise RuntimeError(f"tesseract failed: {reason[-1] if reason else done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")


def read_layout(image: Image.Image, *, binary: str, dpi: int, psm: int = 3) -> Layout:
    """Run Tesseract's Vietnamese model on one prepared page image (``psm`` 3: a page,
    6: a block of text, 7: a single line): its lines and figure blocks."""
    return tsv_layout(run_tesseract(image, binary=binary, dpi=dpi, psm=psm, output=("tsv",)))


def recognise(image: Image.Image, *, binary: str, dpi: int, psm: int = 3) -> list[Line]:
    """The text lines of ``read_layout``."""
    return list(read_layout(image, binary=binary, dpi=dpi, psm=psm).lines)
