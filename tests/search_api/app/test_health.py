"""``/healthz``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("which", ["client", "invented"])
def test_health_counts_the_stored_documents(request: pytest.FixtureRequest, which: str) -> None:
    api: TestClient = request.getfixturevalue(which)
    total = api.get("/v1/documents").json()["total"]
    assert total > 0
    assert api.get("/healthz").json() == {"status": "ok", "documents": total, "failures": 0}
