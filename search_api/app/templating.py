"""The Jinja2 environment of the web pages: autoescaped, with the label helpers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from starlette.templating import Jinja2Templates

from search_api.app.labels import label

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"


def query_string(params: dict[str, object], **changes: object) -> str:
    """``?a=1&b=2`` from ``params`` with ``changes`` applied; empty values are left out."""
    merged = {**params, **changes}
    kept = [(k, str(v)) for k, v in merged.items() if v not in (None, "")]
    return "?" + urlencode(kept) if kept else "?"


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    """Every value is escaped unless a template marks it ``safe`` (only store highlights)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = label
    env.globals["query_string"] = query_string
    return Jinja2Templates(env=env)
