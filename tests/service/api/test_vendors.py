"""The catalog API: listing with filters, facts with provenance, firms' own data kept apart."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.tenancy.apikeys import create_api_key
from vendors.schema import ProductProfile

SOURCED = {"source": "quote Q-9", "as_of": "2026-10-15", "confidence": "consultant_verified"}


@pytest.fixture
def other_client(client: TestClient, session: Session) -> TestClient:
    """A client of another firm, on the same app."""
    other = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    return TestClient(
        client.app,
        headers={"Authorization": f"Bearer {other.secret}"},
        raise_server_exceptions=False,
    )


def listed(client: TestClient, **params: str | int) -> tuple[set[str], int]:
    response = client.get("/api/v1/vendors", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    return {item["id"] for item in body["data"]}, body["count"]


def test_lists_the_whole_catalog(client: TestClient, loaded_catalog: list[ProductProfile]) -> None:
    ids, count = listed(client)
    assert count == len(loaded_catalog) >= 15
    assert ids == {p.id for p in loaded_catalog}


def test_pagination_walks_the_list(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pages = [
        client.get("/api/v1/vendors", params={"limit": 7, "offset": offset}).json()
        for offset in range(0, len(loaded_catalog), 7)
    ]
    seen = [item["id"] for page in pages for item in page["data"]]
    assert seen == sorted(p.id for p in loaded_catalog)
    assert all(page["count"] == len(loaded_catalog) for page in pages)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"deployment": "on_premise"}, lambda p: p.deployment.on_premise.value is True),
        ({"language": "fr"}, lambda p: "fr" in (p.ui_languages.value or [])),
        (
            {"capability": "ticketing"},
            lambda p: (
                "ticketing" in p.capabilities
                and p.capabilities["ticketing"].availability.value in {"included", "add_on"}
            ),
        ),
        ({"q": "zoho"}, lambda p: p.id.startswith("zoho_")),
    ],
)
def test_filters_narrow_to_the_matching_products(
    client: TestClient,
    loaded_catalog: list[ProductProfile],
    params: dict[str, str],
    expected: object,
) -> None:
    ids, count = listed(client, **params)
    want = {p.id for p in loaded_catalog if expected(p)}  # type: ignore[operator]
    assert ids == want
    assert count == len(want)
    assert 0 < len(want) < len(loaded_catalog)


@pytest.mark.parametrize(
    ("params", "field", "allowed_shown"),
    [
        ({"deployment": "cloudy"}, "query.deployment", "'on_premise'"),
        ({"hosting": "Atlantis"}, "query.hosting", "EU, EEA, EFTA"),
        ({"capability": "telepathy"}, "query.capability", "ticketing"),
        ({"domain": "finance"}, "query.domain", "'field_service'"),
        ({"deplyment": "saas"}, "query.deplyment", "deployment"),
    ],
)
def test_unknown_filter_values_are_422_with_the_allowed_values(
    client: TestClient,
    loaded_catalog: list[ProductProfile],
    params: dict[str, str],
    field: str,
    allowed_shown: str,
) -> None:
    response = client.get("/api/v1/vendors", params=params)
    assert response.status_code == 422
    body = response.json()
    assert [f["field"] for f in body["fields"]] == [field]
    assert allowed_shown in body["detail"]


def test_detail_has_every_fact_with_provenance(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    response = client.get("/api/v1/vendors/pipedrive")
    assert response.status_code == 200
    body = response.json()
    assert body["visibility"] == "public"
    known = [f for f in body["facts"] if f["value"] is not None]
    assert known
    assert all(f["source"] and f["confidence"] for f in known)
    assert body["catalog_version"]
    assert body["profile"]["id"] == "pipedrive"


def test_unknown_product_is_404(client: TestClient, loaded_catalog: list[ProductProfile]) -> None:
    response = client.get("/api/v1/vendors/no_such_crm")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_private_product_is_invisible_to_another_firm(
    client: TestClient, other_client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    profile = {
        "id": "vinicrm",
        "vendor": {"value": "Vini Soft", **SOURCED},
        "product": {"value": "ViniCRM", **SOURCED},
        "deployment": {"on_premise": {"value": True, **SOURCED}},
    }
    created = client.post("/api/v1/vendors", json=profile)
    assert created.status_code == 201, created.text
    assert created.json()["visibility"] == "private"
    assert client.get("/api/v1/vendors/vinicrm").status_code == 200
    assert "vinicrm" in listed(client, deployment="on_premise")[0]
    assert other_client.get("/api/v1/vendors/vinicrm").status_code == 404
    assert "vinicrm" not in listed(other_client)[0]
    assert client.post("/api/v1/vendors", json=profile).status_code == 409


def test_invalid_private_product_is_422_naming_the_field(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    response = client.post(
        "/api/v1/vendors", json={"id": "Bad Id!", "vendor": {"value": "X", "as_of": "2026-01-01"}}
    )
    assert response.status_code == 422
    fields = {f["field"] for f in response.json()["fields"]}
    assert "body.id" in fields
    assert listed(client)[1] == len(loaded_catalog)  # nothing half-written


def test_override_is_invisible_to_another_firm(
    client: TestClient, other_client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    target = next(p for p in loaded_catalog if p.editions)
    path = f"editions.{target.editions[0].key}.price"
    price = {"value": {"amount": 61.5, "currency": "EUR", "unit": "user_month"}, **SOURCED}
    response = client.patch(f"/api/v1/vendors/{target.id}", json={"facts": {path: price}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["overridden_facts"] == [path]
    fact = next(f for f in body["facts"] if f["path"] == path and f["alternative"] == 0)
    assert fact["overridden"] is True
    assert fact["source"] == "quote Q-9"
    theirs = other_client.get(f"/api/v1/vendors/{target.id}").json()
    assert theirs["overridden_facts"] == []
    their_fact = next(f for f in theirs["facts"] if f["path"] == path and f["alternative"] == 0)
    assert their_fact["source"] != "quote Q-9"


def test_invalid_override_is_422_and_writes_nothing(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    response = client.patch(
        "/api/v1/vendors/pipedrive",
        json={"facts": {"deployment.saas": {"value": "yes please"}, "no.such.path": {}}},
    )
    assert response.status_code == 422
    fields = {f["field"] for f in response.json()["fields"]}
    assert fields == {"body.facts.no.such.path"}
    assert client.get("/api/v1/vendors/pipedrive").json()["overridden_facts"] == []


def test_catalog_versions_are_listed(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    body = client.get("/api/v1/catalog/versions").json()
    assert body["count"] == 1
    assert body["data"][0]["product_count"] == len(loaded_catalog)
