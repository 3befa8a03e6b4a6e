"""Walking the paths given on a command line: files as given, folders recursively."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

_SKIPPED_SUFFIXES = (".gold.json", ".py", ".pyc")
"""Gold annotations beside corpus documents, and code (``corpus/render.py``)."""
_SKIPPED_NAMES = frozenset({"__pycache__"})


def _skipped(path: Path) -> bool:
    name = path.name
    return name.startswith(".") or name.endswith(_SKIPPED_SUFFIXES) or name in _SKIPPED_NAMES


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the files under ``paths`` in sorted order, skipping hidden files and folders,
    ``*.gold.json`` annotations and Python code; a file named directly is yielded as given."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir(), key=lambda p: p.name):
        if _skipped(child):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child
