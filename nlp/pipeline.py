"""``analyze``: one ParsedDocument in, one Record out. Pure: no I/O, no globals."""

from __future__ import annotations

import hashlib

from nlp.citations import extract_citations
from nlp.metadata import extract_metadata
from nlp.record import ParsedDocument, Record
from nlp.tasks import extract_tasks


def record_id(text: str) -> str:
    """Stable id of a document: a hash of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def analyze(doc: ParsedDocument) -> Record:
    """Extract metadata, citations and tasks from a parsed document."""
    text = doc.text
    meta = extract_metadata(text)
    record = Record(
        id=record_id(text),
        source=doc.source,
        text=text,
        metadata=meta.metadata,
        warnings=list(meta.warnings),
    )
    record.citations = extract_citations(text)
    record.tasks = extract_tasks(text, issued_date=meta.metadata.issued_date)
    return record
