"""Vietnamese UI labels for the codes records hold (``data/labels.yaml``), loaded once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from nlp.metadata.lexicon import type_by_code


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """Group -> code -> label, e.g. ``labels()["statuses"]["overdue"] == "Quá hạn"``."""
    text = resources.files("search_api.app").joinpath("data/labels.yaml").read_text("utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


def label(group: str, code: object) -> str:
    """The label of ``code`` in ``group``; the code itself when there is none.

    >>> label("statuses", "overdue")
    'Quá hạn'
    """
    if code is None:
        return ""
    if group == "doc_types":
        return doc_type_label(str(code))
    return labels().get(group, {}).get(str(code), str(code))


def doc_type_label(code: str) -> str:
    """``"chi_thi"`` -> ``"Chỉ thị"`` (from the document-type lexicon)."""
    found = type_by_code(code)
    return found.label if found else code
