"""``/v1/documents``: search (lexical, semantic, hybrid), one record, its original file,
upload, citations, similar documents, precedents."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from search_api.app import similar as similar_docs
from search_api.app.deps import (
    IngesterDep,
    ReaderDep,
    RecordDep,
    SettingsDep,
    StoreDep,
    UploadDirDep,
)
from search_api.app.json_body import JSONBody
from search_api.app.schemas import (
    CitationOut,
    CitationsOut,
    SearchOut,
    UploadOut,
)
from search_api.app.search_request import (
    MAX_PAGE,
    MAX_SIZE,
    ModeUnavailableError,
    SearchParams,
    run_search,
    semantic_available,
    semantic_search,
)
from search_api.app.uploads import (
    UploadTooLargeError,
    ingest_saved,
    save_upload,
    served_file,
)
from search_api.app.visibility import visible_citations
from search_api.auth.roles import CLEARANCES, clearance_of
from search_api.store.records import record_to_dict

router = APIRouter(prefix="/documents", tags=["documents"])


class RelatedOut(BaseModel):
    id: str
    score: float
    metadata: dict[str, Any]
    why: list[str] = Field(default_factory=list, description="why it is related, e.g."
                           " 'same award form: bang_khen', 'cited by this document (…)'")
    highlights: list[str] = Field(default_factory=list)


class SimilarOut(BaseModel):
    id: str
    mode: Literal["lexical", "semantic"]
    note: str
    hits: list[RelatedOut]


class PrecedentsOut(BaseModel):
    id: str
    kind: Literal["award", "subject"] = Field(
        description="award: earlier decisions with the same award form; subject: earlier"
                    " documents on the same subject")
    earlier: list[RelatedOut]
    neighbours: list[RelatedOut] = Field(description="stored documents it cites or cited by")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@router.get("", response_model=SearchOut, summary="Search documents")
def search_documents(
    request: Request,
    settings: SettingsDep,
    principal: ReaderDep,
    q: str = "",
    doc_type: str | None = None,
    issuer: str | None = None,
    signer: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    entity: str | None = None,
    award_kind: str | None = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 10,
    mode: Literal["lexical", "semantic", "hybrid"] = "lexical",
    order: Literal["relevance", "date"] = "relevance",
) -> JSONBody:
    """Full-text search (diacritics optional, document numbers typed loosely) with filters.

    ``mode``: ``lexical`` (BM25), ``semantic`` (nearest in meaning) or ``hybrid`` (both,
    fused by rank); the last two need the ``semantic`` extra (400 saying what to install
    without it), and the first such search embeds stored documents that lack vectors.
    Without ``q``, documents come newest first in every mode.
    """
    params = SearchParams(q, doc_type, issuer, signer, _iso(date_from), _iso(date_to), entity,
                          award_kind, page, size, mode)
    try:
        result = run_search(request.app.state, settings, params.to_query(order=order), mode,
                            principal.clearance)
    except ModeUnavailableError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return JSONBody(result.to_dict())


@router.post("", response_model=UploadOut, summary="Upload a file to ingest",
             responses={201: {"model": UploadOut}, 413: {"description": "file too large"},
                        422: {"model": UploadOut, "description": "the file could not be read"}})
async def upload_document(
    file: UploadFile, store: StoreDep, settings: SettingsDep, folder: UploadDirDep,
    principal: IngesterDep,
    confidentiality: Annotated[Literal["public", "mat", "toi_mat", "tuyet_mat"] | None,
                               Form(description="mark the document at least this secret")] = None,
) -> JSONResponse:
    """Store an uploaded file (multipart field ``file``) and analyse it (ingester role).

    ``status``: ``stored`` (201), ``skipped`` (the same file was stored before, 200) or
    ``failed`` with the reason (422). Files over ``max_file_mb`` answer 413. A
    ``confidentiality`` mark can only raise the one found in the text, and only up to the
    key's own clearance (403 beyond).
    """
    mark = clearance_of(confidentiality) if confidentiality else 0
    if not principal.sees(mark):
        raise HTTPException(status_code=403, detail=f"this key is not cleared for"
                                                    f" {CLEARANCES[mark]} documents")
    try:
        saved = await run_in_threadpool(save_upload, file.file, folder, filename=file.filename,
                                        max_bytes=settings.max_file_mb << 20)
    except UploadTooLargeError as exc:
        raise HTTPException(status_code=413, detail=str(exc)) from exc
    outcome = await run_in_threadpool(ingest_saved, saved, store, mark=mark)
    body = UploadOut(id=outcome.doc_id, status=outcome.status,
                     reason=outcome.reason, sha256=outcome.sha256)
    code = {"stored": 201, "skipped": 200}.get(outcome.status, 422)
    return JSONResponse(body.model_dump(), status_code=code)


@router.get("/{doc_id}", response_model=dict[str, Any], summary="One record")
def get_document(record: RecordDep) -> JSONBody:
    """The record as ``vanban extract --json`` prints it."""
    return JSONBody(record_to_dict(record))


@router.get("/{doc_id}/file", summary="The original file", response_class=FileResponse,
            responses={404: {"description": "no such document, or its file is gone"}})
def get_file(record: RecordDep, store: StoreDep, folder: UploadDirDep) -> FileResponse:
    """The file the record was read from, when the store knows it as that record's source."""
    path = served_file(record, store, folder)
    if path is None:
        raise HTTPException(status_code=404, detail="the original file is no longer available")
    return FileResponse(path, media_type=record.source.media_type, filename=path.name,
                        content_disposition_type="inline")


@router.get("/{doc_id}/citations", response_model=CitationsOut, summary="Citations")
def get_citations(record: RecordDep, store: StoreDep, principal: ReaderDep) -> CitationsOut:
    """What the document cites and what cites it, resolved to stored documents by number."""
    found = visible_citations(store, store.citations(record.id), principal)
    return CitationsOut(
        id=record.id,
        cites=[CitationOut(doc_id=c.doc_id, number=c.number, text=c.text, role=c.role,
                           target_id=c.target_id) for c in found.cites],
        cited_by=[CitationOut(doc_id=c.doc_id, number=c.number, text=c.text, role=c.role,
                              target_id=c.target_id) for c in found.cited_by],
    )


@router.get("/{doc_id}/similar", response_model=SimilarOut, summary="Similar documents")
def get_similar(request: Request, record: RecordDep, store: StoreDep, settings: SettingsDep,
                principal: ReaderDep,
                size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 10) -> SimilarOut:
    """Documents nearest in meaning (``mode: semantic``) when the semantic extra is
    installed, else those sharing word pairs of this one's subject (``mode: lexical``)."""
    search = semantic_available(request.app.state, settings)
    if search is None:
        hits = similar_docs.similar(store, record, limit=size, max_clearance=principal.clearance)
        return SimilarOut(id=record.id, mode="lexical", note=similar_docs.NOTE,
                          hits=[RelatedOut(**hit.to_dict()) for hit in hits])
    found = similar_docs.semantic_similar(search, record, limit=size,
                                          clearance=principal.clearance)
    return SimilarOut(id=record.id, mode="semantic", note=similar_docs.SEMANTIC_NOTE,
                      hits=[RelatedOut(**related.to_dict()) for related in found])


@router.get("/{doc_id}/precedents", response_model=PrecedentsOut, summary="Precedents",
            responses={400: {"description": "the semantic extra is not installed"}})
def get_precedents(request: Request, record: RecordDep, settings: SettingsDep,
                   principal: ReaderDep,
                   size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 10) -> dict[str, Any]:
    """Of an award decision: earlier decisions with an award of the same form, by how close
    their reasons are; of any other document: earlier documents on the same subject. Both
    with the citation neighbours. Only documents the key is cleared for."""
    try:
        search = semantic_search(request.app.state, settings)
    except ModeUnavailableError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    found = similar_docs.visible_precedents(search, record, limit=size,
                                            clearance=principal.clearance)
    return {"id": record.id, **found.to_dict()}
