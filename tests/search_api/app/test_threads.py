"""The worker threads that run blocking request work: the ``threads`` setting."""

from __future__ import annotations

import os

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.app.main import request_threads
from search_api.settings import Settings


@pytest.mark.parametrize(("threads", "expected"), [(1, 1), (3, 3), (0, 1), (-5, 1), (64, 64)])
def test_threads_setting_is_used(threads: int, expected: int) -> None:
    assert request_threads(Settings(threads=threads)) == expected


def test_default_is_twice_the_cores_and_at_least_four() -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert request_threads(Settings()) == max(4, 2 * (cores or 1))


@pytest.mark.parametrize("threads", [2, 7])
def test_the_running_app_uses_that_many_threads(threads: int) -> None:
    async def tokens() -> float:
        return to_thread.current_default_thread_limiter().total_tokens

    app = create_app("sqlite:///:memory:", settings=Settings(auth_mode="local-dev",
                                                             threads=threads))
    with TestClient(app) as client:
        assert client.portal is not None
        assert client.portal.call(tokens) == threads
        assert client.get("/healthz").status_code == 200
