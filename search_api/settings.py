"""The one settings object: environment variables with the ``VANBAN_`` prefix."""

from __future__ import annotations

from functools import lru_cache

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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
