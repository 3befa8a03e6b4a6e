"""Repairs to OCR text that metadata depends on, from ``data/ocr_repairs.tsv``.

Each row is a regular expression, its replacement and a note; rules are anchored to the
header lines they repair ("$6: 63/TB-VPCP" -> "Số: 63/TB-VPCP", "THONG BAO" -> "THÔNG BÁO"),
so body text is never rewritten on a guess. Then the hyphens lost inside the number's
symbol are put back (``ingest.ocr.symbols``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ingest.ocr.symbols import repair_symbols

Rule = tuple[re.Pattern[str], str]


@lru_cache(maxsize=1)
def repair_rules() -> tuple[Rule, ...]:
    """The repair rules, compiled once (multi-line mode: ``^`` is a line start)."""
    text = resources.files("ingest.ocr").joinpath("data/ocr_repairs.tsv").read_text("utf-8")
    rules: list[Rule] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, replacement, *_note = line.split("\t")
        rules.append((re.compile(pattern, re.MULTILINE), replacement))
    return tuple(rules)


def repair_ocr_text(text: str) -> str:
    """OCR text with the safe header repairs applied.

    >>> repair_ocr_text("$6: 63/TB-VPCP\\n")
    'Số: 63/TB-VPCP\\n'
    """
    for pattern, replacement in repair_rules():
        text = pattern.sub(replacement, text)
    return repair_symbols(text)
