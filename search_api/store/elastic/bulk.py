"""Bulk writes: ``helpers.streaming_bulk`` with retries, every failed document reported."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch, helpers

CHUNK_DOCS = 500
CHUNK_BYTES = 20 * 1024 * 1024
MAX_RETRIES = 4
"""Retries of a chunk the cluster refused with 429 (too many requests), with back-off."""


@dataclass(frozen=True, slots=True)
class BulkFailure:
    op: str
    index: str
    id: str
    status: int
    reason: str


class BulkWriteError(RuntimeError):
    """Some documents of a bulk write were refused; ``failures`` says which and why."""

    def __init__(self, failures: list[BulkFailure], written: int) -> None:
        self.failures = failures
        self.written = written
        lines = [f"{f.op} {f.index}/{f.id}: {f.status} {f.reason}" for f in failures[:10]]
        more = f"\n… and {len(failures) - 10} more" if len(failures) > 10 else ""
        super().__init__(f"{len(failures)} of {written + len(failures)} bulk writes failed:\n"
                         + "\n".join(lines) + more)


def _failure(item: dict[str, Any]) -> BulkFailure:
    op, result = next(iter(item.items()))
    error = result.get("error")
    reason = (f"{error.get('type')}: {error.get('reason')}" if isinstance(error, dict)
              else str(error or result.get("result")))
    return BulkFailure(op, str(result.get("_index", "")), str(result.get("_id", "")),
                       int(result.get("status", 0)), reason)


def write(client: Elasticsearch, actions: Iterable[dict[str, Any]], *,
          refresh: str | bool = False) -> int:
    """Send ``actions`` in chunks; the number written. Deleting a missing document is not an
    error; anything else refused raises ``BulkWriteError`` after the rest has been sent."""
    failures: list[BulkFailure] = []
    written = 0
    for ok, item in helpers.streaming_bulk(
        client, actions, chunk_size=CHUNK_DOCS, max_chunk_bytes=CHUNK_BYTES,
        raise_on_error=False, raise_on_exception=True, max_retries=MAX_RETRIES,
        initial_backoff=1, max_backoff=30, refresh=refresh,
    ):
        if ok:
            written += 1
            continue
        failure = _failure(item)
        if failure.op == "delete" and failure.status == 404:
            continue
        failures.append(failure)
    if failures:
        raise BulkWriteError(failures, written)
    return written
