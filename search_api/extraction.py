"""Read and analyse files one by one; a file that fails yields an error entry, never a crash."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.read import read_path
from nlp.pipeline import analyze
from nlp.record import Record

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Failure:
    """A file that could not be read or analysed."""

    path: Path
    error: str
    sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": {"filename": str(self.path), "sha256": self.sha256},
            "error": self.error,
        }


def extract_file(path: Path) -> Record | Failure:
    """Read and analyse one file; every failure becomes a ``Failure`` naming the reason."""
    try:
        return analyze(read_path(path))
    except IngestError as exc:
        return Failure(path, exc.reason, _sha256(path))
    except Exception as exc:  # a bug in an extractor must not stop a batch
        log.exception("analysis failed for %s", path)
        return Failure(path, f"internal error: {type(exc).__name__}: {exc}", _sha256(path))


def extract_files(paths: Iterable[Path]) -> Iterator[Record | Failure]:
    """Records (or failures) for the given files, in input order."""
    for path in paths:
        yield extract_file(path)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus the documents inside the folders named (recursively, sorted)."""
    from ingest.walk import iter_files

    return list(iter_files(paths))


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
