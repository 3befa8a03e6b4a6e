"""Tesseract, run as a subprocess (``tesseract stdin stdout tsv``) on one prepared page.

The TSV output gives the words with their boxes and confidences in one pass: the page text
is rebuilt from it line by line (a blank line between Tesseract's blocks and paragraphs) and
the page confidence is the mean word confidence weighted by word length (0-100).
``OMP_THREAD_LIMIT=1`` keeps each Tesseract process on one core: pages run side by side
instead (``ingest.ocr.pages``), which is faster on a small machine than threads per page.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from ingest.errors import IngestError

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


@dataclass(slots=True, frozen=True)
class Line:
    """One line of recognised words, with its box (left, top, right, bottom) in pixels."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float
    letters: int
    new_paragraph: bool = False
    """Whether a new Tesseract block or paragraph starts with this line."""


def _line(words: list[list[str]], new_paragraph: bool) -> Line:
    left = min(int(w[6]) for w in words)
    top = min(int(w[7]) for w in words)
    right = max(int(w[6]) + int(w[8]) for w in words)
    bottom = max(int(w[7]) + int(w[9]) for w in words)
    scored = [(float(w[10]), len(w[11].strip())) for w in words if float(w[10]) >= 0]
    letters = sum(n for _c, n in scored)
    conf = sum(c * n for c, n in scored) / letters if letters else 0.0
    text = " ".join(w[11].strip() for w in words)
    return Line(text, (left, top, right, bottom), conf, letters, new_paragraph)


def tsv_lines(tsv: str) -> list[Line]:
    """The lines of Tesseract's TSV output, in reading order."""
    lines: list[Line] = []
    words: list[list[str]] = []
    key: tuple[str, str, str] | None = None
    new_paragraph = False
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        line_key = (cols[2], cols[3], cols[4])
        if line_key != key:
            if words:
                lines.append(_line(words, new_paragraph))
            new_paragraph = key is not None and line_key[:2] != key[:2]
            words, key = [], line_key
        words.append(cols)
    if words:
        lines.append(_line(words, new_paragraph))
    return lines


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


def recognise(image: Image.Image, *, binary: str, dpi: int, psm: int = 3) -> list[Line]:
    """Run Tesseract's Vietnamese model on one prepared page image (``psm`` 3: a page,
    7: a single line)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [binary, "stdin", "stdout", "-l", LANGUAGE, "--psm", str(psm), "--dpi", str(dpi)]
    done = subprocess.run(
        [*command, "tsv"],
        input=_pnm(image),
        capture_output=True,
        env=env,
        check=False,
        timeout=_TIMEOUT_S,
    )
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise RuntimeError(f"tesseract failed: {reason[-1] if reason else done.returncode}")
    return tsv_lines(done.stdout.decode("utf-8", errors="replace"))
