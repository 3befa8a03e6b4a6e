"""The text-layer PDFs of ../shared/corpus-real give the same metadata as their .txt versions.

Runs only when ``VANBAN_REAL_CORPUS`` names that folder (``.ci/run`` sets it when present).
"""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from nlp.record import Record
from search_api.extraction import extract_file

REAL = os.environ.get("VANBAN_REAL_CORPUS")
pytestmark = [
    pytest.mark.real_corpus,
    pytest.mark.skipif(not REAL, reason="VANBAN_REAL_CORPUS is not set"),
]


def _pairs() -> list[tuple[Path, Path]]:
    if not REAL:
        return []
    # SOURCES.tsv names, for each transcription, the PDF it was taken from.
    lines = Path(REAL, "SOURCES.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]
    return sorted(
        (Path(REAL, row["pdf_in_corpus"]), Path(REAL, row["filename"]))
        for row in rows
        if row.get("pdf_in_corpus", "").endswith("_textlayer.pdf")
    )


def _metadata(path: Path) -> dict[str, Any]:
    outcome = extract_file(path)
    assert isinstance(outcome, Record), outcome
    meta = asdict(outcome.metadata)
    meta.pop("evidence")
    for signer in meta["signers"]:
        signer.pop("start")
        signer.pop("end")
    return meta


@pytest.mark.parametrize(("pdf", "txt"), _pairs(), ids=lambda p: p.name)
def test_pdf_and_txt_give_the_same_metadata(pdf: Path, txt: Path) -> None:
    assert txt.exists(), f"no transcription for {pdf.name}"
    assert _metadata(pdf) == _metadata(txt)
