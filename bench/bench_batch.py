"""Batch benchmark: 10,000 client profiles against the shipped catalog, each with knock-outs
on evidence, TCO ranges and a TOPSIS ranking of its top 3 at expected values, written to XLSX.

Run with ``.venv/bin/python -m bench.bench_batch [--clients N] [--workers N]``. The profiles
are generated deterministically (``bench.clients``, seed 7) and written to a CSV file; the
timed run reads that file, evaluates every client and writes the XLSX, as
``shortlist batch clients.csv --out results.xlsx`` does. Peak memory is the largest resident
set of this process plus that of its largest worker process (``getrusage``), an upper bound.

The baseline is one scikit-criteria pipeline per client, with nothing prepared across
clients: each product's facts taken out of its profile, the grid and knock-outs of the same
core (``build_grid`` + ``apply_knockouts``), then ``skcriteria.mkdm`` and
``mkpipe(VectorScaler, TOPSIS).evaluate`` on the survivors' expected values. It is timed on a
subset of the same clients in the same run and extrapolated per client to the full count; it
writes no file, so the ratio is conservative. The batch itself goes through the very
shortlist of ``GET /projects/{id}/shortlist`` with facts prepared once per catalog; a sample
of clients is checked against that shortlist (same candidates, same screening ranks).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import skcriteria as skc
from skcriteria.agg.similarity import TOPSIS
from skcriteria.pipelines import mkpipe
from skcriteria.preprocessing.scalers import VectorScaler

from bench.clients import client_rows
from service.batches.profiles import COLUMN_NAMES, InputFormat, InputRow, client_inputs, read_rows
from service.batches.runner import Catalog, default_workers, evaluate_row, evaluate_rows
from service.batches.writers import OutputFormat, Summary, open_writer
from service.selection.analysis import CannotRank, used_weights
from service.selection.costs import PriceBounds
from service.selection.evaluate import project_rates
from service.selection.facts import ProductFacts
from service.selection.grid import build_grid
from service.selection.knockouts import apply_knockouts
from service.selection.registry import Context
from service.selection.shortlist import Market, shortlist, to_public
from vendors.files import load_catalog_dir

CLIENTS = 10_000
SEED = 7
TARGET_SECONDS = 60.0
TARGET_MEMORY_MB = 1024.0
BASELINE_SUBSET = 300
EQUALITY_SAMPLE = 100


def peak_memory_mb() -> float:
    """Largest resident set of this process plus that of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024.0


def run_batch(source: Path, target: Path, catalog: Catalog, workers: int) -> tuple[float, float]:
    """Read, evaluate and write the batch; return its wall and CPU seconds (this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    rows = read_rows(source.read_bytes(), InputFormat.CSV)
    summary = Summary(catalog="vendors/catalog", catalog_products=len(catalog.profiles))
    with target.open("wb") as stream:
        writer = open_writer(OutputFormat.XLSX, stream)
        for chunk in evaluate_rows(rows, catalog, workers=workers):
            for outcome in chunk:
                summary.count(outcome)
                writer.add(outcome)
        writer.close(summary)
    assert summary.clients == len(rows)
    return time.perf_counter() - wall, time.process_time() - cpu


def numbered(values: list[dict[str, str]]) -> list[InputRow]:
    """Rows numbered as the batch numbers them (the header is row 1)."""
    return [InputRow(number, row) for number, row in enumerate(values, start=2)]


def baseline_top3(row_values: dict[str, str], catalog: Catalog) -> list[str]:
    """One client with nothing prepared: facts, grid and knock-outs of the core, then a
    scikit-criteria TOPSIS pipeline on the survivors' expected values."""
    inputs = client_inputs(row_values)
    project, requirements = inputs.project, inputs.requirements
    facts = [ProductFacts.of(p, catalog.names.get(p.id)) for p in catalog.profiles]
    rates = project_rates(project)
    bounds = PriceBounds.of(facts, rates)
    everyone = Context.of(project, requirements, facts, rates=rates, bounds=bounds)
    survivors = [
        f
        for f in facts
        if not apply_knockouts(f, project, requirements, everyone.cost(f)).eliminated
    ]
    if len(survivors) < 2:
        return [f.id for f in survivors]
    ctx = Context.of(project, requirements, survivors, rates=rates, bounds=bounds)
    grid = build_grid(survivors, ctx, details=False)
    if not grid.criteria:
        return [f.id for f in survivors][:3]
    try:
        weights = used_weights(grid, inputs.weights.weights)
    except CannotRank:
        return [f.id for f in survivors][:3]
    matrix = grid.central
    # scikit-criteria's TOPSIS gives NaN for a column of zeros (vector scaling divides by its
    # norm) or when every weighted column is flat (0/0 closeness): leave those columns out.
    columns = [
        j
        for j in range(matrix.shape[1])
        if np.ptp(matrix[:, j]) > 0 and weights[grid.criteria[j]] > 0
    ]
    if not columns:
        return [f.id for f in survivors][:3]
    dm = skc.mkdm(
        matrix[:, columns],
        [1 if grid.objectives[j] == "max" else -1 for j in columns],
        weights=[weights[grid.criteria[j]] for j in columns],
        alternatives=grid.products,
        criteria=[grid.criteria[j] for j in columns],
    )
    ranked = mkpipe(VectorScaler(target="matrix"), TOPSIS()).evaluate(dm)
    order = sorted(zip(ranked.rank_, ranked.alternatives, strict=True))
    return [str(alternative) for _, alternative in order[:3]]


def same_as_api(row: InputRow, catalog: Catalog) -> bool:
    """Whether the batch gives the candidates and screening ranks the API's shortlist gives
    (sampling included) for one client."""
    outcome = evaluate_row(row, catalog)
    inputs = client_inputs(row.values)
    market = Market.of(catalog.profiles, catalog.names)
    api = to_public(
        shortlist(market, inputs.project, inputs.requirements, inputs.weights, size=3),
        inputs.project,
        inputs.weights.weights,
    )
    batch = sorted((c["screening_rank"], c["id"]) for c in getattr(outcome, "candidates", []))
    return batch == sorted((c["screening_rank"], c["id"]) for c in api["candidates"])


def main() -> None:
    """Run the benchmark and print the figures and a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    profiles = load_catalog_dir()
    catalog = Catalog.of(profiles, version="vendors/catalog")
    rows = client_rows(args.clients, seed=SEED)
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "clients.csv"
        with source.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=COLUMN_NAMES)
            writer.writeheader()
            writer.writerows(rows)
        target = Path(directory) / "results.xlsx"
        wall, cpu = run_batch(source, target, catalog, args.workers)
        size_mb = target.stat().st_size / 1e6
    memory = peak_memory_mb()
    rate = args.clients / wall

    sample = numbered(rows[:EQUALITY_SAMPLE])
    identical = sum(same_as_api(row, catalog) for row in sample)

    subset = rows[:BASELINE_SUBSET]
    with warnings.catch_warnings():
        # TOPSIS warns on every call that it "can operate with minimization objectives".
        warnings.simplefilter("ignore")
        baseline_top3(subset[0], catalog)  # warm-up
        times = []
        agree = 0
        for row in subset:
            start = time.perf_counter()
            top3 = baseline_top3(row, catalog)
            times.append(time.perf_counter() - start)
            ours = evaluate_row(numbered([row])[0], catalog)
            ours_top = [c["id"] for c in getattr(ours, "candidates", [])]
            agree += sorted(top3) == sorted(ours_top)
    per_client = statistics.fmean(times)
    baseline_total = per_client * args.clients
    baseline_rate = 1.0 / per_client

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    version = skc.__version__
    skc_version = ".".join(version) if isinstance(version, tuple) else str(version)
    print(
        f"Machine: {os.cpu_count()} CPUs, load average {load:.2f}, Python "
        f"{platform.python_version()}, numpy {np.__version__}, scikit-criteria {skc_version}"
    )
    print(
        f"Batch: {args.clients:,} generated clients (seed {SEED}) x {len(profiles)} products, "
        f"{args.workers} worker process(es), CSV in, XLSX out ({size_mb:.1f} MB)"
    )
    print(
        f"  wall time {wall:.1f} s (target <= {TARGET_SECONDS:.0f} s), main process CPU {cpu:.1f} s"
    )
    print(f"  {rate:,.0f} evaluations per second")
    print(f"  peak memory {memory:.0f} MB (target <= {TARGET_MEMORY_MB:.0f} MB)")
    print(
        f"  same candidates as GET /projects/{{id}}/shortlist on {identical}/{len(sample)} "
        "sampled clients"
    )
    print(
        f"Baseline, one scikit-criteria pipeline per client (facts + grid + knock-outs + mkdm "
        f"+ VectorScaler + TOPSIS), mean of {BASELINE_SUBSET} clients: {per_client * 1e3:.2f} ms"
    )
    print(
        f"  extrapolated to {args.clients:,} clients: {baseline_total:.1f} s, "
        f"{baseline_rate:,.0f} evaluations per second; same top 3 on {agree}/{len(subset)}"
    )
    print(f"  ratio: {rate / baseline_rate:.1f}x the baseline's evaluations per second")
    print()
    print(f"| Batch of {args.clients:,} clients x {len(profiles)} products | Figure | Target |")
    print("| --- | ---: | ---: |")
    print(f"| Wall time, CSV in to XLSX out ({args.workers} worker(s)) | {wall:.1f} s | <= 60 s |")
    print(f"| Evaluations per second | {rate:,.0f} | |")
    print(f"| Peak memory (process + largest worker) | {memory:.0f} MB | <= 1024 MB |")
    print(
        f"| Baseline: one scikit-criteria pipeline per client (measured on {BASELINE_SUBSET}, "
        f"extrapolated) | {baseline_total:.1f} s, {baseline_rate:,.0f}/s | |"
    )
    print(f"| Ratio to the baseline (evaluations per second) | {rate / baseline_rate:.1f}x | |")
    print(
        f"| Same candidates as `GET /projects/{{id}}/shortlist` (sampled) | "
        f"{identical}/{len(sample)} | all |"
    )


if __name__ == "__main__":
    main()
