"""The Python client runs a whole selection against the app, and reports errors clearly."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.client import ShortlistClient, ShortlistError
from service.tenancy.apikeys import NewApiKey
from tests.service.api.test_projects import AHP, PROJECT, RANK, REQUIREMENTS
from vendors.schema import ProductProfile


def test_a_whole_selection_with_the_client(
    anon_client: TestClient, firm_key: NewApiKey, loaded_catalog: list[ProductProfile]
) -> None:
    api = ShortlistClient(api_key=firm_key.secret, client=anon_client)
    assert api.me()["name"] == firm_key.firm.name
    project = api.create_project(PROJECT)
    pid, version = project["id"], project["version"]
    version = api.put_requirements(pid, REQUIREMENTS, version=version)["version"]
    version = api.put_weights(pid, "direction", AHP, version=version)["version"]
    version = api.put_weights(pid, "sales", RANK, version=version)["version"]
    candidates = [c["id"] for c in api.shortlist(pid)["candidates"]]
    assert len(candidates) >= 2
    evaluation = api.evaluate(pid, candidates[:3])
    assert evaluation["winner"] in candidates
    assert api.evaluation(evaluation["id"])["snapshot"] == evaluation["snapshot"]
    assert api.evaluations(pid)["count"] == 1
    again = api.evaluate(pid, candidates[:3])
    changes = api.compare(evaluation["id"], again["id"])
    assert (changes["facts"], changes["winner_changed"]) == ([], False)
    request = api.create_vendor_request(pid, candidates[0], paths=["ui_languages"])
    assert request["questions"][-1]["key"] == "ui_languages"
    assert api.vendor_requests(pid)["count"] == 1
    assert api.vendor_request(pid, request["id"])["answers"] == []
    actions = [event["action"] for event in api.history(pid)["data"][:2]]
    assert actions == ["vendor_request_created", "evaluated"]
    # The Excel questionnaire goes out and comes back (unanswered: nothing kept, no error).
    content = api.vendor_questionnaire(pid, request["id"], lang="en")
    assert content.startswith(b"PK")
    returned = api.upload_vendor_questionnaire(pid, request["id"], content, answered_by="Léa")
    assert (returned["kept"], returned["errors"]) == ([], [])
    # Scripted demonstrations.
    scenario = api.create_demo_scenario(
        pid, {"title": "Quote offline", "criteria": ["ease_of_use"], "products": candidates[:2]}
    )
    opened = api.update_demo_scenario(pid, scenario["id"], {"open_to_clients": True})
    assert opened["open_to_clients"] is True
    scored = api.score_demo(pid, scenario["id"], "Julie", {candidates[0]: 4, candidates[1]: 2})
    assert sorted(s["score"] for s in scored["scores"]) == [2, 4]
    assert api.demo_scenarios(pid)["count"] == 1
    ratings = {r["product"]: r["median"] for r in api.demo_ratings(pid)["data"]}
    assert ratings == {candidates[0]: 4.0, candidates[1]: 2.0}
    api.delete_demo_scenario(pid, scenario["id"])
    assert api.demo_ratings(pid)["count"] == 0


def test_errors_raise_with_the_service_message(
    anon_client: TestClient, firm_key: NewApiKey
) -> None:
    api = ShortlistClient(api_key=firm_key.secret, client=anon_client)
    project = api.create_project(PROJECT)
    api.update_project(project["id"], {"horizon_years": 4}, version=1)
    with pytest.raises(ShortlistError) as stale:
        api.update_project(project["id"], {"horizon_years": 5}, version=1)
    assert stale.value.status_code == 409
    assert stale.value.error == "stale_version"
    with pytest.raises(ShortlistError) as invalid:
        api.rank({"matrix": [[1]], "objectives": ["max"], "weights": [1]})
    assert invalid.value.status_code == 422
    assert invalid.value.fields
