"""Similar documents and precedents over real corpus documents."""

from __future__ import annotations

from search_api.semantic.precedents import precedents, similar
from search_api.semantic.search import SemanticSearch


def test_similar_excludes_the_document_and_ranks_by_score(semantic: SemanticSearch,
                                                          stems: dict[str, str]) -> None:
    record = semantic.store.get(stems["quyet_dinh-1587-qd-ubnd-2023"])
    assert record is not None
    found = similar(semantic, record, limit=4)
    assert len(found) == 4
    assert record.id not in {r.id for r in found}
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    award_decisions = {stems[s] for s in stems if s.startswith("quyet_dinh")}
    assert found[0].id in award_decisions  # another award decision is nearest


def test_award_precedents_are_earlier_with_the_same_award_form(semantic: SemanticSearch,
                                                               stems: dict[str, str]) -> None:
    record = semantic.store.get(stems["quyet_dinh-1587-qd-ubnd-2023"])  # Bằng khen, 2023
    assert record is not None
    found = precedents(semantic, record, limit=10)
    assert found.kind == "award"
    ids = {r.id for r in found.earlier}
    # 2745/QĐ-BTC (2021) gives Cờ thi đua and Bằng khen; 2210/QĐ-UBND (2025) is later
    assert ids == {stems["quyet_dinh-1425-qd-ttg-2019"], stems["quyet_dinh-4120-qd-bca-2020"],
                   stems["quyet_dinh-2745-qd-btc-2021"]}
    for related in found.earlier:
        assert related.metadata["issued_date"] < "2023-06-12"
        assert "same award form: bang_khen" in related.why


def test_the_earliest_award_decision_has_no_precedent(semantic: SemanticSearch,
                                                      stems: dict[str, str]) -> None:
    record = semantic.store.get(stems["quyet_dinh-1425-qd-ttg-2019"])
    assert record is not None
    assert precedents(semantic, record).earlier == []


def test_directive_precedents_are_earlier_documents(semantic: SemanticSearch,
                                                    stems: dict[str, str]) -> None:
    record = semantic.store.get(stems["chi_thi-17-ct-ttg-2023"])
    assert record is not None
    found = precedents(semantic, record, limit=3)
    assert found.kind == "subject"
    assert len(found.earlier) == 3
    assert all(r.metadata["issued_date"] < "2023-06-26" for r in found.earlier)
    assert record.id not in {r.id for r in found.earlier}


def test_citation_neighbours_both_ways(semantic: SemanticSearch, stems: dict[str, str]) -> None:
    decision = semantic.store.get(stems["quyet_dinh-2210-qd-ubnd-2025"])
    invitation = semantic.store.get(stems["giay_moi-27-gm-ubnd-2025"])
    assert decision is not None
    assert invitation is not None
    cited_by = precedents(semantic, decision).neighbours
    assert [r.id for r in cited_by] == [invitation.id]
    assert cited_by[0].why[0].startswith("cites this document")
    cites = precedents(semantic, invitation).neighbours
    assert [r.id for r in cites] == [decision.id]
    assert cites[0].why[0].startswith("cited by this document (2210/QĐ-UBND")
    assert precedents(semantic, invitation).to_dict()["neighbours"][0]["id"] == decision.id
