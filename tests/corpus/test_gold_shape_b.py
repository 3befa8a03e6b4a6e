"""Shape and consistency of corpus B gold files (award decisions, tờ trình, báo cáo, …).

Checks every ``corpus/<prefix>-*.txt`` of this half of the corpus against its
``.gold.json``: the pair exists, the JSON has the field names and value types of
docs/annotation.md, and every value that is read from the text (number, subject, signer,
recipients, citation numbers, award recipients, reasons, deadline texts) occurs in the text
modulo whitespace and line breaks.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PREFIXES = ("quyet_dinh-", "to_trinh-", "bao_cao-", "giay_moi-", "huong_dan-", "cong_dien-")

DOC_TYPES = {
    "thong_bao",
    "quyet_dinh",
    "chi_thi",
    "cong_van",
    "nghi_quyet",
    "ke_hoach",
    "bao_cao",
    "to_trinh",
    "nghi_dinh",
    "thong_tu",
    "luat",
    "huong_dan",
    "cong_dien",
    "giay_moi",
    "chuong_trinh",
    "ket_luan",
    "quy_che",
    "quy_dinh",
    "phuong_an",
    "de_an",
    "du_an",
    "bien_ban",
    "giay_uy_quyen",
    "hien_phap",
}
LABELS = {
    "quyet_dinh": "Quyết định",
    "to_trinh": "Tờ trình",
    "bao_cao": "Báo cáo",
    "giay_moi": "Giấy mời",
    "huong_dan": "Hướng dẫn",
    "cong_dien": "Công điện",
}
AWARD_KINDS = {
    "huan_chuong",
    "huy_chuong",
    "danh_hieu",
    "chien_si_thi_dua",
    "co_thi_dua",
    "bang_khen",
    "giay_khen",
    "tap_the_lao_dong_xuat_sac",
    "lao_dong_tien_tien",
    "ky_niem_chuong",
}
DEADLINE_KINDS = {"by", "within", "during", "recurring", "asap"}
ROLES = {"basis", "reference", "amends", "replaces"}
GRADES = {"Nhất", "Nhì", "Ba"}
TOP_KEYS = {"metadata", "warnings", "tasks", "citations", "awards", "hazards", "entities"}
METADATA_KEYS = {
    "number",
    "doc_type",
    "doc_type_label",
    "issuer",
    "parent_issuer",
    "place",
    "issued_date",
    "subject",
    "signers",
    "recipients",
    "addressees",
    "urgency",
    "confidentiality",
}
NULLABLE_STR = (
    "number",
    "issuer",
    "parent_issuer",
    "place",
    "issued_date",
    "subject",
    "urgency",
    "confidentiality",
)
URGENCY = {None, "Hỏa tốc", "Thượng khẩn", "Khẩn"}
CONFIDENTIALITY = {None, "Mật", "Tối mật", "Tuyệt mật"}
ARTICLE = re.compile(r"^[ĐÐ]iều \d+\.(.*)$", re.MULTILINE)
STATED = re.compile(r"\b(\d+) (?:tập thể|cá nhân)\b")
SPACE = re.compile(r"\s+")


def _names() -> list[str]:
    stems = {p.name.split(".")[0] for p in CORPUS.glob("*.txt")} | {
        p.name.split(".")[0] for p in CORPUS.glob("*.gold.json")
    }
    return sorted(s for s in stems if s.startswith(PREFIXES))


NAMES = _names()


def flat(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def load(name: str) -> tuple[str, dict[str, Any]]:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"))
    return text, gold


def is_iso(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def assert_in_text(value: str, text: str, what: str) -> None:
    assert flat(value) in flat(text), f"{what} {value!r} does not occur in the text"


def test_corpus_b_present() -> None:
    assert len(NAMES) >= 18


@pytest.mark.parametrize("name", NAMES)
def test_pair_and_encoding(name: str) -> None:
    txt, gold = CORPUS / f"{name}.txt", CORPUS / f"{name}.gold.json"
    assert txt.exists(), f"{txt.name} missing"
    assert gold.exists(), f"{gold.name} missing"
    raw = txt.read_bytes()
    text = raw.decode("utf-8")
    assert b"\r" not in raw
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert unicodedata.normalize("NFC", text) == text


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name: str) -> None:
    text, gold = load(name)
    assert set(gold) == TOP_KEYS
    meta = gold["metadata"]
    assert set(meta) == METADATA_KEYS
    for key in NULLABLE_STR:
        assert meta[key] is None or isinstance(meta[key], str), key
    assert meta["doc_type"] in DOC_TYPES
    assert name.startswith(meta["doc_type"] + "-")
    assert meta["doc_type_label"] == LABELS[meta["doc_type"]]
    assert isinstance(meta["issuer"], str)
    assert meta["issued_date"] is None or is_iso(meta["issued_date"])
    assert meta["urgency"] in URGENCY
    assert meta["confidentiality"] in CONFIDENTIALITY
    if meta["number"] is None:
        assert "number_blank" in gold["warnings"]
    else:
        assert " " not in meta["number"]
        assert_in_text(meta["number"], text, "number")
        assert "number_blank" not in gold["warnings"]
    assert meta["subject"]
    assert_in_text(meta["subject"], text, "subject")
    assert meta["signers"]
    for signer in meta["signers"]:
        assert set(signer) == {"name", "position", "authority"}
        assert isinstance(signer["name"], str)
        assert_in_text(signer["name"], text, "signer")
        assert signer["position"] is None or isinstance(signer["position"], str)
        authority = signer["authority"]
        if authority is not None:
            assert authority == authority.upper()
            for line in authority.split(", "):
                assert_in_text(line, text, "authority")
    for key in ("recipients", "addressees"):
        assert isinstance(meta[key], list)
        for item in meta[key]:
            assert isinstance(item, str)
            assert not item.startswith("-")
            assert not item.endswith((";", "."))
            assert not item.startswith("Lưu")
            assert_in_text(item, text, key)
    assert all(isinstance(h, str) for h in gold["hazards"])
    assert all(isinstance(w, str) for w in gold["warnings"])


@pytest.mark.parametrize("name", NAMES)
def test_tasks(name: str) -> None:
    text, gold = load(name)
    for task in gold["tasks"]:
        assert set(task) == {"assignees", "coordinators", "action", "deadline", "report_to"}
        assert task["assignees"]
        assert all(isinstance(a, str) for a in task["assignees"])
        assert all(isinstance(c, str) for c in task["coordinators"])
        assert_in_text(task["action"], text, "action")
        assert task["report_to"] is None or isinstance(task["report_to"], str)
        deadline = task["deadline"]
        if deadline is None:
            continue
        assert set(deadline) == {"date", "kind", "text"}
        assert deadline["kind"] in DEADLINE_KINDS
        assert deadline["date"] is None or is_iso(deadline["date"])
        if deadline["kind"] in {"recurring", "asap"}:
            assert deadline["date"] is None
        if deadline["kind"] in {"by", "during"}:
            assert deadline["date"] is not None
        assert_in_text(deadline["text"], text, "deadline text")


@pytest.mark.parametrize("name", NAMES)
def test_citations(name: str) -> None:
    text, gold = load(name)
    own = gold["metadata"]["number"]
    for cit in gold["citations"]:
        assert {"number", "doc_type", "issued_date", "issuer", "role"} <= set(cit)
        assert set(cit) <= {"number", "doc_type", "issued_date", "issuer", "role", "title"}
        assert cit["role"] in ROLES
        assert cit["doc_type"] in DOC_TYPES
        assert cit["issued_date"] is None or is_iso(cit["issued_date"])
        assert cit["issuer"] is None or isinstance(cit["issuer"], str)
        if cit["number"] is None:
            assert isinstance(cit.get("title"), str)
            assert_in_text(cit["title"], text, "citation title")
        else:
            assert cit["number"] != own, "the document's own number is not a citation"
            assert_in_text(cit["number"].replace("TW", "T"), text.replace("TƯ", "T"), "number")
        if cit["issuer"] is not None:
            assert_in_text(cit["issuer"], text, "citation issuer")


@pytest.mark.parametrize("name", NAMES)
def test_awards(name: str) -> None:
    text, gold = load(name)
    awards = gold["awards"]
    if gold["metadata"]["doc_type"] != "quyet_dinh":
        assert awards == []
        return
    assert awards, "an award decision lists its awards"
    lowered = flat(text).lower()
    for award in awards:
        assert set(award) == {"recipient", "award", "award_kind", "grade", "reason"}
        recipient = award["recipient"]
        assert set(recipient) == {"name", "kind", "position", "unit"}
        assert_in_text(recipient["name"], text, "recipient")
        if recipient["kind"] == "person":
            assert recipient["name"].startswith(("Ông ", "Bà "))
            assert isinstance(recipient["position"], str)
            assert isinstance(recipient["unit"], str)
            assert_in_text(f"{recipient['position']} {recipient['unit']}", text, "position")
        else:
            assert recipient["kind"] == "collective"
            assert recipient["position"] is None
            assert recipient["unit"] is None
        assert award["award_kind"] in AWARD_KINDS
        assert flat(award["award"]).lower() in lowered, award["award"]
        match = re.search(r"hạng (Nhất|Nhì|Ba)$", award["award"])
        if award["award_kind"] == "huan_chuong" and match:
            assert award["grade"] == match.group(1)
        else:
            assert award["grade"] is None
        assert award["grade"] is None or award["grade"] in GRADES
        if award["reason"] is not None:
            assert award["reason"].startswith("đã ")
            assert_in_text(award["reason"], text, "reason")


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith("quyet_dinh-")])
def test_stated_counts_match_awards(name: str) -> None:
    """The counts in the articles ("cho 05 tập thể và 04 cá nhân") match the gold awards,
    unless the gold carries the warning ``award_count_mismatch``."""
    text, gold = load(name)
    stated = found = 0
    for article in ARTICLE.findall(text):
        counts = [int(n) for n in STATED.findall(article)]
        if not counts:
            continue
        stated += sum(counts)
        forms = {a["award"] for a in gold["awards"] if a["award"].lower() in article.lower()}
        found += sum(1 for a in gold["awards"] if a["award"] in forms)
    assert stated > 0
    assert (stated != found) == ("award_count_mismatch" in gold["warnings"]), (stated, found)


def test_corpus_b_coverage() -> None:
    golds = [load(n)[1] for n in NAMES]
    decisions = [g for g in golds if g["metadata"]["doc_type"] == "quyet_dinh"]
    awards = [a for g in decisions for a in g["awards"]]
    assert len(decisions) >= 12
    assert len(awards) >= 70
    assert {a["award_kind"] for a in awards} == AWARD_KINDS
    assert sum(len(g["tasks"]) for g in golds) >= 15
    assert sum("award_count_mismatch" in g["warnings"] for g in golds) == 1
    tables = [n for n in NAMES if "STT | Họ và tên | Chức vụ, đơn vị" in load(n)[0]]
    assert len(tables) >= 4
