"""Cached loaders for the metadata lexicons: document types and signer positions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlp.agencies import clean_name, fold
from nlp.datafiles import load_yaml


@dataclass(frozen=True, slots=True)
class DocType:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class DocTypes:
    by_abbr: dict[str, DocType]
    by_folded_abbr: dict[str, DocType]
    by_name: dict[str, DocType]
    """Key: the type name folded, upper case, letters only ("QUYETDINH")."""


def _load(name: str) -> dict[str, Any]:
    return load_yaml(name)


def letters_key(text: str) -> str:
    """Folded, upper case, letters only: ``"Quyết  định" -> "QUYETDINH"``."""
    return re.sub(r"[^A-Z]", "", fold(text).upper())


@lru_cache(maxsize=1)
def doc_types() -> DocTypes:
    by_abbr: dict[str, DocType] = {}
    by_folded: dict[str, DocType] = {}
    by_name: dict[str, DocType] = {}
    for entry in _load("doc_types.yaml")["types"]:
        doc_type = DocType(entry["code"], entry["label"])
        by_name.setdefault(letters_key(entry["label"]), doc_type)
        for abbr in entry.get("abbr", []):
            by_abbr.setdefault(abbr, doc_type)
            by_folded.setdefault(fold(abbr).upper(), doc_type)
    return DocTypes(by_abbr, by_folded, by_name)


def type_by_code(code: str) -> DocType | None:
    for doc_type in doc_types().by_name.values():
        if doc_type.code == code:
            return doc_type
    return None


@dataclass(frozen=True, slots=True)
class Positions:
    titles: tuple[tuple[str, str], ...]
    """(casefolded title, canonical title), longest first."""
    authority_re: re.Pattern[str]
    stamps: tuple[str, ...]
    surnames: frozenset[str]
    name_prefix_re: re.Pattern[str]


@lru_cache(maxsize=1)
def positions() -> Positions:
    data = _load("positions.yaml")
    titles = sorted(
        {(clean_name(t).casefold(), clean_name(t)) for t in data["positions"]},
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    prefixes = sorted(data["authority_prefixes"], key=len, reverse=True)
    alt = "|".join(re.escape(p) for p in prefixes)
    authority_re = re.compile(rf"(?<!\w)(?:{alt})\s*\.\s*(?=[A-ZĐÀ-Ỹ])|(?<!\w)(?:K/T|T/M|T/L)\s+")
    stamps = tuple(sorted((str(s) for s in data["stamps"]), key=len, reverse=True))
    surnames = frozenset(clean_name(str(s)).casefold() for s in data["surnames"])
    name_prefixes = sorted((str(p) for p in data["name_prefixes"]), key=len, reverse=True)
    alt = "|".join(re.escape(p) for p in name_prefixes)
    name_prefix_re = re.compile(rf"^(?:{alt})\s*(?=[A-ZĐÀ-Ỹ])")
    return Positions(tuple(titles), authority_re, stamps, surnames, name_prefix_re)
