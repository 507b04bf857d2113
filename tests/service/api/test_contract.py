"""The published API contract: operation ids a generated client can use as method names."""

from __future__ import annotations

import re
from collections import Counter

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.service.api.test_compare import API, FINALISTS, project
from tests.service.api.test_demos import SCENARIO
from tests.service.api.test_projects import PROJECT
from vendors.schema import ProductProfile

OPERATION_ID = re.compile(r"^[a-z_]+-[a-z_]+$")


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
    """Each 201 carries a Location whose GET returns what the 201 returned (same id)."""
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
    for response in created:
        assert response.status_code == 201, response.text
        location = response.headers["location"]
        assert location.startswith("http://testserver/api/v1/"), location
        fetched = client.get(location)
        assert fetched.status_code == 200, (location, fetched.text)
        assert fetched.json()["id"] == response.json()["id"], location
    documented = [
        path_item["post"]
        for path_item in client.get("/openapi.json").json()["paths"].values()
        if "201" in path_item.get("post", {}).get("responses", {})
    ]
    assert len(documented) >= 6
    for operation in documented:
        assert "Location" in operation["responses"]["201"].get("headers", {}), operation
