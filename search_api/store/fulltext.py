"""The tantivy full-text index kept beside the SQLite file: schema, documents, opening.

The index is derived data: every field is computed from a stored record, so the whole index
can be thrown away and rebuilt from SQLite (``Store.reindex``).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import tantivy

from nlp.record import Record
from search_api.fold import exact_form, fold_key, number_key, number_tokens
from search_api.store.base import clearance_rank

SCHEMA_VERSION = "3"
NUMBER_START = "qqnum"
"""First token of every indexed number, so a query can ask for a number that *starts* so."""
EXACT, FOLDED = "vi_exact", "vi_folded"
MAX_TOKEN_BYTES = 64
_VERSION_FILE = "vanban-schema-version"
_DATE_ORDER_SCALE = 10**10


@dataclass(frozen=True, slots=True)
class Text:
    """Text field names (analyser in brackets)."""

    exact = "text_exact"  # [vi_exact] NFC, lower case, modern tone placement
    folded = "text"  # [vi_folded] no diacritics
    number = "number"  # qqnum 63 tb vpcp


def _analyzer(*, folded: bool) -> tantivy.TextAnalyzer:
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
    )
    if folded:
        builder = builder.filter(tantivy.Filter.ascii_fold())
    return builder.build()


def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """The analysers the index uses, by name (queries are tokenised to match them)."""
    return {EXACT: _analyzer(folded=False), FOLDED: _analyzer(folded=True)}


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("seq", stored=True, indexed=True, fast=True)
    sb.add_text_field(Text.exact, tokenizer_name=EXACT, index_option="freq")
    sb.add_text_field(Text.folded, tokenizer_name=FOLDED, index_option="position")
    sb.add_text_field(Text.number, tokenizer_name=EXACT, index_option="position")
    for name in ("number_key", "cites_key", "issuer_key", "signer_key", "entity_key"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in ("doc_type", "issuer", "signer", "award_kind"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    sb.add_integer_field("date", indexed=True, fast=True)
    sb.add_integer_field("year", fast=True)
    sb.add_integer_field("date_order", fast=True)
    sb.add_integer_field("clearance", indexed=True, fast=True)
    return sb.build()


def date_int(iso: str | None) -> int:
    """20210315 for "2021-03-15"; 0 when unknown or malformed."""
    if not iso or len(iso) < 10:
        return 0
    digits = iso[:4] + iso[5:7] + iso[8:10]
    return int(digits) if digits.isdigit() else 0


def make_document(record: Record, seq: int) -> tantivy.Document:
    """The index entry of a stored record (``seq`` is its SQLite row number)."""
    meta = record.metadata
    doc = tantivy.Document()
    doc.add_text("id", record.id)
    doc.add_unsigned("seq", seq)
    doc.add_text(Text.exact, exact_form(record.text))
    doc.add_text(Text.folded, record.text)
    if meta.number and (tokens := number_tokens(meta.number)):
        doc.add_text(Text.number, " ".join([NUMBER_START, *tokens]))
        doc.add_text("number_key", number_key(meta.number))
    for key in sorted({number_key(c.number) for c in record.citations if c.number}):
        doc.add_text("cites_key", key)
    if meta.doc_type:
        doc.add_text("doc_type", meta.doc_type)
    if meta.issuer:
        doc.add_text("issuer", meta.issuer)
        doc.add_text("issuer_key", fold_key(meta.issuer))
    for name in dict.fromkeys(s.name for s in meta.signers if s.name):
        doc.add_text("signer", name)
        doc.add_text("signer_key", fold_key(name))
    for key in sorted(entity_keys(record)):
        doc.add_text("entity_key", key)
    for kind in sorted({a.award_kind for a in record.awards if a.award_kind}):
        doc.add_text("award_kind", kind)
    date = date_int(meta.issued_date)
    doc.add_integer("date", date)
    if date:
        doc.add_integer("year", date // 10_000)
    doc.add_integer("date_order", date * _DATE_ORDER_SCALE + seq)
    doc.add_integer("clearance", clearance_rank(meta.confidentiality))
    return doc


def entity_keys(record: Record) -> set[str]:
    """Names a search can filter on as ``entity``: entities, task assignees, award recipients."""
    names = {e.canonical or e.text for e in record.entities}
    for task in record.tasks:
        names.update(task.assignees)
        names.update(task.coordinators)
    names.update(a.recipient.name for a in record.awards)
    return {key for name in names if name and (key := fold_key(name))}


class FullTextIndex:
    """A tantivy index on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.schema = build_schema()
        self.fresh = False
        """True when the index was created empty now (it must be filled from SQLite)."""
        if path is not None and not self._current(path):
            shutil.rmtree(path, ignore_errors=True)
        if path is not None:
            self.fresh = not path.exists()
            path.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
            (path / _VERSION_FILE).write_text(SCHEMA_VERSION)
        else:
            self.fresh = True
            self.index = tantivy.Index(self.schema)
        for name, analyzer in analyzers().items():
            self.index.register_tokenizer(name, analyzer)
        self._writer: tantivy.IndexWriter | None = None

    @staticmethod
    def _current(path: Path) -> bool:
        marker = path / _VERSION_FILE
        try:
            return marker.read_text().strip() == SCHEMA_VERSION and tantivy.Index.exists(str(path))
        except OSError:
            return False

    def writer(self) -> tantivy.IndexWriter:
        """The single writer (held until ``release``); raises ValueError when another process holds it."""
        if self._writer is None:
            self._writer = self.index.writer(heap_size=128_000_000, num_threads=1)
        return self._writer

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self.index.reload()

    def release(self) -> None:
        """Let go of the writer lock (waits for background merges)."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.wait_merging_threads()

    def searcher(self) -> tantivy.Searcher:
        return self.index.searcher()

    def num_docs(self) -> int:
        return self.searcher().num_docs
