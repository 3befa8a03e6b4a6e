"""What every store backend must do (run once per factory in conftest.py)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from nlp.record import Record
from search_api.store import SearchQuery, Store, TaskFilter

DATA = Path(__file__).parent / "data"


def _search_cases() -> list[tuple[str, str, str]]:
    with (DATA / "search_cases.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    return [(query, expected, why) for query, expected, why in rows]


def _ids(store: Store, **query: object) -> list[str]:
    return [hit.id for hit in store.search(SearchQuery(**query)).hits]  # type: ignore[arg-type]


# -- records -----------------------------------------------------------------------------


def test_put_get_round_trip(store: Store, records: dict[str, Record]) -> None:
    record = records["tb-thidua"]
    store.put(record, path="/docs/a.txt", sha256="aa")
    assert store.get(record.id) == record
    assert store.get("missing") is None
    assert store.count() == 1


def test_same_record_twice_is_stored_once(store: Store, records: dict[str, Record]) -> None:
    record = records["ct-34"]
    store.put(record, path="/docs/a.txt", sha256="aa")
    store.put(record, path="/docs/a.txt", sha256="aa")
    store.put(record, path="/docs/copy-of-a.txt", sha256="aa")
    assert store.count() == 1
    assert store.search(SearchQuery(text="doi moi")).total == 1


def test_changed_file_replaces_its_document(store: Store, records: dict[str, Record]) -> None:
    store.put(records["ct-34"], path="/docs/a.txt", sha256="v1")
    store.put(records["cv-thuyloi"], path="/docs/a.txt", sha256="v2")
    assert store.count() == 1
    assert store.get("ct-34") is None
    assert store.known_sha256("/docs/a.txt") == "v2"
    assert store.search(SearchQuery(text="đổi mới")).total == 0
    assert _ids(store, text="hồ đập") == ["cv-thuyloi"]


def test_document_shared_by_two_paths_survives_one_change(
    store: Store, records: dict[str, Record]
) -> None:
    store.put(records["ct-34"], path="/a.txt", sha256="v1")
    store.put(records["ct-34"], path="/b.txt", sha256="v1")
    store.put(records["cv-thuyloi"], path="/a.txt", sha256="v2")
    assert store.get("ct-34") is not None
    assert store.count() == 2


def test_delete(filled: Store) -> None:
    assert filled.delete("ct-34") is True
    assert filled.delete("ct-34") is False
    assert filled.get("ct-34") is None
    assert "ct-34" not in _ids(filled, text="đổi mới công tác thi đua", limit=50)
    assert filled.count() == 5


def test_known_sha256(filled: Store) -> None:
    assert filled.known_sha256("/docs/ct-34.txt") == "sha-ct-34"
    assert filled.known_sha256("/docs/none.txt") is None


def test_persistence(store_factory: object, records: dict[str, Record]) -> None:
    factory = store_factory
    if not factory.persistent:  # type: ignore[attr-defined]
        pytest.skip("backend keeps nothing between opens")
    first = factory.open()  # type: ignore[attr-defined]
    first.put(records["tb-thidua"], path="/a.txt", sha256="aa")
    first.close()
    second = factory.open()  # type: ignore[attr-defined]
    try:
        assert second.get("tb-thidua") == records["tb-thidua"]
        assert [h.id for h in second.search(SearchQuery(text="thi dua")).hits] == ["tb-thidua"]
    finally:
        second.close()


# -- search ------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "expected", "why"), _search_cases())
def test_search_finds_intended_document_first(
    filled: Store, query: str, expected: str, why: str
) -> None:
    ids = _ids(filled, text=query)
    assert ids[:1] == [expected], f"{why}: {ids}"


def test_exact_diacritics_rank_above_folded(store: Store, plain_record: Callable[..., Record]) -> None:
    store.put(plain_record("flower", "Ngày hội hoa xuân tổ chức tại thành phố."))
    store.put(plain_record("peace", "Ngày hội hòa xuân tổ chức tại thành phố."))
    assert _ids(store, text="hòa xuân") == ["peace", "flower"]
    assert _ids(store, text="hoa xuân") == ["flower", "peace"]
    assert _ids(store, text="hoà xuân")[0] == "peace"  # old tone placement, same word


def test_d_with_stroke_is_folded(store: Store, plain_record: Callable[..., Record]) -> None:
    store.put(plain_record("x", "Đại hội Đảng bộ tỉnh lần thứ XVII."))
    assert _ids(store, text="dai hoi dang bo") == ["x"]
    assert _ids(store, text="ĐẠI HỘI") == ["x"]


def test_nothing_found(filled: Store) -> None:
    result = filled.search(SearchQuery(text="xylophone quasar"))
    assert (result.total, result.hits) == (0, [])


@pytest.mark.parametrize("query", ['title:"x" AND (', "*", "a OR b NOT c", '"', "[1 TO 2]", "\\"])
def test_query_syntax_is_not_interpreted(filled: Store, query: str) -> None:
    filled.search(SearchQuery(text=query))  # must not raise


def test_quoted_phrase_must_be_adjacent(store: Store, plain_record: Callable[..., Record]) -> None:
    store.put(plain_record("near", "công tác thi đua năm nay"))
    store.put(plain_record("apart", "thi hành công tác đua thuyền"))
    assert sorted(_ids(store, text="thi đua")) == ["apart", "near"]
    assert _ids(store, text='"thi đua"') == ["near"]


def test_highlights_are_escaped_and_marked(store: Store, plain_record: Callable[..., Record]) -> None:
    store.put(plain_record("x", "Mục <b>1</b> & công tác Thi đua, khen thưởng."))
    (hit,) = store.search(SearchQuery(text="thi dua")).hits
    assert hit.highlights == ["Mục &lt;b&gt;1&lt;/b&gt; &amp; công tác <mark>Thi đua</mark>, khen thưởng."]
    (hit,) = store.search(SearchQuery(text="thi dua", highlights=False)).hits
    assert hit.highlights == []


def test_hit_carries_metadata(filled: Store) -> None:
    (hit, *_) = filled.search(SearchQuery(text="63/TB-VPCP")).hits
    assert hit.metadata["number"] == "63/TB-VPCP"
    assert hit.metadata["issuer"] == "Văn phòng Chính phủ"
    assert hit.score > 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"doc_type": "chi_thi"}, ["ct-34"]),
        ({"issuer": "van phong chinh phu"}, ["tb-thidua"]),
        ({"issuer": "VĂN PHÒNG CHÍNH PHỦ"}, ["tb-thidua"]),
        ({"signer": "Tran Van Son"}, ["qd-khenthuong", "tb-thidua"]),
        ({"date_from": "2021-01-01", "date_to": "2022-12-31"}, ["qd-khenthuong", "tb-thidua"]),
        ({"date_from": "2023-01-01"}, ["bc-tonghop", "cv-thuyloi"]),
        ({"date_to": "2014-12-31"}, ["ct-34"]),
        ({"entity": "bo noi vu"}, ["tb-thidua"]),
        ({"entity": "Nguyễn Văn An"}, ["qd-khenthuong"]),
        ({"award_kind": "bang_khen"}, ["qd-khenthuong"]),
        ({"doc_type": "chi_thi", "issuer": "Văn phòng Chính phủ"}, []),
    ],
)
def test_filters(filled: Store, filters: dict[str, str], expected: list[str]) -> None:
    assert sorted(_ids(filled, **filters)) == expected


def test_filters_with_text(filled: Store) -> None:
    assert sorted(_ids(filled, text="thi đua")) == ["ct-34", "tb-thidua"]
    assert _ids(filled, text="thi đua", doc_type="chi_thi") == ["ct-34"]


def test_facets(filled: Store) -> None:
    result = filled.search(SearchQuery(text="thi đua"))
    assert result.facets["doc_type"] == {"chi_thi": 1, "thong_bao": 1}
    assert result.facets["year"] == {"2014": 1, "2021": 1}
    assert result.facets["signer"] == {"Lê Hồng Anh": 1, "Trần Văn Sơn": 1}
    everything = filled.search(SearchQuery())
    assert everything.total == 6
    assert everything.facets["signer"]["Trần Văn Sơn"] == 2
    assert everything.facets["award_kind"] == {"bang_khen": 1}
    assert filled.search(SearchQuery(facets=("doc_type",))).facets.keys() == {"doc_type"}


def test_date_order(filled: Store) -> None:
    newest_first = ["bc-tonghop", "cv-thuyloi", "qd-khenthuong", "tb-thidua", "kh-hoabinh", "ct-34"]
    assert _ids(filled, order="date") == newest_first
    assert _ids(filled) == newest_first  # no words: newest first
    assert _ids(filled, order="date_asc") == newest_first[::-1]
    assert _ids(filled, text="thi dua", order="date") == ["tb-thidua", "ct-34"]


def test_pagination_is_stable(store: Store, plain_record: Callable[..., Record]) -> None:
    for i in range(23):  # many documents with equal scores
        store.put(plain_record(f"d{i:02}", "Báo cáo công tác thi đua.", issued_date="2020-01-01"))
    for order in ("relevance", "date"):
        full = _ids(store, text="thi đua", order=order, limit=100)
        pages = [_ids(store, text="thi đua", order=order, offset=o, limit=5) for o in range(0, 25, 5)]
        assert [i for page in pages for i in page] == full
        assert sorted(full) == [f"d{i:02}" for i in range(23)]
    assert store.search(SearchQuery(text="thi đua", limit=5)).total == 23


@pytest.mark.parametrize("facets", [(), ("doc_type",)])
def test_zero_limit_counts_without_hits(filled: Store, facets: tuple[str, ...]) -> None:
    result = filled.search(SearchQuery(text="thi dua", limit=0, facets=facets))
    assert (result.total, result.hits) == (2, [])
    assert filled.search(SearchQuery(text="thi dua", offset=10, facets=facets)).hits == []


# -- structured tables -------------------------------------------------------------------


def test_tasks(filled: Store) -> None:
    everything = filled.tasks(TaskFilter())
    assert len(everything) == 4
    dated = [row.task.deadline.date or "" for row in everything if row.task.deadline]
    assert dated == sorted(dated)
    rows = filled.tasks(TaskFilter(assignee="bo noi vu"))
    assert [(r.doc_id, r.doc_number) for r in rows] == [("tb-thidua", "63/TB-VPCP")]
    assert rows[0].task.coordinators == ["Bộ Tư pháp"]
    assert [r.doc_id for r in filled.tasks(TaskFilter(due_after="2023-01-01"))] == ["cv-thuyloi"]
    assert [r.doc_id for r in filled.tasks(TaskFilter(due_before="2020-12-31"))] == ["kh-hoabinh"]
    assert [r.index for r in filled.tasks(TaskFilter(q="phong trao thi dua"))] == [1]
    assert filled.tasks(TaskFilter(assignee="Bộ Tư pháp")) == []  # a coordinator, not assignee
    assert len(filled.tasks(TaskFilter(doc_id="tb-thidua"))) == 2


def test_entities(filled: Store) -> None:
    orgs = filled.entities("ORG")
    assert {(e.name, e.documents) for e in orgs} >= {("Bộ Nội vụ", 1), ("Bộ Chính trị", 1)}
    assert [e.name for e in filled.entities(prefix="nguyen")] == ["Nguyễn Văn An"]
    assert [e.name for e in filled.entities("ORG", prefix="Bộ N")] == ["Bộ Nội vụ"]
    assert filled.entities("PERSON", prefix="bo") == []


def test_citations_resolve_both_ways(filled: Store) -> None:
    cites = filled.citations("tb-thidua")
    assert [(c.number, c.target_id) for c in cites.cites] == [("34-CT/TW", "ct-34")]
    cited = filled.citations("ct-34")
    assert [c.doc_id for c in cited.cited_by] == ["bc-tonghop", "tb-thidua"]
    assert cited.cites == []


def test_failures(store: Store, records: dict[str, Record]) -> None:
    store.record_failure("/docs/bad.pdf", "file is encrypted", sha256="ff")
    store.record_failure("/docs/empty.txt", "empty file")
    assert [(f.path, f.error, f.sha256) for f in store.failures()] == [
        ("/docs/bad.pdf", "file is encrypted", "ff"), ("/docs/empty.txt", "empty file", None)]
    store.put(records["ct-34"], path="/docs/bad.pdf", sha256="fixed")
    assert [f.path for f in store.failures()] == ["/docs/empty.txt"]
