"""Elasticsearch request bodies built from a parsed query and filters (never from user syntax).

They mirror the embedded store's tantivy queries: every word must match folded, and scores
more when it also matches with its diacritics; a document number is an alternative that
ranks first; filters never score.
"""

from __future__ import annotations

from typing import Any

from search_api.fold import fold_key
from search_api.query import NumberQuery, ParsedQuery, Token
from search_api.store.base import SearchQuery, TaskFilter
from search_api.store.fulltext import NUMBER_START, date_int
from search_api.store.tantivy_query import (
    CITES_BOOST,
    EXACT_BOOST,
    FACET_SIZE,
    NUMBER_BOOST,
    NUMBER_PREFIX_BOOST,
)

Body = dict[str, Any]
MARK_START, MARK_END = "\u0001", "\u0002"
"""Highlight tags: characters no document text holds, mapped back to ``<mark>`` later."""
FRAGMENT_CHARS = 180
MAX_FRAGMENTS = 3


def _word(token: Token) -> Body:
    return {"bool": {
        "must": [{"term": {"text": token.folded}}],
        "should": [{"term": {"text_exact": {"value": token.exact, "boost": EXACT_BOOST}}}],
    }}


def _phrase(tokens: list[Token]) -> Body:
    return {"match_phrase": {"text": " ".join(t.folded for t in tokens)}}


def _number(number: NumberQuery) -> Body:
    clauses: list[Body] = [
        {"term": {"number_key": {"value": number.key, "boost": NUMBER_BOOST}}},
        # the boost sits on a bool around the phrase: noida-db ignores one inside match_phrase
        {"bool": {"should": [{"match_phrase": {"number": " ".join([NUMBER_START, *number.tokens])}}],
                  "boost": NUMBER_PREFIX_BOOST}},
    ]
    if number.complete or len(number.tokens) > 1:
        clauses.append({"term": {"cites_key": {"value": number.key, "boost": CITES_BOOST}}})
    return {"bool": {"should": clauses}}


def text_query(parsed: ParsedQuery, *, all_words: bool = True) -> Body:
    """Every word required (any, when ``all_words`` is False), phrases required; a document
    number, when the query holds one, is an alternative."""
    words = list({t.folded: t for t in parsed.words}.values())
    text: Body | None = None
    if words or parsed.phrases:
        occur = "must" if all_words else "should"
        text = {"bool": {occur: [_word(t) for t in words]}}
        if parsed.phrases:
            text["bool"].setdefault("must", []).extend(_phrase(p) for p in parsed.phrases)
    numbers = [_number(n) for n in parsed.numbers if n.tokens]
    if not numbers:
        return text or {"match_all": {}}
    return {"bool": {"should": [*numbers, *([text] if text else [])]}}


def filter_clauses(query: SearchQuery) -> list[Body]:
    """Filters (names compared by folded key); they restrict, never score."""
    filters: list[Body] = []
    for field, value in (("doc_type", query.doc_type), ("award_kind", query.award_kind)):
        if value:
            filters.append({"term": {field: value}})
    for field, value in (("issuer_key", query.issuer), ("signer_key", query.signer),
                         ("entity_key", query.entity)):
        if value:
            filters.append({"term": {field: fold_key(value)}})
    if query.date_from or query.date_to:
        low, high = date_int(query.date_from) or 1, date_int(query.date_to) or 99_991_231
        filters.append({"range": {"date": {"gte": low, "lte": high}}})
    if query.max_clearance is not None:
        filters.append(clearance_filter(query.max_clearance))
    return filters


def clearance_filter(max_clearance: int) -> Body:
    """Documents (tasks, entity rows) a reader with clearance ``max_clearance`` may see."""
    return {"range": {"clearance": {"lte": max(0, max_clearance)}}}


def sort_clause(order: str) -> list[Body]:
    """Hits in ``order``; ``id`` breaks ties, so pages never overlap (and ``search_after`` works)."""
    if order == "relevance":
        return [{"_score": {"order": "desc"}}, {"id": {"order": "asc"}}]
    direction = "asc" if order == "date_asc" else "desc"
    return [{"date": {"order": direction}}, {"id": {"order": "asc"}}]


def highlight_clause(parsed: ParsedQuery) -> Body:
    """Fragments of the folded text around the query words, tagged with MARK_START/END."""
    terms = parsed.terms()
    return {"fields": {"text": {
        "type": "unified",
        "fragment_size": FRAGMENT_CHARS,
        "number_of_fragments": MAX_FRAGMENTS,
        "pre_tags": [MARK_START],
        "post_tags": [MARK_END],
        "highlight_query": {"bool": {"should": [{"term": {"text": t}} for t in terms]}},
    }}}


def search_body(query: SearchQuery, parsed: ParsedQuery, order: str, *,
                all_words: bool = True) -> Body:
    """Keyword arguments of ``search`` for one page, without ``from``/``size``/``search_after``."""
    body: Body = {
        "query": {"bool": {"must": [text_query(parsed, all_words=all_words)],
                           "filter": filter_clauses(query)}},
        "sort": sort_clause(order),
        "track_total_hits": True,
        "track_scores": order == "relevance",
        "source_includes": ["id", "record.metadata"],
    }
    if query.facets:
        body["aggs"] = {name: {"terms": {"field": name, "size": FACET_SIZE}}
                        for name in query.facets}
    if query.highlights and parsed.terms():
        body["highlight"] = highlight_clause(parsed)
        body["source_includes"] = ["id", "record.metadata", "record.text"]
    return body


def facet_counts(aggregations: Body, names: tuple[str, ...]) -> dict[str, dict[str, int]]:
    return {
        name: {str(b["key"]): int(b["doc_count"])
               for b in aggregations.get(name, {}).get("buckets", [])}
        for name in names
    }


def task_query(task_filter: TaskFilter) -> Body:
    """The ``tasks`` filter: assignee as a run of words in one name, action words anywhere."""
    filters: list[Body] = []
    if task_filter.doc_id:
        filters.append({"term": {"doc_id": task_filter.doc_id}})
    if task_filter.assignee and (key := fold_key(task_filter.assignee)):
        filters.append({"match_phrase": {"assignee_keys": key}})
    if task_filter.q and (key := fold_key(task_filter.q)):
        filters.extend({"term": {"action_key": word}} for word in key.split())
    if task_filter.due_after or task_filter.due_before:
        bounds = {"gte": task_filter.due_after, "lte": task_filter.due_before}
        filters.append({"range": {"deadline_date": {k: v for k, v in bounds.items() if v}}})
    if task_filter.max_clearance is not None:
        filters.append(clearance_filter(task_filter.max_clearance))
    return {"bool": {"filter": filters}}


TASK_SORT: list[Body] = [
    {"deadline_order": {"order": "asc"}},  # tasks without a dated deadline last
    {"issued_order": {"order": "asc"}},  # documents without a date first
    {"doc_id": {"order": "asc"}},
    {"index": {"order": "asc"}},
]


def entity_body(label: str | None, prefix: str | None, limit: int,
                max_clearance: int | None = None) -> Body:
    """Names counted by documents, most frequent first, then by name."""
    filters: list[Body] = []
    if max_clearance is not None:
        filters.append(clearance_filter(max_clearance))
    if label:
        filters.append({"term": {"label": label}})
    if prefix and (key := fold_key(prefix)):
        filters.append({"prefix": {"name_key": key}})
    return {
        "query": {"bool": {"filter": filters}},
        "size": 0,
        "aggs": {"names": {"terms": {"field": "group", "size": max(1, limit),
                                     "order": [{"_count": "desc"}, {"_key": "asc"}]}}},
    }
