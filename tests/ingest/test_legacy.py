"""TCVN3 and VNI: round trips over the whole corpus (encode, detect, decode) in .txt files,
.docx runs in legacy fonts and PDF text layers; no false alarms on Unicode text."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from ingest.legacy import TCVN3, VNI, detect_legacy, from_unicode, tcvn3_runs, to_unicode
from ingest.read import read_bytes, read_path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


def _corpus_text(path: Path) -> str:
    """A corpus document as a legacy-font author could have typed it: the Icelandic "Ð"
    (U+00D0) that one document uses for "Đ" has no place in TCVN3 or VNI (it is a TCVN3
    code itself), so it is written as the letter it stands for."""
    return path.read_text("utf-8").replace("\u00d0", "\u0110")


def _unicode_read(text: str) -> str:
    """What the reader makes of the Unicode original (furniture removed, normalised)."""
    return read_bytes(text.encode("utf-8"), filename="unicode.txt").text


def _ids(path: Path) -> str:
    return path.stem


@pytest.mark.parametrize("path", CORPUS, ids=_ids)
def test_unicode_corpus_is_not_taken_for_legacy(path: Path) -> None:
    assert detect_legacy(path.read_text("utf-8")) is None


@pytest.mark.parametrize("path", CORPUS, ids=_ids)
def test_vni_text_file_round_trip(path: Path) -> None:
    text = _corpus_text(path)
    data = from_unicode(text, VNI).encode("cp1252")
    doc = read_bytes(data, filename="vni.txt")
    assert doc.source.conversion == VNI
    assert doc.text == _unicode_read(text)


@pytest.mark.parametrize("path", CORPUS, ids=_ids)
def test_tcvn3_text_round_trip(path: Path) -> None:
    """Plain TCVN3 has no codes for capitals with a tone mark, so their case is a guess
    (a line or word of capitals is read as capitals): the letters all come back, and the
    case of at least 97% of the words."""
    text = _corpus_text(path)
    legacy = from_unicode(text, TCVN3)
    assert detect_legacy(legacy) == TCVN3
    back = to_unicode(legacy, TCVN3)
    assert back.lower() == text.lower()
    pairs = list(zip(back.split(), text.split(), strict=True))
    assert sum(got == want for got, want in pairs) >= 0.97 * len(pairs)


def _legacy_docx(text: str, path: Path, *, conversion: str) -> None:
    import docx

    document = docx.Document()
    for line in text.rstrip("\n").split("\n"):
        paragraph = document.add_paragraph()
        if conversion == VNI:
            paragraph.add_run(from_unicode(line, VNI)).font.name = "VNI-Times"
            continue
        for run_text, upper in tcvn3_runs(line):
            run = paragraph.add_run(run_text)
            run.font.name = ".VnTimeH" if upper else ".VnTime"
    document.save(str(path))


@pytest.mark.parametrize("conversion", [TCVN3, VNI])
@pytest.mark.parametrize("path", CORPUS, ids=_ids)
def test_docx_runs_in_legacy_fonts_round_trip(tmp_path: Path, path: Path, conversion: str) -> None:
    text = _corpus_text(path)
    _legacy_docx(text, tmp_path / "legacy.docx", conversion=conversion)
    doc = read_path(tmp_path / "legacy.docx")
    assert doc.source.conversion == conversion
    assert doc.text == _unicode_read(text)


def test_docx_mixing_unicode_and_tcvn3_runs(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Kính gửi: ").font.name = "Times New Roman"
    paragraph.add_run(from_unicode("Sở Nội vụ tỉnh Hà Tĩnh", TCVN3)).font.name = ".VnTime"
    document.save(str(tmp_path / "mixed.docx"))
    doc = read_path(tmp_path / "mixed.docx")
    assert doc.text == "Kính gửi: Sở Nội vụ tỉnh Hà Tĩnh\n"
    assert doc.source.conversion == TCVN3


@pytest.mark.parametrize("conversion", [TCVN3, VNI])
def test_pdf_text_layer_in_a_legacy_font(
    render: ModuleType, tmp_path: Path, conversion: str
) -> None:
    """A PDF made from a .VnTime / VNI-Times document carries Latin-1 codes in its text layer."""
    from fpdf import FPDF

    text = "Sở Nội vụ tỉnh Hà Tĩnh\nSố: 45/TB-UBND\nThông báo kết luận của Chủ tịch Ủy ban nhân dân tỉnh"
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(render.FONT))
    pdf.set_font("dejavu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, from_unicode(text, conversion))
    (tmp_path / "legacy.pdf").write_bytes(bytes(pdf.output()))
    doc = read_path(tmp_path / "legacy.pdf")
    assert doc.source.conversion == conversion
    assert "Số: 45/TB-UBND" in doc.text
    assert "kết luận của Chủ tịch" in doc.text


def test_cp1258_with_combining_tone_marks_is_not_a_legacy_font() -> None:
    from tests.ingest.conftest import encode_cp1258

    text = "Thủ tướng Chính phủ đã ký Quyết định số 63/QĐ-TTg\n"
    doc = read_bytes(encode_cp1258(text), filename="cp1258.txt")
    assert doc.source.encoding == "cp1258"
    assert doc.source.conversion is None
    assert doc.text == text
