"""Reciprocal rank fusion."""

from __future__ import annotations

import pytest

from search_api.semantic.fusion import reciprocal_rank


@pytest.mark.parametrize(("rankings", "weights", "expected"), [
    ([["a", "b", "c"]], None, ["a", "b", "c"]),
    ([["a", "b"], ["b", "a"]], None, ["a", "b"]),  # a tie keeps first appearance
    ([["a", "b"], ["b", "c"]], None, ["b", "a", "c"]),
    ([["a", "b"], ["b", "a"]], [1.0, 2.0], ["b", "a"]),
    ([["a", "a", "b"]], None, ["a", "b"]),  # repeats count once
    ([[], ["x"]], None, ["x"]),
])
def test_order(rankings: list[list[str]], weights: list[float] | None,
               expected: list[str]) -> None:
    assert [d for d, _ in reciprocal_rank(rankings, weights=weights)] == expected


def test_scores_are_reciprocal_ranks() -> None:
    assert reciprocal_rank([["a"], ["b", "a"]], k=1) == [("a", 0.833333), ("b", 0.5)]


def test_weights_must_match_rankings() -> None:
    with pytest.raises(ValueError, match="2 weights for 1 rankings"):
        reciprocal_rank([["a"]], weights=[1.0, 1.0])
