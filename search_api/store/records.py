"""``record_from_dict``: load a record back from ``Record.to_dict()`` output (or its JSON)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from nlp.record import (
    Award,
    AwardRecipient,
    Citation,
    Deadline,
    Entity,
    Metadata,
    Record,
    Signer,
    SourceInfo,
    Task,
)

_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None
    return _FIELDS[cls]


def to_plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies (records are written many per second)."""
    cls = type(value)
    if cls in _SCALARS:
        return value
    names = _field_names(cls)
    if names is not None:
        plain = {}
        for name in names:
            item = getattr(value, name)
            plain[name] = item if type(item) in _SCALARS else to_plain(item)
        return plain
    if cls is list or cls is tuple:
        return [item if type(item) in _SCALARS else to_plain(item) for item in value]
    if cls is dict:
        return {key: to_plain(item) for key, item in value.items()}
    return value


def record_to_dict(record: Record) -> dict[str, Any]:
    """The same data as ``Record.to_dict()``, faster."""
    data: dict[str, Any] = to_plain(record)
    return data


def _pick(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The keys of ``data`` that ``cls`` has as fields (newer keys are ignored)."""
    names = cls.__dataclass_fields__  # type: ignore[attr-defined]
    return {key: value for key, value in data.items() if key in names}


def task_from_dict(data: dict[str, Any]) -> Task:
    fields = _pick(Task, data)
    deadline = data.get("deadline")
    fields["deadline"] = Deadline(**_pick(Deadline, deadline)) if deadline else None
    return Task(**fields)


def _award(data: dict[str, Any]) -> Award:
    fields = _pick(Award, data)
    fields["recipient"] = AwardRecipient(**_pick(AwardRecipient, data["recipient"]))
    return Award(**fields)


def metadata_from_dict(data: dict[str, Any]) -> Metadata:
    fields = _pick(Metadata, data)
    fields["signers"] = [Signer(**_pick(Signer, s)) for s in data.get("signers", [])]
    return Metadata(**fields)


def record_from_dict(data: dict[str, Any]) -> Record:
    """The inverse of ``Record.to_dict()``: ``record_from_dict(r.to_dict()) == r``."""
    return Record(
        id=data["id"],
        source=SourceInfo(**_pick(SourceInfo, data.get("source") or {"filename": ""})),
        text=data.get("text", ""),
        metadata=metadata_from_dict(data.get("metadata") or {}),
        entities=[Entity(**_pick(Entity, e)) for e in data.get("entities", [])],
        citations=[Citation(**_pick(Citation, c)) for c in data.get("citations", [])],
        tasks=[task_from_dict(t) for t in data.get("tasks", [])],
        awards=[_award(a) for a in data.get("awards", [])],
        warnings=list(data.get("warnings", [])),
    )
