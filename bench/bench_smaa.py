"""SMAA benchmark: 10,000 weight samples on 3 alternatives x 30 criteria.

Run with ``.venv/bin/python -m bench.bench_smaa``. Every figure and ratio printed is
measured in the same run with ``time.perf_counter``; each timing is repeated and the
median reported. The scikit-criteria baseline (one DecisionMatrix + VectorScaler +
TOPSIS().evaluate per weight sample, the way a naive SMAA loop would use it) is timed
on a subset of the samples and extrapolated per sample to the full 10,000.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
import warnings
from collections.abc import Callable

import numpy as np
import skcriteria as skc
from skcriteria.agg.topsis import TOPSIS, topsis
from skcriteria.pipelines import mkpipe
from skcriteria.preprocessing.scalers import VectorScaler

import criteria
from criteria import sensitivity
from criteria.problem import FloatArray

ALTERNATIVES = 3
CRITERIA = 30
SAMPLES = 10_000
SEED = 2024
TARGET_MS = 100.0
BASELINE_SUBSET = 200
KERNEL_SUBSET = 1_000


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    """Return the median wall time of ``repeats`` runs of ``action``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pipeline_scores(matrix: FloatArray, signs: list[int], samples: FloatArray) -> FloatArray:
    """Score each weight sample with a full scikit-criteria pipeline (the baseline)."""
    pipe = mkpipe(VectorScaler(target="matrix"), TOPSIS())
    rows = []
    with warnings.catch_warnings():
        # TOPSIS warns on every call that it "can operate with minimization objectives".
        warnings.simplefilter("ignore", UserWarning)
        for weights in samples:
            dm = skc.mkdm(matrix, signs, weights=weights)
            rows.append(pipe.evaluate(dm).e_.similarity)
    return np.asarray(rows)


def kernel_scores(matrix: FloatArray, signs: list[int], samples: FloatArray) -> FloatArray:
    """Score each weight sample with scikit-criteria's plain ``topsis`` kernel."""
    scaled = matrix / np.linalg.norm(matrix, axis=0)
    return np.asarray([topsis(scaled, signs, weights)[3] for weights in samples])


def rank_latency_us(
    matrix: list[list[float]], objectives: list[str], weights: list[float], method: str
) -> float:
    """Return the median time of one ``criteria.rank`` call in microseconds."""
    calls = 500

    def batch() -> None:
        for _ in range(calls):
            criteria.rank(matrix, objectives, weights, method=method)

    return median_seconds(batch, repeats=7) / calls * 1e6


def main() -> None:
    """Run the benchmark and print the figures and a markdown table."""
    rng = np.random.default_rng(SEED)
    matrix = rng.uniform(1.0, 100.0, (ALTERNATIVES, CRITERIA))
    objectives = ["max" if k % 3 else "min" for k in range(CRITERIA)]
    signs = [1 if o == "max" else -1 for o in objectives]

    def run_smaa() -> sensitivity.SmaaResult:
        return sensitivity.smaa(matrix, objectives, samples=SAMPLES, seed=SEED)

    run_smaa()  # warm-up: imports, first-call allocations
    smaa_s = median_seconds(run_smaa, repeats=15)
    result = run_smaa()

    samples, _ = sensitivity.sample_weights(CRITERIA, SAMPLES, seed=SEED)
    scoring_s = median_seconds(
        lambda: criteria.scores_batch(matrix, objectives, samples), repeats=15
    )
    ours = criteria.scores_batch(matrix, objectives, samples)

    subset = samples[:BASELINE_SUBSET]
    pipeline_scores(matrix, signs, subset[:5])  # warm-up
    pipeline_s = median_seconds(lambda: pipeline_scores(matrix, signs, subset), repeats=3)
    pipeline_per_sample = pipeline_s / BASELINE_SUBSET
    pipeline_total = pipeline_per_sample * SAMPLES
    pipeline_gap = float(
        np.abs(pipeline_scores(matrix, signs, subset) - ours[:BASELINE_SUBSET]).max()
    )

    kernel_subset = samples[:KERNEL_SUBSET]
    kernel_s = median_seconds(lambda: kernel_scores(matrix, signs, kernel_subset), repeats=3)
    kernel_per_sample = kernel_s / KERNEL_SUBSET
    kernel_total = kernel_per_sample * SAMPLES
    kernel_gap = float(
        np.abs(kernel_scores(matrix, signs, kernel_subset) - ours[:KERNEL_SUBSET]).max()
    )

    weights = rng.dirichlet(np.ones(CRITERIA)).tolist()
    as_lists = matrix.tolist()
    rank_us = {
        method: rank_latency_us(as_lists, objectives, weights, method)
        for method in criteria.METHODS
    }

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    version = skc.__version__
    skc_version = ".".join(version) if isinstance(version, tuple) else str(version)
    print(
        f"Machine: {os.cpu_count()} CPUs, load average {load:.2f}, Python "
        f"{platform.python_version()}, numpy {np.__version__}, scikit-criteria {skc_version}"
    )
    print(
        f"Problem: {ALTERNATIVES} alternatives x {CRITERIA} criteria, TOPSIS, "
        f"{SAMPLES:,} weight samples uniform on the simplex (seed {SEED})"
    )
    print()
    print(f"SMAA end to end (sample, score, rank, count), median of 15: {smaa_s * 1e3:.1f} ms")
    print(f"  of which vectorised scoring of the {SAMPLES:,} samples:   {scoring_s * 1e3:.2f} ms")
    print(
        f"  target <= {TARGET_MS:.0f} ms: {'met' if smaa_s * 1e3 <= TARGET_MS else 'MISSED'} "
        f"({smaa_s * 1e3 / TARGET_MS:.2f} of the budget)"
    )
    print(
        f"  rank acceptability of rank 1: {np.round(result.rank_acceptability[:, 0], 4).tolist()}"
    )
    print()
    print(
        f"scikit-criteria pipeline per sample (DecisionMatrix + VectorScaler + TOPSIS), "
        f"measured on {BASELINE_SUBSET} samples, median of 3: {pipeline_per_sample * 1e3:.3f} ms"
    )
    print(
        f"  extrapolated to {SAMPLES:,} samples: {pipeline_total:.2f} s "
        f"-> speed-up {pipeline_total / smaa_s:,.0f}x over SMAA end to end"
    )
    print(f"  largest |closeness difference| on those samples: {pipeline_gap:.2e}")
    print(
        f"scikit-criteria topsis() kernel per sample, measured on {KERNEL_SUBSET} samples: "
        f"{kernel_per_sample * 1e6:.1f} us"
    )
    print(
        f"  extrapolated to {SAMPLES:,} samples: {kernel_total * 1e3:.0f} ms "
        f"-> speed-up {kernel_total / smaa_s:,.1f}x; largest difference {kernel_gap:.2e}"
    )
    print()
    print("criteria.rank, one call (list inputs, validation included), median of 7 x 500 calls:")
    for method, micro in rank_us.items():
        print(f"  {method:<11} {micro:7.1f} us")
    print()
    print("| Measurement (3 x 30, 10,000 weight samples) | Median | Ratio |")
    print("| --- | ---: | ---: |")
    print(
        f"| `criteria.sensitivity.smaa` (TOPSIS), end to end | {smaa_s * 1e3:.1f} ms "
        f"| {smaa_s * 1e3 / TARGET_MS:.2f} of the 100 ms target |"
    )
    print(f"| vectorised scoring alone (`criteria.scores_batch`) | {scoring_s * 1e3:.2f} ms | |")
    print(
        f"| scikit-criteria pipeline per sample x 10,000 (extrapolated from {BASELINE_SUBSET}) "
        f"| {pipeline_total:.2f} s | {pipeline_total / smaa_s:,.0f}x slower |"
    )
    print(
        f"| scikit-criteria `topsis()` kernel per sample x 10,000 (extrapolated from "
        f"{KERNEL_SUBSET}) | {kernel_total * 1e3:.0f} ms | {kernel_total / smaa_s:,.1f}x slower |"
    )
    print(f"| `criteria.rank` single call, TOPSIS | {rank_us['topsis']:.0f} us | |")


if __name__ == "__main__":
    main()
