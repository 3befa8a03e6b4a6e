"""Scoring against gold: the figures `vanban eval` prints."""

from __future__ import annotations

import pytest

from nlp.scoring import Scorer, citation_key, fold, token_f1


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Kết luận của Thủ tướng", "Kết luận của Thủ tướng", 1.0),
        ("", "", 1.0),
        ("abc", "", 0.0),
        ("kết luận tại cuộc họp", "kết luận", 2 * (0.4 * 1.0) / 1.4),
        ("Về việc tặng Bằng khen", "về việc tặng bằng khen.", 1.0),
    ],
)
def test_token_f1(predicted: str, gold: str, expected: float) -> None:
    assert token_f1(predicted, gold) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"number": "34-CT/TƯ"}, {"number": "34-CT/TW"}),
        ({"number": "08/2022/QĐ-TTg"}, {"number": "08/2022/QD-TTG"}),
        ({"number": None, "title": "Luật Thi đua, khen thưởng"},
         {"number": None, "title": "luật thi đua,  khen thưởng"}),
    ],
)
def test_citation_keys_match_spelling_variants(a: dict[str, str], b: dict[str, str]) -> None:
    assert citation_key(a) == citation_key(b)


def test_citation_key_keeps_tinh_uy_apart_from_trung_uong() -> None:
    assert citation_key({"number": "08-CTr/TU"}) != citation_key({"number": "08-CTr/TƯ"})


def test_fold_removes_diacritics_and_d() -> None:
    assert fold("  Đồng chí   Trần Văn Sơn. ") == "dong chi tran van son"


def _task(assignee: str, date: str | None) -> dict[str, object]:
    return {"assignees": [assignee], "deadline": {"date": date} if date else None}


def test_scorer_metadata_tasks_and_citations() -> None:
    gold = {
        "metadata": {"number": "63/TB-VPCP", "issuer": "Văn phòng Chính phủ",
                     "subject": "Kết luận của Thủ tướng Chính phủ tại cuộc họp",
                     "signers": [{"name": "Trần Văn Sơn"}]},
        "tasks": [_task("Bộ Nội vụ", "2021-06-30"), _task("Bộ Tư pháp", None),
                  _task("Bộ Tài chính", "2021-12-31")],
        "citations": [{"number": "34-CT/TW"}],
        "warnings": [],
    }
    record = {
        "metadata": {"number": "63/TB-VPCP", "issuer": "Văn phòng chính phủ",
                     "subject": "Kết luận của Thủ tướng Chính phủ tại cuộc họp ngày",
                     "signers": [{"name": "Trần Văn Sơn", "position": "Phó Chủ nhiệm"}]},
        "tasks": [_task("BỘ NỘI VỤ", "2021-06-30"), _task("Bộ Tư pháp", "2021-01-01"),
                  _task("Bộ Công an", None)],
        "citations": [{"number": "34-CT/TƯ"}, {"number": "12/2020/NĐ-CP"}],
        "warnings": ["number_blank"],
    }
    scorer = Scorer()
    scorer.add("doc", record, gold)
    report = scorer.report()
    assert report["metadata.number"]["accuracy"] == 1.0
    assert report["metadata.issuer"]["accuracy"] == 0.0  # case matters for issuers
    assert report["metadata.subject"]["accuracy"] == 1.0
    assert report["metadata.signers"]["accuracy"] == 1.0
    assert report["tasks"]["tp"] == 1
    assert report["tasks"]["fp"] == 2
    assert report["tasks"]["fn"] == 2
    # Bộ Nội vụ and Bộ Tư pháp were found; only Bộ Nội vụ's date is right.
    assert report["tasks.deadline_date"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert report["citations"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["warnings"]["fp"] == 1


def test_sections_absent_from_gold_are_not_scored() -> None:
    scorer = Scorer()
    scorer.add("doc", {"tasks": [_task("Bộ Nội vụ", None)]}, {"metadata": {"number": None}})
    assert set(scorer.report()) == {"metadata.number"}
