"""The gazetteer (nlp/data/gazetteer/*): bodies, provinces, positions, surnames, cues.

Each file is read once through a cached loader; ``gazetteer()`` gives them as one typed value.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Body:
    """A named body with the dates its name was valid."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    valid_from: str | None
    valid_to: str | None
    successor: str | None


@dataclass(frozen=True, slots=True)
class Province:
    """A province-level unit ("Nghệ An"), with its merger of 1 July 2025."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    valid_from: str | None
    valid_to: str | None
    merged_into: str | None

    def valid_on(self, day: str) -> bool:
        """Whether the unit existed on ``day`` (ISO date)."""
        return (self.valid_from or "") <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Abbreviation:
    short: str
    expansion: str
    label: str


@dataclass(frozen=True, slots=True)
class NameWords:
    """Words that shape the name of a body (see local_bodies.yaml)."""

    stop_words: frozenset[str]
    stop_phrases: frozenset[str]
    keep_phrases: frozenset[str]
    parent_words: frozenset[str]
    branch_words: frozenset[str]
    collective_after: frozenset[str]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Everything the entity recogniser knows by name."""

    bodies: tuple[Body, ...]
    units: tuple[Body, ...]
    party_units: tuple[str, ...]
    heads: tuple[str, ...]
    name_rules: NameWords
    provinces: tuple[Province, ...]
    qualifiers: tuple[str, ...]
    fixed_positions: tuple[str, ...]
    positions: tuple[str, ...]
    abbreviations: tuple[Abbreviation, ...]
    surnames: dict[str, bool]
    """Surname -> ambiguous (also a common capitalised word)."""
    cues: tuple[str, ...]
    not_names: tuple[str, ...]
    blockers: tuple[str, ...]
    highland_names: frozenset[str]
    street_words: frozenset[str]
    """Syllables of the family names of the Central Highlands peoples ("Niê", "Kdăm")."""
    max_syllables: int
    award_forms: tuple[dict[str, Any], ...]


def read_text(name: str) -> str:
    """The text of one gazetteer file."""
    return resources.files("nlp").joinpath(f"data/gazetteer/{name}").read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def load_yaml(name: str) -> dict[str, Any]:
    """The contents of one YAML gazetteer file."""
    data: dict[str, Any] = yaml.safe_load(read_text(name))
    return data


def _rows(name: str) -> list[list[str]]:
    lines = [line for line in read_text(name).splitlines() if line and not line.startswith("#")]
    return [row for row in csv.reader(io.StringIO("\n".join(lines)), delimiter="\t")]


def _date(value: object) -> str | None:
    return None if value is None else str(value)


def _body(entry: dict[str, Any]) -> Body:
    return Body(
        name=str(entry["name"]),
        aliases=tuple(str(a) for a in entry.get("aliases", [])),
        kind=str(entry.get("kind", "local")),
        valid_from=_date(entry.get("valid_from")),
        valid_to=_date(entry.get("valid_to")),
        successor=entry.get("successor"),
    )


def _province(entry: dict[str, Any]) -> Province:
    return Province(
        name=str(entry["name"]),
        aliases=tuple(str(a) for a in entry.get("aliases", [])),
        kind=str(entry["kind"]),
        valid_from=_date(entry.get("valid_from")),
        valid_to=_date(entry.get("valid_to")),
        merged_into=entry.get("merged_into"),
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Read (once) every gazetteer file."""
    central = load_yaml("central_bodies.yaml")
    local = load_yaml("local_bodies.yaml")
    provinces = load_yaml("provinces.yaml")
    positions = load_yaml("positions.yaml")
    persons = load_yaml("persons.yaml")
    surnames = _rows("surnames.tsv")
    return Gazetteer(
        bodies=tuple(_body(e) for e in central["bodies"]),
        units=tuple(_body(e) for e in local["units"]),
        party_units=tuple(local["party_units"]),
        heads=tuple(local["heads"]),
        name_rules=NameWords(
            stop_words=frozenset(local["name_stop_words"]),
            stop_phrases=frozenset(local["name_stop_phrases"]),
            keep_phrases=frozenset(local["name_keep_phrases"]),
            parent_words=frozenset(w.lower() for w in local["parent_words"]),
            branch_words=frozenset(w.lower() for w in local["branch_words"]),
            collective_after=frozenset(local["collective_after"]),
        ),
        provinces=tuple(_province(e) for e in provinces["provinces"]),
        qualifiers=tuple(provinces["qualifiers"]),
        fixed_positions=tuple(positions["fixed"]),
        positions=tuple(positions["titles"]),
        abbreviations=tuple(Abbreviation(*row[:3]) for row in _rows("abbreviations.tsv")),
        surnames={row[0]: row[1] == "1" for row in surnames[1:]},
        cues=tuple(persons["cues"]),
        not_names=tuple(persons["not_names"]),
        blockers=tuple(persons["blockers"]),
        street_words=frozenset(str(w) for w in persons["street_words"]),
        highland_names=frozenset(
            w for name in persons["highland_family_names"] for w in str(name).split()
        ),
        max_syllables=int(persons["max_syllables"]),
        award_forms=tuple(load_yaml("award_forms.yaml")["forms"]),
    )
