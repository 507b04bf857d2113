"""Scripted demonstration scorecards: scenarios, scores, the ratings they give the project's
evaluations, and what another firm sees of them (nothing)."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from service.demos.ratings import GivenScore, aggregate, target_label, target_path
from service.tenancy.apikeys import create_api_key
from tests.service.api.test_compare import API, FINALISTS, evaluate, ok, project
from vendors.schema import ProductProfile

SCENARIO = {
    "title": "Un commercial terrain crée un devis hors ligne sur l'application mobile",
    "description": "1. Ouvrir le compte client sans réseau. 2. Créer le devis. 3. Synchroniser.",
    "criteria": ["ease_of_use", "capability:quotes"],
}


@pytest.fixture
def other_client(app: FastAPI, session: Session) -> Iterator[TestClient]:
    key = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    headers = {"Authorization": f"Bearer {key.secret}"}
    with TestClient(app, headers=headers, raise_server_exceptions=False) as test_client:
        yield test_client


def scenario(client: TestClient, pid: str, **changes: Any) -> dict[str, Any]:
    return ok(
        client.post(f"{API}/projects/{pid}/demo-scenarios", json={**SCENARIO, **changes}), 201
    )


def score(
    client: TestClient, pid: str, sid: str, evaluator: str, scores: dict[str, int | None]
) -> dict[str, Any]:
    body = {
        "evaluator": evaluator,
        "scores": [{"product": p, "score": s} for p, s in scores.items()],
    }
    return ok(client.put(f"{API}/projects/{pid}/demo-scenarios/{sid}/scores", json=body))


def test_a_scenario_demonstrates_the_newest_evaluations_finalists(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = project(client)
    refused = client.post(f"{API}/projects/{pid}/demo-scenarios", json=SCENARIO)
    assert refused.status_code == 422  # no evaluation yet, no product named
    assert refused.json()["fields"][0]["field"] == "body.products"
    evaluate(client, pid)
    created = scenario(client, pid)
    assert created["products"] == FINALISTS
    assert (created["open_to_clients"], created["scores"]) == (False, [])
    listed = ok(client.get(f"{API}/projects/{pid}/demo-scenarios"))
    assert [s["id"] for s in listed["data"]] == [created["id"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"criteria": ["price"]}, "body.criteria[0]"),
        ({"criteria": ["ease_of_use", "capability:teleportation"]}, "body.criteria[1]"),
        ({"criteria": ["domain:finance"]}, "body.criteria[0]"),
        ({"criteria": []}, "body.criteria"),
        ({"products": ["pipedrive", "no_such_crm"]}, "body.products[1]"),
        ({"title": "   "}, "body.title"),
    ],
)
def test_a_scenario_that_cannot_be_scored_is_refused(
    client: TestClient, loaded_catalog: list[ProductProfile], body: dict[str, Any], field: str
) -> None:
    pid = project(client)
    refused = client.post(
        f"{API}/projects/{pid}/demo-scenarios",
        json={**SCENARIO, "products": ["pipedrive"], **body},
    )
    assert refused.status_code == 422, refused.text
    assert field in [f["field"] for f in refused.json()["fields"]]
    assert ok(client.get(f"{API}/projects/{pid}/demo-scenarios"))["count"] == 0


def test_scores_outside_the_scale_or_the_scenario_write_nothing(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = project(client)
    sid = scenario(client, pid, products=["pipedrive", "zoho_crm"])["id"]
    url = f"{API}/projects/{pid}/demo-scenarios/{sid}/scores"
    for scores, field in (
        ([{"product": "pipedrive", "score": 6}], "body.scores[0].score"),
        ([{"product": "pipedrive", "score": 0}], "body.scores[0].score"),
        ([{"product": "pipedrive", "score": 3.5}], "body.scores[0].score"),
        (
            [{"product": "pipedrive", "score": 4}, {"product": "freshsales", "score": 4}],
            "body.scores[1].product",
        ),
    ):
        refused = client.put(url, json={"evaluator": "Claire", "scores": scores})
        assert refused.status_code == 422, refused.text
        assert field in [f["field"] for f in refused.json()["fields"]]
    listed = ok(client.get(f"{API}/projects/{pid}/demo-scenarios"))
    assert listed["data"][0]["scores"] == []


def test_scores_become_the_median_rating_the_next_evaluation_uses(
    client: TestClient, other_client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = project(client)
    before = evaluate(client, pid)
    first = scenario(client, pid)["id"]
    second = scenario(
        client, pid, title="Relancer un devis depuis la messagerie", criteria=["ease_of_use"]
    )["id"]
    score(client, pid, first, "Claire Martin", {"pipedrive": 5, "zoho_crm": 3, "freshsales": 4})
    score(client, pid, first, "Hugo Petit", {"pipedrive": 4, "zoho_crm": 3, "freshsales": 4})
    score(client, pid, second, "Claire Martin", {"pipedrive": 1, "zoho_crm": 4, "freshsales": 4})
    # Scoring again replaces the evaluator's score; null withdraws it.
    score(client, pid, second, "Hugo Petit", {"pipedrive": 2, "zoho_crm": 4})
    score(client, pid, second, "Hugo Petit", {"pipedrive": 4, "zoho_crm": None})

    ratings = ok(client.get(f"{API}/projects/{pid}/demo-ratings"))["data"]
    by_key = {(r["product"], r["criterion"]): r for r in ratings}
    ease = by_key[("pipedrive", "ease_of_use")]
    assert (ease["median"], ease["low"], ease["high"], ease["spread"]) == (4.0, 1, 5, 4)
    assert (ease["scores"], ease["evaluators"]) == (4, 2)
    assert set(ease["scenarios"]) == {first, second}
    assert by_key[("zoho_crm", "ease_of_use")]["scores"] == 3  # Hugo's second score withdrawn
    quotes = by_key[("pipedrive", "capability:quotes")]
    assert (quotes["path"], quotes["median"], quotes["scores"]) == (
        "capabilities.quotes.depth",
        4.5,
        2,
    )
    assert ("zoho_crm", "capability:quotes") in by_key

    after = evaluate(client, pid)
    rated = after["snapshot"]["inputs"]["profiles"]["pipedrive"]["ratings"]["ease_of_use"]
    assert (rated["value"], rated["confidence"]) == (4.0, "demo_verified")
    assert first in rated["source"]
    assert second in rated["source"]
    changes = ok(client.get(f"{API}/evaluations/{before['id']}/compare/{after['id']}"))
    changed = {(c["product"], c["path"]): c for c in changes["facts"]}
    assert changed[("pipedrive", "ratings.ease_of_use")]["after"]["value"] == 4.0
    assert changed[("pipedrive", "ratings.ease_of_use")]["after"]["confidence"] == "demo_verified"
    # The rating moves the adoption criterion (which reads ease of use).
    moved = {c["criterion"] for c in changes["criteria"] if c["product"] == "pipedrive"}
    assert "adoption" in moved

    # Another firm sees neither the scenarios nor their ratings, and its own evaluations of
    # the same products do not take them.
    for url in (f"{API}/projects/{pid}/demo-scenarios", f"{API}/projects/{pid}/demo-ratings"):
        assert other_client.get(url).status_code == 404
    theirs = evaluate(other_client, project(other_client))
    profile = theirs["snapshot"]["inputs"]["profiles"]["pipedrive"]
    assert profile.get("ratings", {}).get("ease_of_use", {}).get("value") is None


def test_a_deleted_scenario_takes_its_ratings_with_it(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    pid = project(client)
    sid = scenario(client, pid, products=["pipedrive"])["id"]
    score(client, pid, sid, "Claire", {"pipedrive": 2})
    assert ok(client.get(f"{API}/projects/{pid}/demo-ratings"))["count"] == 2
    assert client.delete(f"{API}/projects/{pid}/demo-scenarios/{sid}").status_code == 204
    assert ok(client.get(f"{API}/projects/{pid}/demo-ratings"))["count"] == 0
    history = ok(client.get(f"{API}/projects/{pid}/history"))["data"]
    actions = [event["action"] for event in history]
    assert {"demo_scenario_created", "demo_scored", "demo_scenario_deleted"} <= set(actions)


def test_every_target_names_a_rating_fact_and_a_label() -> None:
    for target in ("ease_of_use", "ease_of_deployment", "scalability", "domain:service"):
        assert target_path(target) is not None
        label = target_label(target)
        assert label.fr
        assert label.en
    assert target_path("capability:quotes") == "capabilities.quotes.depth"
    assert target_path("capability:") is None


EVALUATORS = st.sampled_from(["Claire", "Hugo", "Inès", "Jules"])


@given(
    st.lists(
        st.tuples(st.sampled_from(["s1", "s2"]), EVALUATORS, st.integers(1, 5)),
        min_size=1,
        max_size=30,
    )
)
def test_a_rating_is_the_median_of_exactly_its_scores(
    given_scores: list[tuple[str, str, int]],
) -> None:
    scores = [
        GivenScore(s, s.upper(), "crm", who, "client", value, date(2026, 11, 29))
        for s, who, value in given_scores
    ]
    ratings = aggregate(scores, {"s1": ["ease_of_use"], "s2": ["ease_of_use", "scalability"]})
    for rating in ratings:
        counted = [g.score for g in scores if rating.target == "ease_of_use" or g.scenario == "s2"]
        assert rating.count == len(counted)
        assert rating.median == statistics.median(counted)
        assert (rating.low, rating.high) == (min(counted), max(counted))
        assert rating.low <= rating.median <= rating.high
        for who in rating.disagreeing:
            assert who.distance >= 1
            mine = [
                g.score
                for g in scores
                if g.evaluator == who.evaluator
                and (rating.target == "ease_of_use" or g.scenario == "s2")
            ]
            assert who.mean == pytest.approx(statistics.fmean(mine))
