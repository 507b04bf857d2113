"""Evaluation benchmark: `POST /api/v1/projects/{id}/evaluations` with unknown facts drawn
jointly with the weights, against the same evaluation with every fact known (weights only), in
the same run on the same server.

Run: `.venv/bin/python -m bench.bench_evaluation [--repeats 15]`. A uvicorn server on a fresh
SQLite database with the shipped catalog; one firm; a project whose grid has every criterion
(five functional fits, cost, adoption, ease of deployment, scalability, hosting and
compliance: ten), three finalists, 10,000 joint draws. Two firms see the same catalog: for the
second, every fact the evaluation of the first was missing is recorded as a private fact, so
its evaluation of the same project draws the weights only. Both are timed request by request
(sequentially, client on the same machine); the figures are medians.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.bench_api import HOST, free_port, start_server

TARGET_RATIO = 3.0
# Three priced products the catalog knows little about: many unknown facts to draw.
FINALISTS = ["monday_crm", "freshsales", "pipedrive"]
PROJECT = {
    "client_name": "Bench client",
    "context": "relaunch",
    "horizon_years": 4,
    "users": {"sales_field": 10, "sales_office": 8, "marketing": 4, "service": 6, "management": 2},
    "budget": {"low": 50_000, "high": 2_000_000, "currency": "EUR"},
}
REQUIREMENTS = {
    "domains": {
        "sales": "must",
        "marketing": "should",
        "service": "should",
        "field_service": "could",
    },
    "capabilities": {
        "quotes": "should",
        "forecasting": "could",
        "email_campaigns": "should",
        "lead_scoring": "could",
        "ticketing": "should",
        "knowledge_base": "could",
        "work_orders": "could",
        "mobile_app": "should",
        "offline_mobile": "should",
        "dashboards": "should",
        "open_api": "could",
        "live_chat": "could",
        "customer_portal": "could",
        "workflow_automation": "could",
    },
    "constraints": {"hosting": ["EU"], "certifications": ["iso_27001"], "budget_ceiling": True},
}
WEIGHTS = {
    "method": "direct",
    "points": {
        "fit_sales": 20,
        "fit_marketing": 8,
        "fit_service": 8,
        "fit_field_service": 4,
        "fit_platform": 8,
        "tco": 20,
        "adoption": 14,
        "ease_of_deployment": 8,
        "scalability": 5,
        "hosting_compliance": 5,
    },
}
SOURCE = {"source": "bench", "as_of": "2026-11-29", "confidence": "consultant_verified"}


class Firm:
    """A firm's API key and its project."""

    def __init__(self, http: httpx.Client, key: str) -> None:
        self.http = http
        self.headers = {"Authorization": f"Bearer {key}"}
        project = self.call("POST", "/projects", PROJECT, 201)
        self.project = project["id"]
        version = self.call(
            "PUT", f"/projects/{self.project}/requirements", {**REQUIREMENTS, "version": 1}
        )["version"]
        self.call(
            "PUT",
            f"/projects/{self.project}/stakeholders/bench/weights",
            {**WEIGHTS, "version": version},
        )

    def call(self, method: str, path: str, body: Any = None, status: int = 200) -> dict[str, Any]:
        response = self.http.request(method, f"/api/v1{path}", json=body, headers=self.headers)
        if response.status_code != status:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:500]}")
        data: dict[str, Any] = response.json()
        return data

    def rate(self, product: str) -> None:
        """Give one finalist ratings, so that the rating criteria stay in the grid."""
        facts = {
            f"ratings.{key}": {"value": 3.5, "rated_by": "bench demo", **SOURCE}
            for key in ("ease_of_use", "ease_of_deployment", "scalability")
        }
        self.call("PATCH", f"/vendors/{product}", {"facts": facts})

    def evaluate(self) -> tuple[float, dict[str, Any]]:
        start = time.perf_counter()
        body = self.call(
            "POST", f"/projects/{self.project}/evaluations", {"products": FINALISTS}, 201
        )
        return time.perf_counter() - start, body["snapshot"]

    def record(self, snapshot: dict[str, Any]) -> None:
        """Record every fact the snapshot says is unknown (and name each finalist's priced
        edition), so that this firm's evaluation has nothing left to draw but the weights."""
        per_product: dict[str, dict[str, Any]] = {}
        for unknown in snapshot["unknowns"]:
            path, kind = unknown["path"], unknown["kind"]
            facts = per_product.setdefault(unknown["product"], {})
            if kind in {"availability"}:
                facts[path] = {"value": "included", **SOURCE}
            elif kind in {"rating", "depth"}:
                facts[path] = {"value": 3.0, "rated_by": "bench demo", **SOURCE}
            elif kind == "hosting":
                facts["hosting.regions"] = {"value": ["EU"], **SOURCE}
            elif kind == "certification":
                facts["hosting.certifications"] = {"value": ["iso_27001"], **SOURCE}
        for product, facts in per_product.items():
            self.call("PATCH", f"/vendors/{product}", {"facts": facts})
        editions = {}
        for pid, cost in snapshot["tco"].items():
            priced = [o for o in cost["options"] if o["known"]]
            if not priced:
                raise RuntimeError(f"{pid} has no priced edition to name")
            editions[pid] = priced[0]["edition"]
        project = self.call("GET", f"/projects/{self.project}")
        tco = {**project["tco"], "editions": editions}
        self.call("PATCH", f"/projects/{self.project}", {"version": project["version"], "tco": tco})


def main() -> None:
    """Run the benchmark and print the figures and a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        port = free_port()
        server, key = start_server(workdir, port)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}"}
        cli = str(Path(sys.executable).with_name("shortlist"))
        subprocess.run([cli, "catalog", "load"], env=env, check=True, capture_output=True)
        other = (
            subprocess.run(
                [cli, "apikey", "create", "--firm", "Bench known"],
                env=env,
                check=True,
                capture_output=True,
            )
            .stdout.decode()
            .strip()
            .splitlines()[-1]
        )
        try:
            with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=60) as http:
                joint = Firm(http, key)
                known = Firm(http, other)
                for firm in (joint, known):
                    firm.rate(FINALISTS[0])
                _, first = joint.evaluate()
                known.record(first)
                _, settled = known.evaluate()
                if settled["unknowns"]:
                    raise RuntimeError(
                        f"facts still unknown: {[u['key'] for u in settled['unknowns']]}"
                    )
                joint_times, known_times = [], []
                for _ in range(args.repeats):  # interleaved, so that load affects both alike
                    joint_times.append(joint.evaluate()[0])
                    known_times.append(known.evaluate()[0])
        finally:
            server.terminate()
            server.wait(timeout=10)
    criteria = len(first["matrix"]["criteria"])
    unknowns = len(first["unknowns"])
    joint_median = statistics.median(joint_times)
    known_median = statistics.median(known_times)
    ratio = joint_median / known_median
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    python = platform.python_version()
    print(f"Machine: {os.cpu_count()} CPUs, load average {load:.2f}, Python {python}")
    draws = first["robustness"]["samples"]
    print(
        f"Evaluation of {len(FINALISTS)} finalists x {criteria} criteria, {draws:,} draws, "
        f"{args.repeats} requests each, one uvicorn worker"
    )
    print(
        f"  weights and {unknowns} unknown facts drawn jointly: median {joint_median * 1e3:.0f} ms"
    )
    print(f"  every fact known (weights only): median {known_median * 1e3:.0f} ms")
    print(f"  ratio: {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x)")
    print()
    print("| `POST /api/v1/projects/{id}/evaluations` | median | ratio |")
    print("| --- | ---: | ---: |")
    print(
        f"| every fact known, weights drawn ({criteria} criteria, 3 finalists) | "
        f"{known_median * 1e3:.0f} ms | 1.00 |"
    )
    print(
        f"| weights and {unknowns} unknown facts drawn jointly, with each fact's influence | "
        f"{joint_median * 1e3:.0f} ms | {ratio:.2f} |"
    )


if __name__ == "__main__":
    main()
