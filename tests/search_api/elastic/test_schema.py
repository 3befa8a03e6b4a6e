"""Index templates: the exact settings and mappings, and what a cluster does with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from search_api.store.elastic import schema
from search_api.store.elastic.config import parse_url
from search_api.store.elastic.store import ElasticStore

DATA = Path(__file__).parent / "data"


def _expected() -> dict[str, Any]:
    with (DATA / "templates.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@pytest.mark.parametrize("kind", schema.KINDS)
def test_template_is_exactly(kind: str) -> None:
    assert schema.template(parse_url("http://localhost:9200"), kind) == _expected()[kind]


def test_shards_and_replicas_come_from_the_url() -> None:
    settings = schema.settings(parse_url("http://es:9200/x?shards=4&replicas=1"))
    assert (settings["number_of_shards"], settings["number_of_replicas"]) == (4, 1)
    assert "auto_expand_replicas" not in settings


def test_indices_are_versioned_behind_aliases(es_store: ElasticStore) -> None:
    prefix = es_store.config.prefix
    for kind in schema.KINDS:
        index = es_store.indices.current(kind)
        assert index is not None
        assert index.startswith(f"{prefix}-{kind}-v{schema.SCHEMA_VERSION}-")
        assert es_store.indices.version(index) == schema.SCHEMA_VERSION
        stored = es_store.client.indices.get_index_template(name=f"{prefix}-{kind}").body
        assert stored["index_templates"][0]["index_template"]["index_patterns"] == [
            f"{prefix}-{kind}-v*"]


@pytest.mark.parametrize(
    ("analyzer", "text", "tokens"),
    [
        ("vi_folded", "Đại hội THI ĐUA, khen thưởng", ["dai", "hoi", "thi", "dua", "khen", "thuong"]),
        ("vi_folded", "63/TB-VPCP ngày 7/4/2014", ["63", "tb", "vpcp", "ngay", "7", "4", "2014"]),
        ("vi_exact", "Đại hội THI ĐUA", ["đại", "hội", "thi", "đua"]),
    ],
)
def test_analyzers(es_store: ElasticStore, analyzer: str, text: str, tokens: list[str]) -> None:
    index = es_store.indices.current("documents")
    found = es_store.client.indices.analyze(index=index, analyzer=analyzer, text=text).body
    assert [t["token"] for t in found["tokens"]] == tokens
