"""A NUL character, which PostgreSQL cannot store in text and SQLite stores silently, is refused
with 422 naming the field on both databases: in a path, a query, a JSON body."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.service.api.test_projects import PROJECT, created
from vendors.schema import ProductProfile


def refused(response: Any, field: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "validation_error"
    assert [f["field"] for f in body["fields"]] == [field]
    assert "NUL" in body["detail"]


def test_in_a_path(client: TestClient, loaded_catalog: list[ProductProfile]) -> None:
    refused(client.get("/api/v1/vendors/%00"), "path")
    refused(client.patch("/api/v1/vendors/pipe%00drive", json={"facts": {}}), "path")


def test_in_a_query(client: TestClient, loaded_catalog: list[ProductProfile]) -> None:
    refused(client.get("/api/v1/vendors", params={"q": "zo\x00ho"}), "query.q")


def test_in_a_json_body(client: TestClient, loaded_catalog: list[ProductProfile]) -> None:
    refused(
        client.post("/api/v1/projects", json={**PROJECT, "client_name": "Cave\x00"}),
        "body.client_name",
    )
    assert client.get("/api/v1/projects").json()["count"] == 0
    pid = created(client)["id"]
    refused(
        client.post(
            f"/api/v1/projects/{pid}/evaluations", json={"products": ["pipedrive", "zoho\x00"]}
        ),
        "body.products[1]",
    )
    refused(
        client.patch("/api/v1/vendors/pipedrive", json={"facts": {"deployment.saas\x00": None}}),
        "body.facts.deployment.saas\\u0000",
    )
