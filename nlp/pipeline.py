"""``analyze``: one ParsedDocument in, one Record out. Pure: no I/O, no globals."""

from __future__ import annotations

import hashlib
import unicodedata

from nlp.awards import extract_awards
from nlp.citations import extract_citations
from nlp.entities import extract_entities
from nlp.metadata import extract_metadata
from nlp.normalize import normalize_text
from nlp.record import ParsedDocument, Record
from nlp.tasks import extract_tasks


def record_id(text: str) -> str:
    """Stable id of a document: a hash of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def analyze(doc: ParsedDocument) -> Record:
    """Extract metadata, entities, citations, tasks and awards from a parsed document."""
    text = doc.text
    if not unicodedata.is_normalized("NFC", text):  # readers normalise; other callers may not
        text = normalize_text(text)
    meta = extract_metadata(text)
    awards = extract_awards(text, doc.tables)
    citations = extract_citations(text)
    return Record(
        id=record_id(text),
        source=doc.source,
        text=text,
        metadata=meta.metadata,
        entities=extract_entities(text, citations=citations, metadata=meta.metadata),
        citations=citations,
        tasks=extract_tasks(text, issued_date=meta.metadata.issued_date),
        awards=awards.awards,
        warnings=[*meta.warnings, *awards.warnings],
    )
