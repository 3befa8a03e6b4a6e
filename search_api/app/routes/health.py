"""``/healthz``: the app answers and its store can be read."""

from __future__ import annotations

from fastapi import APIRouter

from search_api.app.deps import StoreDep
from search_api.app.schemas import HealthOut

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthOut, summary="Health")
def health(store: StoreDep) -> HealthOut:
    """``ok`` with the number of stored documents and of recorded failures."""
    return HealthOut(status="ok", documents=store.count(), failures=len(store.failures()))
