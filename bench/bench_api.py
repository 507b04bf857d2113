"""Throughput of `POST /api/v1/rank` (3 alternatives x 30 criteria, TOPSIS) against the same
server's `GET /healthz`, measured in one run with a load tool on 127.0.0.1.

Run: `.venv/bin/python -m bench.bench_api [--seconds 10] [--connections 8]`. Uses `wrk` when it
is installed (Debian package `wrk`), else a built-in asyncio load generator on httpx (then the
client shares the two cores with the server, and says so). Both endpoints authenticate or
touch the database once per request: /healthz runs `SELECT 1`, /rank looks up its API key
(and counts it against the key's rate limit).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

HOST = "127.0.0.1"


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def rank_body(seed: int = 20261122) -> dict[str, object]:
    """A 3 x 30 TOPSIS problem with a mix of benefit and cost criteria."""
    rng = np.random.default_rng(seed)
    return {
        "matrix": rng.uniform(1, 100, size=(3, 30)).round(3).tolist(),
        "objectives": ["max" if j % 3 else "min" for j in range(30)],
        "weights": rng.uniform(0.1, 1, size=30).round(4).tolist(),
        "method": "topsis",
    }


def start_server(workdir: Path, port: int, **settings: str) -> tuple[subprocess.Popen[bytes], str]:
    """Migrate a fresh SQLite database, create an API key, start uvicorn with `settings` as
    environment variables; return it and the key."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
        "LOG_LEVEL": "WARNING",
        # The limit is counted on every request, as in production, but set beyond what the
        # load reaches: this measures throughput, not the 429s of the default 600/minute.
        "RATE_LIMIT_PER_KEY": "1000000000/minute",
        **settings,
    }
    cli = [str(Path(sys.executable).with_name("shortlist"))]
    subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True)
    created = subprocess.run(
        [*cli, "apikey", "create", "--firm", "Bench"], env=env, check=True, capture_output=True
    )
    key = created.stdout.decode().strip().splitlines()[-1]
    server = subprocess.Popen(
        [*cli, "serve", "--host", HOST, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            if httpx.get(f"http://{HOST}:{port}/healthz", timeout=1).status_code == 200:
                return server, key
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def wrk(url: str, seconds: int, connections: int, script: Path | None) -> float:
    """Requests per second measured by wrk."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw error responses:\n{output}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if match is None:
        raise RuntimeError(output)
    return float(match.group(1))


async def _loop(
    url: str, seconds: int, connections: int, method: str, body: bytes, headers: dict[str, str]
) -> float:
    done = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                response = await client.request(method, url, content=body, headers=headers)
                response.raise_for_status()
                done += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        return done / (time.perf_counter() - started)


def measure(
    url: str, seconds: int, connections: int, *, key: str | None = None, body: bytes = b""
) -> float:
    """Requests per second on `url` (POST with `body` when a key is given, else GET)."""
    headers = (
        {}
        if key is None
        else {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    )
    if shutil.which("wrk"):
        script = None
        if key is not None:
            script = Path(tempfile.mkstemp(suffix=".lua")[1])
            script.write_text(
                'wrk.method = "POST"\n'
                f"wrk.body = {json.dumps(body.decode())}\n"
                + "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items())
            )
        return wrk(url, seconds, connections, script)
    method = "GET" if key is None else "POST"
    return asyncio.run(_loop(url, seconds, connections, method, body, headers))


def main() -> None:
    """Measure both endpoints on one server and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    body = json.dumps(rank_body()).encode()
    with tempfile.TemporaryDirectory() as workdir:
        port = free_port()
        server, key = start_server(Path(workdir), port)
        try:
            base = f"http://{HOST}:{port}"
            check = httpx.post(
                f"{base}/api/v1/rank",
                content=body,
                headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            )
            check.raise_for_status()
            measure(f"{base}/healthz", 2, args.connections)  # warm-up
            health = measure(f"{base}/healthz", args.seconds, args.connections)
            ranked = measure(
                f"{base}/api/v1/rank", args.seconds, args.connections, key=key, body=body
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
    tool = "wrk" if shutil.which("wrk") else "httpx (asyncio), sharing the cores with the server"
    print(f"load tool: {tool}; {args.connections} connections, {args.seconds} s each, 1 worker")
    print("| endpoint | requests/s | ratio to /healthz |")
    print("| --- | ---: | ---: |")
    print(f"| GET /healthz (SELECT 1) | {health:,.0f} | 1.00 |")
    print(f"| POST /api/v1/rank (3 x 30, TOPSIS) | {ranked:,.0f} | {ranked / health:.2f} |")
    verdict = "meets" if ranked >= 0.5 * health else "MISSES"
    print(f"target: rank >= 0.5 x healthz: {verdict}")


if __name__ == "__main__":
    main()
