"""Documents like a given one, and its precedents, as a principal may see them.

* Semantic (when the ``semantic`` extra is installed): ``search_api.semantic.precedents``,
  with the documents above the caller's clearance dropped.
* Lexical stand-in otherwise: each pair of neighbouring subject words ("thi đua", "khen
  thưởng") is searched as a phrase and the scores are summed per document.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from nlp.record import Record
from search_api.store import Hit, SearchQuery, Store
from search_api.store.base import clearance_rank

if TYPE_CHECKING:
    from search_api.semantic.precedents import Precedents, Related
    from search_api.semantic.search import SemanticSearch

NOTE = ("lexical stand-in: documents sharing word pairs of this document's subject"
        " (install the semantic extra for similarity in meaning)")
SEMANTIC_NOTE = "semantic: documents whose text is nearest in meaning (multilingual-e5)"
MAX_PAIRS = 12
OVERFETCH = 3
"""Ask for this many times the wanted related documents, since secret ones are dropped."""
_WORD = re.compile(r"[^\W_]+")


def subject_pairs(subject: str) -> list[str]:
    """Neighbouring word pairs of ``subject`` as quoted phrases, without repeats.

    >>> subject_pairs("Công tác thi đua, khen thưởng")
    ['"Công tác"', '"tác thi"', '"thi đua"', '"đua khen"', '"khen thưởng"']
    """
    words = _WORD.findall(subject)
    pairs = list(dict.fromkeys(f'"{a} {b}"' for a, b in pairwise(words)))
    return pairs[:MAX_PAIRS] if len(words) > 1 else [f'"{w}"' for w in words]


def similar(store: Store, record: Record, *, limit: int = 10,
            max_clearance: int | None = None) -> list[Hit]:
    """Up to ``limit`` other documents sharing the most subject word pairs with ``record``
    (only those of clearance rank at most ``max_clearance``, when given)."""
    scores: dict[str, float] = {}
    hits: dict[str, Hit] = {}
    for phrase in subject_pairs(record.metadata.subject or ""):
        result = store.search(SearchQuery(text=phrase, limit=limit + 10, facets=(),
                                          highlights=False, max_clearance=max_clearance))
        for hit in result.hits:
            if hit.id == record.id:
                continue
            scores[hit.id] = scores.get(hit.id, 0.0) + hit.score
            hits.setdefault(hit.id, hit)
    best = sorted(scores, key=lambda doc_id: (-scores[doc_id], doc_id))[:limit]
    return [Hit(doc_id, round(scores[doc_id], 4), hits[doc_id].metadata) for doc_id in best]


def cleared(metadata: dict[str, Any], clearance: int) -> bool:
    """True when a document with ``metadata`` is visible at ``clearance``."""
    return clearance_rank(metadata.get("confidentiality")) <= clearance


def _visible(found: list[Related], clearance: int, limit: int) -> list[Related]:
    return [r for r in found if cleared(r.metadata, clearance)][:limit]


def semantic_similar(search: SemanticSearch, record: Record, *, limit: int,
                     clearance: int) -> list[Related]:
    """Up to ``limit`` documents nearest in meaning to ``record`` that ``clearance`` shows."""
    from search_api.semantic.precedents import similar as nearest

    return _visible(nearest(search, record, limit=limit * OVERFETCH), clearance, limit)


def visible_precedents(search: SemanticSearch, record: Record, *, limit: int,
                       clearance: int) -> Precedents:
    """``record``'s precedents and citation neighbours that ``clearance`` shows."""
    from search_api.semantic.precedents import Precedents, precedents

    found = precedents(search, record, limit=limit * OVERFETCH)
    return Precedents(found.kind, _visible(found.earlier, clearance, limit),
                      [r for r in found.neighbours if cleared(r.metadata, clearance)])
