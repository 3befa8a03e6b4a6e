"""Store URLs of the Elasticsearch backend."""

from __future__ import annotations

from typing import Any

import pytest

from search_api.store.elastic.config import ElasticURLError, parse_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://localhost:9200", {"hosts": ["http://localhost:9200"], "prefix": "vanban",
                                   "refresh": "read", "shards": 1, "replicas": None}),
        ("https://es.example.org/archive/", {"hosts": ["https://es.example.org"],
                                             "prefix": "archive"}),
        ("http://elastic:p%40ss@es:9200/x?refresh=wait_for",
         {"hosts": ["http://es:9200"], "username": "elastic", "password": "p@ss",
          "prefix": "x", "refresh": "wait_for"}),
        ("http://es:9200?shards=6&replicas=2", {"shards": 6, "replicas": 2}),
        ("http://[::1]:9200", {"hosts": ["http://[::1]:9200"]}),
    ],
)
def test_parse_url(url: str, expected: dict[str, Any]) -> None:
    config = parse_url(url)
    assert {key: getattr(config, key) for key in expected} == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://es:9200/Upper", "index prefix"),
        ("http://es:9200/a/b", "index prefix"),
        ("http://es:9200?refresh=sometimes", "refresh must be"),
        ("http://es:9200?shards=0", "shards must be"),
        ("http://es:9200?replicas=-1", "replicas must be"),
        ("http://es:9200?colour=blue", "unknown option"),
        ("ftp://es:9200", "expected http"),
    ],
)
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(ElasticURLError, match=message):
        parse_url(url)
