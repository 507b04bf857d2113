"""Evaluations made through the API, the way a consultant makes them, to export."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.api.test_projects import AHP, PROJECT, REQUIREMENTS
from vendors.schema import ProductProfile

FINALISTS = ["pipedrive", "hubspot_sales_hub", "zoho_crm"]
# Oracle's cheapest possible TCO is above this budget: it is eliminated, and compared only
# because the consultant asks to include it. Pipedrive's edition is set, so its TCO is known;
# the others' editions are open, so theirs are ranges.
STRICT_PROJECT = {
    **PROJECT,
    "budget": {"low": 40000, "high": 90000, "currency": "EUR"},
    "tco": {"exchange_rates": {"USD": 0.86, "INR": 0.0098}, "editions": {"pipedrive": "growth"}},
}
COMPARED = [*FINALISTS, "oracle_cx_sales"]


def make_evaluation(
    client: TestClient,
    products: list[str] = FINALISTS,
    *,
    project: dict[str, Any] = PROJECT,
    include_eliminated: bool = False,
) -> dict[str, Any]:
    """Create a project with requirements and weights, and evaluate `products`."""
    response = client.post("/api/v1/projects", json=project)
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
    body = {"products": products, "include_eliminated": include_eliminated}
    response = client.post(f"/api/v1/projects/{pid}/evaluations", json=body)
    assert response.status_code == 201, response.text
    evaluation: dict[str, Any] = response.json()
    return evaluation


@pytest.fixture
def evaluation(client: TestClient, loaded_catalog: list[ProductProfile]) -> dict[str, Any]:
    """An evaluation of four products for the wine estate of the project tests, on a tight
    budget: one known TCO, estimated ones, an eliminated product, facts to confirm."""
    return make_evaluation(client, COMPARED, project=STRICT_PROJECT, include_eliminated=True)
