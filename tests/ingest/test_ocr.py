"""OCR: rendered corpus pages read back, mixed PDFs page by page, the clean-up steps, the
repair table and the missing-Tesseract error. Needs ``tesseract`` with the ``vie`` model
(apt: tesseract-ocr tesseract-ocr-vie); without it these tests fail with install advice."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from ingest.errors import IngestError
from ingest.ocr.engine import tesseract_binary, tsv_lines
from ingest.ocr.evaluate import header_matches
from ingest.ocr.prepare import prepare, remove_red, skew_angle
from ingest.ocr.repair import repair_ocr_text
from ingest.ocr.synthetic import degrade
from ingest.read import read_bytes, read_path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
# A handful of corpus documents, one per common type (the full set: bench/ocr.py synthetic).
HANDFUL = ["thong_bao-182-tb-vpcp-2022", "chi_thi-17-ct-ttg-2023", "quyet_dinh-1108-qd-ctn-2018"]


def _first_page(render: ModuleType, name: str, tmp_path: Path, dpi: int = 300) -> Image.Image:
    text = (ROOT / "corpus" / f"{name}.txt").read_text("utf-8")
    render.render_pdf(text, tmp_path / f"{name}.pdf")
    doc = pdfium.PdfDocument(str(tmp_path / f"{name}.pdf"))
    image: Image.Image = doc[0].render(scale=dpi / 72).to_pil()
    return image


def _gold(name: str) -> dict[str, str]:
    meta: dict[str, str] = json.loads((ROOT / "corpus" / f"{name}.gold.json").read_text())[
        "metadata"
    ]
    return meta


def test_tesseract_with_vietnamese_is_installed() -> None:
    assert tesseract_binary("check")


@pytest.mark.parametrize("name", HANDFUL)
def test_degraded_page_image_reads_back_to_gold_metadata(
    render: ModuleType, tmp_path: Path, name: str
) -> None:
    image = degrade(_first_page(render, name, tmp_path), seed=len(name))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    doc = read_bytes(buffer.getvalue(), filename=f"{name}.png")
    assert doc.source.media_type == "image/png"
    assert doc.source.ocr
    assert doc.source.page_confidence is not None
    assert len(doc.source.page_confidence) == 1
    assert doc.source.page_confidence[0] > 70
    gold = _gold(name)
    check = header_matches(doc.text, gold["number"], gold["issued_date"])
    assert check.ok, (check, doc.text[:300])


def test_mixed_pdf_is_read_page_by_page(render: ModuleType, tmp_path: Path) -> None:
    from fpdf import FPDF

    name = HANDFUL[0]
    scan = tmp_path / "scan.png"
    _first_page(render, name, tmp_path, dpi=200).convert("L").save(scan)
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(render.FONT))
    pdf.set_font("dejavu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Trang có lớp chữ: Sở Nội vụ tỉnh Hà Tĩnh báo cáo kết quả công tác.")
    pdf.add_page()
    pdf.image(str(scan), x=0, y=0, w=210, h=297)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(bytes(pdf.output()))
    doc = read_path(path)
    assert doc.source.ocr
    assert doc.source.pages == 2
    assert doc.source.page_confidence is not None
    assert doc.source.page_confidence[0] == 100.0
    assert doc.source.page_confidence[1] > 70
    assert doc.source.warnings[0] == "page 2 has no text layer; OCR used"
    assert doc.text.startswith("Trang có lớp chữ: Sở Nội vụ")
    assert "VĂN PHÒNG CHÍNH PHỦ" in doc.text[doc.page_starts[1] :]


def test_image_without_text_is_an_error_not_an_empty_record() -> None:
    buffer = io.BytesIO()
    Image.new("L", (800, 1000), 255).save(buffer, format="PNG")
    with pytest.raises(IngestError, match="OCR found no text"):
        read_bytes(buffer.getvalue(), filename="trang-trang.png")


def test_missing_tesseract_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    buffer = io.BytesIO()
    Image.new("L", (100, 100), 255).save(buffer, format="PNG")
    with pytest.raises(IngestError, match=r"apt-get install tesseract-ocr tesseract-ocr-vie"):
        read_bytes(buffer.getvalue(), filename="anh.png")


def _repair_cases() -> list[tuple[str, str]]:
    rows = (DATA / "ocr_repair_cases.tsv").read_text("utf-8").splitlines()
    return [
        (cols[0], cols[1])
        for cols in (row.split("\t") for row in rows if row and not row.startswith("#"))
    ]


@pytest.mark.parametrize(("ocr", "repaired"), _repair_cases())
def test_ocr_repairs(ocr: str, repaired: str) -> None:
    assert repair_ocr_text(ocr) == repaired


@pytest.mark.parametrize("angle", [-2.5, -0.8, 1.2, 3.0])
def test_deskew_finds_the_rotation(render: ModuleType, tmp_path: Path, angle: float) -> None:
    page = _first_page(render, HANDFUL[1], tmp_path, dpi=150).convert("L")
    rotated = page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    assert skew_angle(rotated) == pytest.approx(-angle, abs=0.35)


def test_red_seal_is_removed_and_text_kept() -> None:
    image = Image.new("RGB", (200, 100), (255, 255, 255))
    pixels = np.asarray(image).copy()
    pixels[10:30, 10:190] = (210, 30, 40)  # seal red
    pixels[50:60, 10:190] = (20, 20, 20)  # black text
    pixels[70:80, 10:190] = (30, 40, 160)  # blue ink (handwritten numbers) stays
    cleaned = np.asarray(remove_red(Image.fromarray(pixels)))
    assert (cleaned[10:30, 10:190] == 255).all()
    assert (cleaned[50:60, 10:190] == 20).all()
    assert (cleaned[70:80, 10:190] == pixels[70:80, 10:190]).all()
    binary = np.asarray(prepare(Image.fromarray(pixels)).convert("L"))
    assert binary[20, 100] == 255
    assert binary[55, 100] == 0


def test_tsv_lines_keep_lines_paragraphs_and_confidence() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t10\t10\t30\t20\t90\tSố:",
        "5\t1\t1\t1\t1\t2\t50\t12\t80\t20\t60\t63/TB-VPCP",
        "5\t1\t1\t1\t2\t1\t10\t40\t40\t20\t80\tHà",
        "5\t1\t2\t1\t1\t1\t10\t90\t40\t20\t-1\t ",
        "5\t1\t2\t1\t1\t2\t10\t90\t40\t20\t70\tNội",
    ]
    lines = tsv_lines("\n".join([header, *rows]))
    assert [line.text for line in lines] == ["Số: 63/TB-VPCP", "Hà", "Nội"]
    assert [line.new_paragraph for line in lines] == [False, False, True]
    assert lines[0].box == (10, 10, 130, 32)
    assert lines[0].confidence == pytest.approx((90 * 3 + 60 * 10) / 13)


def test_degrade_is_seeded() -> None:
    image = Image.new("RGB", (300, 400), (255, 255, 255))
    first = np.asarray(degrade(image, 7))
    assert (first == np.asarray(degrade(image, 7))).all()
    assert not (first == np.asarray(degrade(image, 8))).all()
