"""Job queue benchmark: clients uploaded through the API on PostgreSQL, processed by 1 then 2
`shortlist worker` processes; throughput of each, the ratio, the peak memory of each worker,
and the rows served against the CLI's on the same input.

Run with ``.venv/bin/python -m bench.bench_queue [--clients N] [--per-upload N]`` (PostgreSQL
from ``TEST_DATABASE_URL``, default the local server's database ``test``; each run works in a
schema of its own, dropped at the end). The clients (``bench.clients``, seed 11) go in uploads
of ``--per-upload`` rows (all in one by default), as CSV with a CSV result. Each round submits
every upload through the app (the whole ASGI stack, in this process), checkpoints the database so
that no round pays for the writes of an earlier one, then starts its workers and times them
from start to the last batch done, watching the batches' states with one query a second
rather than through the API, so that watching costs the workers little CPU. The CPU time of
each worker, of this process and of the rest of the machine (PostgreSQL, the system) is
reported. Peak memory is each worker's high-water resident set (``VmHWM``), read just before
it is stopped. The CLI (``shortlist batch``, one process) evaluates the same files; its rows
must equal those served, file by file.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from bench.clients import client_rows
from service import migrate
from service.batches.profiles import COLUMN_NAMES
from service.config import Settings, normalise_database_url
from service.db import create_db_engine, session_scope
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from vendors.files import CATALOG_DIR, load_catalog_dir
from vendors.service import load_catalog

SHORTLIST = str(Path(sys.executable).with_name("shortlist"))
CLIENTS = 100_000
PER_UPLOAD = 100_000
SEED = 11
TARGET_RATIO = 1.7
TARGET_WORKER_MB = 500.0


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    text_out = io.StringIO()
    writer = csv.DictWriter(text_out, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text_out.getvalue().encode("utf-8")


def peak_rss_mb(pid: int) -> float:
    """The process's high-water resident set, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process used, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time every core of the machine spent busy (all but idle and I/O wait), from
    /proc/stat (Linux)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    ticks = sum(fields) - fields[3] - fields[4]
    return ticks / os.sysconf("SC_CLK_TCK")


def admin(url: str, statement: str, *, tries: int = 10) -> None:
    """Run `statement`, trying again while a lock it needs is held (workers stopping)."""
    engine = create_db_engine(url)
    try:
        for attempt in range(tries):
            try:
                with engine.begin() as conn:
                    conn.execute(text(statement))
                return
            except OperationalError:
                if attempt == tries - 1:
                    raise
                time.sleep(2)
    finally:
        engine.dispose()


def batch_states(engine: Engine, ids: list[str]) -> list[str]:
    """The status of each batch, in order, read in one query."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, status FROM batch")).all()
    states = {str(batch_id): str(status) for batch_id, status in rows}
    return [states[batch_id] for batch_id in ids]


@dataclass(frozen=True)
class BenchDatabase:
    """A migrated schema of its own with the shipped catalog and one firm's API key."""

    base_url: str
    url: str
    engine: Engine
    secret: str


def base_database_url() -> str:
    """The PostgreSQL database the benchmarks work in (TEST_DATABASE_URL)."""
    return normalise_database_url(
        os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    )


@contextmanager
def bench_database(prefix: str) -> Iterator[BenchDatabase]:
    """A schema named after `prefix`, migrated and loaded, dropped when the block ends."""
    base_url = base_database_url()
    schema = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin(base_url, f'CREATE SCHEMA "{schema}"')
    url = f"{base_url}?options=-csearch_path%3D{schema}"
    engine = create_db_engine(url)
    try:
        with engine.begin() as conn:
            migrate.upgrade(connection=conn)
        for session in session_scope(engine):
            load_catalog(session, load_catalog_dir())
            secret = create_api_key(session, firm_name="Bench").secret
        yield BenchDatabase(base_url, url, engine, secret)
    finally:
        engine.dispose()
        admin(base_url, f'DROP SCHEMA "{schema}" CASCADE')


def round_of(workers: int, files: list[bytes]) -> dict[str, Any]:
    """Submit every file, then run `workers` worker processes until every batch is done."""
    with bench_database("bench_queue") as db:
        return _round(workers, files, db)


def _round(workers: int, files: list[bytes], db: BenchDatabase) -> dict[str, Any]:
    base_url, url, engine = db.base_url, db.url, db.engine
    processes: list[subprocess.Popen[bytes]] = []
    api: TestClient | None = None
    try:
        app = create_app(Settings(database_url=url, secret_key="b" * 20), engine=engine)
        api = TestClient(app, headers={"Authorization": f"Bearer {db.secret}"})
        started = time.perf_counter()
        ids = []
        for number, content in enumerate(files):
            response = api.post(
                "/api/v1/batches",
                files={"file": (f"clients-{number}.csv", content)},
                data={"output_format": "csv"},
            )
            assert response.status_code == 202, response.text
            ids.append(response.json()["id"])
        upload_seconds = time.perf_counter() - started
        # The uploads' writes reach the disk before the workers start, so that no round pays
        # for an earlier round's checkpoint.
        admin(base_url, "CHECKPOINT")
        env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
        busy, own = machine_busy_seconds(), sum(os.times()[:2])
        started = time.perf_counter()
        for _ in range(workers):
            processes.append(
                subprocess.Popen(
                    [SHORTLIST, "worker"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        while True:
            states = batch_states(engine, ids)
            if all(state not in {"queued", "running"} for state in states):
                break
            time.sleep(1)
        seconds = time.perf_counter() - started
        assert states == ["done"] * len(ids), states
        memory = [peak_rss_mb(process.pid) for process in processes]
        cpu = [cpu_seconds(process.pid) for process in processes]
        own = sum(os.times()[:2]) - own
        others = machine_busy_seconds() - busy - sum(cpu) - own
        results = [api.get(f"/api/v1/batches/{i}/result").content for i in ids]
        clients = sum(api.get(f"/api/v1/batches/{i}").json()["total"] for i in ids)
        with engine.connect() as conn:
            spread: dict[str, int] = {
                str(name): int(count)
                for name, count in conn.execute(
                    text("SELECT evaluated_by, count(*) FROM batch_output_chunk GROUP BY 1")
                ).all()
            }
        return {
            "workers": workers,
            "clients": clients,
            "upload_seconds": upload_seconds,
            "seconds": seconds,
            "rate": clients / seconds,
            "worker_mb": memory,
            "worker_cpu": cpu,
            "others_cpu": others,
            "bench_cpu": own,
            "chunks_per_worker": sorted(spread.values()),
            "results": results,
        }
    finally:
        if api is not None:
            api.close()
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def cli_results(files: list[bytes], directory: Path) -> tuple[list[bytes], float]:
    """The CLI's CSV results for each file (one process), and its total time."""
    results, started = [], time.perf_counter()
    for number, content in enumerate(files):
        source, target = directory / f"clients-{number}.csv", directory / f"cli-{number}.csv"
        source.write_bytes(content)
        command = [SHORTLIST, "batch", str(source), "--out", str(target), "--workers", "1"]
        subprocess.run([*command, "--catalog", str(CATALOG_DIR)], check=True, capture_output=True)
        results.append(target.read_bytes())
    return results, time.perf_counter() - started


def main() -> None:
    """Run the rounds and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--per-upload", type=int, default=PER_UPLOAD)
    args = parser.parse_args()
    rows = client_rows(args.clients, seed=SEED)
    files = [
        csv_bytes(rows[start : start + args.per_upload])
        for start in range(0, len(rows), args.per_upload)
    ]
    one = round_of(1, files)
    two = round_of(2, files)
    with tempfile.TemporaryDirectory() as directory:
        expected, cli_seconds = cli_results(files, Path(directory))
    ratio = two["rate"] / one["rate"]
    uploads = f"{len(files)} upload" + ("s" if len(files) > 1 else "")
    print(f"{args.clients} clients in {uploads}, PostgreSQL, {os.cpu_count()} cores")
    print("| measurement | 1 worker process | 2 worker processes | target |")
    print("| --- | ---: | ---: | ---: |")
    up, queue = (one["upload_seconds"], two["upload_seconds"]), (one["seconds"], two["seconds"])
    print(f"| upload through the API | {up[0]:.1f} s | {up[1]:.1f} s | |")
    print(f"| workers started to last batch done | {queue[0]:.1f} s | {queue[1]:.1f} s | |")
    print(f"| clients per second | {one['rate']:.0f} | {two['rate']:.0f} | |")
    print(f"| throughput ratio | 1.00 | {ratio:.2f} | >= {TARGET_RATIO} |")
    print(
        f"| peak memory per worker | {max(one['worker_mb']):.0f} MB | "
        f"{', '.join(f'{m:.0f}' for m in two['worker_mb'])} MB | <= {TARGET_WORKER_MB:.0f} MB |"
    )
    print(
        f"| CPU time per worker | {one['worker_cpu'][0]:.1f} s | "
        f"{', '.join(f'{c:.1f}' for c in two['worker_cpu'])} s | |"
    )
    print(
        f"| CPU time of the rest of the machine (PostgreSQL, system) | "
        f"{one['others_cpu']:.1f} s | {two['others_cpu']:.1f} s | |"
    )
    print(
        f"| CPU time of this process (polling) | {one['bench_cpu']:.1f} s | "
        f"{two['bench_cpu']:.1f} s | |"
    )
    print(f"| chunks per worker | {one['chunks_per_worker']} | {two['chunks_per_worker']} | |")
    same = one["results"] == expected and two["results"] == expected
    print(
        f"| rows equal to the CLI's (CLI: {cli_seconds:.1f} s) | {one['results'] == expected} "
        f"| {two['results'] == expected} | yes |"
    )
    if not same:
        raise SystemExit("the rows served differ from the CLI's")


if __name__ == "__main__":
    main()
