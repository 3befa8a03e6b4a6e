"""Throughput of the analysis (characters/second, one core) and of PDF reading (pages/second).

    .venv/bin/python bench/extract.py [--bulk FILE] [--corpus DIR] [--pdf DIR] [--repeat N]

Figures are printed, one line each. The bulk file defaults to
``$VANBAN_REAL_CORPUS/bulk/congbao_phapluat_8chude.jsonl`` (414 Công báo documents, 29 M
characters) when that variable is set; the PDF folder to ``$VANBAN_REAL_CORPUS/pdf``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from nlp.awards import extract_awards
from nlp.citations import extract_citations
from nlp.entities import extract_entities
from nlp.metadata import extract_metadata
from nlp.normalize import normalize_text
from nlp.pipeline import analyze
from nlp.record import ParsedDocument, SourceInfo
from nlp.tasks import extract_tasks


def load_bulk(path: Path) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("full_text"):
                texts.append(normalize_text(row["full_text"]))
    return texts


def load_corpus(directory: Path) -> list[str]:
    return [normalize_text(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.txt"))]


def _stages() -> dict[str, Callable[[str], object]]:
    def whole(text: str) -> object:
        return analyze(ParsedDocument(text=text, source=SourceInfo(filename="bench")))

    return {
        "metadata": extract_metadata,
        "tasks": lambda text: extract_tasks(text, issued_date="2024-01-01"),
        "citations": extract_citations,
        "awards": extract_awards,
        "entities": extract_entities,
        "whole analysis": whole,
    }


def chars_per_second(texts: list[str], stage: Callable[[str], object], repeat: int) -> float:
    total = sum(len(t) for t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            stage(text)
    return total / (time.perf_counter() - start)


def pdf_pages_per_second(paths: list[Path]) -> tuple[int, float]:
    from ingest.errors import IngestError
    from ingest.read import read_path

    pages, seconds = 0, 0.0
    for path in paths:
        start = time.perf_counter()
        try:
            doc = read_path(path)
        except IngestError:
            continue
        if doc.source.ocr:  # a scan read by OCR: bench/ocr.py measures that
            continue
        seconds += time.perf_counter() - start
        pages += doc.source.pages or 0
    return pages, pages / seconds if seconds else 0.0


def main() -> int:
    real = os.environ.get("VANBAN_REAL_CORPUS")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bulk", type=Path,
                        default=Path(real, "bulk/congbao_phapluat_8chude.jsonl") if real else None)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--pdf", type=Path, default=Path(real, "pdf") if real else None)
    parser.add_argument("--repeat", type=int, default=1, help="passes over each text set")
    args = parser.parse_args()

    sets: dict[str, list[str]] = {}
    if args.bulk and args.bulk.exists():
        sets[f"bulk ({args.bulk.name})"] = load_bulk(args.bulk)
    if args.corpus.is_dir():
        sets[f"corpus ({args.corpus})"] = load_corpus(args.corpus)
    for name, texts in sets.items():
        size = sum(len(t) for t in texts)
        print(f"{name}: {len(texts)} documents, {size:,} characters")
        for stage_name, stage in _stages().items():
            rate = chars_per_second(texts, stage, args.repeat)
            print(f"  {stage_name:<15} {rate:>14,.0f} characters/second")
    if args.pdf and args.pdf.is_dir():
        pdfs = sorted(args.pdf.glob("*.pdf"))
        pages, rate = pdf_pages_per_second(pdfs)
        print(f"PDF text-layer reading ({args.pdf}): {pages} pages, {rate:,.1f} pages/second")
    if not sets:
        print("no text sets found (set VANBAN_REAL_CORPUS or pass --bulk/--corpus)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
