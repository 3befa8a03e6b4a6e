"""Response models of the JSON API (what OpenAPI documents and responses are checked against)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class HitOut(BaseModel):
    id: str
    score: float
    metadata: dict[str, Any]
    highlights: list[str] = Field(
        description="HTML fragments of the text, escaped, with the matches in <mark>…</mark>")


class SearchOut(BaseModel):
    total: int
    hits: list[HitOut]
    facets: dict[str, dict[str, int]] = Field(
        description="facet -> value -> number of matching documents, most frequent first")


class SimilarOut(BaseModel):
    id: str
    mode: Literal["lexical"]
    note: str
    hits: list[HitOut]


class UploadOut(BaseModel):
    id: str | None = Field(description="the record id (none when reading failed)")
    status: Literal["stored", "skipped", "failed"]
    reason: str | None = None
    sha256: str


class TaskOut(BaseModel):
    """A task's fields (as in the record) with its document and status."""

    model_config = {"extra": "allow"}

    document_id: str
    document_number: str | None
    doc_type: str | None
    issuer: str | None
    issued_date: str | None
    index: int
    status: Literal["open", "due_soon", "overdue", "no_deadline"]
    assignees: list[str]
    action: str


class TasksOut(BaseModel):
    as_of: str
    total: int | None = Field(description="all matching tasks; null on a page that others "
                              "follow unless count=true was asked")
    more: bool = Field(description="whether matching tasks follow this page")
    tasks: list[TaskOut]


class EntityOut(BaseModel):
    label: str
    name: str
    documents: int


class EntitiesOut(BaseModel):
    entities: list[EntityOut]


class CitationOut(BaseModel):
    doc_id: str = Field(description="the citing document")
    number: str | None
    text: str
    role: str
    target_id: str | None = Field(description="the cited document, when it is stored")


class CitationsOut(BaseModel):
    id: str
    cites: list[CitationOut]
    cited_by: list[CitationOut]


class HealthOut(BaseModel):
    status: Literal["ok"]
    documents: int
    failures: int
