"""Dependencies the routes declare: the store, the settings, the upload folder, today."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from nlp.record import Record
from search_api.settings import Settings
from search_api.store import Store


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_upload_dir(request: Request) -> Path:
    folder: Path = request.app.state.upload_dir
    return folder


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
UploadDirDep = Annotated[Path, Depends(get_upload_dir)]


def get_record(doc_id: str, store: StoreDep) -> Record:
    """The stored record ``doc_id``, or 404."""
    record = store.get(doc_id)
    if record is None:
        raise HTTPException(status_code=404, detail=f"no document with id {doc_id!r}")
    return record


RecordDep = Annotated[Record, Depends(get_record)]


def today() -> date:
    return date.today()
