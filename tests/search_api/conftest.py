"""Fixtures shared by the search_api tests: one Elasticsearch for the whole session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def es_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``$VANBAN_ES_URL``, else noida-db's Elasticsearch API started once for this session
    (failing, not skipping, in CI when noida-db is missing)."""
    from search_api.store.elastic.emulator import EmulatorError, running_emulator

    if os.environ.get("VANBAN_ES_URL"):
        yield os.environ["VANBAN_ES_URL"].rstrip("/")
        return
    try:
        with running_emulator(tmp_path_factory.mktemp("es-emulator")) as url:
            yield url
    except EmulatorError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Elasticsearch tests cannot run in CI: {exc}")
        pytest.skip(f"no Elasticsearch to test against: {exc} (or set VANBAN_ES_URL)")
