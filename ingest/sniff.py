"""What a file is, from its bytes first and its name second.

``sniff`` returns a media type that a reader accepts, or raises ``IngestError`` naming what
the file is when no reader handles it ("PNG image", "ZIP archive", "Windows executable").
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import PurePath

from ingest.errors import IngestError
from ingest.limits import check_zip
from ingest.textcodec import sniff_utf16

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
TEXT = "text/plain"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
DOC = "application/msword"
RTF = "application/rtf"
ODT = "application/vnd.oasis.opendocument.text"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")

# (magic bytes at offset 0, media type) for formats read by a reader.
_SUPPORTED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"{\\rtf", RTF),
)
# (magic bytes at offset 0, what the file is) for formats no reader handles.
_UNSUPPORTED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"MZ", "Windows executable"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly binary"),
)

_HTML_MARKERS = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_ZIP_KINDS = (
    ("xl/", "Excel workbook (.xlsx)"),
    ("ppt/", "PowerPoint presentation (.pptx)"),
    ("content.xml", "OpenDocument file"),
)


def _extension(filename: str) -> str:
    return PurePath(filename).suffix.lower().lstrip(".")


def _odf_mimetype(data: bytes) -> str:
    """The ``mimetype`` member of an OpenDocument package."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("mimetype").decode("ascii", errors="replace").strip()
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return ""


def _sniff_zip(data: bytes, filename: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        what = "DOCX" if _extension(filename) == "docx" else "ZIP"
        raise IngestError(filename, f"corrupt or truncated {what} file ({exc})") from exc
    check_zip(data, filename)
    if "word/document.xml" in names:
        return DOCX
    if "content.xml" in names and _odf_mimetype(data) == ODT:
        return ODT
    for prefix, what in _ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            raise IngestError(filename, f"unsupported file type: {what}")
    raise IngestError(filename, "unsupported file type: ZIP archive")


def _sniff_ole(data: bytes, filename: str) -> str:
    if _ENCRYPTED_PACKAGE in data:
        raise IngestError(filename, "password-protected (encrypted) Office document")
    if _WORD_STREAM in data:
        return DOC
    raise IngestError(filename, "unsupported file type: legacy Office (OLE) file")


def _peek_text(data: bytes) -> str | None:
    """The first few KB as text, or ``None`` when the bytes look binary."""
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("utf-8", errors="replace")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    codec = sniff_utf16(head)
    if codec is not None:
        return head[: len(head) // 2 * 2].decode(codec, errors="replace")
    control = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\f\x1b")
    if control * 20 > len(head):
        return None
    return head.decode("utf-8", errors="replace")


def sniff(data: bytes, filename: str) -> str:
    """The media type to read ``data`` as; raises ``IngestError`` for unsupported files.

    >>> sniff(b"%PDF-1.7 ...", "van-ban.txt")
    'application/pdf'
    """
    if not data.strip():
        raise IngestError(filename, "empty file")
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF-") or (b"%PDF-" in head and b" obj" in data[:8192]):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, filename)
    if data.startswith(_OLE):
        return _sniff_ole(data, filename)
    for magic, media_type in _SUPPORTED_MAGIC:
        if data.startswith(magic):
            return media_type
    for magic, what in _UNSUPPORTED_MAGIC:
        if data.startswith(magic):
            raise IngestError(filename, f"unsupported file type: {what}")
    text = _peek_text(data)
    if text is None:
        ext = _extension(filename)
        hint = f" (named .{ext}, but the content is not that)" if ext else ""
        raise IngestError(filename, f"unsupported file type: unrecognised binary data{hint}")
    if _HTML_MARKERS.match(text) or _extension(filename) in {"html", "htm", "xhtml"}:
        return HTML
    return TEXT
