"""Shape and consistency of the held-out corpus in ``corpus/heldout/`` (docs/annotation.md).

The held-out documents were written blind to the extractors, to measure them on text their
authors never saw. These tests do not run any extractor: they check that every ``.txt`` has a
``.gold.json`` with every key the guide defines, that what the gold quotes (number, subject,
signers, recipients, task actions and deadline words, citation numbers, award recipients)
occurs in the text, that dates agree with the words they were read from, that stated award
counts match the gold, and that entity offsets slice the record text
(``strip_furniture(normalize_text(raw))[0]``) to the entity text.
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

from nlp.furniture import strip_furniture
from nlp.normalize import normalize_text

HELDOUT = Path(__file__).resolve().parents[2] / "corpus" / "heldout"
LABELS = {
    "thong_bao": "Thông báo", "quyet_dinh": "Quyết định", "chi_thi": "Chỉ thị",
    "cong_van": "Công văn", "nghi_quyet": "Nghị quyết", "ke_hoach": "Kế hoạch",
    "bao_cao": "Báo cáo", "to_trinh": "Tờ trình", "nghi_dinh": "Nghị định",
    "thong_tu": "Thông tư", "luat": "Luật", "huong_dan": "Hướng dẫn", "cong_dien": "Công điện",
    "giay_moi": "Giấy mời", "chuong_trinh": "Chương trình", "ket_luan": "Kết luận",
    "quy_che": "Quy chế", "quy_dinh": "Quy định", "phuong_an": "Phương án", "de_an": "Đề án",
}  # fmt: skip
GOLD_KEYS = {"metadata", "warnings", "tasks", "citations", "awards", "entities", "hazards"}
METADATA_KEYS = {
    "number", "doc_type", "doc_type_label", "issuer", "parent_issuer", "place", "issued_date",
    "subject", "signers", "recipients", "addressees", "urgency", "confidentiality",
}  # fmt: skip
TASK_KEYS = {"assignees", "coordinators", "action", "deadline", "report_to"}
CITATION_KEYS = {"number", "doc_type", "issued_date", "issuer", "role"}
AWARD_KINDS = {
    "huan_chuong", "huy_chuong", "danh_hieu", "chien_si_thi_dua", "co_thi_dua", "bang_khen",
    "giay_khen", "tap_the_lao_dong_xuat_sac", "lao_dong_tien_tien", "ky_niem_chuong",
}  # fmt: skip
KINDS = {"by", "within", "during", "recurring", "asap"}
ROLES = {"basis", "reference", "amends", "replaces"}
ENTITY_LABELS = {"PERSON", "ORG", "POSITION", "LOCATION"}
URGENCY = {None, "Hỏa tốc", "Thượng khẩn", "Khẩn"}
CONFIDENTIALITY = {None, "Mật", "Tối mật", "Tuyệt mật"}
HONORIFIC = re.compile(r"^(?:Ông|Bà) ")
ARTICLE = re.compile(r"^Điều \d+\.(.*)$", re.MULTILINE)
STATED = re.compile(r"\b(\d+) (?:tập thể|cá nhân)\b")
FULL_DATE = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})"
)
MONTH = re.compile(r"(?i)tháng (\d{1,2})(?:/| năm )(\d{4})")
QUARTER = re.compile(r"(?i)quý (I{1,3}|IV|[1-4])(?:/| năm )(\d{4})")
DAYS_FROM_SIGNING = re.compile(r"(\d+) ngày kể từ ngày ký")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _stems(suffix: str) -> set[str]:
    return {p.name.removesuffix(suffix) for p in HELDOUT.glob(f"*{suffix}")}


STEMS = sorted(_stems(".txt") | _stems(".gold.json"))


@cache
def _raw(stem: str) -> str:
    return (HELDOUT / f"{stem}.txt").read_text(encoding="utf-8")


@cache
def _record_text(stem: str) -> str:
    return strip_furniture(normalize_text(_raw(stem)))[0]


@cache
def _gold(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HELDOUT / f"{stem}.gold.json").read_text(encoding="utf-8"))
    return data


def _flat(text: str) -> str:
    return " ".join(text.split())


def _occurs(needle: str, stem: str) -> bool:
    return _flat(needle) in _flat(_raw(stem))


def _iso(value: object) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _opt_str(value: object) -> bool:
    return value is None or (isinstance(value, str) and value != "" and value == value.strip())


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def test_heldout_set_is_complete() -> None:
    golds = [_gold(s) for s in STEMS]
    assert len(STEMS) >= 10
    assert sum(len(g["tasks"]) for g in golds) >= 45
    assert sum(len(g["citations"]) for g in golds) >= 30
    assert sum(len(g["awards"]) for g in golds) >= 20
    kinds = {t["deadline"]["kind"] for g in golds for t in g["tasks"] if t["deadline"]}
    assert kinds == KINDS


@pytest.mark.parametrize("stem", STEMS)
def test_pair_and_encoding(stem: str) -> None:
    assert (HELDOUT / f"{stem}.txt").is_file(), f"{stem}.gold.json has no .txt"
    assert (HELDOUT / f"{stem}.gold.json").is_file(), f"{stem}.txt has no .gold.json"
    raw = (HELDOUT / f"{stem}.txt").read_bytes()
    text = raw.decode("utf-8")
    assert b"\r" not in raw
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert unicodedata.normalize("NFC", text) == text
    assert 1500 <= len(text) <= 5000


@pytest.mark.parametrize("stem", STEMS)
def test_metadata_shape_and_values(stem: str) -> None:
    gold = _gold(stem)
    assert set(gold) == GOLD_KEYS
    meta = gold["metadata"]
    assert set(meta) == METADATA_KEYS
    assert stem.startswith(meta["doc_type"] + "-")
    assert meta["doc_type_label"] == LABELS[meta["doc_type"]]
    for key in ("number", "issuer", "parent_issuer", "place", "subject"):
        assert _opt_str(meta[key]), key
    assert meta["issuer"]
    assert meta["place"]
    assert meta["subject"]
    assert meta["urgency"] in URGENCY
    assert meta["confidentiality"] in CONFIDENTIALITY
    issued = _iso(meta["issued_date"])
    assert meta["issued_date"] is None or issued is not None
    if issued is not None:
        assert stem.endswith(str(issued.year))
        assert f"ngày {issued.day:02d} tháng {issued.month} năm {issued.year}" in _raw(stem)
    assert ("date_blank" in gold["warnings"]) == (meta["issued_date"] is None)
    assert ("number_blank" in gold["warnings"]) == (meta["number"] is None)
    if meta["number"] is not None:
        assert " " not in meta["number"]
        assert f"Số: {meta['number']}" in _raw(stem)
    assert _occurs(meta["subject"], stem)
    if meta["doc_type"] == "cong_van":
        assert _occurs("V/v " + meta["subject"], stem)
        assert meta["addressees"]
    assert meta["signers"]
    for signer in meta["signers"]:
        assert set(signer) == {"name", "position", "authority"}
        assert _occurs(signer["name"], stem)
        assert _opt_str(signer["position"])
        assert _opt_str(signer["authority"])
        if signer["authority"] is not None:
            assert signer["authority"] == signer["authority"].upper()
            assert all(_occurs(part, stem) for part in signer["authority"].split(", "))
    for item in meta["recipients"] + meta["addressees"]:
        assert isinstance(item, str)
        assert item
        assert item == item.strip(" -;.")
        assert not item.startswith("Lưu")
        assert _occurs(item, stem), item
    assert all(isinstance(h, str) and h for h in gold["hazards"])


@pytest.mark.parametrize("stem", STEMS)
def test_tasks(stem: str) -> None:
    gold = _gold(stem)
    issued = _iso(gold["metadata"]["issued_date"])
    flat_text = _flat(_raw(stem))
    if gold["metadata"]["doc_type"] != "quyet_dinh":
        assert gold["tasks"], "every held-out document but the award decisions assigns tasks"
    for task in gold["tasks"]:
        assert set(task) == TASK_KEYS
        assert task["assignees"]
        assert all(_opt_str(a) and a for a in task["assignees"])
        assert all(_opt_str(c) and c for c in task["coordinators"])
        assert _opt_str(task["report_to"])
        action = _flat(task["action"])
        deadline = task["deadline"]
        without = flat_text
        if deadline is not None:
            without = flat_text.replace(f" {_flat(deadline['text'])} ", " ")
        assert action
        assert action in flat_text or action in without, task["action"]
        if deadline is not None:
            _check_deadline(deadline, issued, flat_text)


def _check_deadline(deadline: dict[str, Any], issued: dt.date | None, flat_text: str) -> None:
    """The date agrees with the words it was read from."""
    assert set(deadline) == {"date", "kind", "text"}
    assert deadline["kind"] in KINDS
    text = _flat(deadline["text"])
    assert text in flat_text, deadline["text"]
    date = _iso(deadline["date"])
    assert deadline["date"] is None or date is not None
    kind = deadline["kind"]
    if kind in {"asap", "recurring"}:
        assert date is None
    if kind == "by":
        assert date is not None
        full = FULL_DATE.search(text)
        if full:
            day, month, year = (
                int(g) for g in (full.groups()[:3] if full[1] else full.groups()[3:])
            )
            assert date == dt.date(year, month, day), text
    if kind == "during":
        assert date is not None
        in_month = MONTH.search(text)
        quarter = QUARTER.search(text)
        if in_month:
            assert date == _month_end(int(in_month[2]), int(in_month[1])), text
        elif quarter:
            q = ROMAN.get(quarter[1]) or int(quarter[1])
            assert date == _month_end(int(quarter[2]), 3 * q), text
        else:
            assert date.day == calendar.monthrange(date.year, date.month)[1]
    if kind == "within":
        days = DAYS_FROM_SIGNING.search(text)
        if days and issued is not None:
            assert date == issued + dt.timedelta(days=int(days[1])), text
        else:
            assert date is None


@pytest.mark.parametrize("stem", STEMS)
def test_citations(stem: str) -> None:
    gold = _gold(stem)
    flat_text = _flat(_raw(stem)).replace("TƯ", "TW")
    for cit in gold["citations"]:
        assert CITATION_KEYS <= set(cit) <= CITATION_KEYS | {"title"}
        assert cit["doc_type"] in LABELS
        assert cit["role"] in ROLES
        assert cit["issued_date"] is None or _iso(cit["issued_date"]) is not None
        assert _opt_str(cit["issuer"])
        if cit["issuer"] is not None:
            assert _flat(cit["issuer"]) in flat_text
        if cit["number"] is None:
            assert isinstance(cit.get("title"), str)
            assert _flat(cit["title"]) in flat_text
        else:
            assert "title" not in cit
            assert cit["number"] in flat_text, cit["number"]
            assert cit["number"] != gold["metadata"]["number"]
        if cit["role"] == "basis":
            assert re.search(
                r"Căn cứ [^\n]*" + re.escape(cit.get("title") or cit["number"]), _raw(stem)
            )


@pytest.mark.parametrize("stem", STEMS)
def test_awards(stem: str) -> None:
    gold = _gold(stem)
    if gold["metadata"]["doc_type"] != "quyet_dinh":
        assert gold["awards"] == []
        return
    assert gold["awards"]
    lowered = _flat(_raw(stem)).lower()
    for award in gold["awards"]:
        assert set(award) == {"recipient", "award", "award_kind", "grade", "reason"}
        recipient = award["recipient"]
        assert set(recipient) == {"name", "kind", "position", "unit"}
        assert _occurs(recipient["name"], stem), recipient["name"]
        if recipient["kind"] == "person":
            assert HONORIFIC.match(recipient["name"])
            assert _occurs(f"{recipient['position']} {recipient['unit']}", stem)
        else:
            assert recipient["kind"] == "collective"
            assert recipient["position"] is None
            assert recipient["unit"] is None
        assert award["award_kind"] in AWARD_KINDS
        assert _flat(award["award"]).lower() in lowered
        assert award["grade"] is None or award["grade"] in {"Nhất", "Nhì", "Ba"}
        assert award["reason"] is None or _occurs(award["reason"], stem)
    keys = [(a["recipient"]["name"], a["award"]) for a in gold["awards"]]
    assert len(keys) == len(set(keys)), "one award per recipient and award form"


@pytest.mark.parametrize("stem", [s for s in STEMS if s.startswith("quyet_dinh-")])
def test_stated_counts_match_awards(stem: str) -> None:
    awards = _gold(stem)["awards"]
    for article in ARTICLE.findall(_raw(stem)):
        stated = sum(int(n) for n in STATED.findall(article))
        if stated:
            forms = {a["award"] for a in awards if a["award"].lower() in article.lower()}
            assert stated == sum(a["award"] in forms for a in awards), article


@pytest.mark.parametrize("stem", STEMS)
def test_entities(stem: str) -> None:
    text = _record_text(stem)
    ents = _gold(stem)["entities"]
    assert {e["label"] for e in ents} >= {"PERSON", "ORG", "POSITION", "LOCATION"}
    last_end = 0
    for ent in ents:
        assert set(ent) == {"label", "text", "start", "end", "canonical"}
        assert ent["label"] in ENTITY_LABELS
        start, end = ent["start"], ent["end"]
        assert isinstance(start, int)
        assert isinstance(end, int)
        assert last_end <= start < end <= len(text), ent
        assert text[start:end] == ent["text"], (ent, text[start:end])
        assert ent["canonical"]
        assert ent["canonical"] == _flat(ent["canonical"])
        if ent["label"] == "PERSON":
            assert ent["canonical"] == _flat(ent["text"])
            assert not re.match(r"(?:Ông|Bà|Đồng chí) ", ent["text"])
        last_end = end


@pytest.mark.parametrize("stem", STEMS)
def test_entities_cover_signers_recipients_and_issuer(stem: str) -> None:
    gold = _gold(stem)
    ents = gold["entities"]
    persons = {e["canonical"] for e in ents if e["label"] == "PERSON"}
    for signer in gold["metadata"]["signers"]:
        assert signer["name"] in persons
    for award in gold["awards"]:
        if award["recipient"]["kind"] == "person":
            assert HONORIFIC.sub("", award["recipient"]["name"]) in persons
    bodies = {e["canonical"] for e in ents if e["label"] in {"ORG", "POSITION"}}
    assert gold["metadata"]["issuer"] in bodies
    places = {e["canonical"] for e in ents if e["label"] == "LOCATION"}
    assert gold["metadata"]["place"] in places
