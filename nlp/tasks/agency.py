"""Canonical assignee names: the one place that calls ``nlp.agencies.canonical_agency``.

Until that module exists (or for names it leaves alone) a small fallback table
(``nlp/data/task_agencies.yaml``) expands short forms and fixes case:
``canonical("BỘ NỘI VỤ") == canonical("BNV") == "Bộ Nội vụ"``. Collective assignees are
kept as written, sentence-cased: ``"các bộ, ngành"`` → ``"Các bộ, ngành"``.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import cast

from nlp.datafiles import load_yaml

_SPACES = re.compile(r"\s+")
_DASH = re.compile(r"\s*[–—-]\s*")
# "Sở VH,TT&DL" is written "Sở VH-TT&DL" in the tables: a comma inside an abbreviation.
_TIGHT_COMMA = re.compile(r"(?<=[A-ZĐ&]),(?=[A-ZĐ])")


def _new_tone(text: str) -> str:
    """New tone placement (docs/annotation.md): "Uỷ ban" is written "Ủy ban"."""
    return text.replace("Uỷ", "Ủy").replace("uỷ", "ủy").replace("UỶ", "ỦY")


def _key(name: str) -> str:
    text = _new_tone(_SPACES.sub(" ", name).strip(" ,;:."))
    return _DASH.sub(" - ", text).lower()


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    raw = load_yaml("task_agencies.yaml")
    table: dict[str, str] = {}
    for name, shorts in raw["agencies"].items():
        table[_key(name)] = name
        for short in shorts or []:
            table[_key(short)] = name
    prefixes = tuple((str(k), str(v)) for k, v in raw["prefixes"].items())
    return table, prefixes


@lru_cache(maxsize=1)
def _external() -> Callable[[str], str] | None:
    """``nlp.agencies.canonical_agency`` when that module is present."""
    try:
        module = importlib.import_module("nlp.agencies")
    except ImportError:
        return None
    func = getattr(module, "canonical_agency", None)
    return cast("Callable[[str], str]", func) if callable(func) else None


def _fallback(name: str) -> str:
    table, prefixes = _table()
    found = table.get(_key(name))
    if found:
        return found
    text = _DASH.sub(" - ", _new_tone(_SPACES.sub(" ", name).strip(" ,;:.")))
    for short, full in prefixes:
        if text.startswith(short + " "):
            text = full + text[len(short) :]
    if text.isupper():
        text = text[0] + text[1:].lower()
    elif text[:1].islower():
        text = text[0].upper() + text[1:]
    return table.get(_key(text), text)


@lru_cache(maxsize=8192)
def canonical(name: str) -> str:
    """The canonical form of an assignee or co-ordinator name."""
    text = _TIGHT_COMMA.sub("-", _SPACES.sub(" ", name).strip(" ,;:."))
    if not text:
        return text
    if text[:4].lower() == "các ":
        return "C" + _new_tone(text[1:])
    if " các " in text and not text.isupper():
        return _fallback(text)
    external = _external()
    if external is not None:
        try:
            result = external(text)
        except Exception:  # a helper's failure must not lose the task
            result = ""
        if (
            result
            and result != text
            and not _loses_capitals(text, result)
            and written_words_kept(text, result)
        ):
            return result
    return _fallback(text)


def _loses_capitals(written: str, result: str) -> bool:
    """``True`` when ``result`` only re-cases a mixed-case name (trusted as written)."""
    return not written.isupper() and _key(result) == _key(written)


def _marks(word: str) -> tuple[str, list[str]]:
    """(base letters, sorted combining marks) of a lower-case word."""
    parts = unicodedata.normalize("NFD", word.lower().replace("đ", "d\u0335"))
    marks = sorted(c for c in parts if unicodedata.combining(c))
    return "".join(c for c in parts if not unicodedata.combining(c)), marks


def written_words_kept(written: str, result: str) -> bool:
    """``False`` when ``result`` puts other marks on a word of a mixed-case name written with
    its marks ("danh tính" read as "danh tỉnh"); moving a tone ("Uỷ" -> "Ủy") and restoring
    the marks of a word written without any ("Uy ban" -> "Ủy ban") are kept."""
    old, new = written.split(), result.split()
    if written.isupper() or len(old) != len(new):
        return True
    for a, b in zip(old, new, strict=True):
        if a.isascii() or a.lower() == b.lower():
            continue
        if _marks(a) != _marks(b):
            return False
    return True
