"""What changed between two evaluations of a project (GET /evaluations/{a}/compare/{b})."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.selection.changes import compare_snapshots
from service.selection.snapshot import Snapshot
from service.tenancy.apikeys import create_api_key
from vendors.schema import ProductProfile
from vendors.vocabulary import CAPABILITIES

API = "/api/v1"
FINALISTS = ["pipedrive", "zoho_crm", "freshsales"]
PROJECT = {
    "client_name": "Menuiserie Garnier",
    "context": "first_crm",
    "horizon_years": 3,
    "users": {"sales_field": 5, "sales_office": 3, "management": 1},
    "budget": {"low": 10_000, "high": 200_000, "currency": "EUR"},
}
REQUIREMENTS = {
    "domains": {"sales": "must"},
    "capabilities": {"mobile_app": "must", "quotes": "should", "cpq": "should"},
}
RECORDED = {
    "value": "included",
    "source": "vendor answer, call of 2026-11-20",
    "as_of": "2026-11-20",
    "confidence": "consultant_verified",
}


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def evaluate(client: TestClient, pid: str) -> dict[str, Any]:
    return ok(client.post(f"{API}/projects/{pid}/evaluations", json={"products": FINALISTS}), 201)


def project(client: TestClient) -> str:
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    url = f"{API}/projects/{created['id']}/requirements"
    ok(client.put(url, json={**REQUIREMENTS, "version": created["version"]}))
    return str(created["id"])


def unknown_capability(snapshot: dict[str, Any]) -> tuple[str, str]:
    """A capability path the evaluation did not know, and its product."""
    for unknown in snapshot["unknowns"]:
        if unknown["path"].startswith("capabilities.") and unknown["kind"] == "availability":
            return unknown["product"], unknown["path"]
    raise AssertionError("no unknown capability among the finalists")


def before_and_after_a_recorded_fact(
    client: TestClient,
) -> tuple[dict[str, Any], dict[str, Any], str, str]:
    """Two evaluations of a project, around the recording of a capability the first did not
    know; the recorded fact's product and path."""
    pid = project(client)
    before = evaluate(client, pid)
    product, path = unknown_capability(before["snapshot"])
    ok(client.patch(f"{API}/vendors/{product}", json={"facts": {path: RECORDED}}))
    return before, evaluate(client, pid), product, path


@pytest.fixture
def other_client(app: FastAPI, session: Session) -> Iterator[TestClient]:
    key = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    headers = {"Authorization": f"Bearer {key.secret}"}
    with TestClient(app, headers=headers, raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_recorded_fact_is_the_change_and_its_effect_is_shown(
    client: TestClient, other_client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    before, after, product, path = before_and_after_a_recorded_fact(client)

    changes = ok(client.get(f"{API}/evaluations/{before['id']}/compare/{after['id']}"))
    assert (changes["before"]["id"], changes["after"]["id"]) == (before["id"], after["id"])
    assert changes["project_id"] == before["project_id"]
    recorded = [c for c in changes["facts"] if (c["product"], c["path"]) == (product, path)]
    assert len(recorded) == 1
    assert recorded[0]["before"]["value"] is None
    assert recorded[0]["after"] == {
        "value": "included",
        "source": RECORDED["source"],
        "as_of": RECORDED["as_of"],
        "confidence": "consultant_verified",
    }
    assert all(c["product"] == product for c in changes["facts"])
    assert "1 fact changed value, 1 of them unknown before." in changes["summary_en"]
    assert "1 fait a changé de valeur, dont 1 jusque-là inconnu." in changes["summary_fr"]
    # The outcome read from the two snapshots, product by product.
    outcomes = {o["product"]: o for o in changes["outcomes"]}
    for side, evaluation in (("before", before), ("after", after)):
        for outcome in evaluation["snapshot"]["products"]:
            row = outcomes[outcome["id"]]
            assert row[f"rank_{side}"] == outcome["rank"]
            assert row[f"p_first_{side}"] == outcome["p_first"]
    winners = (
        before["snapshot"]["robustness"]["winner"],
        after["snapshot"]["robustness"]["winner"],
    )
    assert (changes["winner_before"], changes["winner_after"]) == winners
    assert changes["winner_changed"] is (winners[0] != winners[1])
    assert ("now ranks first" in changes["summary_en"]) is changes["winner_changed"]
    old_criteria = before["snapshot"]["matrix"]["criteria"]
    new_criteria = after["snapshot"]["matrix"]["criteria"]
    assert set(changes["criteria_left"]) == set(old_criteria) - set(new_criteria)
    assert changes["criteria_joined"] == [c for c in new_criteria if c not in old_criteria]
    assert (changes["weights_before"], changes["weights_after"]) == (
        before["snapshot"]["inputs"]["weights"]["weights"],
        after["snapshot"]["inputs"]["weights"]["weights"],
    )
    # Another firm sees neither evaluation.
    for a, b in ((before["id"], after["id"]), (after["id"], before["id"])):
        refused = other_client.get(f"{API}/evaluations/{a}/compare/{b}")
        assert refused.status_code == 404


def test_an_evaluation_compared_with_itself_changed_nothing(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    evaluation = evaluate(client, project(client))
    eid = evaluation["id"]
    changes = ok(client.get(f"{API}/evaluations/{eid}/compare/{eid}"))
    assert (changes["facts"], changes["criteria"], changes["winner_changed"]) == ([], [], False)
    assert changes["summary_en"].startswith("No fact changed value.")
    assert (changes["products_added"], changes["products_removed"]) == ([], [])


def test_evaluations_of_two_projects_are_not_compared(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    a = evaluate(client, project(client))
    b = evaluate(client, project(client))
    refused = client.get(f"{API}/evaluations/{a['id']}/compare/{b['id']}")
    assert refused.status_code == 422
    assert refused.json()["fields"][0]["field"] == "path.other_id"


def test_criterion_changes_are_exactly_the_cells_that_differ(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    before, after, product, path = before_and_after_a_recorded_fact(client)
    old, new = (Snapshot.model_validate(e["snapshot"]) for e in (before, after))
    changes = compare_snapshots(old, new)

    def cells(snapshot: Snapshot) -> dict[tuple[str, str], tuple[float, bool]]:
        m = snapshot.matrix
        return {
            (c, p): (m.values[i][j], m.known[i][j])
            for i, p in enumerate(m.products)
            for j, c in enumerate(m.criteria)
        }

    a, b = cells(old), cells(new)
    differing = {
        k
        for k in a.keys() | b.keys()
        if k not in a or k not in b or a[k][1] != b[k][1] or a[k][0] != pytest.approx(b[k][0])
    }
    assert differing, "the recorded fact moves at least one criterion"
    assert {(c.criterion, c.product) for c in changes.criteria} == differing
    for change in changes.criteria:
        key = (change.criterion, change.product)
        assert (change.before, change.known_before) == (a[key] if key in a else (None, None))
        assert (change.after, change.known_after) == (b[key] if key in b else (None, None))


def test_a_winner_no_longer_compared_is_not_said_to_be_overtaken(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = project(client)
    before = evaluate(client, pid)
    winner = before["snapshot"]["robustness"]["winner"]
    rest = [p for p in FINALISTS if p != winner]
    url = f"{API}/projects/{pid}/evaluations"
    after = ok(client.post(url, json={"products": rest}), 201)
    changes = ok(client.get(f"{API}/evaluations/{before['id']}/compare/{after['id']}"))
    assert changes["products_removed"] == [winner]
    name = next(p["name"] for p in before["snapshot"]["products"] if p["id"] == winner)
    assert f"{name} is no longer compared." in changes["summary_en"]
    assert f"ahead of {name}" not in changes["summary_en"]
    assert "now ranks first." in changes["summary_en"]
    for lang in ("fr", "en"):
        for a, b in re.findall(r"(\d+)\s?% (?:à|to) (\d+)\s?%", changes[f"summary_{lang}"]):
            assert a != b, "a probability said to move must move at the shown precision"


def test_exports_say_what_changed_since_the_previous_evaluation(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    before, after, product, path = before_and_after_a_recorded_fact(client)
    changes = ok(client.get(f"{API}/evaluations/{before['id']}/compare/{after['id']}"))

    first = ok(client.get(f"{API}/evaluations/{before['id']}/export", params={"format": "json"}))
    assert first["since_previous"] is None
    later = ok(client.get(f"{API}/evaluations/{after['id']}/export", params={"format": "json"}))
    assert later["since_previous"]["previous_id"] == before["id"]
    exported = later["since_previous"]["changes"]
    assert exported == {key: changes[key] for key in exported}
    assert exported["facts"]

    xlsx = client.get(f"{API}/evaluations/{after['id']}/export", params={"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    sheet = book["Changements"]
    assert sheet["B2"].value is None
    assert sheet["A2"].value == changes["summary_fr"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    capability = CAPABILITIES[path.split(".")[1]].fr
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        (product, f"{capability} – disponibilité", "inconnu", "inclus")
    ]
    first_book = client.get(f"{API}/evaluations/{before['id']}/export", params={"format": "xlsx"})
    assert "Changements" not in openpyxl.load_workbook(io.BytesIO(first_book.content)).sheetnames

    html = client.get(
        f"{API}/evaluations/{after['id']}/export", params={"format": "html", "lang": "en"}
    ).text
    assert "What changed since the previous evaluation" in html
    assert changes["summary_en"].split(".")[0] in html
    assert RECORDED["source"] in html
