"""Word 97-2003 .doc, .rtf and .odt through LibreOffice (apt: libreoffice-writer-nogui):
the same text and tables as the .docx they were saved from. Without LibreOffice these
tests fail, and reading such a file is a clear error that says how to install it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.read import read_path

QD = "quyet_dinh-210-qd-ubnd-2026"
MEDIA = {
    "doc": "application/msword",
    "rtf": "application/rtf",
    "odt": "application/vnd.oasis.opendocument.text",
}


@pytest.fixture(scope="module")
def office_files(
    tmp_path_factory: pytest.TempPathFactory, fixtures: dict[str, Path]
) -> dict[str, Path]:
    binary = shutil.which("soffice")
    assert binary, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    out = tmp_path_factory.mktemp("office")
    source = out / f"{QD}.docx"
    shutil.copy(fixtures[f"{QD}.docx"], source)
    profile = (out / "profile").as_uri()
    for ext in MEDIA:
        subprocess.run(
            [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", ext,
             "--outdir", str(out), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    return {ext: out / f"{QD}.{ext}" for ext in MEDIA}


@pytest.mark.parametrize("ext", sorted(MEDIA))
def test_office_file_reads_like_its_docx(
    office_files: dict[str, Path], fixtures: dict[str, Path], ext: str
) -> None:
    expected = read_path(fixtures[f"{QD}.docx"])
    doc = read_path(office_files[ext])
    assert doc.source.media_type == MEDIA[ext]
    if ext == "doc":  # the .doc round trip loses one line break in the signature table
        assert "".join(doc.text.split()) == "".join(expected.text.split())
    else:
        assert doc.text == expected.text
    assert [t.rows for t in doc.tables] == [t.rows for t in expected.tables]
    assert doc.tables


def test_without_libreoffice_the_error_says_how_to_install(
    office_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(IngestError, match="apt-get install libreoffice-writer-nogui"):
        read_path(office_files["rtf"])


def test_damaged_doc_is_a_clear_error(fixtures: dict[str, Path]) -> None:
    with pytest.raises(IngestError, match=r"legacy Word \.doc file"):
        read_path(fixtures["legacy.doc"])
