"""Walking folders: sorted, recursive, hidden files and gold annotations skipped."""

from __future__ import annotations

from pathlib import Path

from ingest.walk import iter_files


def test_iter_files(tmp_path: Path) -> None:
    for name in ("b.pdf", "a.txt", "a.gold.json", ".hidden.txt", "sub/c.docx", ".git/x.txt",
                 "sub/deeper/d.html", "sub/e.gold.json", "render.py", "__pycache__/r.txt"):  # fmt: skip
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a.txt", "b.pdf", "sub/c.docx", "sub/deeper/d.html"]


def test_files_named_directly_are_kept(tmp_path: Path) -> None:
    named = tmp_path / "z.gold.json"
    named.write_text("{}")
    assert list(iter_files([named])) == [named]
