"""The engine's numpy evaluators agree with scikit-criteria's kernels and pipelines."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import skcriteria as skc
from skcriteria.agg.electre import concordance, discordance, electre1
from skcriteria.agg.simple import WeightedProductModel, WeightedSumModel
from skcriteria.agg.topsis import TOPSIS, topsis
from skcriteria.agg.vikor import VIKOR
from skcriteria.pipelines import mkpipe
from skcriteria.preprocessing.invert_objectives import InvertMinimize
from skcriteria.preprocessing.scalers import MaxAbsScaler, VectorScaler, scale_by_sum

import criteria

SEEDS = range(8)


def _problem(seed: int) -> tuple[np.ndarray, list[str], np.ndarray]:
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(3, 8)), int(rng.integers(2, 7))
    matrix = rng.uniform(0.5, 50.0, (m, n)).round(2)
    objectives = ["max" if bit else "min" for bit in rng.integers(0, 2, n)]
    objectives[0] = "max"
    return matrix, objectives, rng.dirichlet(np.ones(n))


def _signs(objectives: list[str]) -> np.ndarray:
    return np.where(np.asarray(objectives) == "max", 1, -1)


@pytest.mark.parametrize("seed", SEEDS)
def test_topsis_matches_kernel_and_pipeline(seed: int) -> None:
    """Closeness equals skcriteria's ``topsis`` kernel on vector-scaled data and its pipeline."""
    matrix, objectives, w = _problem(seed)
    ours = criteria.rank(matrix, objectives, w)
    scaled = matrix / np.linalg.norm(matrix, axis=0)
    _, ideal, anti_ideal, similarity = topsis(scaled, _signs(objectives), w)
    np.testing.assert_allclose(ours.scores, similarity, atol=1e-12)
    np.testing.assert_allclose(ours.details["ideal"], ideal, atol=1e-12)
    np.testing.assert_allclose(ours.details["anti_ideal"], anti_ideal, atol=1e-12)
    with warnings.catch_warnings():
        # TOPSIS warns that it "can operate with minimization objectives".
        warnings.simplefilter("ignore", UserWarning)
        dm = skc.mkdm(matrix, _signs(objectives), weights=w)
        result = mkpipe(VectorScaler(target="matrix"), TOPSIS()).evaluate(dm)
    np.testing.assert_allclose(ours.scores, result.e_.similarity, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_wsm_and_wpm_match_pipelines(seed: int) -> None:
    """x/max and min/x equal InvertMinimize (1/x) then MaxAbsScaler (x/max) in skcriteria."""
    matrix, objectives, w = _problem(seed)
    dm = skc.mkdm(matrix, _signs(objectives), weights=w)
    wsm = mkpipe(InvertMinimize(), MaxAbsScaler(target="matrix"), WeightedSumModel())
    wpm = mkpipe(InvertMinimize(), MaxAbsScaler(target="matrix"), WeightedProductModel())
    np.testing.assert_allclose(
        criteria.rank(matrix, objectives, w, method="wsm").scores,
        wsm.evaluate(dm).e_.score,
        atol=1e-12,
    )
    # scikit-criteria's WPM score is the base-10 logarithm of the product.
    np.testing.assert_allclose(
        np.log10(criteria.rank(matrix, objectives, w, method="wpm").scores),
        wpm.evaluate(dm).e_.score,
        atol=1e-12,
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("v", [0.0, 0.5, 0.8])
def test_vikor_matches_skcriteria(seed: int, v: float) -> None:
    """S, R, Q and the compromise set equal skcriteria's VIKOR."""
    matrix, objectives, w = _problem(seed)
    ours = criteria.rank(matrix, objectives, w, method="vikor", v=v)
    theirs = VIKOR(v=v).evaluate(skc.mkdm(matrix, _signs(objectives), weights=w)).e_
    np.testing.assert_allclose(ours.details["S"], theirs.s_k, atol=1e-12)
    np.testing.assert_allclose(ours.details["R"], theirs.r_k, atol=1e-12)
    np.testing.assert_allclose(ours.scores, theirs.q_k, atol=1e-12)
    expected = tuple(ours.alternatives[k] for k in theirs.compromise_set)
    assert sorted(ours.details["compromise_set"]) == sorted(expected)
    assert ours.details["acceptable_advantage"] == theirs.acceptable_advantage
    assert ours.details["acceptable_stability"] == theirs.acceptable_stability


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("p", "q"), [(0.65, 0.35), (0.5, 0.5), (0.8, 0.2)])
def test_electre1_matches_skcriteria_kernels(seed: int, p: float, q: float) -> None:
    """Concordance, discordance and outranking equal skcriteria on sum-scaled data.

    scikit-criteria's "kernel" is only the alternatives nobody outranks: the first layer of
    Roy's kernel, which also keeps every alternative outranked only by set-aside ones. So
    theirs is contained in ours, and ours is checked against the kernel's definition.
    """
    matrix, objectives, w = _problem(seed)
    ours = criteria.rank(matrix, objectives, w, method="electre1", p=p, q=q)
    scaled = scale_by_sum(matrix, axis=0)
    signs = _signs(objectives)
    off = ~np.eye(matrix.shape[0], dtype=bool)
    their_concordance = concordance(scaled, signs, w)
    their_discordance = discordance(scaled, signs)
    np.testing.assert_allclose(
        np.asarray(ours.details["concordance"])[off], their_concordance[off], atol=1e-12
    )
    np.testing.assert_allclose(
        np.asarray(ours.details["discordance"])[off], their_discordance[off], atol=1e-12
    )
    kernel, outrank, _, _ = electre1(scaled, signs, w, p=p, q=q)
    # Away from exact threshold ties the outranking relations coincide.
    close = np.isclose(their_concordance, p) | np.isclose(their_discordance, q)
    mask = off & ~close
    np.testing.assert_array_equal(np.asarray(ours.details["outranks"])[mask], outrank[mask])
    if not close[off].any():
        theirs = {name for name, keep in zip(ours.alternatives, kernel, strict=True) if keep}
        assert theirs <= set(ours.details["kernel"])
        if ours.details["kernel_complete"]:
            assert_is_kernel(np.asarray(ours.details["outranks"]), ours)


def assert_is_kernel(outranks: np.ndarray, ranking: criteria.Ranking) -> None:
    """Roy's kernel: no member outranks another; every other alternative is outranked."""
    members = [ranking.alternatives.index(name) for name in ranking.details["kernel"]]
    others = [k for k in range(len(ranking.alternatives)) if k not in members]
    assert not outranks[np.ix_(members, members)].any()
    assert all(outranks[members, k].any() for k in others)
