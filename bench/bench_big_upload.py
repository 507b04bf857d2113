"""Large batch uploads through the API: how long `POST /api/v1/batches` takes to accept a CSV of
10,000, 100,000 and 1,000,000 clients, and the memory the service takes to do it, against the
smallest in the same run.

Run with ``.venv/bin/python -m bench.bench_big_upload [--clients N ...]`` (PostgreSQL from
``TEST_DATABASE_URL``, default the local server's database ``test``, in a schema of its own,
dropped at the end; no worker runs, so the batches only wait in the queue). The clients are
generated deterministically (``bench.clients``, seed 7) and written to CSV one at a time.
`shortlist serve` runs in a child process; each file is sent from disk as a stream (httpx), and
the request is timed from its first byte to the answer, after an upload of 1,000 clients that
warms the service up. The service's memory is its peak resident set during the request
(``VmHWM``, reset through ``/proc/PID/clear_refs`` just before) less its resident set then,
and that peak; the ratio says whether time per client grows with the file (1.00: it does
not).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.bench_queue import bench_database
from bench.bench_stream import write_clients

SIZES = (10_000, 100_000, 1_000_000)
PORT = 8771


WARM_UP = 1_000


@dataclass(frozen=True)
class Upload:
    clients: int
    file_mb: float
    seconds: float
    extra_mb: float
    peak_mb: float


def status_kb(pid: int, field: str) -> int:
    """A field of /proc/PID/status, in kB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("the service stopped while starting")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the service did not start")


def upload(base: str, key: str, path: Path, clients: int, pid: int) -> Upload:
    """Send one file; the service's extra memory during the request."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")
    resident = status_kb(pid, "VmRSS")
    with path.open("rb") as stream:
        started = time.perf_counter()
        response = httpx.post(
            f"{base}/api/v1/batches",
            headers={"Authorization": f"Bearer {key}"},
            files={"file": (path.name, stream, "text/csv")},
            data={"output_format": "csv"},
            timeout=900,
        )
        seconds = time.perf_counter() - started
    if response.status_code != 202 or response.json()["total"] != clients:
        raise SystemExit(f"upload of {clients} clients: {response.status_code} {response.text}")
    peak = status_kb(pid, "VmHWM")
    return Upload(
        clients, path.stat().st_size / 1024 / 1024, seconds, (peak - resident) / 1024, peak / 1024
    )


def main() -> None:
    """Start the service on a schema of its own, send each file, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    with bench_database("bench_upload") as db:
        env = {**os.environ, "DATABASE_URL": db.url, "LOG_LEVEL": "WARNING"}
        command = [str(Path(sys.executable).with_name("shortlist")), "serve", "--port", str(PORT)]
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{PORT}"
            wait_until_up(base, server)
            uploads = []
            with tempfile.TemporaryDirectory() as directory:
                for clients in [WARM_UP, *sorted(args.clients)]:
                    path = Path(directory) / f"clients-{clients}.csv"
                    write_clients(path, clients)
                    uploads.append(upload(base, db.secret, path, clients, server.pid))
                    path.unlink()
        finally:
            server.terminate()
            server.wait(timeout=60)
    uploads = uploads[1:]  # the first, small, only warms the service up
    first = uploads[0]
    print(f"POST /api/v1/batches, CSV, PostgreSQL, {os.cpu_count()} cores")
    print(
        "| clients | file | request | per 1,000 clients | ratio | service memory during it "
        "| service peak |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for item in uploads:
        per = item.seconds / item.clients * 1000
        time_ratio = per / (first.seconds / first.clients * 1000)
        print(
            f"| {item.clients:,} | {item.file_mb:.1f} MB | {item.seconds:.1f} s | {per:.2f} s "
            f"| {time_ratio:.2f} | +{item.extra_mb:.0f} MB | {item.peak_mb:.0f} MB |"
        )


if __name__ == "__main__":
    main()
