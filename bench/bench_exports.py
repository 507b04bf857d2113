"""Report export benchmark: the PDF report against the HTML report it is drawn from, alone and
while consultants evaluate, with the PDF rendered in a worker process (`EXPORT_PROCESSES=1`,
the default) and inside the request (`EXPORT_PROCESSES=0`), in the same run.

Run: `.venv/bin/python -m bench.bench_exports [--repeats 5] [--busy 4]`. For each setting, a
uvicorn server on a fresh SQLite database with the shipped catalog, the evaluation benchmark's
project (three finalists, ten criteria, 10,000 joint draws) evaluated once; then its French
report exported as HTML and as PDF, one request at a time, first alone, then while `--busy`
clients evaluate the project without pause. The figures are medians; the ratios are against
the PDF rendered alone in a worker process.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.bench_api import HOST, free_port, start_server
from bench.bench_evaluation import FINALISTS, Firm


def export_time(firm: Firm, evaluation: str, fmt: str) -> float:
    start = time.perf_counter()
    response = firm.http.get(
        f"/api/v1/evaluations/{evaluation}/export",
        params={"format": fmt, "lang": "fr"},
        headers=firm.headers,
    )
    if response.status_code != 200:
        raise RuntimeError(f"{fmt} export: {response.status_code} {response.text[:300]}")
    return time.perf_counter() - start


def busy(base: str, firm: Firm, stop: threading.Event) -> None:
    """A consultant evaluating the project again and again until `stop`."""
    with httpx.Client(base_url=base, timeout=300) as http:
        while not stop.is_set():
            response = http.post(
                f"/api/v1/projects/{firm.project}/evaluations",
                json={"products": FINALISTS},
                headers=firm.headers,
            )
            if response.status_code != 201:
                raise RuntimeError(f"evaluation: {response.status_code} {response.text[:300]}")


def measure(processes: str, repeats: int, clients: int) -> dict[str, float]:
    """Median seconds of the HTML and PDF exports, alone and under load, for one setting."""
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        port = free_port()
        server, key = start_server(workdir, port, EXPORT_PROCESSES=processes)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}"}
        cli = str(Path(sys.executable).with_name("shortlist"))
        subprocess.run([cli, "catalog", "load"], env=env, check=True, capture_output=True)
        base = f"http://{HOST}:{port}"
        try:
            with httpx.Client(base_url=base, timeout=300) as http:
                firm = Firm(http, key)
                firm.rate(FINALISTS[0])
                evaluation = firm.call(
                    "POST", f"/projects/{firm.project}/evaluations", {"products": FINALISTS}, 201
                )["id"]
                export_time(firm, evaluation, "pdf")  # the first render starts the worker
                times: dict[str, list[float]] = {"html": [], "pdf": []}
                for _ in range(repeats):
                    for fmt in times:
                        times[fmt].append(export_time(firm, evaluation, fmt))
                stop = threading.Event()
                crowd = [
                    threading.Thread(target=busy, args=(base, firm, stop)) for _ in range(clients)
                ]
                for thread in crowd:
                    thread.start()
                try:
                    time.sleep(2)  # every client has an evaluation under way
                    loaded = [export_time(firm, evaluation, "pdf") for _ in range(repeats)]
                finally:
                    stop.set()
                    for thread in crowd:
                        thread.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "html": statistics.median(times["html"]),
        "pdf": statistics.median(times["pdf"]),
        "pdf_busy": statistics.median(loaded),
    }


def main() -> None:
    """Run the benchmark and print the figures and a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--busy", type=int, default=4, help="clients evaluating meanwhile")
    args = parser.parse_args()
    apart = measure("1", args.repeats, args.busy)
    inside = measure("0", args.repeats, args.busy)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Machine: {os.cpu_count()} CPUs, load average {load:.2f}, "
        f"Python {platform.python_version()}"
    )
    print(f"French report of 3 finalists, {args.repeats} exports each, one uvicorn worker")
    print()
    print("| Export | rendered | median | ratio |")
    print("| --- | --- | ---: | ---: |")
    baseline = apart["pdf"]
    rows = [
        ("HTML report, alone", "in the request", apart["html"]),
        ("PDF report, alone", "worker process", apart["pdf"]),
        ("PDF report, alone", "in the request", inside["pdf"]),
        (f"PDF report, {args.busy} clients evaluating", "worker process", apart["pdf_busy"]),
        (f"PDF report, {args.busy} clients evaluating", "in the request", inside["pdf_busy"]),
    ]
    for label, where, seconds in rows:
        print(f"| {label} | {where} | {seconds:.2f} s | {seconds / baseline:.2f} |")


if __name__ == "__main__":
    main()
