"""An evaluation made through the API, the way a consultant makes one, to export."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.api.test_projects import AHP, PROJECT, REQUIREMENTS
from vendors.schema import ProductProfile

FINALISTS = ["pipedrive", "hubspot_sales_hub", "zoho_crm"]


def make_evaluation(client: TestClient, products: list[str] = FINALISTS) -> dict[str, Any]:
    """Create a project with requirements and weights, and evaluate `products`."""
    response = client.post("/api/v1/projects", json=PROJECT)
    assert response.status_code == 201, response.text
    pid = response.json()["id"]
    response = client.put(
        f"/api/v1/projects/{pid}/requirements", json={**REQUIREMENTS, "version": 1}
    )
    assert response.status_code == 200, response.text
    response = client.put(
        f"/api/v1/projects/{pid}/stakeholders/direction/weights", json={**AHP, "version": 2}
    )
    assert response.status_code == 200, response.text
    response = client.post(f"/api/v1/projects/{pid}/evaluations", json={"products": products})
    assert response.status_code == 201, response.text
    evaluation: dict[str, Any] = response.json()
    return evaluation


@pytest.fixture
def evaluation(client: TestClient, loaded_catalog: list[ProductProfile]) -> dict[str, Any]:
    """An evaluation of three finalists for the wine estate of the project tests."""
    return make_evaluation(client)
