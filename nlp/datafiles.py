"""The lexicon files of ``nlp/data``, parsed once per process.

Every module that needs a data file calls ``load_yaml``; the parsed data is shared, so callers
must treat it as read-only.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """``nlp/data/<name>`` as a dict: ``load_yaml("agencies.yaml")["provinces"]``."""
    text = resources.files("nlp").joinpath(f"data/{name}").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data
