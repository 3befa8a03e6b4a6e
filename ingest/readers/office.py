"""Word 97-2003 (.doc), RTF and OpenDocument text (.odt) through LibreOffice.

LibreOffice (``soffice --headless --convert-to docx``) turns the file into a .docx, which
the .docx reader then reads: same layout handling, same tables, same legacy-font repair
(fonts such as ".VnTime" survive the conversion). Each process keeps its own LibreOffice
profile folder, so that conversions in parallel worker processes do not collide.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

from ingest.errors import IngestError
from ingest.readers.base import Extracted, Reader
from ingest.readers.docx import DocxReader

INSTALL_HINT = (
    "install LibreOffice with `apt-get install libreoffice-writer-nogui` (Debian/Ubuntu), "
    "or save the file as .docx or PDF"
)
_KINDS = {
    "application/msword": (".doc", "legacy Word .doc file"),
    "application/rtf": (".rtf", "RTF document"),
    "application/vnd.oasis.opendocument.text": (".odt", "OpenDocument text (.odt)"),
}
_BY_EXTENSION = {suffix.lstrip("."): media for media, (suffix, _) in _KINDS.items()}
_TIMEOUT_S = 180


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile() -> Path:
    """This process's (and thread's) LibreOffice profile folder."""
    name = f"vanban-libreoffice-{os.getpid()}-{threading.get_ident()}"
    return Path(tempfile.gettempdir()) / name


def convert_to_docx(data: bytes, *, suffix: str, what: str, filename: str) -> bytes:
    """The file converted to .docx by LibreOffice; ``IngestError`` when it cannot be."""
    binary = soffice_binary()
    if binary is None:
        raise IngestError(filename, f"reading a {what} needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="vanban-office-") as tmp:
        source = Path(tmp) / f"document{suffix}"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={_profile().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(Path(tmp) / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, check=False, timeout=_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise IngestError(filename, f"LibreOffice took too long on the {what}") from exc
        result = Path(tmp) / "out" / "document.docx"
        if done.returncode != 0 or not result.is_file():
            lines = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit status {done.returncode}"
            raise IngestError(
                filename, f"cannot read the {what}: LibreOffice could not convert it ({reason})"
            )
        return result.read_bytes()


class OfficeReader(Reader):
    MEDIA_TYPES: ClassVar[frozenset[str]] = frozenset(_KINDS)
    EXTENSIONS: ClassVar[frozenset[str]] = frozenset(_BY_EXTENSION)
    SCORE: ClassVar[int] = 10

    def read(self, data: bytes, *, filename: str) -> Extracted:
        from ingest.sniff import sniff

        media_type = sniff(data, filename)
        suffix, what = _KINDS.get(media_type, (".doc", "legacy Word .doc file"))
        docx = convert_to_docx(data, suffix=suffix, what=what, filename=filename)
        try:
            return DocxReader().read(docx, filename=filename)
        except IngestError as exc:
            raise IngestError(filename, f"cannot read the {what} ({exc.reason})") from exc
