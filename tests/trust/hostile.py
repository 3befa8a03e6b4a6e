"""Hostile files, generated (nothing stored in the repository): ``hostile_files(folder)``
writes each and returns (name, what a correct outcome is).

Run as a script to write them into a folder: ``python -m tests.trust.hostile OUT_DIR``.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

SAMPLE = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
          "Số: 12/TB-UBND\nTHÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân tỉnh\n"
          "Giao Sở Tài chính chủ trì, hoàn thành trước ngày 30/6/2024.\n")
"""A tiny invented notice (not from a real document)."""


def _pdf(objects: list[bytes], *, trailer_extra: bytes = b"") -> bytes:
    """A PDF with these objects (numbered from 1) and a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()


def text_pdf(text: str = "Thong bao so 12/TB-UBND") -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def huge_page_tree_pdf(pages: int = 200_000) -> bytes:
    """One page object listed ``pages`` times in a flat page tree (a tiny file)."""
    kids = b" ".join([b"3 0 R"] * pages)
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])


def encrypted_pdf() -> bytes:
    """A PDF whose trailer names a (password) security handler."""
    body = text_pdf()
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <" + b"11" * 32 + b">"
        b" /U <" + b"22" * 32 + b"> >>",
    ], trailer_extra=b"/Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">] ") \
        if body else b""


def docx(document_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType='
                         '"application/xml"/><Override PartName="/word/document.xml" ContentType='
                         '"application/vnd.openxmlformats-officedocument.wordprocessingml.'
                         'document.main+xml"/></Types>')
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A DOCX holding 1 GB of zeros that compresses to about 1 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/bomb.bin", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(1024):
                member.write(block)
    return out.getvalue()


def nested_html(depth: int = 100_000) -> bytes:
    return (b"<html><body>" + b"<div>" * depth + SAMPLE.encode() + b"</div>" * depth
            + b"</body></html>")


def hostile_page_html() -> bytes:
    return ("<html><body><p>" + SAMPLE + "</p><p>&lt;script&gt;alert(1)&lt;/script&gt; "
            "<img src=x onerror=alert(2)> Sở Nội vụ thực hiện.</p>"
            "<script>alert(3)</script></body></html>").encode()


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    # name: (bytes, "error" (a clear IngestError) or "record")
    "zero.txt": (lambda: b"", "error"),
    "truncated.pdf": (lambda: text_pdf()[:300], "error"),
    "encrypted.pdf": (encrypted_pdf, "error"),
    "page-tree.pdf": (huge_page_tree_pdf, "error"),
    "bomb.docx": (zip_bomb_docx, "error"),
    "wrong-extension.pdf": (lambda: SAMPLE.encode(), "record"),
    "wrong-extension.docx": (text_pdf, "record"),
    "junk.bin": (lambda: bytes(range(256)) * 64, "error"),
    "junk.txt": (lambda: b"\x00\x01\x02\xff\xfe" * 4000, "error"),
    "big.txt": (lambda: (SAMPLE * 200_000).encode()[: 50 << 20], "error"),
    "nested.html": (nested_html, "error"),
    "nested-a-little.html": (lambda: nested_html(300), "record"),
    "invalid-utf8.txt": (lambda: SAMPLE.encode() + b"\xc3\x28\xa0\xa1\xe2\x28\xa1 h\xe1\xbb", "record"),
    "nfd.txt": (lambda: __import__("unicodedata").normalize("NFD", SAMPLE).encode(), "record"),
    "control.txt": (lambda: ("\x00\x07\x1b[31m" + SAMPLE + "\u202e\u200b\x7f\x9b").encode(), "record"),
    "script.html": (hostile_page_html, "record"),
    "script.txt": (lambda: (SAMPLE + "<script>alert(1)</script><b onmouseover=x>đậm</b>\n").encode(),
                   "record"),
    "good.txt": (lambda: SAMPLE.encode(), "record"),
}


def hostile_files(folder: Path) -> dict[str, str]:
    """Write every case into ``folder``; name -> "error" or "record"."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (make, _) in CASES.items():
        (folder / name).write_bytes(make())
    return {name: outcome for name, (_, outcome) in CASES.items()}


if __name__ == "__main__":
    for case, expected in hostile_files(Path(sys.argv[1])).items():
        print(f"{case}\t{expected}")
