"""``/v1/tasks`` (+ ``.csv``, ``.ics``): filters, status as of a day, exports."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import icalendar
import pytest
from fastapi.testclient import TestClient

from search_api.fold import fold


def _tasks(client: TestClient, **params: str) -> list[dict[str, Any]]:
    response = client.get("/v1/tasks", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["tasks"])
    assert body["more"] is False
    tasks: list[dict[str, Any]] = body["tasks"]
    return tasks


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def test_every_stored_task_is_listed(client: TestClient) -> None:
    ids = [h["id"] for h in client.get("/v1/documents", params={"size": 100}).json()["hits"]]
    expected = sum(len(client.get(f"/v1/documents/{i}").json()["tasks"]) for i in ids)
    assert expected > 0
    assert len(_tasks(client)) == expected


@pytest.mark.parametrize("typed", ["Sở Tài nguyên và Môi trường", "so tai nguyen va moi truong",
                                   "Sở TN&MT", "so tn&mt"])
def test_assignee_canonical_or_as_typed(client: TestClient, typed: str) -> None:
    found = _tasks(client, assignee=typed)
    assert found
    needle = _key(typed)
    for task in found:
        names = [*task["assignees"], *task["assignees_raw"]]
        assert any(needle in _key(name) for name in names)
    assert any("Sở Tài nguyên và Môi trường" in t["assignees"] for t in found)


def test_as_typed_finds_the_task_written_with_the_abbreviation(client: TestClient) -> None:
    raw = [t for t in _tasks(client, assignee="Sở TN&MT") if "Sở TN&MT" in t["assignees_raw"]]
    assert raw
    assert all(t["assignees"] == ["Sở Tài nguyên và Môi trường"] for t in raw)


@pytest.mark.parametrize("as_of", ["2000-01-01", "2024-06-30", "2100-01-01"])
def test_status_follows_the_reference_day(client: TestClient, as_of: str) -> None:
    day = date.fromisoformat(as_of)
    for task in _tasks(client, as_of=as_of):
        due = (task["deadline"] or {}).get("date")
        if due is None:
            assert task["status"] == "no_deadline"
        else:
            left = (date.fromisoformat(due) - day).days
            expected = "overdue" if left < 0 else "due_soon" if left <= 7 else "open"
            assert task["status"] == expected


@pytest.mark.parametrize("status", ["open", "due_soon", "overdue", "no_deadline"])
def test_status_filter(client: TestClient, status: str) -> None:
    every = _tasks(client, as_of="2024-06-30")
    only = _tasks(client, as_of="2024-06-30", status=status)
    assert only == [t for t in every if t["status"] == status]


def test_due_range_and_words(client: TestClient) -> None:
    ranged = _tasks(client, due_after="2024-01-01", due_before="2024-12-31")
    assert ranged
    assert all("2024-01-01" <= t["deadline"]["date"] <= "2024-12-31" for t in ranged)
    dates = [t["deadline"]["date"] for t in ranged]
    assert dates == sorted(dates)
    worded = _tasks(client, q="bao cao")
    assert worded
    assert all({"bao", "cao"} <= set(_key(t["action"]).split()) for t in worded)


def test_bad_status_or_date_is_422(client: TestClient) -> None:
    assert client.get("/v1/tasks", params={"status": "late"}).status_code == 422
    assert client.get("/v1/tasks", params={"as_of": "yesterday"}).status_code == 422


def test_csv_export_matches_the_json(client: TestClient) -> None:
    params = {"status": "overdue", "as_of": "2024-06-30"}
    response = client.get("/v1/tasks.csv", params=params)
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    tasks = _tasks(client, **params)
    assert len(rows) == len(tasks) > 0
    assert [r["action"] for r in rows] == [t["action"] for t in tasks]
    assert {r["status"] for r in rows} == {"overdue"}


def test_ics_export_has_one_event_per_dated_task(client: TestClient) -> None:
    params = {"due_after": "2022-01-01", "due_before": "2023-12-31"}
    response = client.get("/v1/tasks.ics", params=params)
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    tasks = _tasks(client, **params)
    assert len(events) == len(tasks) > 0
    assert sorted(e.decoded("DTSTART").isoformat() for e in events) == sorted(
        t["deadline"]["date"] for t in tasks)


@pytest.mark.parametrize("filters", [
    {}, {"status": "overdue", "as_of": "2030-01-01"}, {"status": "no_deadline"},
    {"status": "open", "as_of": "2000-01-01"}, {"assignee": "so tai nguyen va moi truong"},
    {"q": "báo cáo"}, {"q": "bao cao", "status": "due_soon", "as_of": "2024-06-01"},
])
@pytest.mark.parametrize(("limit", "offset"), [(3, 0), (3, 2), (1000, 0), (5, 1000)])
@pytest.mark.parametrize("count", [False, True])
def test_pages_say_whether_more_follow_and_count_on_request(
        client: TestClient, filters: dict[str, str], limit: int, offset: int, count: bool) -> None:
    everything = _tasks(client, **filters)
    params = {**filters, "limit": limit, "offset": offset, "count": str(count).lower()}
    response = client.get("/v1/tasks", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [(t["document_id"], t["index"]) for t in body["tasks"]] == [
        (t["document_id"], t["index"]) for t in everything[offset:offset + limit]]
    assert body["more"] == (len(everything) > offset + limit)
    ends_here = not body["more"] and (body["tasks"] or offset == 0)
    assert body["total"] == (len(everything) if count or ends_here else None)
