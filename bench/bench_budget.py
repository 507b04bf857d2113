"""Work budget benchmark: the worst request each budgeted decision route accepts, per method,
timed against the estimate of the cost model the budget uses (``criteria.cost``).

Run: ``.venv/bin/python -m bench.bench_budget [--repeats 3] [--calibrate] [--quick]``.

For every method and every route that scores many weight vectors or compares every pair
(``/sensitivity/smaa``, ``/sensitivity/stability``, ``/rank``, ``/sensitivity/agreement``),
the script builds the largest requests the route accepts at the corners of the accepted
region (most alternatives, most criteria, most samples) and adversarial data on them:
identical alternatives (ties everywhere), values spanning 1e-15 to 1e15, near ties that
only rounding separates, and for SMAA the weight bounds that make hit-and-run or
low-acceptance rejection sampling draw the weights. Each request is validated and handled
as the route does (pydantic model, budget check, engine, ``to_dict``), without HTTP. The
evaluation side (``service.selection.evaluate.evaluate`` on the most products an evaluation
compares, with every fact unknown) is timed as well.

Every figure is measured in the same run: the median wall time, the least CPU time of this
process (what the work costs, whatever else the shared machine runs), the CPU time over one
small ranking (``criteria.rank`` on 3 x 30, TOPSIS) and over the model's estimate (above 1
the model underestimates). With ``--calibrate`` the constants of ``criteria.cost`` are
measured again, each from the shape where its term dominates, and printed beside the values
in the module.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

import criteria
from bench.clients import client_row
from criteria import cost, sensitivity
from criteria.electre import roy_kernel
from criteria.problem import FloatArray
from criteria.sampling import hit_and_run_steps, uniform_simplex, within_bounds
from service.api.routes import decision
from service.batches.profiles import client_inputs
from service.batches.runner import Catalog
from service.errors import InvalidInput
from service.selection.analysis import MAX_WORK_NS
from service.selection.costs import PriceBounds
from service.selection.evaluate import (
    CannotEvaluate,
    EvaluationRequest,
    evaluate,
    project_rates,
)
from service.selection.grid import build_grid
from service.selection.registry import Context
from vendors.files import load_catalog_dir

SEED = 2026
TARGET_S = 1.0
METHODS = criteria.METHODS
MAX_M = decision.MAX_ALTERNATIVES
MAX_N = decision.MAX_CRITERIA
MAX_SAMPLES = decision.MAX_SAMPLES
EVALUATION_PRODUCTS = 10  # the most products an evaluation compares (EvaluationCreate)


def timed(action: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Return the median wall time and the least CPU time of ``repeats`` runs of ``action``.

    The CPU time of this process is what the work costs; the wall time adds whatever the
    other processes on the machine take from it (a busy shared machine doubles it)."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), min(cpus)


def matrix(kind: str, m: int, n: int, seed: int = SEED) -> FloatArray:
    """An m x n positive matrix of the given kind (every method accepts positive values)."""
    rng = np.random.default_rng(seed)
    if kind == "random":
        return rng.uniform(1.0, 100.0, (m, n))
    if kind == "identical":
        return np.tile(rng.uniform(1.0, 100.0, n), (m, 1))
    if kind == "extreme":
        return 10.0 ** rng.uniform(-15.0, 15.0, (m, n))
    if kind == "near-ties":
        # Rows a few ulps apart: snapped to exact ties, or chained near ties in the scores.
        base = rng.uniform(1.0, 100.0, n)
        return base * (1.0 + rng.integers(0, 4, (m, n)) * 1e-14)
    raise ValueError(kind)


def params(method: str) -> dict[str, Any]:
    """The method's most expensive parameters (PROMETHEE II's Gaussian preference)."""
    if method == "promethee2":
        return {"preference": "gaussian", "s": 20.0}
    return {}


def bounds(kind: str, n: int) -> list[list[float]] | None:
    """Weight bounds that make the sampler work hardest: ``narrow`` (hit-and-run) or
    ``wide`` (rejection sampling accepting little more than 5 % of its candidates)."""
    if kind == "narrow":
        centre = 1.0 / n
        return [[centre * 0.9, centre * 1.15]] * n
    if kind == "wide":
        # Caps near the acceptance floor: found once by the pilot's own rule.
        cap = _cap_for_acceptance(n, 0.06)
        return [[0.0, cap]] * n
    return None


def _cap_for_acceptance(n: int, rate: float) -> float:
    rng = np.random.default_rng(SEED)
    pilot = uniform_simplex(rng, 20_000, n).max(axis=1)
    return float(np.quantile(pilot, rate))


@dataclass
class Case:
    """One request: its route, method, shape, data, sampling and the model's estimate."""

    route: str
    method: str
    m: int
    n: int
    data: str
    samples: int = 0
    sampling: str = "uniform"
    bounds: str = "none"
    methods: tuple[str, ...] = ()

    def body(self) -> dict[str, Any]:
        """The JSON body of the request."""
        values = matrix(self.data, self.m, self.n)
        body: dict[str, Any] = {
            "matrix": values.tolist(),
            "objectives": ["max" if j % 3 else "min" for j in range(self.n)],
            "method": self.method,
            "params": params(self.method),
        }
        if self.route != "smaa" or self.sampling == "around":
            body["weights"] = np.linspace(1.0, 2.0, self.n).tolist()
        if self.route == "smaa":
            body["samples"] = self.samples
            body["seed"] = SEED
            body["weight_bounds"] = bounds(self.bounds, self.n)
        if self.route == "agreement":
            body["methods"] = list(self.methods)
            body["method_params"] = {name: params(name) for name in self.methods}
        return body

    def estimate_s(self) -> float:
        """The cost model's estimate, in seconds."""
        if self.route == "smaa":
            kind = "bounds" if self.bounds != "none" else self.sampling
            work = cost.smaa(self.method, self.m, self.n, self.samples, kind)
        elif self.route == "stability":
            work = cost.stability(self.method, self.m, self.n)
        elif self.route == "rank":
            work = cost.rank(self.method, self.m, self.n)
        else:
            work = cost.agreement(self.methods, self.m, self.n)
        return work / 1e9

    def label(self) -> str:
        """A short description for the table."""
        shape = f"{self.m} x {self.n}"
        if self.route == "smaa":
            shape += f" x {self.samples:,}"
            if self.bounds != "none":
                shape += f" ({self.bounds} bounds)"
            elif self.sampling == "around":
                shape += " (around)"
        if self.route == "agreement":
            shape += f" ({len(self.methods)} methods)"
        return f"{self.route} {self.method} {shape} {self.data}"


def handle(case: Case, body: dict[str, Any]) -> dict[str, Any]:
    """Validate and handle the request as its route does (the budget check included)."""
    if case.route == "smaa":
        return decision.smaa(decision.SmaaIn.model_validate(body))
    if case.route == "stability":
        return decision.stability(decision.WeightedProblem.model_validate(body))
    if case.route == "rank":
        return asyncio.run(decision.rank(decision.WeightedProblem.model_validate(body)))
    return decision.agreement(decision.AgreementIn.model_validate(body))


def largest_samples(case: Case) -> int:
    """The most samples the budget accepts for the case's shape (0 if none)."""

    def work(samples: int) -> float:
        return Case(**{**case.__dict__, "samples": samples}).estimate_s() * 1e9

    return cost.largest(work, MAX_WORK_NS, 1, MAX_SAMPLES)


def cases(quick: bool) -> Iterator[Case]:
    """The worst accepted requests: corners of the accepted region, adversarial data."""
    data_kinds = ["random", "identical"] if quick else ["random", "identical", "extreme"]
    corners = [(MAX_M, 1), (MAX_M, 10), (MAX_M, MAX_N), (30, 30), (3, MAX_N), (2, 1)]
    for method in METHODS:
        for m, n in corners:
            probe = Case("smaa", method, m, n, "random", samples=1)
            samples = largest_samples(probe)
            if samples == 0:
                continue
            kinds = data_kinds if (m, n) in ((MAX_M, 10), (30, 30)) else ["random"]
            for kind in kinds:
                yield Case("smaa", method, m, n, kind, samples=samples)
        if not quick:
            yield Case(
                "smaa",
                method,
                MAX_M,
                10,
                "near-ties",
                samples=largest_samples(Case("smaa", method, MAX_M, 10, "random")),
            )
    for m, n, kind in [(2, MAX_N, "narrow"), (30, 30, "narrow"), (30, 30, "wide")]:
        probe = Case("smaa", "topsis", m, n, "random", bounds=kind)
        yield Case("smaa", "topsis", m, n, "random", samples=largest_samples(probe), bounds=kind)
    probe = Case("smaa", "topsis", MAX_M, MAX_N, "random", sampling="around")
    yield Case("smaa", "topsis", MAX_M, MAX_N, "random", largest_samples(probe), "around")
    for method in METHODS:
        for m in (MAX_M, 30):
            n = cost.largest(partial(cost.stability, method, m), MAX_WORK_NS, 1, MAX_N)
            if n:
                kinds = ["random", "identical"] if m == MAX_M else ["random"]
                for kind in kinds:
                    yield Case("stability", method, m, n, kind)
        m = cost.largest(partial(_rank_work, method), MAX_WORK_NS, 2, MAX_M)
        for kind in ["random", "identical", "extreme"]:
            yield Case("rank", method, m, MAX_N, kind)
    m = cost.largest(_agreement_work, MAX_WORK_NS, 2, MAX_M)
    yield Case("agreement", "topsis", m, MAX_N, "random", methods=METHODS)


def _rank_work(method: str, m: int) -> float:
    return cost.rank(method, m, MAX_N)


def _agreement_work(m: int) -> float:
    return cost.agreement(METHODS, m, MAX_N)


def baseline_s() -> float:
    """One small ranking: ``criteria.rank`` on 3 x 30, TOPSIS (least CPU time of 7 x 200
    calls)."""
    rng = np.random.default_rng(SEED)
    values = rng.uniform(1.0, 100.0, (3, 30)).tolist()
    objectives = ["max" if j % 3 else "min" for j in range(30)]
    weights = rng.uniform(0.1, 1.0, 30).tolist()

    def batch() -> None:
        for _ in range(200):
            criteria.rank(values, objectives, weights)

    return timed(batch, 7)[1] / 200


def evaluation_requests() -> Iterator[tuple[str, EvaluationRequest]]:
    """The largest evaluation the API accepts, per method: the shipped catalog's ten products
    with the most unknown facts, for the client (of 200 drawn) whose grid has the most
    criteria, knock-outs overridden, 10,000 joint draws."""
    catalog = Catalog.of(load_catalog_dir())
    facts = catalog.market.facts
    rng = random.Random(SEED)
    best: tuple[int, Any] = (-1, None)
    for number in range(200):
        inputs = client_inputs(client_row(rng, number))
        rates = project_rates(inputs.project)
        bounds = PriceBounds.of(facts, rates)
        ctx = Context.of(inputs.project, inputs.requirements, facts, rates=rates, bounds=bounds)
        grid = build_grid(facts, ctx)
        size = len(grid.criteria) * (1 + len(grid.unknowns()))
        best = max(best, (size, inputs), key=lambda item: item[0])
    inputs = best[1]
    rates = project_rates(inputs.project)
    bounds = PriceBounds.of(facts, rates)
    ctx = Context.of(inputs.project, inputs.requirements, facts, rates=rates, bounds=bounds)
    grid = build_grid(facts, ctx)
    unknown = {f.id: sum(1 for u in grid.unknowns() if u.product == f.id) for f in facts}
    chosen = sorted(catalog.profiles, key=lambda p: -unknown[p.id])[:EVALUATION_PRODUCTS]
    for method in METHODS:
        yield (
            method,
            EvaluationRequest(
                project=inputs.project,
                requirements=inputs.requirements,
                weights=inputs.weights,
                profiles=chosen,
                market=facts,
                names=catalog.names,
                method=method,
                include_eliminated=True,
            ),
        )


def calibrate(repeats: int) -> None:
    """Measure each constant of ``criteria.cost`` where its term dominates (least CPU time)."""
    fits: dict[str, float] = {}

    def cpu(action: Callable[[], object], times: int = repeats) -> float:
        return timed(action, times)[1] * 1e9

    # Ranking with ties, per sample: SMAA with one criterion at three sizes, the worse of
    # distinct and identical alternatives; a line through the two larger sizes, then the
    # per-sample constant that covers the smallest too.
    per_sample: dict[int, float] = {}
    for m, k in [(3, 100_000), (30, 30_000), (200, 10_000)]:
        for kind in ["random", "identical"]:
            values = matrix(kind, m, 1)
            spent = cpu(partial(sensitivity.smaa, values, "max", samples=k))
            per_sample[m] = max(per_sample.get(m, 0.0), spent / k)
    rank_ns = (per_sample[200] - per_sample[30]) / 170
    fits["RANK_NS"] = rank_ns
    fits["SAMPLE_NS"] = max(per_sample[m] - rank_ns * m for m in per_sample)
    rng = np.random.default_rng(SEED)
    fits["DRAW_NS"] = cpu(lambda: uniform_simplex(rng, 100_000, 100)) / (100_000 * 100)
    # Preparation: a /rank request on the largest matrix (validation, engine, result), per
    # cell for the other methods, and per pair of rows and criterion beyond that for the
    # methods comparing every pair.
    cells = MAX_M * MAX_N
    prepare: dict[str, float] = {}
    for method in METHODS:
        case = Case("rank", method, MAX_M, MAX_N, "random")
        prepare[method] = cpu(partial(handle, case, case.body()))
    per_cell = max(prepare[m] for m in METHODS if m not in cost.PAIRWISE_METHODS) / cells
    fits["PREPARE_NS"] = per_cell
    for method in sorted(cost.PAIRWISE_METHODS):
        fits[f"PAIRWISE_PREPARE_NS[{method}]"] = (prepare[method] - per_cell * cells) / (
            MAX_M * cells
        )
    # Scores per sample, alternative and criterion: SMAA with many criteria, less the
    # ranking measured above at the same number of alternatives, the draws and the
    # preparation.
    for method in METHODS:
        m, n, k = (30, 100, 2_000) if method == "electre1" else (MAX_M, MAX_N, 5_000)
        values = matrix("random", m, n)
        spent = cpu(
            partial(sensitivity.smaa, values, "max", method=method, samples=k, **params(method))
        )
        rest = k * (per_sample[m] + fits["DRAW_NS"] * n) + cost.preparation(method, m, n)
        if method == "electre1":
            fits["CONCORDANCE_NS"] = (spent - rest) / (k * m * m * n)
        else:
            fits[f"SCORE_NS[{method}]"] = (spent - rest) / (k * m * n)
    values = matrix("random", MAX_M, 1)
    spent = cpu(lambda: sensitivity.smaa(values, "max", method="electre1", samples=5_000))
    rest = 5_000 * per_sample[MAX_M]
    fits["OUTRANKING_NS"] = (spent - rest) / (5_000 * MAX_M * MAX_M)
    # ELECTRE I's kernel on a chain of outrankings (the most rounds).
    chain = np.zeros((MAX_M, MAX_M), dtype=np.bool_)
    chain[np.arange(MAX_M - 1), np.arange(1, MAX_M)] = True
    fits["KERNEL_NS"] = cpu(lambda: roy_kernel(chain)) / MAX_M**3
    # Hit-and-run: a step's fixed cost and its cost per chain and criterion.
    per_step = {}
    for n in (2, 100):
        lower, upper = np.full(n, 0.9 / n), np.full(n, 1.15 / n)
        rng = np.random.default_rng(1)
        spent = cpu(partial(within_bounds, rng, 2_000, lower, upper, method="hit-and-run"))
        per_step[n] = spent / hit_and_run_steps(2_000, n).count
    fits["STEP_ELEMENT_NS"] = (per_step[100] - per_step[2]) / (200 * 98)
    fits["STEP_NS"] = per_step[2] - fits["STEP_ELEMENT_NS"] * 200 * 2
    tiny = matrix("random", 3, 3)
    fits["SMAA_FIXED_NS (smaa of 3 x 3, one sample)"] = cpu(
        lambda: sensitivity.smaa(tiny, "max", samples=1), repeats * 5
    )
    fits["STABILITY_FIXED_NS (stability of 3 x 3)"] = cpu(lambda: stability_of(tiny), repeats * 5)
    fits["RANK_FIXED_NS (rank of 3 x 30)"] = baseline_s() * 1e9
    print("Constant                                    measured  in criteria.cost")
    for key, value in fits.items():
        print(f"  {key:<40} {value:12,.2f} {_model_value(key):>16}")


def stability_of(values: FloatArray) -> object:
    """Stability intervals of TOPSIS with equal weights."""
    return sensitivity.stability(values, "max", np.ones(values.shape[1]))


def _model_value(key: str) -> str:
    name, _, index = key.partition("[")
    name = name.split(" ")[0]
    value = getattr(cost, name, None)
    if isinstance(value, dict):
        value = value.get(index.rstrip("]"))
    return "" if value is None else f"{value:,.2f}"


def main() -> None:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--quick", action="store_true", help="fewer data kinds")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Machine: {os.cpu_count()} CPUs, load average {load:.2f}, Python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    if args.calibrate:
        calibrate(args.repeats)
        return
    base = baseline_s()
    print(f"Baseline: one criteria.rank on 3 x 30 (TOPSIS): {base * 1e6:.0f} us of CPU")
    print(
        f"Budget: {MAX_WORK_NS / 1e9:g} s of estimated work per request; "
        f"target: the worst accepted request within about {TARGET_S:g} s"
    )
    print()
    print(
        "| Request (route method m x n [x samples] data) | Wall | CPU | CPU / baseline "
        "| CPU / model |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    slowest = (0.0, 0.0, "")
    worst_ratio = (0.0, "")
    for case in cases(args.quick):
        body = case.body()
        try:
            handle(case, body)  # warm-up; a refusal costs nothing to time
        except InvalidInput as refusal:
            print(f"| {case.label()} | refused: {refusal.detail} | | | |")
            continue
        wall, cpu = timed(partial(handle, case, body), args.repeats)
        ratio = cpu / case.estimate_s()
        print(
            f"| {case.label()} | {wall * 1e3:,.0f} ms | {cpu * 1e3:,.0f} ms | {cpu / base:,.0f} "
            f"| {ratio:.2f} |"
        )
        slowest = max(slowest, (cpu, wall, case.label()))
        worst_ratio = max(worst_ratio, (ratio, case.label()))
    print()
    print(
        f"Slowest accepted request: {slowest[2]}: {slowest[0]:.2f} s of CPU "
        f"({slowest[1]:.2f} s wall), {slowest[0] / TARGET_S:.2f} of the {TARGET_S:g} s target"
    )
    print(f"Largest CPU / model ratio: {worst_ratio[0]:.2f} ({worst_ratio[1]})")
    print()
    print(
        f"Evaluation (service.selection.evaluate.evaluate, {EVALUATION_PRODUCTS} products, "
        "every unknown drawn, 10,000 joint draws, three SMAA passes, stability, agreement):"
    )
    print("| Method | Criteria | Unknown facts | Wall | CPU | CPU / baseline |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for method, request in evaluation_requests():
        try:
            snapshot = evaluate(request)
        except CannotEvaluate as exc:
            print(f"| {method} | refused: {exc} | | | | |")
            continue
        wall, cpu = timed(partial(evaluate, request), args.repeats)
        print(
            f"| {method} | {len(snapshot.weights_used)} | {len(snapshot.unknowns)} "
            f"| {wall * 1e3:,.0f} ms | {cpu * 1e3:,.0f} ms | {cpu / base:,.0f} |"
        )


if __name__ == "__main__":
    main()
