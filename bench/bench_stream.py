"""Streamed batch benchmark: `shortlist batch clients.csv --out results.csv` on a large file,
against the same command on a file a hundred times smaller, in one run.

Run with ``.venv/bin/python -m bench.bench_stream [--clients N] [--workers N]`` (default
1,000,000 clients). The clients are generated deterministically (``bench.clients``, seed 7)
and written to CSV one at a time, so the generator holds no list of them. Each command runs in
a child process; its wall time is measured here and its peak memory is the largest resident
set of any process it started (``getrusage`` of the children after each run, which reports the
largest one). The baseline is the first ``N / 100`` clients of the same file: the ratios say
whether time per client and memory grow with the file (1.00 means they do not).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.clients import client_row
from service.batches.profiles import COLUMN_NAMES

CLIENTS = 1_000_000
SEED = 7
BASELINE_SHARE = 100


@dataclass(frozen=True)
class Run:
    clients: int
    input_mb: float
    output_mb: float
    wall_s: float
    peak_mb: float
    clients_out: int


def write_clients(path: Path, count: int) -> None:
    """`count` seeded clients as CSV, written as they are made."""
    rng = random.Random(SEED)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMN_NAMES)
        writer.writeheader()
        for number in range(1, count + 1):
            writer.writerow(client_row(rng, number))


def head(source: Path, target: Path, count: int) -> None:
    """The header and the first `count` clients of `source`."""
    with source.open(encoding="utf-8") as stream, target.open("w", encoding="utf-8") as out:
        out.write(stream.readline())
        for _ in range(count):
            out.write(stream.readline())


def run(source: Path, target: Path, clients: int, workers: int) -> Run:
    """Run the CLI on `source`; the children's peak memory is read after it ends."""
    command = [
        str(Path(sys.executable).with_name("shortlist")),
        "batch",
        str(source),
        "--out",
        str(target),
        "--workers",
        str(workers),
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    with target.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        clients_out = len({row[0] for row in reader})  # a client's input row number
    return Run(
        clients=clients,
        input_mb=source.stat().st_size / 1e6,
        output_mb=target.stat().st_size / 1e6,
        wall_s=wall,
        peak_mb=peak,
        clients_out=clients_out,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    baseline_count = max(1, args.clients // BASELINE_SHARE)
    with tempfile.TemporaryDirectory(prefix="bench-stream-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        write_clients(work / "clients.csv", args.clients)
        print(f"wrote {args.clients:,} clients in {time.perf_counter() - started:.0f} s")
        head(work / "clients.csv", work / "baseline.csv", baseline_count)
        # The small run first: the children's peak after it is the baseline's own.
        small = run(work / "baseline.csv", work / "baseline-out.csv", baseline_count, args.workers)
        large = run(work / "clients.csv", work / "results.csv", args.clients, args.workers)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, --workers {args.workers}")
    header = "| clients | input | output | clients out | wall time | per 1,000 | peak memory |"
    print(header)
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in (small, large):
        print(
            f"| {r.clients:,} | {r.input_mb:.1f} MB | {r.output_mb:.1f} MB | {r.clients_out:,} "
            f"| {r.wall_s:.1f} s | {1000 * r.wall_s / r.clients:.2f} s | {r.peak_mb:.0f} MB |"
        )
    per_client = (large.wall_s / large.clients) / (small.wall_s / small.clients)
    print(f"time per client, large / baseline: {per_client:.2f}")
    print(f"peak memory, large / baseline: {large.peak_mb / small.peak_mb:.2f}")
    if large.clients_out != large.clients:
        raise SystemExit(f"{large.clients_out:,} clients in the results of {large.clients:,}")


if __name__ == "__main__":
    main()
