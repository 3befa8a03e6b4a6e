"""Throughput of ``extract_entities`` (characters/second, one core) over the bulk corpus.

    .venv/bin/python bench/entities.py [--bulk FILE] [--limit N] [--with-citations]

The bulk file defaults to ``$VANBAN_REAL_CORPUS/bulk/congbao_phapluat_8chude.jsonl``
(field ``full_text``). ``--with-citations`` passes precomputed citations, as ``analyze``
can; the time to compute them is then left out.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from nlp.citations import extract_citations
from nlp.entities import extract_entities
from nlp.normalize import normalize_text


def load_bulk(path: Path, limit: int) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("full_text"):
                texts.append(normalize_text(row["full_text"]))
            if limit and len(texts) >= limit:
                break
    return texts


def main() -> None:
    default = Path(os.environ.get("VANBAN_REAL_CORPUS", "/work/shared/corpus-real"))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bulk", type=Path, default=default / "bulk/congbao_phapluat_8chude.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="first N documents (0: all)")
    parser.add_argument("--with-citations", action="store_true")
    args = parser.parse_args()
    texts = load_bulk(args.bulk, args.limit)
    extract_entities("Bộ Nội vụ.")  # build the pipeline outside the timing
    cites = [extract_citations(t) for t in texts] if args.with_citations else None
    total = sum(len(t) for t in texts)
    count = 0
    start = time.perf_counter()
    for i, text in enumerate(texts):
        count += len(extract_entities(text, citations=cites[i] if cites else None))
    elapsed = time.perf_counter() - start
    print(
        f"entities: {len(texts)} documents, {total} chars, {count} entities, "
        f"{elapsed:.1f} s, {total / elapsed:,.0f} chars/s"
    )


if __name__ == "__main__":
    main()
