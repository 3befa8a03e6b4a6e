"""JSON responses serialised once, by orjson, from plain data the routes have built.

A route that returns a pydantic model (or a dict checked against its ``response_model``)
has FastAPI validate the whole payload again and serialise it in a worker thread; for a
page of hits with their metadata and highlights that costs more than the search. Routes
that build their answer from data they control return ``JSONBody`` instead and keep their
``response_model`` for the OpenAPI schema; tests check the bodies against those models.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


class JSONBody(Response):
    """``application/json``, compact UTF-8 (as FastAPI writes a response model)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        body: bytes = orjson.dumps(content)
        return body
