"""Shape of the gazetteer files and a sample of their entries (gazetteer_samples.yaml)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp.agencies import province_names
from nlp.awards.lexicon import lexicon as award_lexicon
from nlp.entities.gazetteer import Body, Province, gazetteer, load_yaml
from nlp.entities.patterns import patterns

SAMPLES: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "gazetteer_samples.yaml").read_text(encoding="utf-8")
)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BEFORE, AFTER = "2025-06-30", "2025-07-01"


def _bodies() -> dict[str, Body]:
    return {b.name: b for b in gazetteer().bodies}


def _units() -> dict[str, Body]:
    return {u.name: u for u in gazetteer().units}


def _provinces() -> dict[str, Province]:
    return {p.name: p for p in gazetteer().provinces}


def test_province_counts() -> None:
    provinces = gazetteer().provinces
    assert sum(p.valid_on(BEFORE) for p in provinces) == 63
    assert sum(p.valid_on(AFTER) for p in provinces) == 34
    cities = [p.name for p in provinces if p.valid_on(AFTER) and p.kind == "thành phố"]
    assert len(cities) == 6


def test_every_merger_maps_to_a_new_province() -> None:
    provinces = _provinces()
    for province in provinces.values():
        if province.merged_into is not None:
            target = provinces[province.merged_into]
            assert target.valid_on(AFTER), province.name
            assert province.valid_to is not None
            assert province.valid_to < AFTER


def test_every_old_province_is_in_a_new_one() -> None:
    provinces = _provinces()
    for province in provinces.values():
        if province.valid_on(BEFORE):
            assert province.valid_on(AFTER) or province.merged_into, province.name


@pytest.mark.parametrize(("name", "size"), list(SAMPLES["merged_sizes"].items()))
def test_merged_sizes(name: str, size: int) -> None:
    provinces = gazetteer().provinces
    took_in = sum(p.merged_into == name and p.valid_on(BEFORE) for p in provinces)
    assert took_in + 1 == size


def test_new_provinces_agree_with_the_agency_lexicon() -> None:
    new = {p.name for p in gazetteer().provinces if p.valid_on(AFTER)}
    assert new == set(load_agency_provinces_2025())
    assert {p.name for p in gazetteer().provinces} <= {*province_names(), "Thừa Thiên Huế"}


def load_agency_provinces_2025() -> list[str]:
    from nlp.agencies import _raw

    return [str(p) for p in _raw()["provinces_2025"]]


def test_dates_and_successors() -> None:
    names = {*_bodies(), *_units()}
    for body in (*gazetteer().bodies, *gazetteer().units):
        for day in (body.valid_from, body.valid_to):
            assert day is None or ISO.match(day), body.name
        if body.valid_from and body.valid_to:
            assert body.valid_from <= body.valid_to
        if body.successor is not None:
            assert body.successor in names, f"{body.name} -> {body.successor}"
            assert body.valid_to is not None, body.name


KEYS = {
    "central_bodies.yaml": (
        "bodies",
        {"name", "aliases", "kind", "valid_from", "valid_to", "successor", "approx"},
    ),
    "local_bodies.yaml": ("units", {"name", "aliases", "valid_from", "valid_to", "successor"}),
    "provinces.yaml": (
        "provinces",
        {"name", "aliases", "kind", "valid_from", "valid_to", "merged_into"},
    ),
    "award_forms.yaml": ("forms", {"name", "kind", "grades"}),
}


@pytest.mark.parametrize("name", list(KEYS))
def test_entry_keys(name: str) -> None:
    section, allowed = KEYS[name]
    for entry in load_yaml(name)[section]:
        assert set(entry) <= allowed, entry
        assert all(value is not None for value in entry.values()), entry


def test_no_duplicate_names() -> None:
    gaz = gazetteer()
    for names in (
        [b.name for b in gaz.bodies],
        [u.name for u in gaz.units],
        [p.name for p in gaz.provinces],
        [*gaz.positions, *gaz.fixed_positions],
        [a.short for a in gaz.abbreviations],
    ):
        assert not [n for n, c in Counter(names).items() if c > 1]


@pytest.mark.parametrize("entry", SAMPLES["bodies"], ids=lambda e: e["name"])
def test_body_sample(entry: dict[str, Any]) -> None:
    _check(_bodies()[entry["name"]], entry)


@pytest.mark.parametrize("entry", SAMPLES["units"], ids=lambda e: e["name"])
def test_unit_sample(entry: dict[str, Any]) -> None:
    _check(_units()[entry["name"]], entry)


@pytest.mark.parametrize("entry", SAMPLES["provinces"], ids=lambda e: e["name"])
def test_province_sample(entry: dict[str, Any]) -> None:
    _check(_provinces()[entry["name"]], entry)


def _check(found: Body | Province, entry: dict[str, Any]) -> None:
    for field, value in entry.items():
        if field == "alias":
            assert value in found.aliases
        elif field != "name":
            assert getattr(found, field) == value, field


def test_positions_sample() -> None:
    gaz = gazetteer()
    assert set(SAMPLES["positions_fixed"]) <= set(gaz.fixed_positions)
    assert set(SAMPLES["positions"]) <= set(gaz.positions)


@pytest.mark.parametrize(("short", "expansion"), list(SAMPLES["abbreviations"].items()))
def test_abbreviation_sample(short: str, expansion: str) -> None:
    found = {a.short: a.expansion for a in gazetteer().abbreviations}
    assert found[short] == expansion


def test_surnames() -> None:
    surnames = gazetteer().surnames
    assert set(SAMPLES["surnames"]) <= set(surnames)
    assert not any(surnames[s] for s in SAMPLES["surnames"])  # the common ones are unambiguous
    assert all(s[:1].isupper() for s in surnames)


@pytest.mark.parametrize(("name", "kind"), list(SAMPLES["award_forms"].items()))
def test_award_form_sample(name: str, kind: str) -> None:
    forms = {f["name"]: f["kind"] for f in gazetteer().award_forms}
    assert forms[name] == kind


@pytest.mark.parametrize("form", load_yaml("award_forms.yaml")["forms"], ids=lambda f: f["name"])
def test_award_forms_are_read_by_the_award_lexicon(form: dict[str, Any]) -> None:
    match = award_lexicon().form_head.match(form["name"])
    assert match is not None, form["name"]
    assert award_lexicon().form_kinds[match.group(0).lower()][0] == form["kind"]


def test_patterns_have_known_labels() -> None:
    labels = Counter(p["label"] for p in patterns())
    assert set(labels) <= {
        "ORG",
        "POSITION",
        "LOCATION",
        "_QUAL",
        "_HEAD",
        "_SURNAME",
        "_CUE",
        "_NOTNAME",
        "_BLOCK",
    }
    assert labels["LOCATION"] >= 64
    assert labels["ORG"] > 150
