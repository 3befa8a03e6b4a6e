"""Store benchmark: indexing documents/s (store only) and search latency p50/p99.

    .venv/bin/python bench/search.py [--sizes 10000 100000] [--queries 1000] [--dir DIR]

Documents are ~3,000 characters cut from the Công báo bulk file and ``corpus/*.txt``, mixed
(one slice from a source, a shorter one from another) and given varied numbers, types,
issuers, signers and dates so that they differ. Analysis runs once per source text and is
not timed; the indexing figure is ``Store.put_many`` alone. Queries are a fixed mix of
two-to-four word queries (with and without diacritics), document numbers typed loosely,
filters and facets, all with highlights, through ``Store.search``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from nlp.normalize import normalize_text
from nlp.pipeline import analyze
from nlp.record import Award, AwardRecipient, Metadata, ParsedDocument, Record, Signer, SourceInfo
from search_api.store import SearchQuery, Store, open_store

DOC_CHARS = 3000
CODES = ["TB-VPCP", "QĐ-TTg", "CT-TTg", "KH-UBND", "BC-BNV", "NQ-CP", "CV-BTC", "TT-BNV"]
TYPES = ["thong_bao", "quyet_dinh", "chi_thi", "ke_hoach", "bao_cao", "nghi_quyet", "cong_van", "thong_tu"]
ISSUERS = [f"{kind} {place}" for kind in ("Ủy ban nhân dân tỉnh", "Sở Nội vụ tỉnh")
           for place in ("Hà Giang", "Hoà Bình", "Nghệ An", "Đồng Tháp", "Lâm Đồng", "Cà Mau")]
ISSUERS += ["Văn phòng Chính phủ", "Bộ Nội vụ", "Bộ Tài chính", "Thủ tướng Chính phủ"]
SIGNERS = [f"{a} {b} {c}" for a in ("Nguyễn", "Trần", "Lê", "Phạm") for b in ("Văn", "Thị")
           for c in ("An", "Bình", "Hòa", "Dũng", "Thủy")]
WORD_QUERIES = [
    "thi đua khen thưởng", "thi dua khen thuong", "bảo hiểm xã hội", "bao hiem xa hoi y te",
    "cải cách hành chính", "cai cach thu tuc hanh chinh", "an toàn giao thông", "phòng cháy chữa cháy",
    "người lao động", "ngân sách nhà nước", "quy hoạch sử dụng đất", "hoà nhập cộng đồng",
    "thuỷ lợi", "đất đai", "giáo dục đào tạo", "chuyen doi so", "trách nhiệm cơ quan",
    "hợp đồng lao động", "thuế thu nhập", "nghĩa vụ quân sự", "doanh nghiệp nhà nước",
    "bảo vệ môi trường", "xu ly vi pham hanh chinh", "cán bộ công chức viên chức",
]


def _sources(bulk: Path, corpus: Path) -> list[str]:
    texts = []
    if bulk.exists():
        with bulk.open(encoding="utf-8") as handle:
            texts += [normalize_text(json.loads(line)["full_text"]) for line in handle]
    texts += [normalize_text(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    return [t for t in texts if len(t) >= 1000]


def _analysed(texts: list[str]) -> list[Record]:
    """One analysed record per source (its first DOC_CHARS characters)."""
    records = []
    for i, text in enumerate(texts):
        doc = ParsedDocument(text[:DOC_CHARS], SourceInfo(f"source-{i}.txt"))
        try:
            records.append(analyze(doc))
        except Exception:  # the analysis is others' work in progress; the bench is about the store
            records.append(Record(id=str(i), source=doc.source, text=doc.text, metadata=Metadata()))
    return records


def _documents(sources: list[str], bases: list[Record], count: int, seed: int) -> Iterator[Record]:
    rng = random.Random(seed)
    for i in range(count):
        s, other = i % len(sources), rng.randrange(len(sources))
        main, extra = sources[s], sources[other]
        start = rng.randrange(max(1, len(main) - 2500))
        cut = rng.randrange(max(1, len(extra) - 500))
        number = f"{i % 5000 + 1}/{rng.randrange(2015, 2025)}/{CODES[i % len(CODES)]}"
        text = f"Số: {number}\n{main[start:start + 2500]}\n{extra[cut:cut + 500]}"
        base = bases[s]
        meta = replace(
            base.metadata, number=number, doc_type=TYPES[i % len(TYPES)],
            issuer=ISSUERS[rng.randrange(len(ISSUERS))],
            issued_date=f"{rng.randrange(2010, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            signers=[Signer(SIGNERS[rng.randrange(len(SIGNERS))], "Chủ tịch")],
        )
        awards = base.awards
        if i % 10 == 0:
            awards = [Award(AwardRecipient(SIGNERS[i % len(SIGNERS)], "person"), "Bằng khen",
                            "bang_khen", None, None, 0, 0)]
        yield replace(base, id=hashlib.sha256(f"{i}:{text}".encode()).hexdigest()[:24],
                      text=text, metadata=meta, awards=awards)


def _queries(seed: int, count: int) -> list[tuple[str, SearchQuery]]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = rng.choice(WORD_QUERIES)
        facets = () if i % 2 else ("doc_type", "issuer", "signer", "year", "award_kind")
        kind = i % 8
        if kind == 0:
            q = ("number", SearchQuery(text=f"{rng.randrange(1, 5000)}/{rng.randrange(2015, 2025)}/{rng.choice(CODES)}"))
        elif kind == 1:
            q = ("loose number", SearchQuery(text=f"so {rng.randrange(1, 5000)} {rng.choice(CODES).split('-')[0].lower()}"))
        elif kind == 2:
            q = ("words+type", SearchQuery(text=words, doc_type=rng.choice(TYPES)))
        elif kind == 3:
            y = rng.randrange(2010, 2024)
            q = ("words+dates", SearchQuery(text=words, date_from=f"{y}-01-01", date_to=f"{y + 1}-06-30"))
        elif kind == 4:
            q = ("issuer only, date order", SearchQuery(issuer=rng.choice(ISSUERS)))
        elif kind == 5:
            q = ("words+signer", SearchQuery(text=words, signer=rng.choice(SIGNERS)))
        else:
            q = ("words", SearchQuery(text=words))
        out.append((q[0], replace(q[1], facets=facets)))
    return out


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered):6.2f} ms  p99 {p99:6.2f} ms  (n={len(ordered)})"


def bench(size: int, sources: list[str], bases: list[Record], workdir: Path, queries: int) -> None:
    url = f"sqlite:///{workdir / f'bench-{size}.db'}"
    store: Store = open_store(url)
    batch: list[tuple[Record, str | None, str | None]] = []
    elapsed = 0.0
    for record in _documents(sources, bases, size, seed=size):
        batch.append((record, None, None))
        if len(batch) == 1000:
            t0 = time.perf_counter()
            store.put_many(batch)
            elapsed += time.perf_counter() - t0
            batch = []
    if batch:
        t0 = time.perf_counter()
        store.put_many(batch)
        elapsed += time.perf_counter() - t0
    disk = sum(f.stat().st_size for f in workdir.rglob("*") if f.is_file()) / 1e6
    print(f"[{size:>7} docs] indexing: {size / elapsed:8.0f} documents/s "
          f"({elapsed:.1f} s, store only; {disk:.0f} MB on disk)", flush=True)

    mix = _queries(seed=7, count=queries)
    for _, query in mix[:50]:  # warm-up
        store.search(query)
    times: dict[str, list[float]] = {}
    hits = 0
    for name, query in mix:
        t0 = time.perf_counter()
        result = store.search(query)
        times.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
        hits += bool(result.hits)
    everything = [t for values in times.values() for t in values]
    print(f"[{size:>7} docs] search (all, highlights on): {_percentiles(everything)}; "
          f"{hits}/{len(mix)} queries with hits")
    for name, values in sorted(times.items()):
        print(f"    {name:<26} {_percentiles(values)}")
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=1000)
    real = os.environ.get("VANBAN_REAL_CORPUS", str(Path(__file__).resolve().parents[2] / "shared" / "corpus-real"))
    parser.add_argument("--bulk", type=Path, default=Path(real) / "bulk" / "congbao_phapluat_8chude.jsonl")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "corpus")
    parser.add_argument("--dir", type=Path, default=None, help="where stores are built (a temp dir)")
    args = parser.parse_args()
    sources = _sources(args.bulk, args.corpus)
    if not sources:
        print("no source texts found (--bulk, --corpus)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    bases = _analysed(sources)
    print(f"{len(sources)} source texts analysed once in {time.perf_counter() - t0:.1f} s (not timed below)")
    for size in args.sizes:
        workdir = Path(tempfile.mkdtemp(prefix="vanban-bench-", dir=args.dir))
        try:
            bench(size, sources, bases, workdir, args.queries)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
