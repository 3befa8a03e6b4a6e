"""Documents like a given one, lexically: its subject's word pairs searched one by one.

A stand-in until the semantic search issue lands: each pair of neighbouring subject words
("thi đua", "khen thưởng") is searched as a phrase and the scores are summed per document.
"""

from __future__ import annotations

import re
from itertools import pairwise

from nlp.record import Record
from search_api.store import Hit, SearchQuery, Store

NOTE = ("lexical stand-in: documents sharing word pairs of this document's subject;"
        " semantic similarity comes with the precedents issue")
MAX_PAIRS = 12
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
