"""Templates, aliases and generations of the store's indices; refreshing what was written."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError

from search_api.store.elastic import schema
from search_api.store.elastic.config import ElasticConfig


class SchemaVersionError(RuntimeError):
    """Indices written by a vanban with another mapping, which cannot be rebuilt in place."""


def generation() -> str:
    return datetime.now(UTC).strftime("%Y%m%dt%H%M%S%f")


class Indices:
    """The five aliases of one prefix and the indices behind them."""

    def __init__(self, client: Elasticsearch, config: ElasticConfig) -> None:
        self.client, self.config = client, config
        self.dirty: set[str] = set()
        """Kinds written since their last refresh (by this store)."""
        self._lock = threading.Lock()

    def alias(self, kind: str) -> str:
        return schema.alias(self.config.prefix, kind)

    def ensure(self) -> list[str]:
        """Install the templates and create missing indices; the derived kinds that hold an
        older schema and must be rebuilt from the records."""
        for kind in schema.KINDS:
            self.client.indices.put_index_template(**schema.template(self.config, kind))
        stale = []
        for kind in schema.KINDS:
            current = self.current(kind)
            if current is None:
                self.create(kind, generation(), alias=True)
            elif self.version(current) != schema.SCHEMA_VERSION:
                if kind not in schema.DERIVED:
                    raise SchemaVersionError(
                        f"{current}: vanban schema {self.version(current)}, this vanban "
                        f"writes {schema.SCHEMA_VERSION}; copy the store with `vanban reindex`")
                stale.append(kind)
        return stale

    def current(self, kind: str) -> str | None:
        """The concrete index behind a kind's alias (None when there is none)."""
        try:
            found = self.client.indices.get_alias(name=self.alias(kind))
        except NotFoundError:
            return None
        names = sorted(found.body)
        return names[-1] if names else None

    def version(self, index: str) -> int | None:
        body = self.client.indices.get_mapping(index=index).body
        meta = body.get(index, {}).get("mappings", {}).get("_meta", {})
        value = meta.get("vanban_schema")
        return int(value) if value is not None else None

    def create(self, kind: str, gen: str, *, alias: bool) -> str:
        name = schema.index_name(self.config.prefix, kind, gen)
        aliases: dict[str, Any] = {self.alias(kind): {"is_write_index": True}} if alias else {}
        self.client.indices.create(index=name, aliases=aliases)
        return name

    def set_refresh_interval(self, index: str, interval: str) -> None:
        self.client.indices.put_settings(index=index, settings={"index": {"refresh_interval": interval}})

    def swap(self, new: dict[str, str]) -> None:
        """Point each kind's alias at its new index in one request; delete the old indices."""
        old = {kind: self.current(kind) for kind in new}
        actions: list[dict[str, Any]] = []
        for kind, index in new.items():
            if old[kind]:
                actions.append({"remove": {"index": old[kind], "alias": self.alias(kind)}})
            actions.append({"add": {"index": index, "alias": self.alias(kind),
                                    "is_write_index": True}})
        self.client.indices.update_aliases(actions=actions)
        for previous in old.values():
            if previous:
                self.client.indices.delete(index=previous, ignore_unavailable=True)

    def wrote(self, *kinds: str) -> None:
        with self._lock:
            self.dirty.update(kinds)

    def refresh(self, *kinds: str) -> None:
        """Make this store's own writes to ``kinds`` searchable (no request when none)."""
        with self._lock:
            todo = sorted(self.dirty.intersection(kinds))
            self.dirty.difference_update(todo)
        if todo:
            self.client.indices.refresh(index=",".join(self.alias(k) for k in todo))

    def drop(self) -> None:
        """Delete every index and template of this prefix (tests, throw-away stores)."""
        for kind in schema.KINDS:
            pattern = schema.index_pattern(self.config.prefix, kind)
            found = self.client.indices.get(index=pattern, allow_no_indices=True,
                                            ignore_unavailable=True).body
            for name in sorted(found):  # also generations a stopped reindex left behind
                self.client.indices.delete(index=name, ignore_unavailable=True)
            if self.client.indices.exists_index_template(name=self.alias(kind)):
                self.client.indices.delete_index_template(name=self.alias(kind))
        self.dirty.clear()
