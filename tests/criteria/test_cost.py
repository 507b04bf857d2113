"""The cost model of the engine's analyses: monotone in every size, faithful to the counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from criteria import METHODS, cost, methods, sensitivity
from criteria.evaluation import Evaluator

SIZES = st.tuples(st.integers(2, 300), st.integers(1, 120), st.integers(1, 200_000))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(METHODS), st.sampled_from(["uniform", "around", "bounds"]), SIZES)
def test_every_estimate_grows_with_every_size(
    method: str, sampling: str, sizes: tuple[int, int, int]
) -> None:
    """The largest size that fits is found by bisection, which needs growing estimates."""
    m, n, k = sizes
    estimates: list[Callable[[int, int, int], float]] = [
        lambda m, n, k: cost.smaa(method, m, n, k, sampling),
        lambda m, n, k: cost.stability(method, m, n),
        lambda m, n, k: cost.rank(method, m, n),
        lambda m, n, k: cost.agreement(METHODS, m, n),
    ]
    for estimate in estimates:
        here = estimate(m, n, k)
        assert 0 < here <= estimate(m + 1, n, k)
        assert here <= estimate(m, n + 1, k)
        assert here <= estimate(m, n, k + 1)


def test_largest_is_the_last_size_within_the_budget() -> None:
    assert cost.largest(lambda size: 10.0 * size, 95.0, 1, 100) == 9
    assert cost.largest(lambda size: 10.0 * size, 5.0, 1, 100) == 0
    assert cost.largest(lambda size: 10.0 * size, 5_000.0, 1, 100) == 100


@pytest.mark.parametrize("n", [1, 2, 5])
def test_stability_scores_no_more_weight_vectors_than_counted(
    monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    """The cost of stability counts the weight vectors it scores: the grid, the bisections and
    the two single rankings; a change of the algorithm must change the count."""
    scored = 0
    prepare = methods.prepare

    class Counting:
        def __init__(self, inner: Evaluator) -> None:
            self.inner = inner

        def scores_batch(self, weights: Any) -> Any:
            nonlocal scored
            scored += weights.shape[0]
            return self.inner.scores_batch(weights)

        def evaluate(self, weights: Any, alternatives: Any) -> Any:
            nonlocal scored
            scored += 1
            return self.inner.evaluate(weights, alternatives)

    monkeypatch.setattr(sensitivity, "prepare", lambda *args: Counting(prepare(*args)))
    rng = np.random.default_rng(n)
    matrix = rng.uniform(1, 10, (4, n))
    sensitivity.stability(matrix, "max", rng.uniform(0.5, 1, n), method="wsm")
    assert 0 < scored <= sensitivity.stability_rankings(n)
    if n > 1:
        assert scored > n * sensitivity.STABILITY_GRID
