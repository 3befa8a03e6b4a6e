"""Hyphens lost inside a number's symbol: "186/BCUBND" -> "186/BC-UBND".

A symbol run with no hyphen that is not itself a known abbreviation is split into known
parts: the type abbreviations of ``nlp/data/doc_types.yaml`` and the capitalised agency
abbreviations of ``nlp/data/agencies.yaml`` ("UBND", "BNV", the "TĐKT" of "Ban TĐKT").
A run is rewritten only when every part is known; the split with fewest parts wins.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_ABBR = re.compile(r"^[A-ZĐ][A-ZĐa-z]*[A-ZĐ][A-ZĐa-z]*$")
_MAX_PARTS = 3


def _yaml(name: str) -> dict[str, Any]:
    text = resources.files("nlp").joinpath(f"data/{name}").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def symbol_parts() -> frozenset[str]:
    """Abbreviations a symbol is made of (at least two letters, a capital first)."""
    parts: set[str] = set()
    for kind in _yaml("doc_types.yaml")["types"]:
        parts.update(str(a) for a in kind.get("abbr", []))
    agencies = _yaml("agencies.yaml")
    for entry in agencies.get("agencies", []):
        for alias in entry.get("aliases", []) or []:
            parts.update(w for w in str(alias).split() if _ABBR.match(w))
    parts.update(str(key) for key in (agencies.get("abbreviations") or {}) if _ABBR.match(str(key)))
    return frozenset(p for p in parts if len(p) >= 2)


def split_symbol(run: str) -> list[str] | None:
    """``run`` as known parts (fewest first), or None when it is known or cannot be split.

    >>> split_symbol("BCUBND")
    ['BC', 'UBND']
    >>> split_symbol("UBND") is None
    True
    """
    known = symbol_parts()
    if run in known:
        return None
    best: dict[int, list[str]] = {0: []}
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - 12), end - 1):
            head = best.get(start)
            if head is None or run[start:end] not in known or len(head) >= _MAX_PARTS:
                continue
            if end not in best or len(head) + 1 < len(best[end]):
                best[end] = [*head, run[start:end]]
    parts = best.get(len(run))
    return parts if parts and len(parts) > 1 else None


_NUMBER_SYMBOL = re.compile(r"^(\W{0,2}Số:[ \t]*\d+[ \t]*/[ \t]*)([A-ZĐ][A-ZĐa-z]{3,})(?=[\s.,;]|$)", re.M)


def _rejoin(match: re.Match[str]) -> str:
    parts = split_symbol(match.group(2))
    return match.group(1) + ("-".join(parts) if parts else match.group(2))


def repair_symbols(text: str) -> str:
    """``text`` with the hyphens put back in each "Số: N/SYMBOL" whose symbol has none.

    >>> repair_symbols("Số: 186/BCUBND Hà Nội")
    'Số: 186/BC-UBND Hà Nội'
    """
    return _NUMBER_SYMBOL.sub(_rejoin, text)
