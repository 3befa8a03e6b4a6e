"""Table-driven tests of Vietnamese temporal expressions (cases in temporal_cases.tsv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nlp.temporal import document_year, find_deadline, parse_temporal

_CASES = Path(__file__).with_name("temporal_cases.tsv")


def _rows() -> list[dict[str, str]]:
    with _CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


ROWS = _rows()


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 120


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['function']}:{r['text'][:40]}" for r in ROWS])
def test_expression(row: dict[str, str]) -> None:
    text = row["text"].replace("\\n", "\n")
    issued = row["issued_date"] or None
    func = parse_temporal if row["function"] == "parse" else find_deadline
    result = func(text, issued_date=issued)
    if row["kind"] == "*":  # damaged input: anything but an exception
        return
    if not row["kind"]:
        assert result is None
        return
    assert result is not None
    assert (result.date, result.kind) == (row["date"] or None, row["kind"])
    if row["days"]:
        assert result.days == int(row["days"])
    assert text[result.start : result.end].strip(" |(").startswith(result.text[:3])


def test_offsets_cover_the_deadline_words() -> None:
    text = "Bộ Nội vụ hoàn thành trước ngày 30 tháng 6 năm 2021."
    found = find_deadline(text, issued_date="2021-03-15", offset=100)
    assert found is not None
    assert found.text == "trước ngày 30 tháng 6 năm 2021"
    assert text[found.start - 100 : found.end - 100] == found.text


def test_asap_text_is_as_written() -> None:
    found = find_deadline("Khẩn trương chỉ đạo các đơn vị", issued_date=None)
    assert found is not None
    assert (found.text, found.kind, found.date) == ("Khẩn trương", "asap", None)


def test_year_completes_a_date_when_the_day_is_blank() -> None:
    found = find_deadline("treo băng rôn trước ngày 20/5.", issued_date=None, year=2023)
    assert found is not None
    assert (found.date, found.kind) == ("2023-05-20", "by")
    unknown = find_deadline("treo băng rôn trước ngày 20/5.", issued_date=None)
    assert unknown is not None
    assert unknown.date is None


def test_document_year_reads_a_date_line_with_blank_day() -> None:
    text = "ỦY BAN NHÂN DÂN\nSố: 88/KH-UBND\nLâm Đồng, ngày    tháng 4 năm 2023\n"
    assert document_year(text) == 2023
    assert document_year("Căn cứ Luật ngày 19 tháng 6 năm 2015;") is None
