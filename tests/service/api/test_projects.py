"""Projects through the API: a whole selection end to end, tenancy, stale versions, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.tenancy.apikeys import create_api_key
from vendors.schema import ProductProfile

PROJECT = {
    "client_name": "Domaine des Trois Chênes",
    "sector": "wine",
    "size": "small",
    "context": "first_crm",
    "users": {"sales_field": 12, "sales_office": 5, "marketing": 2, "service": 4, "management": 2},
    "horizon_years": 3,
    "budget": {"low": 40000, "high": 250000, "currency": "EUR"},
    "tco": {"exchange_rates": {"USD": 0.86, "INR": 0.0098}},
}
REQUIREMENTS = {
    "domains": {"sales": "must", "service": "should", "marketing": "could"},
    "capabilities": {
        "mobile_app": "must",
        "quotes": "should",
        "offline_mobile": "should",
        "ticketing": "could",
        "email_campaigns": "could",
    },
    "constraints": {"hosting": ["EU"], "ui_languages": ["fr"], "budget_ceiling": True},
    "change_readiness": {"sponsors": 2, "governance": 3, "communication": 4},
}
# Direction compares four criteria by AHP (Saaty 1-9); sales ranks them.
AHP = {
    "method": "ahp",
    "criteria": ["fit_sales", "tco", "adoption", "fit_service"],
    "pairwise": [
        [1, 3, 2, 5],
        [1 / 3, 1, 1 / 2, 2],
        [1 / 2, 2, 1, 3],
        [1 / 5, 1 / 2, 1 / 3, 1],
    ],
}
RANK = {"method": "rank", "order": ["adoption", "fit_sales", "fit_platform", "tco"]}


@pytest.fixture
def other_client(client: TestClient, session: Session) -> TestClient:
    other = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    headers = {"Authorization": f"Bearer {other.secret}"}
    return TestClient(client.app, headers=headers, raise_server_exceptions=False)


def created(client: TestClient, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = client.post("/api/v1/projects", json=body or PROJECT)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def test_a_whole_selection_through_the_api(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    project = created(client)
    pid, version = project["id"], project["version"]
    assert version == 1

    response = client.put(
        f"/api/v1/projects/{pid}/requirements", json={**REQUIREMENTS, "version": version}
    )
    assert response.status_code == 200, response.text
    version = response.json()["version"]

    response = client.put(
        f"/api/v1/projects/{pid}/stakeholders/direction/weights", json={**AHP, "version": version}
    )
    assert response.status_code == 200, response.text
    direction = response.json()["stakeholders"][0]
    assert direction["consistency_ratio"] < 0.1
    assert direction["consistent"] is True
    assert abs(sum(direction["weights"].values()) - 1) < 1e-9
    version = response.json()["version"]
    response = client.put(
        f"/api/v1/projects/{pid}/stakeholders/sales/weights", json={**RANK, "version": version}
    )
    assert response.status_code == 200, response.text
    assert [s["name"] for s in response.json()["stakeholders"]] == ["direction", "sales"]
    combined = response.json()["weights"]
    assert combined["method"] == "mean_of_weights"
    assert combined["stakeholders"] == ["direction", "sales"]
    assert abs(sum(combined["weights"].values()) - 1) < 1e-9
    # Direction puts fit_sales first, sales puts adoption first: they disagree on both.
    assert {"fit_sales", "adoption"} <= set(combined["disagreements"])

    shortlist = client.get(f"/api/v1/projects/{pid}/shortlist", params={"size": 3}).json()
    assert shortlist["weights_source"] == "mean_of_weights"
    assert 1 <= len(shortlist["candidates"]) <= 3
    eliminated = {item["id"]: item for item in shortlist["eliminated"]}
    assert eliminated, "the EU hosting, French UI and budget knock-outs eliminate someone"
    for item in eliminated.values():
        assert item["failed"]
        assert all(check["status"] == "fail" for check in item["failed"])
    candidate_ids = {c["id"] for c in shortlist["candidates"]}
    assert not candidate_ids & set(eliminated)
    ranks = [c["rank"] for c in shortlist["candidates"]]
    assert ranks == sorted(ranks)

    finalists = ["pipedrive", "hubspot_sales_hub", "zoho_crm"]
    response = client.post(f"/api/v1/projects/{pid}/evaluations", json={"products": finalists})
    assert response.status_code == 201, response.text
    evaluation = response.json()
    snapshot = evaluation["snapshot"]
    assert evaluation["method"] == "topsis"
    assert evaluation["catalog_version"] is not None
    assert set(snapshot["result"]["ranking"]) == set(finalists)
    assert evaluation["winner"] == snapshot["result"]["ranking"][0]
    assert snapshot["inputs"]["weights"]["stakeholders"] == ["direction", "sales"]
    assert "tco" in snapshot["matrix"]["criteria"]
    assert all(snapshot["tco"][p]["years"] for p in finalists)
    assert len(snapshot["tco"]["pipedrive"]["years"]) == 3
    robustness = snapshot["robustness"]
    assert robustness["samples"] == 10_000
    acceptability = robustness["joint_smaa"]["rank_acceptability"]
    assert all(abs(sum(row) - 1) < 1e-9 for row in acceptability)
    assert sum(robustness["joint"].values()) == pytest.approx(1.0)
    assert robustness["to_weights"]
    assert robustness["to_facts"]
    assert robustness["verdict"] in {
        "robust",
        "depends_on_weights",
        "depends_on_facts",
        "depends_on_both",
    }
    assert set(snapshot["robustness"]["agreement"]["methods"]) <= {
        "topsis",
        "wsm",
        "vikor",
        "promethee2",
    }
    winner = next(p["name"] for p in snapshot["products"] if p["id"] == evaluation["winner"])
    assert f"{winner} ranks first with TOPSIS" in snapshot["summary"]["en"]
    assert f"{winner} arrive en tête avec la méthode TOPSIS" in snapshot["summary"]["fr"]
    assert snapshot["unknowns"], "unknown facts are ranged and listed, never zero"
    assert all(u["question"]["en"].endswith("?") for u in snapshot["unknowns"])
    left_out = {item["criterion"] for item in snapshot["left_out"]}
    assert {"ease_of_deployment", "scalability"} <= left_out, "no product is rated"
    assert {r["factor"] for r in snapshot["risks"]} == {"sponsors", "governance", "communication"}
    assert next(r for r in snapshot["risks"] if r["factor"] == "sponsors")["level"] == "high"
    assert set(snapshot["coverage"]) == set(finalists)

    again = client.get(f"/api/v1/evaluations/{evaluation['id']}").json()
    assert again["snapshot"] == snapshot
    rerun = client.post(f"/api/v1/projects/{pid}/evaluations", json={"products": finalists}).json()
    assert rerun["id"] != evaluation["id"]
    assert rerun["input_hash"] == evaluation["input_hash"]
    assert rerun["snapshot"] == snapshot

    listing = client.get(f"/api/v1/projects/{pid}/evaluations").json()
    assert listing["count"] == 2
    history = client.get(f"/api/v1/projects/{pid}/history").json()
    actions = [event["action"] for event in history["data"]]
    assert actions == ["evaluated", "evaluated", "weights", "weights", "requirements", "created"]
    assert all(event["actor"].startswith("api key sl_") for event in history["data"])


def test_another_firm_never_sees_a_project(
    client: TestClient, other_client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = created(client)["id"]
    evaluation_id = None
    client.put(f"/api/v1/projects/{pid}/requirements", json={**REQUIREMENTS, "version": 1})
    response = client.post(
        f"/api/v1/projects/{pid}/evaluations", json={"products": ["pipedrive", "zoho_crm"]}
    )
    assert response.status_code == 201, response.text
    evaluation_id = response.json()["id"]
    for path in (
        f"/api/v1/projects/{pid}",
        f"/api/v1/projects/{pid}/history",
        f"/api/v1/projects/{pid}/shortlist",
        f"/api/v1/projects/{pid}/evaluations",
        f"/api/v1/evaluations/{evaluation_id}",
    ):
        assert other_client.get(path).status_code == 404, path
    assert other_client.patch(f"/api/v1/projects/{pid}", json={"version": 2}).status_code == 404
    assert other_client.delete(f"/api/v1/projects/{pid}?version=2").status_code == 404
    assert other_client.get("/api/v1/projects").json()["count"] == 0
    assert client.get("/api/v1/projects").json()["count"] == 1


def test_without_stakeholders_the_context_preset_applies(client: TestClient) -> None:
    project = created(client)
    assert project["weights"]["method"] == "preset:first_crm"
    assert abs(sum(project["weights"]["weights"].values()) - 1) < 1e-9


def test_a_stale_version_gets_409_and_loses_nothing(client: TestClient) -> None:
    pid = created(client)["id"]
    first = client.patch(f"/api/v1/projects/{pid}", json={"version": 1, "horizon_years": 5})
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = client.patch(f"/api/v1/projects/{pid}", json={"version": 1, "horizon_years": 7})
    assert stale.status_code == 409
    assert stale.json()["error"] == "stale_version"
    assert "version 2" in stale.json()["detail"]
    current = client.get(f"/api/v1/projects/{pid}").json()
    assert current["horizon_years"] == 5
    assert current["version"] == 2
    stale_weights = client.put(
        f"/api/v1/projects/{pid}/stakeholders/sales/weights", json={**RANK, "version": 1}
    )
    assert stale_weights.status_code == 409
    assert client.get(f"/api/v1/projects/{pid}").json()["stakeholders"] == []
    history = client.get(f"/api/v1/projects/{pid}/history").json()
    assert [e["action"] for e in history["data"]] == ["updated", "created"]
    assert history["data"][0]["detail"] == {
        "before": {"horizon_years": 3},
        "after": {"horizon_years": 5},
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**PROJECT, "context": "revolution"}, "body.context"),
        ({**PROJECT, "budget": {"low": 10, "high": 5}}, "body.budget"),
        ({**PROJECT, "users": {"sales_field": -1}}, "body.users.sales_field"),
        ({**PROJECT, "horizon_years": 0}, "body.horizon_years"),
        ({**PROJECT, "client_name": ""}, "body.client_name"),
        ({**PROJECT, "colour": "blue"}, "body.colour"),
    ],
)
def test_bad_project_input_is_422(client: TestClient, body: dict[str, Any], field: str) -> None:
    response = client.post("/api/v1/projects", json=body)
    assert response.status_code == 422
    assert field in {f["field"] for f in response.json()["fields"]}
    assert client.get("/api/v1/projects").json()["count"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"method": "ahp", "criteria": ["tco", "adoption"], "pairwise": [[1, 3]]},
            "body.pairwise",
        ),
        ({"method": "rank", "order": ["tco", "tco"]}, "body"),
        ({"method": "direct", "points": {"tco": 0}}, "body"),
        ({"method": "direct", "points": {"charisma": 3}}, "body.points.charisma"),
        ({"method": "rank", "order": ["tco"], "points": {"tco": 1}}, "body"),
    ],
)
def test_bad_weights_are_422_and_change_nothing(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    pid = created(client)["id"]
    response = client.put(
        f"/api/v1/projects/{pid}/stakeholders/direction/weights", json={**body, "version": 1}
    )
    assert response.status_code == 422
    assert field in {f["field"] for f in response.json()["fields"]}
    project = client.get(f"/api/v1/projects/{pid}").json()
    assert project["version"] == 1
    assert project["stakeholders"] == []


def test_inconsistent_ahp_lists_the_judgements_to_revisit(client: TestClient) -> None:
    pid = created(client)["id"]
    body = {
        "method": "ahp",
        "criteria": ["fit_sales", "tco", "adoption"],
        "pairwise": [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]],
        "version": 1,
    }
    response = client.put(f"/api/v1/projects/{pid}/stakeholders/direction/weights", json=body)
    assert response.status_code == 200, response.text
    stakeholder = response.json()["stakeholders"][0]
    assert stakeholder["consistent"] is False
    assert stakeholder["consistency_ratio"] > 0.1
    assert stakeholder["judgements_to_revisit"]


def test_bad_evaluation_requests_are_422(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = created(client)["id"]
    url = f"/api/v1/projects/{pid}/evaluations"
    assert client.post(url, json={"products": ["pipedrive"]}).status_code == 422
    unknown = client.post(url, json={"products": ["pipedrive", "nonexistent_crm"]})
    assert unknown.status_code == 422
    assert unknown.json()["fields"][0]["field"] == "body.products[1]"
    twice = client.post(url, json={"products": ["pipedrive", "pipedrive"]})
    assert twice.status_code == 422
    bad_param = client.post(
        url, json={"products": ["pipedrive", "zoho_crm"], "method": "vikor", "params": {"v": 3}}
    )
    assert bad_param.status_code == 422
    assert client.get(url).json()["count"] == 0


def test_deleting_a_project_says_what_goes_with_it(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = created(client)["id"]
    client.put(f"/api/v1/projects/{pid}/requirements", json={**REQUIREMENTS, "version": 1})
    evaluation = client.post(
        f"/api/v1/projects/{pid}/evaluations", json={"products": ["pipedrive", "zoho_crm"]}
    ).json()
    assert client.delete(f"/api/v1/projects/{pid}?version=1").status_code == 409
    response = client.delete(f"/api/v1/projects/{pid}?version=2")
    assert response.status_code == 200
    body = response.json()
    assert body["deleted_evaluations"] == 1
    assert body["deleted_history_events"] == 3
    assert client.get(f"/api/v1/projects/{pid}").status_code == 404
    assert client.get(f"/api/v1/evaluations/{evaluation['id']}").status_code == 404


def test_criteria_are_published_with_their_formulas(client: TestClient) -> None:
    body = client.get("/api/v1/criteria").json()
    keys = {c["key"] for c in body["data"]}
    assert {"tco", "adoption", "fit_sales", "hosting_compliance"} <= keys
    tco = next(c for c in body["data"] if c["key"] == "tco")
    assert tco["objective"] == "min"
    assert "maintenance" in tco["formula"]
    assert tco["when_missing"]
    policies = {p["kind"]: p["policy"] for p in body["policies"]}
    assert set(policies) == {
        "availability",
        "depth",
        "rating",
        "price",
        "maintenance",
        "hosting",
        "certification",
    }
    assert "log-uniformly" in policies["price"]
    assert body["analysis"]["samples"] == 10_000
    assert (
        "ECB" in body["analysis"]["exchange_rates"]
        or "European Central Bank" in body["analysis"]["exchange_rates"]
    )


def test_the_shortlist_takes_the_evaluation_s_method_and_parameters(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = created(client)["id"]
    client.put(f"/api/v1/projects/{pid}/requirements", json={**REQUIREMENTS, "version": 1})
    url = f"/api/v1/projects/{pid}/shortlist"
    vikor = client.get(url, params={"method": "vikor", "params": '{"v": 0.3}'})
    assert vikor.status_code == 200, vikor.text
    assert vikor.json()["method"] == "vikor"
    for bad in ("not json", "[1, 2]", '{"q": 1}'):
        response = client.get(url, params={"method": "vikor", "params": bad})
        assert response.status_code == 422, bad
        assert response.json()["fields"][0]["field"] == "query.params"
