"""Fixture files for the reader tests, generated once per session into a temporary folder:
PDF and DOCX rendered by corpus/render.py from tests/fixtures/docs, HTML pages, text in
several encodings, and damaged or unsupported files."""

from __future__ import annotations

import importlib.util
import io
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "tests" / "fixtures" / "docs"
HEAD = "CÔNG BÁO/Số 77/Ngày 03-04-2026"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def load_render() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_render", ROOT / "corpus" / "render.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 the way Vietnamese Windows wrote it: base letter, then a combining tone."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def doc_text(name: str) -> str:
    return (DOCS / f"{name}.txt").read_text("utf-8")


TB = "thong_bao-45-tb-ubnd-2026"
QD = "quyet_dinh-210-qd-ubnd-2026"
CT = "chi_thi-07-ct-bnnmt-2026"

HTML_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title>
<style>p {{ color: red }}</style><script>var menu = "Trang chủ";</script></head>
<body>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÀ TĨNH</div></header>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/vb">Văn bản</a></li></ul></nav>
<div class="layout">
<aside><h3>Tin mới</h3><p>Hội nghị tổng kết năm 2025 của ngành nội vụ đã diễn ra.</p></aside>
<article>
{body}
</article>
</div>
<footer><p>Bản quyền thuộc Ủy ban nhân dân tỉnh Hà Tĩnh</p></footer>
</body></html>
"""


def _html(text: str) -> str:
    parts = []
    rows: list[str] = []
    for line in text.rstrip("\n").split("\n"):
        if " | " in line:
            cells = "".join(f"<td>{c}</td>" for c in line.split(" | "))
            rows.append(f"<tr>{cells}</tr>")
            continue
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
            rows = []
        if line.strip():
            parts.append(f"<p>{line}</p>")
    if rows:
        parts.append("<table>" + "".join(rows) + "</table>")
    return HTML_PAGE.format(body="\n".join(parts))


def _blank_pdf(pages: int, text_on: set[int]) -> bytes:
    """A PDF whose pages carry text only where listed (others hold a drawing only)."""
    from fpdf import FPDF

    render = load_render()
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(render.FONT))
    pdf.set_font("dejavu", size=11)
    for page in range(pages):
        pdf.add_page()
        pdf.rect(30, 30, 100, 60, style="F")
        if page in text_on:
            pdf.multi_cell(0, 6, f"Trang có chữ số {page + 1}: Sở Nội vụ tỉnh Hà Tĩnh")
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    render = load_render()
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(render.FONT))
    pdf.set_font("dejavu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Tài liệu mật của Sở Nội vụ")
    pdf.set_encryption(
        owner_password="chu", user_password="khach", encryption_method=EncryptionMethod.RC4
    )
    return bytes(pdf.output())


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buf.getvalue()


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Name -> path of every generated fixture file."""
    out = tmp_path_factory.mktemp("ingest-fixtures")
    render = load_render()
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        files[name] = out / name
        files[name].write_bytes(data)

    for name in (TB, QD, CT):
        text = doc_text(name)
        render.render_docx(text, out / f"{name}.docx")
        render.render_pdf(text, out / f"{name}.pdf")
        files[f"{name}.docx"] = out / f"{name}.docx"
        files[f"{name}.pdf"] = out / f"{name}.pdf"
        put(f"{name}.html", _html(text).encode("utf-8"))
    render.render_pdf(doc_text(CT), out / "congbao.pdf", running_head=HEAD)
    files["congbao.pdf"] = out / "congbao.pdf"

    tb = doc_text(TB)
    put("utf-8.txt", tb.encode("utf-8"))
    put("utf-8-sig.txt", b"\xef\xbb\xbf" + tb.encode("utf-8"))
    put("utf-16-bom.txt", tb.encode("utf-16"))
    put("utf-16-le.txt", tb.encode("utf-16-le"))
    put("utf-16-be.txt", tb.encode("utf-16-be"))
    put("cp1258.txt", encode_cp1258(tb))
    put("cp1258-crlf.txt", encode_cp1258(tb.replace("\n", "\r\n")))
    put("latin1-junk.txt", tb.encode("utf-8")[:400] + b"\x81\x8d\x90 gi\xe1 tr\xf0" + b"\n")

    pdf = files[f"{QD}.pdf"].read_bytes()
    docx = files[f"{QD}.docx"].read_bytes()
    put("pdf-named.txt", pdf)
    put("docx-named.pdf", docx)
    put("html-named.txt", files[f"{TB}.html"].read_bytes())
    put("text-named.docx", tb.encode("utf-8"))
    put("one-blank-page.pdf", _blank_pdf(3, {0, 2}))
    put("scan.pdf", _blank_pdf(2, set()))
    put("encrypted.pdf", _encrypted_pdf())
    put("truncated.pdf", pdf[: len(pdf) // 2])
    put("truncated.docx", docx[: len(docx) // 2])
    put("broken-xml.docx", _zip({"[Content_Types].xml": "<Types", "word/document.xml": "<w:"}))
    # A password-protected DOCX is an OLE compound file holding an "EncryptedPackage"
    # stream; the header and that directory name are what identify it.
    put(
        "password.docx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le"),
    )
    put(
        "legacy.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le"),
    )
    put("image.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    put("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(64))
    put("archive.zip", _zip({"ghi-chu.txt": "Sở Nội vụ"}))
    put("sheet.xlsx", _zip({"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}))
    put("program.exe", b"MZ\x90\x00" + bytes(64))
    put("binary.dat", bytes(range(256)) * 4)
    put("empty.txt", b"")
    put("blank.txt", b" \n\n \t\n")
    return files


@pytest.fixture(scope="session")
def source_text() -> Callable[[str], str]:
    return doc_text


@pytest.fixture(scope="session")
def render() -> ModuleType:
    """corpus/render.py, loaded as a module."""
    return load_render()


@pytest.fixture(scope="session")
def running_head() -> str:
    return HEAD
