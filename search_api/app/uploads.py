"""Uploads: saved under the store's folder by content hash, then indexed like any file.

The client's file name is never used as a path: only its extension is kept (when it is a
short run of letters and digits), and the readers sniff the bytes anyway. A download serves
only a file the store read the document from, with the same bytes (``served_file``).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from nlp.record import Record
from search_api.auth.roles import MARKS
from search_api.extraction import Failure, extract_file
from search_api.indexer import file_sha256, index_paths
from search_api.store import Store, store_folder
from search_api.store.base import clearance_rank

_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}")
_CHUNK = 1 << 20


class UploadTooLargeError(ValueError):
    """The upload is over the size limit."""


@dataclass(frozen=True, slots=True)
class Saved:
    path: Path
    sha256: str


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Literal["stored", "skipped", "failed"]
    """``stored``, ``skipped`` (the same file was stored before) or ``failed``."""
    doc_id: str | None
    reason: str | None
    sha256: str


def upload_dir_for(store_url: str) -> Path | None:
    """``<db folder>/files`` for a file store; None for one without a folder (":memory:")."""
    folder = store_folder(store_url)
    return None if folder is None else folder / "files"


def safe_extension(filename: str | None) -> str:
    """``"Quyết định.PDF"`` -> ``".pdf"``; anything odd -> ``""``."""
    suffix = Path(filename or "").suffix.lower()
    return suffix if _EXTENSION.fullmatch(suffix) else ""


def save_upload(source: BinaryIO, folder: Path, *, filename: str | None, max_bytes: int) -> Saved:
    """Copy ``source`` to ``folder/<sha256><ext>``; ``UploadTooLargeError`` past ``max_bytes``."""
    folder.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    handle, tmp_name = tempfile.mkstemp(dir=folder, prefix=".upload-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := source.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadTooLargeError(f"file larger than {max_bytes // (1 << 20)} MB")
                digest.update(chunk)
                out.write(chunk)
        final = folder / (digest.hexdigest() + safe_extension(filename))
        tmp.replace(final)
    finally:
        tmp.unlink(missing_ok=True)
    return Saved(final, digest.hexdigest())


def ingest_saved(saved: Saved, store: Store, *, mark: int = 0) -> Outcome:
    """Index one saved upload and say what became of it; ``mark`` (a clearance rank) raises
    the confidentiality found in the text, never lowers it."""
    analysed: list[Record | Failure] = []

    def analyse(path: Path) -> Record | Failure:
        outcome = extract_file(path)
        if isinstance(outcome, Record) and mark > clearance_rank(outcome.metadata.confidentiality):
            outcome.metadata.confidentiality = MARKS[mark]
        analysed.append(outcome)
        return outcome

    report = index_paths([saved.path], store, workers=1, analyze_file=analyse)
    if report.failed:
        return Outcome("failed", None, report.failures[0].error, saved.sha256)
    if report.stored and analysed and isinstance(analysed[0], Record):
        return Outcome("stored", analysed[0].id, None, saved.sha256)
    earlier = {f.path: f.error for f in store.failures()}.get(str(saved.path.resolve()))
    if earlier is not None:
        return Outcome("failed", None, earlier, saved.sha256)
    # stored before from the same bytes: its id is the hash of its content, read again here
    again = extract_file(saved.path)
    if isinstance(again, Failure):
        return Outcome("failed", None, again.error, saved.sha256)
    return Outcome("skipped", again.id, "the same file was stored before", saved.sha256)


def served_file(record: Record, store: Store, upload_dir: Path) -> Path | None:
    """The file ``record`` was read from, if it may be served: a file the store holds as a
    source (or an upload in its folder), still with the bytes the record was read from."""
    name = record.source.filename
    if not name or not Path(name).is_absolute():
        return None
    path = Path(name).resolve()
    if not path.is_file():
        return None
    known = store.known_sha256(str(path))
    if known is None and not path.is_relative_to(upload_dir.resolve()):
        return None
    expected = record.source.sha256 or known
    return path if expected is not None and file_sha256(path) == expected else None
