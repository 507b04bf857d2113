"""The questionnaire's gains step: the client states expected gains from the article's examples
and rates each requirement's decision impact; blanks state nothing, errors show by field and
store nothing, and what the consultant set up otherwise is kept."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.web.conftest import (
    COMPANY,
    CONSTRAINTS,
    GAINS,
    SCOPE,
    USERS,
    Questionnaire,
    field_error,
)


def read(client: TestClient, project: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = client.get(f"/api/v1/projects/{project['id']}").json()
    return body


@pytest.fixture
def at_gains(form: Questionnaire) -> Questionnaire:
    """The client has answered the steps before the gains."""
    for page, data in (
        ("company", COMPANY),
        ("users", USERS),
        ("scope", SCOPE),
        ("constraints", CONSTRAINTS),
    ):
        assert form.post(page, data).status_code == 303
    return form


def test_the_step_offers_the_article_s_examples_and_the_requirements_to_rate(
    at_gains: Questionnaire,
) -> None:
    page = at_gains.get("gains").text
    assert "Gains attendus et impact" in page
    for example in ("Tournées des commerciaux", "Devis non perdus", "Clients fidélisés"):
        assert example in page
    assert "heures par semaine et par personne, Commerciaux terrain" in page
    assert "EUR par an" in page
    # Sales, marketing and service are in scope, and the three capabilities chosen.
    for stem in ("impact_domain__sales", "impact_capability__mobile_app"):
        assert f'id="{stem}_customer"' in page
    assert 'id="impact_domain__field_service_customer"' not in page  # out of scope


def test_a_blank_step_states_no_gain(
    client: TestClient, at_gains: Questionnaire, project: dict[str, Any]
) -> None:
    assert at_gains.post("gains", {}).status_code == 303
    stored = read(client, project)
    assert stored["gains"]["lines"] == []
    assert stored["requirements"]["impacts"] == {}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"gain_mobility_high": ""}, "gain_mobility_high", "Donnez le bas et le haut"),
        (
            {"gain_mobility_low": "9000", "gain_mobility_high": "5000"},
            "gain_mobility_high",
            "Le haut doit être au moins égal au bas.",
        ),
        (
            {"gain_mobility_low": "beaucoup", "gain_mobility_high": "5000"},
            "gain_mobility_low",
            "Saisissez un montant",
        ),
        (
            {"gain_field_rounds_low": "1", "gain_field_rounds_high": "90"},
            "gain_field_rounds_high",
            "Au plus 60",
        ),
        (
            {"gain_custom_low": "1000", "gain_custom_high": "2000"},
            "gain_custom_label",
            "Ce champ est obligatoire.",
        ),
        ({"impact_domain__sales_customer": ""}, "impact_domain__sales_customer", "Notez les deux"),
        (
            {"impact_domain__sales_habit": "9", "impact_domain__sales_customer": "2"},
            "impact_domain__sales_habit",
            "Choisissez une des options",
        ),
    ],
)
def test_a_wrong_answer_is_shown_by_its_field_and_stores_nothing(
    client: TestClient,
    at_gains: Questionnaire,
    project: dict[str, Any],
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    version = read(client, project)["version"]
    response = at_gains.post("gains", {**GAINS, **data})
    assert response.status_code == 422
    error = field_error(response.text, field)
    assert error is not None
    assert error.startswith(message), error
    assert read(client, project)["version"] == version


def test_the_consultant_s_lines_and_settings_are_kept(
    client: TestClient, at_gains: Questionnaire, project: dict[str, Any]
) -> None:
    """A line the form does not show (no example) stays; an example line keeps its first
    year and capabilities when the client changes its amounts; a rating keeps its note."""
    url = f"/api/v1/projects/{project['id']}"
    stored = read(client, project)
    own = {
        "kind": "support",
        "amount_per_year": {"low": 1000.0, "high": 2000.0},
        "basis": "consultant's estimate",
    }
    mobility = {
        "kind": "fewer_lost_quotes",
        "suggestion": "mobility",
        "amount_per_year": {"low": 1.0, "high": 2.0},
        "from_year": 2,
        "requires": ["offline_mobile"],
    }
    patched = client.patch(
        url, json={"gains": {"lines": [own, mobility]}, "version": stored["version"]}
    )
    assert patched.status_code == 200, patched.text
    requirements = {
        **stored["requirements"],
        "impacts": {"domain:sales": {"customer_impact": 1, "habit_change": 1, "note": "kept"}},
        "version": patched.json()["version"],
    }
    assert client.put(f"{url}/requirements", json=requirements).status_code == 200

    page = at_gains.get("gains").text
    assert 'name="gain_mobility_low" value="1"' in page
    assert at_gains.post("gains", GAINS).status_code == 303

    stored = read(client, project)
    lines = stored["gains"]["lines"]
    assert lines[0] == {**own, **{k: v for k, v in lines[0].items() if k not in own}}
    assert lines[0]["kind"] == "support"
    (mobility_now,) = [line for line in lines if line["suggestion"] == "mobility"]
    assert mobility_now["amount_per_year"] == {"low": 5000.0, "high": 12000.0}
    assert (mobility_now["from_year"], mobility_now["requires"]) == (2, ["offline_mobile"])
    sales = stored["requirements"]["impacts"]["domain:sales"]
    assert (sales["customer_impact"], sales["habit_change"], sales["note"]) == (4, 5, "kept")


def test_a_rating_cleared_by_the_client_is_withdrawn(
    client: TestClient, at_gains: Questionnaire, project: dict[str, Any]
) -> None:
    assert at_gains.post("gains", GAINS).status_code == 303
    cleared = {**GAINS, "impact_domain__sales_customer": "", "impact_domain__sales_habit": ""}
    assert at_gains.post("gains", cleared).status_code == 303
    assert read(client, project)["requirements"]["impacts"] == {}


def test_lines_the_form_does_not_show_are_kept(
    client: TestClient, at_gains: Questionnaire, project: dict[str, Any]
) -> None:
    """An example whose population has no user is not offered, and a second line of the
    client's own is not shown: the client's answers leave both as the consultant set them."""
    url = f"/api/v1/projects/{project['id']}"
    stored = read(client, project)
    users = {**stored["users"], "management": 0}
    dashboards = {
        "kind": "time_saved",
        "suggestion": "dashboards",
        "population": "management",
        "hours_per_week": {"low": 1.0, "high": 2.0},
        "users": 3,
    }
    first = {"kind": "custom", "label": "Salon", "amount_per_year": {"low": 1.0, "high": 2.0}}
    second = {"kind": "custom", "label": "Export", "amount_per_year": {"low": 3.0, "high": 4.0}}
    body = {"users": users, "gains": {"lines": [dashboards, first, second]}}
    patched = client.patch(url, json={**body, "version": stored["version"]})
    assert patched.status_code == 200, patched.text
    page = at_gains.get("gains").text
    assert 'id="gain_dashboards_low"' not in page
    assert 'name="gain_custom_label" value="Salon"' in page
    cleared = {**GAINS, "gain_custom_label": "", "gain_custom_low": "", "gain_custom_high": ""}
    assert at_gains.post("gains", cleared).status_code == 303
    labels = [line.get("label") for line in read(client, project)["gains"]["lines"]]
    suggestions = [line.get("suggestion") for line in read(client, project)["gains"]["lines"]]
    assert "dashboards" in suggestions
    assert "Export" in labels
    assert "Salon" not in labels  # the form's own line, cleared by the client
