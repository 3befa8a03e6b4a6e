"""A second reading of the figure blocks big enough to hold text: the signature zone.

Where a round seal and a signature lie over the signer's title and name ("KT. BỘ TRƯỞNG,
CHỦ NHIỆM / PHÓ CHỦ NHIỆM / Phạm Mạnh Cường"), Tesseract's page layout analysis takes the
whole zone for a picture and reads no text in it. Each such block is cropped and read again
as one block of text (``--psm 6``); of that reading only the confident words are kept (the
seal's ring of letters and the signature come out as low-confidence noise), and they go into
the page where the block was, as a paragraph of their own.
"""

from __future__ import annotations

from PIL import Image

from ingest.ocr.engine import Box, Figure, Layout, Line, Word, line_of, read_layout

MIN_SIZE = 0.4
"""A figure narrower or lower than this (inches) is a rule line, not a text zone."""
MAX_AREA = 0.5
"""A figure covering more than this share of the page is left alone (a photograph)."""
MIN_CONFIDENCE = 80.0
"""Words read in a figure with a lower confidence are noise."""
_PAD = 10
_BLOCK = 6


def _text_zone(box: Box, page: tuple[int, int], dpi: int) -> bool:
    width, height = box[2] - box[0], box[3] - box[1]
    small = min(width, height) < MIN_SIZE * dpi
    return not small and width * height <= MAX_AREA * page[0] * page[1]


def _confident(word: Word) -> bool:
    return word.confidence >= MIN_CONFIDENCE and sum(ch.isalnum() for ch in word.text) >= 2


def _covered(word: Word, lines: tuple[Line, ...]) -> bool:
    """Whether the centre of ``word`` lies in a word the page reading already has."""
    x = (word.box[0] + word.box[2]) / 2
    y = (word.box[1] + word.box[3]) / 2
    return any(
        w.box[0] <= x <= w.box[2] and w.box[1] <= y <= w.box[3] for ln in lines for w in ln.words
    )


def _shifted(word: Word, dx: int, dy: int) -> Word:
    left, top, right, bottom = word.box
    return Word(word.text, (left + dx, top + dy, right + dx, bottom + dy), word.confidence)


def read_figure(
    image: Image.Image, figure: Figure, page: Layout, *, binary: str, dpi: int
) -> list[Line]:
    """The confident lines of text in one figure block, in page coordinates."""
    left, top, right, bottom = figure.box
    x0, y0 = max(0, left - _PAD), max(0, top - _PAD)
    crop = image.crop((x0, y0, min(image.width, right + _PAD), min(image.height, bottom + _PAD)))
    found: list[Line] = []
    for line in read_layout(crop, binary=binary, dpi=dpi, psm=_BLOCK).lines:
        words = [_shifted(w, x0, y0) for w in line.words if _confident(w)]
        words = [w for w in words if not _covered(w, page.lines)]
        if words:
            found.append(line_of(words, new_paragraph=not found))
    return found


def read_figures(image: Image.Image, page: Layout, *, binary: str, dpi: int) -> list[Line]:
    """The page's lines with the text found in its figure blocks put in their places."""
    size = (image.width, image.height)
    inserts: dict[int, list[Line]] = {}
    for figure in page.figures:
        if _text_zone(figure.box, size, dpi):
            lines = read_figure(image, figure, page, binary=binary, dpi=dpi)
            inserts.setdefault(figure.position, []).extend(lines)
    if not inserts:
        return list(page.lines)
    out: list[Line] = []
    for index in range(len(page.lines) + 1):
        out.extend(inserts.get(index, []))
        if index < len(page.lines):
            out.append(page.lines[index])
    return out
