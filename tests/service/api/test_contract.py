"""The published API contract: operation ids a generated client can use as method names, and
a client generated from /openapi.json (openapi-python-client) that names them so."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bench.clients import client_rows
from service.config import Settings
from service.main import create_app
from tests.service.api.test_compare import API, FINALISTS, project
from tests.service.api.test_demos import SCENARIO
from tests.service.api.test_projects import PROJECT
from tests.service.batches.test_batches_api import clients_csv
from vendors.schema import ProductProfile

OPERATION_ID = re.compile(r"^[a-z_]+-[a-z_]+$")
ROOT = Path(__file__).resolve().parents[3]
GENERATOR = ROOT / ".venv-openapi-client" / "bin"  # made by `make .venv/.installed-dev`
# The generator knows no spreadsheet type: read it as any file.
GENERATOR_CONFIG = """
content_type_overrides:
  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: application/octet-stream
"""


def test_every_operation_id_is_tag_dash_name_and_unique(app: FastAPI) -> None:
    operations = [
        (operation["operationId"], operation.get("tags", []))
        for path in app.openapi()["paths"].values()
        for operation in path.values()
    ]
    assert len(operations) >= 40
    for operation_id, tags in operations:
        assert OPERATION_ID.match(operation_id), operation_id
        tag, _, name = operation_id.partition("-")
        assert tag == tags[0].replace(" ", "_"), operation_id
        assert name
    repeated = [op for op, count in Counter(op for op, _ in operations).items() if count > 1]
    assert repeated == []


def test_every_created_resource_is_located(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    """Each 201 and 202 carries a Location whose GET returns what it returned (same id)."""
    pid = project(client)
    created = [client.post(f"{API}/projects", json=PROJECT)]
    created.append(client.post(f"{API}/projects/{pid}/evaluations", json={"products": FINALISTS}))
    created.append(client.post(f"{API}/projects/{pid}/invitations", json={}))
    created.append(client.post(f"{API}/projects/{pid}/demo-scenarios", json=SCENARIO))
    body = {"product": FINALISTS[0], "paths": ["hosting.regions"]}
    created.append(client.post(f"{API}/projects/{pid}/vendor-requests", json=body))
    sourced = {"source": "notes", "as_of": "2026-11-29", "confidence": "third_party"}
    profile = {"id": "crm_alpha", "product": {"value": "Alpha CRM", **sourced}}
    created.append(client.post(f"{API}/vendors", json=profile))
    evaluation = created[1].json()["id"]
    accepted = [
        client.post(f"{API}/evaluations/{evaluation}/exports", json={"format": "pdf"}),
        client.post(
            f"{API}/batches", files={"file": ("clients.csv", clients_csv(client_rows(2, seed=1)))}
        ),
    ]
    for response in accepted:
        assert response.status_code == 202, response.text
    for response in [*created, *accepted]:
        assert response.status_code in (201, 202), response.text
        location = response.headers["location"]
        assert location.startswith("http://testserver/api/v1/"), location
        fetched = client.get(location)
        assert fetched.status_code == 200, (location, fetched.text)
        assert fetched.json()["id"] == response.json()["id"], location
    documented = [
        (path_item["post"], code)
        for path_item in client.get("/openapi.json").json()["paths"].values()
        for code in ("201", "202")
        if code in path_item.get("post", {}).get("responses", {})
    ]
    assert len(documented) >= 8
    for operation, code in documented:
        assert "Location" in operation["responses"][code].get("headers", {}), operation


def test_a_client_generated_from_the_document_names_each_operation_after_its_id(
    tmp_path: Path,
) -> None:
    """openapi-python-client reads /openapi.json without a warning (no schema or operation
    dropped) and makes one module per operation, `api/<tag>/<tag>_<name>.py`, with its sync
    and async functions: the {tag}-{name} ids, unique, snake-cased."""
    if not (GENERATOR / "openapi-python-client").exists():
        missing = f"openapi-python-client is not installed in {GENERATOR.parent}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{missing}: make .venv/.installed-dev", pytrace=False)
        pytest.skip(f"{missing}: make .venv/.installed-dev")
    app = create_app(Settings(database_url="sqlite://", batch_worker=False))
    document = TestClient(app).get("/openapi.json").json()
    (tmp_path / "openapi.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "config.yaml").write_text(GENERATOR_CONFIG, encoding="utf-8")
    generated = subprocess.run(
        [
            *(str(GENERATOR / "openapi-python-client"), "generate", "--path", "openapi.json"),
            *("--config", "config.yaml", "--meta", "none", "--output-path", "shortlist_api"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PATH": f"{GENERATOR}{os.pathsep}{os.environ['PATH']}"},
    )
    said = generated.stdout + generated.stderr
    assert generated.returncode == 0, said
    assert "Warning" not in said, said  # e.g. two schemas of one name: one of them dropped
    ids = [
        operation["operationId"]
        for path in document["paths"].values()
        for operation in path.values()
    ]
    assert len(ids) == len(set(ids)) >= 40
    assert all(OPERATION_ID.match(operation_id) for operation_id in ids), ids
    expected = sorted(f"{tag}/{tag}_{name}.py" for tag, name in (i.split("-") for i in ids))
    api = tmp_path / "shortlist_api" / "api"
    modules = sorted(
        str(module.relative_to(api)) for module in api.glob("*/*.py") if module.stem != "__init__"
    )
    assert modules == expected
    for module in modules:
        tree = ast.parse((api / module).read_text(encoding="utf-8"))
        functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        coroutines = {node.name for node in tree.body if isinstance(node, ast.AsyncFunctionDef)}
        assert {"sync", "sync_detailed"} <= functions, module
        assert {"asyncio", "asyncio_detailed"} <= coroutines, module


def test_every_tag_is_described(app: FastAPI) -> None:
    document = app.openapi()
    described = {tag["name"]: tag.get("description", "") for tag in document.get("tags", [])}
    used = {
        tag
        for path_item in document["paths"].values()
        for operation in path_item.values()
        for tag in operation.get("tags", [])
    }
    assert used <= set(described), used - set(described)
    assert all(len(text) > 20 for text in described.values())


def test_the_documented_examples_are_accepted_in_order(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    """The request examples the OpenAPI document shows, sent one after the other as the
    README's walk-through does: each is accepted."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]

    def example(name: str, k: int = 0) -> Any:
        return schemas[name]["examples"][k]

    created = client.post(f"{API}/projects", json=example("ProjectCreate"))
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    put = client.put(f"{API}/projects/{pid}/requirements", json=example("RequirementsPut"))
    assert put.status_code == 200, put.text
    for k, name in enumerate(("direction", "sales")):
        put = client.put(
            f"{API}/projects/{pid}/stakeholders/{name}/weights", json=example("WeightsPut", k)
        )
        assert put.status_code == 200, put.text
    evaluated = client.post(f"{API}/projects/{pid}/evaluations", json=example("EvaluationCreate"))
    assert evaluated.status_code == 201, evaluated.text
