"""Shape checks for corpus A: the task-heavy documents and their gold files.

Corpus A owns ``corpus/`` files whose names start with ``thong_bao-``, ``chi_thi-``,
``cong_van-``, ``ke_hoach-`` and ``nghi_quyet-``. Each ``<name>.txt`` has a ``<name>.gold.json``
written by hand after docs/annotation.md; these tests check that the gold is well formed and
that what it quotes (number, subject, signer names, task actions and deadline words, citation
numbers) really occurs in the text, line breaks and runs of spaces aside.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PREFIXES = ("thong_bao-", "chi_thi-", "cong_van-", "ke_hoach-", "nghi_quyet-")

DOC_TYPES = {
    "thong_bao": "Thông báo", "quyet_dinh": "Quyết định", "chi_thi": "Chỉ thị",
    "cong_van": "Công văn", "nghi_quyet": "Nghị quyết", "ke_hoach": "Kế hoạch",
    "bao_cao": "Báo cáo", "to_trinh": "Tờ trình", "nghi_dinh": "Nghị định",
    "thong_tu": "Thông tư", "luat": "Luật", "huong_dan": "Hướng dẫn",
    "cong_dien": "Công điện", "giay_moi": "Giấy mời", "chuong_trinh": "Chương trình",
    "ket_luan": "Kết luận", "quy_che": "Quy chế", "quy_dinh": "Quy định",
    "phuong_an": "Phương án", "de_an": "Đề án", "du_an": "Dự án", "bien_ban": "Biên bản",
    "giay_uy_quyen": "Giấy ủy quyền",
}  # fmt: skip
METADATA_KEYS = {
    "number", "doc_type", "doc_type_label", "issuer", "parent_issuer", "place", "issued_date",
    "subject", "signers", "recipients", "addressees", "urgency", "confidentiality",
}  # fmt: skip
GOLD_KEYS = {"metadata", "warnings", "tasks", "citations", "hazards", "entities"}
TASK_KEYS = {"assignees", "coordinators", "action", "deadline", "report_to"}
CITATION_KEYS = {"number", "doc_type", "issued_date", "issuer", "role"}
KINDS = {"by", "within", "during", "recurring", "asap"}
ROLES = {"basis", "reference", "amends", "replaces"}
URGENCY = {None, "Hỏa tốc", "Thượng khẩn", "Khẩn"}
CONFIDENTIALITY = {None, "Mật", "Tối mật", "Tuyệt mật"}
WARNINGS = {"number_blank", "date_blank"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _stems(suffix: str) -> set[str]:
    return {
        p.name[: -len(suffix)] for p in CORPUS.glob(f"*{suffix}") if p.name.startswith(PREFIXES)
    }


STEMS = sorted(_stems(".txt") | _stems(".gold.json"))


@cache
def _text(stem: str) -> str:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


@cache
def _gold(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{stem}.gold.json").read_text(encoding="utf-8"))
    return data


def _flat(s: str) -> str:
    """Collapse line breaks and runs of spaces, the way a quoted value is compared."""
    return re.sub(r"\s+", " ", s).strip()


def _occurs(needle: str, stem: str) -> bool:
    return _flat(needle) in _flat(_text(stem))


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _opt_str(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == value and value != "")


def test_corpus_a_is_there() -> None:
    assert len(STEMS) >= 24


@pytest.mark.parametrize("stem", STEMS)
def test_text_and_gold_come_in_pairs(stem: str) -> None:
    assert (CORPUS / f"{stem}.txt").is_file(), f"{stem}.gold.json has no .txt"
    assert (CORPUS / f"{stem}.gold.json").is_file(), f"{stem}.txt has no .gold.json"


@pytest.mark.parametrize("stem", STEMS)
def test_text_is_nfc_with_lf(stem: str) -> None:
    raw = (CORPUS / f"{stem}.txt").read_bytes()
    text = raw.decode("utf-8")
    assert b"\r" not in raw
    assert unicodedata.normalize("NFC", text) == text
    assert 1500 <= len(text) <= 6000


@pytest.mark.parametrize("stem", STEMS)
def test_name_follows_type_and_year(stem: str) -> None:
    meta = _gold(stem)["metadata"]
    doc_type, _, rest = stem.partition("-")
    assert doc_type == meta["doc_type"]
    assert re.fullmatch(r"[a-z0-9-]+-\d{4}", rest), stem
    if meta["issued_date"]:
        assert rest[-4:] == meta["issued_date"][:4]


@pytest.mark.parametrize("stem", STEMS)
def test_metadata_shape(stem: str) -> None:
    gold = _gold(stem)
    assert set(gold) == GOLD_KEYS
    meta = gold["metadata"]
    assert set(meta) == METADATA_KEYS
    assert meta["doc_type"] in DOC_TYPES
    assert meta["doc_type_label"] == DOC_TYPES[meta["doc_type"]]
    for key in ("number", "issuer", "parent_issuer", "place", "subject"):
        assert _opt_str(meta[key]), key
    assert meta["issuer"]
    assert meta["place"]
    assert meta["subject"]
    assert meta["issued_date"] is None or _is_date(meta["issued_date"])
    assert meta["urgency"] in URGENCY
    assert meta["confidentiality"] in CONFIDENTIALITY
    assert meta["signers"], "every document here is signed"
    for signer in meta["signers"]:
        assert set(signer) == {"name", "position", "authority"}
        assert _opt_str(signer["position"])
        assert _opt_str(signer["authority"])
    for key in ("recipients", "addressees"):
        assert all(isinstance(r, str) and r == r.strip(" -;.") and r for r in meta[key])
    assert not any(r.startswith("Lưu") for r in meta["recipients"])
    warnings = gold["warnings"]
    assert set(warnings) <= WARNINGS
    assert ("number_blank" in warnings) == (meta["number"] is None)
    assert ("date_blank" in warnings) == (meta["issued_date"] is None)
    assert all(isinstance(h, str) and h for h in gold["hazards"])


@pytest.mark.parametrize("stem", STEMS)
def test_metadata_values_occur_in_text(stem: str) -> None:
    meta = _gold(stem)["metadata"]
    if meta["number"]:
        assert _occurs(meta["number"], stem)
    assert _occurs(meta["subject"], stem)
    for signer in meta["signers"]:
        assert _occurs(signer["name"], stem), signer["name"]
    for item in meta["recipients"] + meta["addressees"]:
        assert _occurs(item, stem), item
    if meta["doc_type"] == "cong_van":
        assert _occurs("V/v " + meta["subject"], stem)
        assert meta["addressees"], "a công văn has a Kính gửi list"


@pytest.mark.parametrize("stem", STEMS)
def test_tasks_shape(stem: str) -> None:
    tasks = _gold(stem)["tasks"]
    issued = _gold(stem)["metadata"]["issued_date"]
    assert tasks, "corpus A documents all assign tasks"
    for task in tasks:
        assert set(task) == TASK_KEYS
        assert task["assignees"]
        assert all(_opt_str(a) and a for a in task["assignees"])
        assert all(_opt_str(c) and c for c in task["coordinators"])
        assert _opt_str(task["action"])
        assert task["action"]
        assert _opt_str(task["report_to"])
        deadline = task["deadline"]
        if deadline is None:
            continue
        assert set(deadline) == {"date", "kind", "text"}
        assert deadline["kind"] in KINDS
        assert deadline["date"] is None or _is_date(deadline["date"])
        if deadline["kind"] in {"asap", "recurring"}:
            assert deadline["date"] is None
        if deadline["kind"] in {"by", "during"}:
            assert deadline["date"] is not None
        if deadline["kind"] == "during":
            day = dt.date.fromisoformat(deadline["date"])
            assert day.day == calendar.monthrange(day.year, day.month)[1], "a period ends a month"
        if deadline["kind"] == "within" and deadline["date"] is not None:
            assert issued is not None
            assert deadline["date"] > issued


@pytest.mark.parametrize("stem", STEMS)
def test_task_words_occur_in_text(stem: str) -> None:
    flat_text = _flat(_text(stem))
    for task in _gold(stem)["tasks"]:
        deadline = task["deadline"]
        if deadline is not None:
            assert _flat(deadline["text"]) in flat_text, deadline["text"]
        action = _flat(task["action"])
        # the action may be split by its deadline word ("tổ chức ngay việc …")
        without = flat_text
        if deadline is not None:
            without = flat_text.replace(f" {_flat(deadline['text'])} ", " ")
        assert action in flat_text or action in without, task["action"]


@pytest.mark.parametrize("stem", STEMS)
def test_citations_shape_and_occurrence(stem: str) -> None:
    flat_text = _flat(_text(stem)).replace("TƯ", "TW")
    for cit in _gold(stem)["citations"]:
        assert CITATION_KEYS <= set(cit) <= CITATION_KEYS | {"title"}
        assert cit["doc_type"] in DOC_TYPES
        assert cit["role"] in ROLES
        assert cit["issued_date"] is None or _is_date(cit["issued_date"])
        assert _opt_str(cit["issuer"])
        if cit["number"] is None:
            assert isinstance(cit.get("title"), str)
            assert _flat(cit["title"]) in flat_text
        else:
            assert "title" not in cit
            assert cit["number"] in flat_text, cit["number"]
            assert cit["number"] != _gold(stem)["metadata"]["number"], "own number is no citation"
