"""What the Elasticsearch store indexes for a record: one document, its tasks, its entities.

Text is folded in Python (the same ``fold`` as the embedded store) before it is sent, so
search does not depend on how well a cluster, or an emulator, folds Vietnamese.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from nlp.record import Record
from search_api.fold import exact_form, fold_aligned, fold_key, number_key, number_tokens
from search_api.store.base import clearance_rank
from search_api.store.fulltext import NUMBER_START, date_int, entity_keys
from search_api.store.records import record_to_dict

SEP = "\u001f"
"""Joins parts of a composite id or key (never part of a name)."""


def folded_text(text: str) -> str:
    """The indexed ``text`` field: same length as the NFC text, so offsets carry over."""
    return fold_aligned(unicodedata.normalize("NFC", text))


def document_source(record: Record, *, sha256: str | None) -> dict[str, Any]:
    """The ``documents`` entry of a record (the whole record travels in ``record``)."""
    meta = record.metadata
    source: dict[str, Any] = {
        "id": record.id,
        "sha256": sha256 or record.source.sha256 or None,
        "text": folded_text(record.text),
        "text_exact": exact_form(record.text),
        "doc_type": meta.doc_type,
        "issuer": meta.issuer,
        "issuer_key": fold_key(meta.issuer) if meta.issuer else None,
        "award_kind": sorted({a.award_kind for a in record.awards if a.award_kind}),
        "cites_key": sorted({number_key(c.number) for c in record.citations if c.number}),
        "entity_key": sorted(entity_keys(record)),
        "clearance": clearance_rank(meta.confidentiality),
        "n_tasks": len(record.tasks),
        "n_entities": len(entity_rows(record)),
        "record": record_to_dict(record),
    }
    signers = list(dict.fromkeys(s.name for s in meta.signers if s.name))
    source["signer"] = signers
    source["signer_key"] = [fold_key(name) for name in signers]
    if meta.number and (tokens := number_tokens(meta.number)):
        source["number"] = " ".join([NUMBER_START, *tokens])
        source["number_key"] = number_key(meta.number)
    date = date_int(meta.issued_date)
    source["date"] = date
    if date:
        source["year"] = date // 10_000
    return source


def task_id(doc_id: str, index: int) -> str:
    return f"{doc_id}{SEP}{index}"


def task_sources(record: Record) -> list[dict[str, Any]]:
    """One ``tasks`` entry per task, carrying what a task listing shows of its document."""
    meta = record.metadata
    data = record_to_dict(record)["tasks"]
    return [
        {
            "doc_id": record.id,
            "index": i,
            "action_key": fold_key(task.action),
            "assignee_keys": [fold_key(name) for name in task.assignees],
            "deadline_date": task.deadline.date if task.deadline else None,
            "doc_number": meta.number,
            "doc_type": meta.doc_type,
            "issuer": meta.issuer,
            "issued_date": meta.issued_date,
            # sort keys that are never missing, so search_after pages never meet a null
            "deadline_order": task.deadline.date if task.deadline and task.deadline.date else "~",
            "issued_order": meta.issued_date or "",
            "clearance": clearance_rank(meta.confidentiality),
            "task": data[i],
        }
        for i, task in enumerate(record.tasks)
    ]


def entity_rows(record: Record) -> list[tuple[str, str]]:
    """Distinct (label, name) pairs of a record's entities, in order of appearance."""
    return list(dict.fromkeys((e.label, e.canonical or e.text) for e in record.entities))


def entity_sources(record: Record) -> list[dict[str, Any]]:
    """One ``entities`` entry per distinct name, so a bucket counts documents."""
    clearance = clearance_rank(record.metadata.confidentiality)
    return [
        {"doc_id": record.id, "label": label, "name": name, "name_key": fold_key(name),
         "group": f"{name}{SEP}{label}", "clearance": clearance}
        for label, name in entity_rows(record)
    ]


def path_id(path: str) -> str:
    """The ``_id`` of a path's ``sources``/``failures`` entry (paths may pass the 512-byte cap)."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
