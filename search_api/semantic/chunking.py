"""Cutting a record into chunks for embedding: a head (type, subject, issuer), then the body
by article or section ("Điều 1.", "II.", "1.") in pieces of at most ``max_words`` words.

The body runs from the end of the subject (trích yếu) to "Nơi nhận:"; page markers are left
out. Every chunk keeps its character offsets into ``Record.text`` (the head chunk, built from
the metadata, points at the subject). Patterns live in ``search_api/semantic/data/chunking.yaml``.

>>> [c.kind for c in chunk_text("Điều 1. Tặng Bằng khen.\\n\\nĐiều 2. Thi hành.", head="")]
['body']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from nlp.record import Record

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of a document to embed. ``start``/``end`` are offsets into the record text
    (of the first and last word); ``text`` is the words between them with whitespace
    collapsed and skipped lines (page markers) left out."""

    index: int
    kind: str
    """``head`` (type, subject, issuer) or ``body``."""
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ChunkRules:
    heading: tuple[re.Pattern[str], ...]
    body_end: tuple[re.Pattern[str], ...]
    skip: tuple[re.Pattern[str], ...]
    min_words: int
    max_words: int


@lru_cache(maxsize=1)
def chunk_rules() -> ChunkRules:
    """The rules in ``data/chunking.yaml`` (read once)."""
    source = resources.files("search_api.semantic").joinpath("data/chunking.yaml")
    raw = yaml.safe_load(source.read_text("utf-8"))

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in raw[key])

    return ChunkRules(patterns("heading"), patterns("body_end"), patterns("skip"),
                      int(raw["min_words"]), int(raw["max_words"]))


def head_text(record: Record) -> str:
    """What the head chunk says: "Chỉ thị Về việc tăng cường … (Thủ tướng Chính phủ)"."""
    meta = record.metadata
    parts = [meta.doc_type_label or "", " ".join((meta.subject or "").split())]
    head = " ".join(p for p in parts if p)
    if head and meta.issuer:
        head += f" ({meta.issuer})"
    return head


def chunk_record(record: Record, *, rules: ChunkRules | None = None) -> list[Chunk]:
    """The chunks of a record: its head, then its body; at least one chunk for any text."""
    span = record.metadata.evidence.get("subject")
    body_start = span[1] if span and len(span) == 2 and record.metadata.subject else 0
    chunks = chunk_text(record.text, head=head_text(record), body_start=body_start,
                        head_span=(span[0], span[1]) if span and len(span) == 2 else (0, 0),
                        rules=rules)
    if not chunks and record.text.strip():  # nothing but furniture: embed the start
        words = list(_WORD.finditer(record.text))[: (rules or chunk_rules()).max_words]
        start, end = words[0].start(), words[-1].end()
        chunks = [Chunk(0, "body", record.text[start:end], start, end)]
    return chunks


def chunk_text(text: str, *, head: str, body_start: int = 0,
               head_span: tuple[int, int] = (0, 0), rules: ChunkRules | None = None
               ) -> list[Chunk]:
    """Chunks of ``text`` from ``body_start``, after a head chunk when ``head`` is not empty."""
    rules = rules or chunk_rules()
    chunks: list[Chunk] = []
    if head.strip():
        chunks.append(Chunk(0, "head", head, *head_span))
    for words in _pieces(text, body_start, rules):
        chunks.append(Chunk(len(chunks), "body", " ".join(text[a:b] for a, b in words),
                            words[0][0], words[-1][1]))
    return chunks


def _lines(text: str, start: int, rules: ChunkRules) -> list[tuple[int, int, bool]]:
    """(start, end, starts_block) of the body's non-blank lines up to the body's end; a line
    starts a block after a blank line or when it is a heading."""
    out: list[tuple[int, int, bool]] = []
    blank_before = True
    offset = start
    for raw in text[start:].split("\n"):
        line_start, offset = offset, offset + len(raw) + 1
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        if any(p.match(line) for p in rules.body_end):
            break
        if any(p.match(line) for p in rules.skip):
            continue
        a = line_start + len(raw) - len(raw.lstrip())
        heading = blank_before or any(p.match(line) for p in rules.heading)
        out.append((a, a + len(line), heading))
        blank_before = False
    return out


def _pieces(text: str, start: int, rules: ChunkRules) -> list[list[tuple[int, int]]]:
    """Word spans of each chunk: at most ``max_words``, cut at headings once ``min_words``
    are in; a short tail joins the chunk before it when that stays within ``max_words``."""
    pieces: list[list[tuple[int, int]]] = []
    words: list[tuple[int, int]] = []
    for a, b, heading in _lines(text, start, rules):
        if heading and len(words) >= rules.min_words:
            pieces.append(words)
            words = []
        for match in _WORD.finditer(text, a, b):
            words.append(match.span())
            if len(words) >= rules.max_words:
                pieces.append(words)
                words = []
    if words:
        if pieces and len(words) < rules.min_words // 2 and (
                len(pieces[-1]) + len(words) <= rules.max_words):
            pieces[-1] = pieces[-1] + words
        else:
            pieces.append(words)
    return pieces
