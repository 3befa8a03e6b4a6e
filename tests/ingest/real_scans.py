"""What the tests over the shared corpus's scans share: its folder and the marks that skip
them, with a reason, where the corpus or Tesseract's Vietnamese model is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.ocr.engine import tesseract_binary


def _no_tesseract() -> bool:
    try:
        tesseract_binary("check")
    except IngestError:
        return True
    return False


_ROOT = os.environ.get("VANBAN_REAL_CORPUS")
ROOT = Path(_ROOT or ".")
"""The shared real corpus ($VANBAN_REAL_CORPUS)."""
MARKS = [
    pytest.mark.real_corpus,
    pytest.mark.skipif(not _ROOT, reason="VANBAN_REAL_CORPUS is not set"),
    pytest.mark.skipif(_no_tesseract(), reason="Tesseract with the 'vie' model is not installed"),
]
