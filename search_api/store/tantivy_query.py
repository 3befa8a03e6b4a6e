"""Build tantivy queries from a parsed query and filters (never from raw user syntax)."""

from __future__ import annotations

from typing import Any

import tantivy

from search_api.fold import fold_key
from search_api.query import NumberQuery, ParsedQuery, Token
from search_api.store.base import SearchQuery
from search_api.store.fulltext import NUMBER_START, Text, date_int

EXACT_BOOST = 1.5
"""A word matching with its diacritics as typed scores this much on top of the folded match."""
NUMBER_BOOST = 30.0
NUMBER_PREFIX_BOOST = 12.0
CITES_BOOST = 3.0
FACET_SIZE = 20

Occur = tantivy.Occur
Q = tantivy.Query


def _word(schema: tantivy.Schema, token: Token) -> tantivy.Query:
    """One query word: the folded form must match; the exact form, when it does, scores more.

    Each word carries its own single optional clause: the required term drives the search
    and the exact term is only looked up for documents that have it (much cheaper at 100k
    documents than one union of optional clauses for all words).
    """
    return Q.boolean_query([
        (Occur.Must, Q.term_query(schema, Text.folded, token.folded)),
        (Occur.Should, Q.boost_query(Q.term_query(schema, Text.exact, token.exact), EXACT_BOOST)),
    ])


def _phrase(schema: tantivy.Schema, tokens: list[Token]) -> tantivy.Query:
    return Q.phrase_query(schema, Text.folded, [t.folded for t in tokens])


def _number(schema: tantivy.Schema, number: NumberQuery) -> tantivy.Query:
    """A document number: its own number (whole, or how it starts) first, citations after."""
    clauses = [
        (Occur.Should, Q.boost_query(Q.term_query(schema, "number_key", number.key), NUMBER_BOOST)),
        (Occur.Should, Q.boost_query(
            Q.phrase_query(schema, Text.number, [NUMBER_START, *number.tokens]),
            NUMBER_PREFIX_BOOST)),
    ]
    if number.complete or len(number.tokens) > 1:
        clauses.append(
            (Occur.Should, Q.boost_query(Q.term_query(schema, "cites_key", number.key), CITES_BOOST)))
    return Q.boolean_query(clauses)


def text_query(schema: tantivy.Schema, parsed: ParsedQuery, *, all_words: bool = True) -> tantivy.Query:
    """Every word required (or any, when ``all_words`` is False), quoted phrases required;
    a document number, when the query holds one, is an alternative that ranks first."""
    words = list({t.folded: t for t in parsed.words}.values())
    occur = Occur.Must if all_words else Occur.Should
    clauses = [(occur, _word(schema, token)) for token in words]
    clauses += [(Occur.Must, _phrase(schema, phrase)) for phrase in parsed.phrases]
    text = Q.boolean_query(clauses) if clauses else None
    numbers = [_number(schema, n) for n in parsed.numbers if n.tokens]
    if not numbers:
        return text or Q.all_query()
    alternatives = [(Occur.Should, q) for q in numbers]
    if text is not None:
        alternatives.append((Occur.Should, text))
    return Q.boolean_query(alternatives)


def _filter(schema: tantivy.Schema, field: str, value: str) -> tantivy.Query:
    return Q.const_score_query(Q.term_query(schema, field, value), 0.0)


def filter_clauses(schema: tantivy.Schema, query: SearchQuery) -> list[tantivy.Query]:
    """Filters as zero-score queries (names compared by folded key)."""
    filters = []
    if query.doc_type:
        filters.append(_filter(schema, "doc_type", query.doc_type))
    if query.award_kind:
        filters.append(_filter(schema, "award_kind", query.award_kind))
    for field, value in (("issuer_key", query.issuer), ("signer_key", query.signer),
                         ("entity_key", query.entity)):
        if value:
            filters.append(_filter(schema, field, fold_key(value)))
    if query.date_from or query.date_to:
        low = date_int(query.date_from) or 1
        high = date_int(query.date_to) or 99_991_231
        filters.append(Q.const_score_query(
            Q.range_query(schema, "date", tantivy.FieldType.Integer, low, high), 0.0))
    if query.max_clearance is not None:
        filters.append(Q.const_score_query(Q.range_query(
            schema, "clearance", tantivy.FieldType.Integer, 0, max(0, query.max_clearance)), 0.0))
    return filters


def with_filters(main: tantivy.Query, filters: list[tantivy.Query]) -> tantivy.Query:
    if not filters:
        return main
    return Q.boolean_query([(Occur.Must, main), *((Occur.Must, f) for f in filters)])


TOTAL = "_total"


def facet_request(names: tuple[str, ...]) -> dict[str, Any]:
    """Terms aggregations for the facets, plus the number of matching documents."""
    request: dict[str, Any] = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in names}
    request[TOTAL] = {"value_count": {"field": "seq"}}
    return request


def facet_total(result: dict[str, Any]) -> int:
    return int(result.get(TOTAL, {}).get("value") or 0)


def facet_counts(result: dict[str, Any], names: tuple[str, ...]) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {}
    for name in names:
        buckets = result.get(name, {}).get("buckets", [])
        facets[name] = {_key(b["key"]): int(b["doc_count"]) for b in buckets}
    return facets


def _key(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
