"""Dependencies the routes declare: the store, the settings, the upload folder, today, and
who the request acts for (``ReaderDep``, ``IngesterDep``; ``PageReaderDep`` for web pages).

The cheap ones are ``async``: FastAPI runs a plain ``def`` dependency in a worker thread,
and a thread hop costs more than reading an attribute of the app's state."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from nlp.record import Record
from search_api.auth.access import require
from search_api.auth.roles import Principal
from search_api.settings import Settings
from search_api.store import Store
from search_api.store.base import clearance_rank


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_upload_dir(request: Request) -> Path:
    folder: Path = request.app.state.upload_dir
    return folder


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
UploadDirDep = Annotated[Path, Depends(get_upload_dir)]
ReaderDep = Annotated[Principal, Depends(require("reader"))]
IngesterDep = Annotated[Principal, Depends(require("ingester"))]
PageReaderDep = Annotated[Principal, Depends(require("reader", page=True))]


def visible(record: Record, principal: Principal) -> bool:
    """True when ``principal`` is cleared for ``record``'s confidentiality mark."""
    return principal.sees(clearance_rank(record.metadata.confidentiality))


def get_record(doc_id: str, store: StoreDep, principal: ReaderDep) -> Record:
    """The stored record ``doc_id``, or 404 (also when the key is not cleared for it: a
    secret document is indistinguishable from a missing one)."""
    record = store.get(doc_id)
    if record is None or not visible(record, principal):
        raise HTTPException(status_code=404, detail=f"no document with id {doc_id!r}")
    return record


RecordDep = Annotated[Record, Depends(get_record)]


def today() -> date:
    return date.today()
