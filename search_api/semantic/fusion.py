"""Reciprocal rank fusion: several rankings of ids in, one ranking out.

A document's fused score is the sum over rankings of ``weight / (k + rank)`` (rank from 1);
documents missing from a ranking get nothing from it.

>>> reciprocal_rank([["a", "b"], ["b", "c"]], k=60)
[('b', 0.032522), ('a', 0.016393), ('c', 0.016129)]
"""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60
"""The usual constant (Cormack et al. 2009): it damps the weight of the very first ranks."""


def reciprocal_rank(rankings: Sequence[Sequence[str]], *, k: int = RRF_K,
                    weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """(id, fused score) best first; ties keep the order of first appearance."""
    if weights is not None and len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    scores: dict[str, float] = {}
    for number, ranking in enumerate(rankings):
        weight = 1.0 if weights is None else weights[number]
        for rank, doc_id in enumerate(dict.fromkeys(ranking), start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + weight / (k + rank)
    ordered = sorted(scores.items(), key=lambda item: -item[1])
    return [(doc_id, round(score, 6)) for doc_id, score in ordered]
