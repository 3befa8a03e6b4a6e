"""``/v1/entities``: named entities with the number of documents naming each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from search_api.app.deps import ReaderDep, StoreDep
from search_api.app.json_body import JSONBody
from search_api.app.schemas import EntitiesOut

router = APIRouter(tags=["entities"])


@router.get("/entities", response_model=EntitiesOut, summary="Entities")
def list_entities(
    store: StoreDep,
    principal: ReaderDep,
    label: Annotated[str | None, Query(description="PERSON, ORG, POSITION, LOCATION, …")] = None,
    prefix: Annotated[str | None, Query(description="autocomplete: names starting so")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> JSONBody:
    """Entities by type, most documents first; ``prefix`` ignores case and diacritics."""
    found = store.entities(label or None, prefix or None, limit=limit,
                           max_clearance=principal.clearance)
    return JSONBody({"entities": [{"label": e.label, "name": e.name, "documents": e.documents}
                                  for e in found]})
