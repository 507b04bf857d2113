"""The questionnaire step by step: what each step stores in the project, the errors shown next
to their field, resuming where the client left off, and the pairwise questionnaire's feedback."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.projects import service as projects
from tests.service.web.conftest import (
    AHP_CONSISTENT,
    AHP_INCONSISTENT,
    ALL_STEPS,
    COMPANY,
    CONSTRAINTS,
    GAINS,
    SCOPE,
    SLIDERS,
    USERS,
    Questionnaire,
    csrf_of,
    field_error,
)


def read(client: TestClient, project: dict[str, Any]) -> dict[str, Any]:
    response = client.get(f"/api/v1/projects/{project['id']}")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def history(client: TestClient, project: dict[str, Any]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = client.get(f"/api/v1/projects/{project['id']}/history").json()[
        "data"
    ]
    return events


def test_the_welcome_page_explains_and_starts(form: Questionnaire) -> None:
    response = form.get()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<html lang="fr">' in page
    assert "Questionnaire pour Domaine des Trois Chênes" in page
    for label in ("Entreprise et projet", "Utilisateurs", "Priorités"):
        assert label in page
    assert re.search(rf'href="{form.path}/company\?lang=fr">Commencer</a>', page)
    assert "Voir la comparaison" not in page


def test_every_step_stores_its_answers_in_the_project(
    client: TestClient, form: Questionnaire, project: dict[str, Any], invitation: dict[str, Any]
) -> None:
    targets = {
        "company": "users",
        "users": "scope",
        "scope": "constraints",
        "constraints": "gains",
        "gains": "priorities",
    }
    for page, data in (
        ("company", COMPANY),
        ("users", USERS),
        ("scope", SCOPE),
        ("constraints", CONSTRAINTS),
        ("gains", GAINS),
    ):
        response = form.post(page, data)
        assert response.status_code == 303, response.text
        assert response.headers["location"] == f"{form.path}/{targets[page]}?lang=fr"
    response = form.post("priorities", SLIDERS)
    assert response.status_code == 303
    assert response.headers["location"] == f"{form.path}/done?lang=fr"

    stored = read(client, project)
    assert stored["client_name"] == "Cave Coopérative du Val"
    assert stored["sector"] == "wine"
    assert stored["size"] == "medium"
    assert stored["context"] == "relaunch"
    assert stored["users"] == {
        "sales_field": 14,
        "sales_office": 6,
        "marketing": 3,
        "service": 5,
        "management": 2,
    }
    assert stored["horizon_years"] == 4
    assert stored["budget"] == {"low": 50000.0, "high": 200000.0, "currency": "EUR"}
    requirements = stored["requirements"]
    assert requirements["domains"] == {"sales": "must", "marketing": "could", "service": "should"}
    assert requirements["capabilities"] == {
        "mobile_app": "must",
        "quotes": "must",
        "ticketing": "must",
    }
    assert requirements["constraints"]["hosting"] == ["EU"]
    assert requirements["constraints"]["deployment_modes"] == ["saas"]
    assert requirements["constraints"]["ui_languages"] == ["fr"]
    assert requirements["impacts"] == {
        "domain:sales": {
            "customer_impact": 4,
            "habit_change": 5,
            "populations": [],
            "note": None,
        }
    }
    lines = {line["suggestion"]: line for line in stored["gains"]["lines"]}
    assert set(lines) == {"field_rounds", "mobility"}
    rounds, quotes = lines["field_rounds"], lines["mobility"]
    assert (rounds["population"], rounds["hours_per_week"]) == (
        "sales_field",
        {"low": 1.0, "high": 2.5},
    )
    assert rounds["requires"] == ["mobile_app"]  # the example's, as the consultant may change
    assert rounds["basis"] == "deux rendez-vous par tournée au lieu d'un"
    assert quotes["amount_per_year"] == {"low": 5000.0, "high": 12000.0}
    (client_weights,) = stored["stakeholders"]
    assert client_weights["name"] == "client"
    assert client_weights["method"] == "direct"
    assert client_weights["given"]["points"]["fit_sales"] == 9.0
    assert client_weights["weights"]["fit_sales"] == pytest.approx(9 / 39)
    assert client_weights["weights"]["hosting_compliance"] == 0.0

    events = history(client, project)
    by_client = [e for e in events if e["actor"].startswith("client via invitation")]
    assert [e["action"] for e in by_client] == [
        "weights",
        "requirements",
        "updated",
        "requirements",
        "updated",
        "requirements",
        "updated",
        "updated",
    ]
    assert {e["actor"] for e in by_client} == {f"client via invitation {invitation['id'][:8]}"}
    listed = client.get(f"/api/v1/projects/{project['id']}/invitations").json()["data"][0]
    assert listed["answered_steps"] == [
        "company",
        "users",
        "scope",
        "constraints",
        "gains",
        "priorities",
    ]
    assert listed["answered_at"] is not None

    done = form.get("done")
    assert done.status_code == 200
    assert "Vos réponses sont enregistrées" in done.text
    for shown in ("Cave Coopérative du Val", "Relancer un CRM peu utilisé", "Application mobile"):
        assert shown in done.text
    assert "50\u202f000\u00a0EUR à 200\u202f000\u00a0EUR sur 4 ans" in done.text
    assert "23\u202f%" in done.text  # sales fit: 9 of 39 points
    assert "1,0 à 2,5 h par semaine et par personne" in done.text
    assert "clients 4/5, habitudes 5/5" in done.text


def test_a_returning_client_continues_where_they_left_off(
    app: Any, form: Questionnaire, invitation: dict[str, Any]
) -> None:
    assert form.post("company", COMPANY).status_code == 303
    assert form.post("users", {**USERS, "marketing": "11"}).status_code == 303
    with TestClient(app) as later:  # another day, another browser: no cookie, same link
        returning = Questionnaire(later, invitation["url"])
        welcome = returning.get().text
        assert re.search(rf'href="{returning.path}/scope\?lang=fr">Continuer</a>', welcome)
        assert welcome.count('class="state done"') == 2
        company = returning.get("company").text
        assert 'value="Cave Coopérative du Val"' in company
        assert re.search(r'value="relaunch" checked', company)
        assert re.search(r'<option value="medium" selected>', company)
        users = returning.get("users").text
        assert re.search(r'id="marketing" name="marketing" value="11"', users)


def test_the_form_starts_from_what_the_consultant_entered(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    requirements = {
        "domains": {"service": "must"},
        "capabilities": {"ticketing": "must", "live_chat": "should", "dashboards": "could"},
        "constraints": {"hosting": ["SE"], "certifications": ["iso_27001"]},
    }
    response = client.put(
        f"/api/v1/projects/{project['id']}/requirements", json={**requirements, "version": 1}
    )
    assert response.status_code == 200
    users = form.get("users").text
    assert re.search(r'id="sales_field" name="sales_field" value="12"', users)
    scope = form.get("scope").text
    assert re.search(r'id="domain_service-must" name="domain_service" value="must" checked', scope)
    assert re.search(r'value="ticketing" checked', scope)
    assert not re.search(r'value="live_chat" checked', scope)
    constraints = form.get("constraints").text
    # A place outside the usual list is named in the client's language too.
    assert re.search(r'value="SE" checked>\s*<label for="hosting-SE">Suède</label>', constraints)
    assert 'value="40000"' in constraints

    # Ticking must-haves keeps what the consultant rated should or could, and the rest.
    scope_answers = {**SCOPE, "capabilities": ["mobile_app"]}
    assert form.post("scope", scope_answers).status_code == 303
    assert form.post("constraints", {**CONSTRAINTS, "hosting": ["SE", "FR"]}).status_code == 303
    stored = read(client, project)["requirements"]
    assert stored["capabilities"] == {
        "live_chat": "should",
        "dashboards": "could",
        "mobile_app": "must",
    }
    assert stored["constraints"]["hosting"] == ["SE", "FR"]
    assert stored["constraints"]["certifications"] == ["iso_27001"]


def test_sending_the_same_answers_again_changes_nothing(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    form.answer_all()
    version = read(client, project)["version"]
    events = len(history(client, project))
    form.answer_all()
    assert read(client, project)["version"] == version
    assert len(history(client, project)) == events


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**COMPANY, "client_name": "  "}, "client_name", "Ce champ est obligatoire."),
        ({**COMPANY, "client_name": "x" * 201}, "client_name", "200 caractères au plus."),
        ({**COMPANY, "sector": "y" * 201}, "sector", "200 caractères au plus."),
        ({**COMPANY, "context": "revolution"}, "context", "Choisissez une des options"),
        ({**COMPANY, "context": ""}, "context", "Choisissez une des options"),
        ({**COMPANY, "size": "huge"}, "size", "Choisissez une des options"),
    ],
)
def test_company_errors_are_shown_next_to_the_field(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    response = form.post("company", data)
    assert response.status_code == 422
    error = field_error(response.text, field)
    assert error is not None
    assert error.startswith(message)
    assert 'class="error-summary" role="alert"' in response.text
    assert f'href="#{field}"' in response.text
    assert read(client, project)["version"] == 1
    assert form.get().text.count('class="state todo"') == len(ALL_STEPS)


@pytest.mark.parametrize(
    ("step", "data", "messages"),
    [
        (
            "company",
            {**COMPANY, "client_name": "", "sector": "x" * 201, "context": "other"},
            {
                "client_name": "Ce champ est obligatoire.",
                "sector": "200 caractères au plus.",
                "context": "Choisissez une des options",
            },
        ),
        (
            "users",
            {**USERS, "sales_field": "douze", "service": "-3", "management": "2000000"},
            {
                "sales_field": "Saisissez un nombre entier",
                "service": "Au moins 0.",
                "management": "Au plus 1\u202f000\u202f000.",
            },
        ),
        (
            "scope",
            {**dict.fromkeys(SCOPE, "none"), "capabilities": ["quotes"]},
            {
                "domains": "Choisissez au moins un domaine",
                "capabilities": "Ces fonctions relèvent d'un domaine hors périmètre",
            },
        ),
        (
            "constraints",
            {**CONSTRAINTS, "hosting": ["EU", "XX"], "horizon_years": "40", "budget_high": "cent"},
            {
                "hosting": "Choisissez une des options",
                "horizon_years": "Au plus 15.",
                "budget_high": "Saisissez un montant",
            },
        ),
        (
            "priorities",
            {**SLIDERS, "points_tco": "-1", "points_adoption": "beaucoup"},
            {"points_tco": "Entre 0 et 10.", "points_adoption": "Saisissez un nombre"},
        ),
    ],
)
def test_every_error_of_a_step_shows_at_once(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    step: str,
    data: dict[str, Any],
    messages: dict[str, str],
) -> None:
    if step == "priorities":  # the sliders follow the scope
        assert form.post("scope", SCOPE).status_code == 303
    response = form.post(step, data)
    assert response.status_code == 422
    shown = {name: field_error(response.text, name) or "" for name in messages}
    assert {name: shown[name][: len(start)] for name, start in messages.items()} == messages
    summary = re.search(r'<div class="error-summary".*?</div>', response.text, re.S)
    assert summary is not None
    assert summary.group(0).count("<li>") == len(messages)
    assert read(client, project)["version"] == (2 if step == "priorities" else 1)


def test_a_rejected_step_shows_the_answers_as_typed(form: Questionnaire) -> None:
    response = form.post("company", {**COMPANY, "client_name": "", "sector": "négoce <vins>"})
    assert 'value="négoce &lt;vins&gt;"' in response.text
    assert re.search(r'value="relaunch" checked', response.text)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**USERS, "sales_field": "douze"}, "sales_field", "Saisissez un nombre entier"),
        ({**USERS, "marketing": "2.5"}, "marketing", "Saisissez un nombre entier"),
        ({**USERS, "service": "-3"}, "service", "Au moins 0."),
        ({**USERS, "management": "2000000"}, "management", "Au plus 1\u202f000\u202f000."),
        (dict.fromkeys(USERS, "0"), "users", "Indiquez au moins un utilisateur."),
        ({}, "users", "Indiquez au moins un utilisateur."),
    ],
)
def test_users_errors_are_shown_next_to_the_field(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    response = form.post("users", data)
    assert response.status_code == 422
    error = field_error(response.text, field)
    assert error is not None
    assert error.startswith(message)
    assert read(client, project)["users"]["sales_field"] == 12


def test_user_counts_may_be_typed_with_spaces(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    assert form.post("users", {**USERS, "sales_office": "1 200"}).status_code == 303
    assert read(client, project)["users"]["sales_office"] == 1200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {f"domain_{d}": "none" for d in ("sales", "marketing", "service", "field_service")},
            "domains",
            "Choisissez au moins un domaine",
        ),
        ({"capabilities": ["mobile_app"]}, "domains", "Choisissez au moins un domaine"),
        ({**SCOPE, "domain_sales": "vital"}, "domain_sales", "Choisissez une des options"),
        (
            {**SCOPE, "capabilities": ["mobile_app", "teleportation"]},
            "capabilities",
            "Choisissez une des options",
        ),
        (
            {**SCOPE, "capabilities": ["work_orders", "service_reports", "quotes"]},
            "capabilities",
            "Ces fonctions relèvent d'un domaine hors périmètre : Ordres d'intervention, "
            "Rapports d'intervention (photos, check-lists).",
        ),
    ],
)
def test_scope_errors_are_shown_next_to_the_field(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    data: dict[str, Any],
    field: str,
    message: str,
) -> None:
    response = form.post("scope", data)
    assert response.status_code == 422
    error = field_error(response.text, field)
    assert error is not None
    assert error.startswith(message)
    assert read(client, project)["requirements"] is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**CONSTRAINTS, "budget_high": ""}, "budget_high", "Indiquez le budget bas et"),
        ({**CONSTRAINTS, "budget_low": ""}, "budget_low", "Indiquez le budget bas et"),
        ({**CONSTRAINTS, "budget_low": "beaucoup"}, "budget_low", "Saisissez un montant"),
        ({**CONSTRAINTS, "budget_high": "-5"}, "budget_high", "Saisissez un montant"),
        ({**CONSTRAINTS, "budget_high": "40000"}, "budget_high", "Le budget haut doit être"),
        ({**CONSTRAINTS, "budget_high": "2e12"}, "budget_high", "Saisissez un montant"),
        ({**CONSTRAINTS, "horizon_years": "0"}, "horizon_years", "Au moins 1."),
        ({**CONSTRAINTS, "horizon_years": "16"}, "horizon_years", "Au plus 15."),
        ({**CONSTRAINTS, "horizon_years": ""}, "horizon_years", "Ce champ est obligatoire."),
        ({**CONSTRAINTS, "hosting": ["EU", "Atlantis"]}, "hosting", "Choisissez une des"),
        ({**CONSTRAINTS, "hosting": ["EU", "EU"]}, "hosting", "Choisissez une des"),
        ({**CONSTRAINTS, "deployment_modes": ["mainframe"]}, "deployment_modes", "Choisissez"),
        ({**CONSTRAINTS, "ui_languages": ["klingon"]}, "ui_languages", "Choisissez une des"),
        ({**CONSTRAINTS, "currency": "XYZ"}, "currency", "Choisissez une des options"),
    ],
)
def test_constraints_errors_are_shown_next_to_the_field(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    data: dict[str, Any],
    field: str,
    message: str,
) -> None:
    response = form.post("constraints", data)
    assert response.status_code == 422
    error = field_error(response.text, field)
    assert error is not None, response.text
    assert error.startswith(message)
    stored = read(client, project)
    assert stored["version"] == 1
    assert stored["horizon_years"] == 3


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("40 000", "250 000,50", (40000.0, 250000.5)),
        ("40,000", "250,000.50", (40000.0, 250000.5)),
        ("40000", "40000", (40000.0, 40000.0)),
    ],
)
def test_amounts_are_read_as_people_type_them(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    low: str,
    high: str,
    expected: tuple[float, float],
) -> None:
    data = {**CONSTRAINTS, "budget_low": low, "budget_high": high}
    assert form.post("constraints", data).status_code == 303
    budget = read(client, project)["budget"]
    assert (budget["low"], budget["high"]) == expected


def test_no_budget_yet_clears_it(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    data = {**CONSTRAINTS, "budget_low": "", "budget_high": "", "hosting": []}
    assert form.post("constraints", data).status_code == 303
    stored = read(client, project)
    assert stored["budget"] is None
    assert stored["requirements"]["constraints"]["hosting"] == []


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (dict.fromkeys(SLIDERS, "0") | {"method": "direct"}, "points", "Donnez de l'importance"),
        ({**SLIDERS, "points_tco": "11"}, "points_tco", "Entre 0 et 10."),
        ({**SLIDERS, "points_tco": "-1"}, "points_tco", "Entre 0 et 10."),
        ({**SLIDERS, "points_adoption": "beaucoup"}, "points_adoption", "Saisissez un nombre"),
        ({**SLIDERS, "points_adoption": ""}, "points_adoption", "Saisissez un nombre"),
    ],
)
def test_slider_errors_are_shown_next_to_the_field(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    assert form.post("scope", SCOPE).status_code == 303
    response = form.post("priorities", data)
    assert response.status_code == 422
    error = field_error(response.text, field)
    assert error is not None
    assert error.startswith(message)
    assert read(client, project)["stakeholders"] == []


def test_sliders_follow_the_scope(form: Questionnaire) -> None:
    page = form.get("priorities").text
    assert "points_fit_field_service" in page  # nothing in scope yet: every domain
    assert form.post("scope", SCOPE).status_code == 303
    page = form.get("priorities").text
    assert "points_fit_field_service" not in page
    assert len(re.findall(r'type="range"', page)) == 9


def test_consistent_pairwise_answers_are_stored_as_ahp(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    assert form.post("scope", SCOPE).status_code == 303
    page = form.get("priorities", mode="ahp").text
    assert len(re.findall(r'<fieldset class="field pair" id="pair_', page)) == 6
    assert "Entre « Couverture des besoins commerciaux » et « Coût total" in page
    assert "« Couverture des besoins commerciaux » compte infiniment plus" in page
    response = form.post("priorities", AHP_CONSISTENT)
    assert response.status_code == 303, response.text
    (stakeholder,) = read(client, project)["stakeholders"]
    assert stakeholder["method"] == "ahp"
    assert stakeholder["consistent"] is True
    assert stakeholder["consistency_ratio"] == pytest.approx(0, abs=1e-9)
    assert stakeholder["given"]["criteria"] == ["fit_sales", "fit_service", "tco", "adoption"]
    assert stakeholder["weights"]["fit_sales"] == pytest.approx(9 / 16)
    again = form.get("priorities").text  # the saved method comes back
    assert 'name="pair_fit_sales__adoption" value="9" checked' in again
    assert "Vos réponses sont cohérentes" in again


def test_inconsistent_pairwise_answers_say_what_to_revisit(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    assert form.post("scope", SCOPE).status_code == 303
    response = form.post("priorities", AHP_INCONSISTENT)
    assert response.status_code == 422
    page = response.text
    assert "Certaines de vos réponses se contredisent" in page
    flagged = [
        name for name in AHP_INCONSISTENT if name.startswith("pair_") and field_error(page, name)
    ]
    assert len(flagged) == 2
    for name in flagged:
        message = field_error(page, name)
        assert message is not None
        assert message.startswith("Vous avez répondu : « ")
        assert "Vos autres réponses suggèrent plutôt" in message
    assert 'name="accept_inconsistent" value="1"' in page
    assert read(client, project)["stakeholders"] == []

    kept = form.post("priorities", {**AHP_INCONSISTENT, "accept_inconsistent": "1"})
    assert kept.status_code == 303
    (stakeholder,) = read(client, project)["stakeholders"]
    assert stakeholder["consistent"] is False
    assert stakeholder["judgements_to_revisit"]


def test_unanswered_comparisons_are_pointed_out(form: Questionnaire) -> None:
    data = {**AHP_CONSISTENT, "pair_tco__adoption": "", "pair_fit_sales__tco": "4"}
    assert form.post("scope", SCOPE).status_code == 303
    response = form.post("priorities", data)
    assert response.status_code == 422
    assert field_error(response.text, "pair_tco__adoption") == "Répondez à cette comparaison."
    assert (field_error(response.text, "pair_fit_sales__tco") or "").startswith("Choisissez")


def test_live_consistency_check(form: Questionnaire) -> None:
    assert form.post("scope", SCOPE).status_code == 303
    token = csrf_of(form.get("priorities", mode="ahp").text)
    url = f"{form.path}/priorities/check"
    partial = form.web.post(url, data={"csrf_token": token, "pair_tco__adoption": "3"})
    assert partial.status_code == 200
    assert partial.json()["complete"] is False
    good = form.web.post(url, data={"csrf_token": token, **AHP_CONSISTENT}).json()
    assert good["consistent"] is True
    assert good["revisit"] == {}
    bad = form.web.post(url, data={"csrf_token": token, **AHP_INCONSISTENT}, params={"lang": "en"})
    body = bad.json()
    assert body["consistent"] is False
    assert body["consistency_ratio"] > 0.1
    assert body["message"].startswith("Some of your answers contradict each other")
    assert len(body["revisit"]) == 2
    assert all(name in AHP_INCONSISTENT for name in body["revisit"])
    refused = form.web.post(url, data=AHP_CONSISTENT)
    assert refused.status_code == 403


def test_an_unknown_step_is_a_friendly_404(form: Questionnaire) -> None:
    response = form.get("payment")
    assert response.status_code == 404
    assert "Lien introuvable" in response.text
    assert form.post("payment", COMPANY, csrf=csrf_of(form.get("company").text)).status_code == 404


def test_a_change_by_the_consultant_meanwhile_loses_nothing(
    client: TestClient,
    form: Questionnaire,
    project: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def concurrent_change(*args: Any, **kwargs: Any) -> None:
        raise projects.StaleVersion("The project is at version 2, not 1.")

    token = csrf_of(form.get("company").text)
    monkeypatch.setattr(projects, "update_project", concurrent_change)
    response = form.post("company", COMPANY, csrf=token)
    assert response.status_code == 409
    assert "Projet modifié entre-temps" in response.text
    assert f'href="{form.path}/company?lang=fr"' in response.text
    monkeypatch.undo()
    assert read(client, project)["client_name"] == "Domaine des Trois Chênes"
    assert form.post("company", COMPANY).status_code == 303
