"""``vanban eval-search``: the query set, the metrics, and the acceptance bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_api.eval_search import (
    ALL,
    QuerySetError,
    evaluate_search,
    first_relevant_rank,
    load_queries,
    recall_at,
    render,
    run,
)
from search_api.semantic.search import SemanticSearch

ROOT = Path(__file__).resolve().parents[3]
QUERIES = ROOT / "corpus" / "queries.yaml"


def test_query_set_is_sound() -> None:
    queries = load_queries(QUERIES)
    assert len(queries) >= 40
    stems = {p.stem for p in (ROOT / "corpus").glob("*.txt")}
    for query in queries:
        assert query.relevant, query.id
        assert set(query.relevant) <= stems, query.id
        assert query.tags, query.id
        if "no_diacritics" in query.tags:
            assert query.text.isascii(), query.id
    tags = [t for q in queries for t in q.tags]
    assert tags.count("paraphrase") >= 20
    assert tags.count("no_diacritics") >= 10
    assert tags.count("rewording") >= 10


@pytest.mark.parametrize(("ranked", "relevant", "rank", "recall"), [
    (["a", "b", "c"], ["a"], 1, 1.0),
    (["a", "b", "c"], ["c", "x"], 3, 0.5),
    (["a", "b", "c"], ["x"], None, 0.0),
    ([str(i) for i in range(20)], ["12"], None, 0.0),  # beyond the cut-off
    ([str(i) for i in range(20)], ["9", "10"], 10, 0.5),
])
def test_metrics(ranked: list[str], relevant: list[str], rank: int | None,
                 recall: float) -> None:
    assert first_relevant_rank(ranked, relevant) == rank
    assert recall_at(ranked, relevant) == recall


@pytest.mark.parametrize(("text", "message"), [
    ("queries: 3", "'queries' list"),
    ("queries:\n  - {id: a, text: x}", "malformed query"),
    ("queries:\n  - {id: a, text: x, relevant: [d]}\n  - {id: a, text: y, relevant: [d]}",
     "ids repeat"),
])
def test_bad_query_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuerySetError, match=message):
        load_queries(path)


def test_evaluation_over_a_small_store(semantic: SemanticSearch, stems: dict[str, str],
                                       tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "queries:\n"
        "  - {id: q1, text: kiểm soát vệ sinh đồ ăn thức uống,"
        " relevant: [chi_thi-17-ct-ttg-2023], tags: [paraphrase]}\n"
        "  - {id: q2, text: an toan thuc pham, relevant: [chi_thi-17-ct-ttg-2023],"
        " tags: [no_diacritics]}\n", encoding="utf-8")
    result = evaluate_search(semantic, stems, load_queries(path))
    assert result.ranks[("semantic", "q1")] == 1
    assert result.ranks[("lexical", "q2")] == 1
    assert result.scores[("lexical", ALL)].queries == 2
    assert result.subsets() == [ALL, "no_diacritics", "paraphrase"]
    table = render(result)
    assert "hybrid MRR" in table
    assert "paraphrase" in table
    assert result.to_dict()["scores"]["semantic"]["paraphrase"]["mrr@10"] == 1.0
    missing = tmp_path / "missing.yaml"
    missing.write_text("queries:\n  - {id: q, text: x, relevant: [nope]}\n", encoding="utf-8")
    with pytest.raises(QuerySetError, match="not in the corpus: nope"):
        evaluate_search(semantic, stems, load_queries(missing))


@pytest.mark.slow
def test_acceptance_hybrid_beats_lexical() -> None:
    """The issue's bar: hybrid MRR@10 >= lexical overall, >= lexical + 0.10 on paraphrases."""
    result = run(ROOT / "corpus", QUERIES, modes=("lexical", "hybrid"))
    lexical, hybrid = (result.scores[(m, ALL)].mrr for m in ("lexical", "hybrid"))
    assert hybrid >= lexical
    paraphrase = [result.scores[(m, "paraphrase")].mrr for m in ("lexical", "hybrid")]
    assert paraphrase[1] >= paraphrase[0] + 0.10


def test_command_refuses_a_folder_without_queries(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from search_api.eval_search import add_command

    parser = argparse.ArgumentParser(prog="vanban")
    add_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["eval-search", str(tmp_path)])
    assert args.run(args) == 2
    assert "queries.yaml" in capsys.readouterr().err
