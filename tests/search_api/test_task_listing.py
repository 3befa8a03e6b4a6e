"""`vanban tasks`: status, filters and the three output shapes, on a corpus document."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import icalendar
import pytest

from nlp.record import Deadline, Metadata, Record, SourceInfo, Task
from search_api.cli import main
from search_api.task_listing import task_rows

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DIRECTIVE = CORPUS / "chi_thi-05-ct-ttg-2015.txt"


def _record(*tasks: Task) -> Record:
    return Record(id="r1", source=SourceInfo(filename="x.txt"), text="",
                  metadata=Metadata(number="63/TB-VPCP"), tasks=list(tasks))


def _task(assignee: str, due: str | None, raw: str | None = None) -> Task:
    deadline = Deadline(text="trước ngày", date=due, kind="by") if due else None
    return Task(assignees=[assignee], coordinators=[], action="báo cáo", deadline=deadline,
                report_to=None, start=0, end=0, assignees_raw=[raw or assignee])


@pytest.mark.parametrize(
    ("wanted", "found"),
    [("Bộ Nội vụ", True), ("bo noi vu", True), ("BỘ NỘI VỤ", True), ("noi  vu", True),
     ("BNV", True), ("Bộ Tư pháp", False), ("", False)],
)
def test_assignee_filter_canonical_or_as_typed(wanted: str, found: bool) -> None:
    record = _record(_task("Bộ Nội vụ", "2021-06-30", raw="BNV"))
    rows = task_rows([record], as_of=date(2021, 6, 1), assignee=wanted or None)
    assert bool(rows) is (found or not wanted)


@pytest.mark.parametrize(
    ("due", "status"),
    [("2021-05-31", "overdue"), ("2021-06-01", "due_soon"), ("2021-06-08", "due_soon"),
     ("2021-06-09", "open"), (None, "no_deadline")],
)
def test_status_against_reference_day(due: str | None, status: str) -> None:
    rows = task_rows([_record(_task("Bộ Nội vụ", due))], as_of=date(2021, 6, 1))
    assert [r.status for r in rows] == [status]
    assert task_rows([_record(_task("Bộ Nội vụ", due))], as_of=date(2021, 6, 1),
                     status=status)


def test_cli_json_filters_by_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tasks", "--json", "--as-of", "2015-01-01", str(DIRECTIVE)]) == 0
    everything = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert everything, "the directive assigns tasks"
    assert {t["document_number"] for t in everything} == {"05/CT-TTg"}
    assert main(["tasks", "--json", "--status", "no_deadline", "--as-of", "2015-01-01",
                 str(DIRECTIVE)]) == 0
    undated = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert undated
    assert all(t["status"] == "no_deadline" for t in undated)
    assert len(undated) < len(everything)


def test_cli_csv_and_ics(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tasks", "--csv", str(DIRECTIVE)]) == 0
    text = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows
    assert {r["document_number"] for r in rows} == {"05/CT-TTg"}
    assert main(["tasks", "--ics", str(DIRECTIVE)]) == 0
    calendar = icalendar.Calendar.from_ical(capsys.readouterr().out)
    events = list(calendar.walk("VEVENT"))
    dated = [r for r in rows if r["deadline_date"]]
    assert len(events) == len(dated) > 0
    assert all("05/CT-TTg" in str(e["DESCRIPTION"]) for e in events)


def test_cli_rejects_bad_date() -> None:
    with pytest.raises(SystemExit):
        main(["tasks", "--as-of", "30/6/2021", str(DIRECTIVE)])
