"""Values that would break later calls are refused when written (422 naming the field); a stored
value that no longer validates (written before a bound existed, or edited by hand) makes every call
that reads it answer 409 naming the product and the fact, never 500, and can be corrected."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from service.projects.models import Evaluation
from service.tenancy.apikeys import NewApiKey
from tests.service.api.test_projects import created
from vendors.models import FactOverride, Product
from vendors.schema import ProductProfile

SOURCED = {"source": "quote Q-9", "as_of": "2026-10-15", "confidence": "consultant_verified"}
FINALISTS = ["pipedrive", "zoho_crm"]


def price(amount: object) -> dict[str, Any]:
    return {"value": {"amount": amount, "currency": "EUR", "unit": "user_month"}, **SOURCED}


def seats(count: object) -> dict[str, Any]:
    return {"value": count, **SOURCED}


def pipedrive_edition(profiles: list[ProductProfile]) -> str:
    """The key of Pipedrive's first edition with a list price."""
    target = next(p for p in profiles if p.id == "pipedrive")
    return next(e.key for e in target.editions if e.price.value is not None)


@pytest.mark.parametrize(
    ("fact", "body"),
    [
        pytest.param("price", price(1e308), id="1e308"),
        pytest.param("price", price(10**30), id="30-digit-amount"),
        pytest.param("price", price("1e400"), id="amount-as-text"),
        pytest.param("price", price(1_000_000_001), id="just-above-the-bound"),
        pytest.param("minimum_seats", seats(10**30), id="30-digit-seat-count"),
    ],
)
def test_an_override_beyond_the_bounds_is_422_and_writes_nothing(
    client: TestClient, loaded_catalog: list[ProductProfile], fact: str, body: dict[str, Any]
) -> None:
    path = f"editions.{pipedrive_edition(loaded_catalog)}.{fact}"
    response = client.patch("/api/v1/vendors/pipedrive", json={"facts": {path: body}})
    assert response.status_code == 422, response.text
    assert [f["field"] for f in response.json()["fields"]] == [f"body.facts.{path}"]
    assert "less than or equal to 1000000" in response.json()["detail"]
    assert client.get("/api/v1/vendors/pipedrive").json()["overridden_facts"] == []


def test_the_bounds_themselves_are_accepted_and_stay_computable(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    target = next(p for p in loaded_catalog if p.id == "pipedrive")
    facts = {f"editions.{e.key}.price": price(1_000_000_000) for e in target.editions}
    facts["pricing.minimum_seats"] = seats(1_000_000)
    response = client.patch("/api/v1/vendors/pipedrive", json={"facts": facts})
    assert response.status_code == 200, response.text
    pid = created(client)["id"]
    assert client.get(f"/api/v1/projects/{pid}/shortlist").status_code == 200
    evaluation = client.post(
        f"/api/v1/projects/{pid}/evaluations",
        json={"products": FINALISTS, "include_eliminated": True},
    )
    assert evaluation.status_code == 201, evaluation.text
    years = evaluation.json()["snapshot"]["tco"]["pipedrive"]["years"]
    # A subscription of a million seats at the largest amount: 1.2e16 a year, still exact.
    assert years[1]["high"] == pytest.approx(1_000_000_000 * 1_000_000 * 12, rel=1e-9)


def test_a_private_product_beyond_the_bounds_is_422_naming_each_field(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    edition = {"key": "pro", "name": "Pro", "price": price(1e308), "minimum_seats": seats(10**30)}
    response = client.post("/api/v1/vendors", json={"id": "hugecrm", "editions": [edition]})
    assert response.status_code == 422, response.text
    assert {f["field"] for f in response.json()["fields"]} == {
        "body.editions[0].price.value.amount",
        "body.editions[0].minimum_seats.value",
    }
    assert client.get("/api/v1/vendors/hugecrm").status_code == 404


# Stored values that no longer validate, planted in the database as an old row or a hand edit.


def plant_public(session: Session, slug: str, change: Callable[[dict[str, Any]], None]) -> None:
    row = session.exec(
        select(Product).where(Product.slug == slug, col(Product.firm_id).is_(None))
    ).one()
    profile = copy.deepcopy(row.profile)
    change(profile)
    row.profile = profile
    session.add(row)
    session.commit()


def first_priced(profile: dict[str, Any]) -> dict[str, Any]:
    edition: dict[str, Any] = next(e for e in profile["editions"] if "price" in e)
    return edition


def huge_price(profile: dict[str, Any]) -> None:
    first_priced(profile)["price"]["value"]["amount"] = 1e308


def huge_maintenance(profile: dict[str, Any]) -> None:
    profile.setdefault("deployment", {})["maintenance_pct"] = {"value": 500, **SOURCED}


def assert_names_the_stored_value(response: Any, product: str, fact: str, fix: str) -> None:
    assert response.status_code == 409, response.text
    body = response.json()
    assert body["error"] == "invalid_stored_value"
    assert f"'{product}'" in body["detail"]
    assert fact in body["detail"]
    assert fix in body["detail"]


def shortlist_and_evaluation(client: TestClient) -> list[Any]:
    pid = created(client)["id"]
    return [
        client.get(f"/api/v1/projects/{pid}/shortlist"),
        client.post(f"/api/v1/projects/{pid}/evaluations", json={"products": FINALISTS}),
    ]


@pytest.mark.parametrize(
    ("change", "fact"),
    [
        pytest.param(huge_price, ".price.value.amount", id="price"),
        pytest.param(huge_maintenance, "deployment.maintenance_pct.value", id="maintenance"),
    ],
)
def test_a_stored_public_value_out_of_bounds_is_409_naming_product_and_fact(
    client: TestClient,
    session: Session,
    loaded_catalog: list[ProductProfile],
    change: Callable[[dict[str, Any]], None],
    fact: str,
) -> None:
    plant_public(session, "pipedrive", change)
    for response in [*shortlist_and_evaluation(client), client.get("/api/v1/vendors/pipedrive")]:
        assert_names_the_stored_value(response, "pipedrive", fact, "shortlist catalog load")


def test_a_stored_override_out_of_bounds_is_409_until_corrected(
    client: TestClient,
    session: Session,
    firm_key: NewApiKey,
    loaded_catalog: list[ProductProfile],
) -> None:
    path = f"editions.{pipedrive_edition(loaded_catalog)}.price"
    product = session.exec(select(Product).where(Product.slug == "pipedrive")).one()
    session.add(
        FactOverride(firm_id=firm_key.firm.id, product_id=product.id, path=path, fact=price(1e308))
    )
    session.commit()
    for response in shortlist_and_evaluation(client):
        assert_names_the_stored_value(
            response, "pipedrive", path, "PATCH /api/v1/vendors/pipedrive"
        )
    fixed = client.patch("/api/v1/vendors/pipedrive", json={"facts": {path: price(61.5)}})
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["overridden_facts"] == [path]
    assert [r.status_code for r in shortlist_and_evaluation(client)] == [200, 201]


def test_a_stored_private_product_out_of_bounds_is_409_until_corrected(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    profile = {
        "id": "vinicrm",
        "product": {"value": "ViniCRM", **SOURCED},
        "editions": [{"key": "pro", "name": "Pro", "price": price(30)}],
    }
    assert client.post("/api/v1/vendors", json=profile).status_code == 201
    row = session.exec(select(Product).where(Product.slug == "vinicrm")).one()
    stored = copy.deepcopy(row.profile)
    huge_price(stored)
    row.profile = stored
    session.add(row)
    session.commit()
    for response in [*shortlist_and_evaluation(client), client.get("/api/v1/vendors")]:
        assert_names_the_stored_value(
            response, "vinicrm", "editions.pro.price.value.amount", "PATCH /api/v1/vendors/vinicrm"
        )
    other = client.patch(
        "/api/v1/vendors/vinicrm", json={"facts": {"deployment.saas": seats(True)}}
    )
    assert other.status_code == 422
    assert "editions.pro.price" in other.json()["detail"]
    fixed = client.patch(
        "/api/v1/vendors/vinicrm", json={"facts": {"editions.pro.price": price(45)}}
    )
    assert fixed.status_code == 200, fixed.text
    assert [r.status_code for r in shortlist_and_evaluation(client)] == [200, 201]


def test_an_evaluation_whose_snapshot_no_longer_validates_is_409_on_export(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    pid = created(client)["id"]
    response = client.post(f"/api/v1/projects/{pid}/evaluations", json={"products": FINALISTS})
    assert response.status_code == 201, response.text
    row = session.get(Evaluation, uuid.UUID(response.json()["id"]))
    assert row is not None
    snapshot = copy.deepcopy(row.snapshot)
    huge_price(snapshot["inputs"]["profiles"]["pipedrive"])
    row.snapshot = snapshot
    session.add(row)
    session.commit()
    for fmt in ("xlsx", "html"):
        export = client.get(f"/api/v1/evaluations/{row.id}/export", params={"format": fmt})
        assert_names_the_stored_value(export, "pipedrive", ".price.value.amount", "run it again")
