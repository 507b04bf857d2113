"""The client's key users score the scripted demonstrations through their invitation link."""

from __future__ import annotations

import html
import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from service.demos.models import DemoScore
from service.web import demo_keys
from tests.service.web.conftest import Questionnaire, csrf_of, field_error
from vendors.schema import ProductProfile

API = "/api/v1"
PRODUCTS = ["pipedrive", "zoho_crm"]


def open_scenario(client: TestClient, pid: str, **body: Any) -> dict[str, Any]:
    response = client.post(
        f"{API}/projects/{pid}/demo-scenarios",
        json={
            "title": "Un agent répond à un ticket depuis la base de connaissances",
            "description": "Ouvrir le ticket <urgent>, chercher l'article, répondre.",
            "criteria": ["ease_of_use", "capability:knowledge_base"],
            "products": PRODUCTS,
            "open_to_clients": True,
            **body,
        },
    )
    assert response.status_code == 201, response.text
    scenario: dict[str, Any] = response.json()
    return scenario


def field(scenario: dict[str, Any], position: int, kind: str = "score") -> str:
    """The form field of a product's score (or comment) in a scenario."""
    return f"s{uuid.UUID(scenario['id']).hex}-{position}-{kind}"


def test_the_page_appears_only_once_a_scenario_is_opened(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    assert form.get("demo").status_code == 404
    assert "/demo" not in form.get().text
    closed = open_scenario(client, project["id"], open_to_clients=False)
    assert form.get("demo").status_code == 404
    url = f"{API}/projects/{project['id']}/demo-scenarios/{closed['id']}"
    assert client.patch(url, json={"open_to_clients": True}).status_code == 200
    welcome = form.get().text
    assert "Noter les démonstrations" in welcome
    page = form.get("demo")
    assert page.status_code == 200
    assert "Pipedrive" in page.text
    assert "Zoho CRM" in page.text
    assert "Facilité d'utilisation" in html.unescape(page.text)
    assert "&lt;urgent&gt;" in page.text  # the consultant's text is escaped
    english = form.get("demo", lang="en").text
    assert "Score the demonstrations" in english
    assert "Ease of use" in english


def test_a_key_users_scores_count_in_the_ratings_and_can_be_changed(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    pid = project["id"]
    scenario = open_scenario(client, pid)
    sid = scenario["id"]
    sent = form.post(
        "demo",
        {
            "evaluator": "Nadia, responsable SAV",
            field(scenario, 0): "4",
            field(scenario, 0, "comment"): "Recherche rapide",
            field(scenario, 1): "",
        },
    )
    assert sent.status_code == 303, sent.text
    returned = form.web.get(sent.headers["location"])
    assert "Vos notes sont enregistrées" in returned.text
    assert 'value="4" checked' in returned.text
    scenarios = client.get(f"{API}/projects/{pid}/demo-scenarios").json()["data"]
    (kept,) = scenarios[0]["scores"]
    assert (kept["product"], kept["score"], kept["role"]) == ("pipedrive", 4, "client")
    assert (kept["evaluator"], kept["comment"]) == ("Nadia, responsable SAV", "Recherche rapide")
    assert "via invitation" in kept["scored_by"]
    # Scoring again under the same name, on the page that shows the scores, replaces them; a
    # blank one withdraws it.
    assert 'name="shown_for" value="Nadia, responsable SAV"' in returned.text
    again = form.post(
        "demo",
        {
            "evaluator": "Nadia, responsable SAV",
            "shown_for": "Nadia, responsable SAV",
            field(scenario, 0): "",
            field(scenario, 1): "2",
        },
    )
    assert again.status_code == 303
    scores = client.get(f"{API}/projects/{pid}/demo-scenarios").json()["data"][0]["scores"]
    assert [(s["product"], s["score"]) for s in scores] == [("zoho_crm", 2)]
    ratings = client.get(f"{API}/projects/{pid}/demo-ratings").json()["data"]
    assert {(r["product"], r["criterion"], r["median"]) for r in ratings} == {
        ("zoho_crm", "ease_of_use", 2.0),
        ("zoho_crm", "capability:knowledge_base", 2.0),
    }
    assert sid in ratings[0]["scenarios"]


def test_scores_stay_with_the_browser_that_saved_them(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    """Another browser with the same link can neither change nor read a key user's scores by
    typing their name; it scores under a name of its own."""
    pid = project["id"]
    scenario = open_scenario(client, pid)
    nadia = {"evaluator": "Nadia", field(scenario, 0): "4", field(scenario, 0, "comment"): "Vif"}
    sent = form.post("demo", nadia)
    assert sent.status_code == 303, sent.text
    cookie = sent.headers["set-cookie"]
    assert cookie.startswith(f"{demo_keys.COOKIE}=")
    for attribute in ("Path=/invite/;", "HttpOnly", "SameSite=lax", "Max-Age="):
        assert attribute in cookie, cookie
    assert "Max-Age=0" not in cookie

    with TestClient(form.web.app) as other_web:
        other = Questionnaire(other_web, form.url)
        taken = other.post("demo", {**nadia, field(scenario, 0): "1"})
        assert taken.status_code == 409, taken.text
        assert "autre navigateur" in (field_error(taken.text, "evaluator") or "")
        peek = other.get("demo", evaluator="Nadia").text
        assert 'value="4" checked' not in peek
        assert "Vif" not in peek
        assert other.post("demo", {**nadia, "evaluator": "Nadia (2)"}).status_code == 303

    scores = client.get(f"{API}/projects/{pid}/demo-scenarios").json()["data"][0]["scores"]
    assert sorted((s["evaluator"], s["score"], s["comment"]) for s in scores) == [
        ("Nadia", 4, "Vif"),
        ("Nadia (2)", 4, "Vif"),
    ]
    # The browser that saved them sees them and may change them.
    assert 'value="4" checked' in form.get("demo", evaluator="Nadia").text
    assert form.post("demo", {**nadia, field(scenario, 0): "5"}).status_code == 303
    scores = client.get(f"{API}/projects/{pid}/demo-scenarios").json()["data"][0]["scores"]
    assert sorted((s["evaluator"], s["score"]) for s in scores) == [("Nadia", 5), ("Nadia (2)", 4)]


def test_a_blank_withdraws_a_score_only_on_the_page_that_showed_it(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    """A key user who comes back and types their name on an empty page keeps the scores they
    do not retype."""
    scenario = open_scenario(client, project["id"])
    first = {"evaluator": "Nadia", field(scenario, 0): "4", field(scenario, 1): "3"}
    assert form.post("demo", first).status_code == 303
    assert "shown_for" not in form.get("demo").text
    back = {"evaluator": "Nadia", field(scenario, 0): "", field(scenario, 1): "5"}
    assert form.post("demo", back).status_code == 303
    scores = client.get(f"{API}/projects/{project['id']}/demo-scenarios").json()["data"][0]
    assert sorted((s["product"], s["score"]) for s in scores["scores"]) == [
        ("pipedrive", 4),
        ("zoho_crm", 5),
    ]


def test_a_second_link_to_the_project_keeps_the_key_users_name(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    scenario = open_scenario(client, project["id"])
    assert form.post("demo", {"evaluator": "Nadia", field(scenario, 0): "4"}).status_code == 303
    link = client.post(f"{API}/projects/{project['id']}/invitations", json={})
    assert link.status_code == 201, link.text
    second = Questionnaire(form.web, link.json()["url"])
    assert 'value="4" checked' in second.get("demo", evaluator="Nadia").text
    assert second.post("demo", {"evaluator": "Nadia", field(scenario, 0): "2"}).status_code == 303


def test_scores_saved_before_browsers_kept_a_secret_go_to_the_first_to_save_again(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
    session: Session,
) -> None:
    """They are not shown to anyone; the first browser to save under the name takes the ones
    it scores again and leaves the others as they were."""
    scenario = open_scenario(client, project["id"])
    nadia = {"evaluator": "Nadia", field(scenario, 0): "4", field(scenario, 1): "3"}
    assert form.post("demo", nadia).status_code == 303
    session.execute(update(DemoScore).values(evaluator_key=None))
    with TestClient(form.web.app) as other_web:
        other = Questionnaire(other_web, form.url)
        assert 'value="4" checked' not in other.get("demo", evaluator="Nadia").text
        again = {"evaluator": "Nadia", "shown_for": "Nadia", field(scenario, 0): "2"}
        assert other.post("demo", again).status_code == 303
    assert form.post("demo", nadia).status_code == 409
    scores = client.get(f"{API}/projects/{project['id']}/demo-scenarios").json()["data"][0]
    assert sorted((s["product"], s["score"]) for s in scores["scores"]) == [
        ("pipedrive", 2),
        ("zoho_crm", 3),
    ]


def test_wrong_scores_are_shown_and_nothing_is_saved(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    pid = project["id"]
    scenario = open_scenario(client, pid)
    first = field(scenario, 0)
    for data, name, message in (
        ({"evaluator": "", first: "3"}, "evaluator", "Indiquez votre nom"),
        ({"evaluator": "Nadia", first: "7"}, first, "de 1 à 5"),
        ({"evaluator": "Nadia", first: "4.5"}, first, "de 1 à 5"),
        ({"evaluator": "Nadia"}, first, "au moins une note"),
    ):
        refused = form.post("demo", data)
        assert refused.status_code == 422, data
        assert message in (field_error(refused.text, name) or ""), html.unescape(refused.text)
    assert client.get(f"{API}/projects/{pid}/demo-scenarios").json()["data"][0]["scores"] == []


def test_the_language_switch_keeps_the_scores_typed(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    pid = project["id"]
    scenario = open_scenario(client, pid)
    first, comment = field(scenario, 0), field(scenario, 0, "comment")
    typed = {"evaluator": "Nadia", first: "4", comment: "Rapide <vraiment>", "switch_lang": "1"}
    switched = form.post("demo", typed, lang="en")
    assert switched.status_code == 200
    assert "Score the demonstrations" in switched.text
    assert 'value="Nadia"' in switched.text
    assert f'name="{first}" value="4" checked' in switched.text
    assert "Rapide &lt;vraiment&gt;</textarea>" in switched.text
    assert client.get(f"{API}/projects/{pid}/demo-scenarios").json()["data"][0]["scores"] == []


def test_a_post_without_the_pages_token_is_refused(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    first = field(open_scenario(client, project["id"]), 0)
    refused = form.post("demo", {"evaluator": "Nadia", first: "3"}, csrf="forged")
    assert refused.status_code == 403
    assert csrf_of(form.get("demo").text)
    scores = client.get(f"{API}/projects/{project['id']}/demo-scenarios").json()["data"][0]
    assert scores["scores"] == []


def test_a_scenario_closed_while_the_page_is_open_takes_no_other_scenarios_scores(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    pid = project["id"]
    first = open_scenario(client, pid)
    second = open_scenario(client, pid, title="Créer une relance automatique")
    page = form.get("demo").text
    closed = client.patch(
        f"{API}/projects/{pid}/demo-scenarios/{first['id']}", json={"open_to_clients": False}
    )
    assert closed.status_code == 200
    sent = form.post(
        "demo",
        {"evaluator": "Nadia", field(first, 0): "1", field(second, 0): "5"},
        csrf=csrf_of(page),
    )
    assert sent.status_code == 303, sent.text
    scenarios = {
        s["id"]: s for s in client.get(f"{API}/projects/{pid}/demo-scenarios").json()["data"]
    }
    assert scenarios[first["id"]]["scores"] == []
    assert [(s["product"], s["score"]) for s in scenarios[second["id"]]["scores"]] == [
        ("pipedrive", 5)
    ]
