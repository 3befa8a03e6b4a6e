"""The FastAPI app: the JSON API under ``/v1``, ``/healthz`` and the web pages."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from search_api.app.routes import documents, entities, health, pages, tasks
from search_api.app.templating import STATIC
from search_api.app.uploads import upload_dir_for
from search_api.auth import web
from search_api.auth.access import LoginRequiredError
from search_api.auth.keys import KeyStore, keys_path_for
from search_api.settings import Settings, get_settings
from search_api.store import open_store


def request_threads(settings: Settings) -> int:
    """How many worker threads run blocking request work (the ``threads`` setting)."""
    if settings.threads is not None:
        return max(1, settings.threads)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(4, 2 * cores)


def create_app(store_url: str | None = None, *, settings: Settings | None = None) -> FastAPI:
    """The app over the store at ``store_url`` (default: the ``store`` setting).

    Uploads are kept in ``files/`` beside a SQLite store (in a temporary folder for an
    in-memory one), API keys in ``keys.db`` beside it (the ``keys_db`` setting; in memory
    otherwise). The store is closed when the app shuts down.
    """
    settings = settings or get_settings()
    url = store_url or settings.store
    store = open_store(url)
    scratch = None
    upload_dir = upload_dir_for(url)
    if upload_dir is None:
        scratch = tempfile.TemporaryDirectory(prefix="vanban-uploads-")
        upload_dir = Path(scratch.name)
    keys_path = Path(settings.keys_db) if settings.keys_db else keys_path_for(url)
    keys = KeyStore(keys_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = request_threads(settings)
        yield
        store.close()
        keys.close()
        if scratch is not None:
            scratch.cleanup()

    app = FastAPI(title="vanban", version="1", lifespan=lifespan,
                  description="Vietnamese government documents as structured, searchable records.")
    app.state.store = store
    app.state.settings = settings
    app.state.upload_dir = upload_dir
    app.state.keys = keys
    for module in (documents, tasks, entities):  # each directly: a level less to match
        app.include_router(module.router, prefix="/v1")
    app.include_router(health.router)
    app.include_router(pages.router)
    app.include_router(web.router)
    app.add_exception_handler(LoginRequiredError, web.redirect_to_login)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
