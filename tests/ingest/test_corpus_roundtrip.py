"""Every corpus document rendered to PDF (with a Công báo running head) and DOCX reads back
to the same words as its .txt once page furniture is removed."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from ingest.read import read_path
from nlp.furniture import strip_furniture
from nlp.normalize import normalize_text

CORPUS = sorted((Path(__file__).resolve().parents[2] / "corpus").glob("*.txt"))


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.stem)
def test_rendered_corpus_reads_back(
    tmp_path: Path, render: ModuleType, running_head: str, source: Path
) -> None:
    text = source.read_text("utf-8")
    expected = strip_furniture(normalize_text(text))[0].split()
    render.render_pdf(text, tmp_path / "doc.pdf", running_head=running_head)
    render.render_docx(text, tmp_path / "doc.docx")
    assert read_path(tmp_path / "doc.pdf").text.split() == expected
    assert read_path(tmp_path / "doc.docx").text.split() == expected
