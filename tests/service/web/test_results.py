"""The comparison view: hidden unless the consultant shares it, a friendly word before any
evaluation, then the table, the SVG charts, the TCO per year and the summary."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.api.test_projects import REQUIREMENTS
from tests.service.web.conftest import Questionnaire, invite
from vendors.schema import ProductProfile

FINALISTS = ["pipedrive", "hubspot_sales_hub", "zoho_crm", "sellsy"]


def evaluate(client: TestClient, project: dict[str, Any], products: list[str]) -> dict[str, Any]:
    url = f"/api/v1/projects/{project['id']}"
    version = client.get(url).json()["version"]
    client.put(f"{url}/requirements", json={**REQUIREMENTS, "version": version})
    response = client.post(f"{url}/evaluations", json={"products": products})
    assert response.status_code == 201, response.text
    evaluation: dict[str, Any] = response.json()
    return evaluation


@pytest.fixture
def shared(client: TestClient, anon_client: TestClient, project: dict[str, Any]) -> Questionnaire:
    return Questionnaire(anon_client, invite(client, project["id"], show_results=True)["url"])


def test_results_are_hidden_unless_shared(
    client: TestClient, form: Questionnaire, project: dict[str, Any], invitation: dict[str, Any]
) -> None:
    response = form.get("results")
    assert response.status_code == 403
    assert "pas encore partagé la comparaison" in html.unescape(response.text)
    assert "Voir la comparaison" not in form.get().text
    client.patch(
        f"/api/v1/projects/{project['id']}/invitations/{invitation['id']}",
        json={"show_results": True},
    )
    assert form.get("results").status_code == 200
    assert "Voir la comparaison" in form.get().text
    assert "Voir la comparaison" in form.get("done").text


def test_before_any_evaluation_the_client_is_told_to_come_back(shared: Questionnaire) -> None:
    response = shared.get("results")
    assert response.status_code == 200
    assert "pas encore comparé les solutions" in html.unescape(response.text)
    assert "<svg" not in response.text


def test_the_comparison_shows_the_shortlist(
    client: TestClient,
    shared: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    evaluation = evaluate(client, project, FINALISTS)
    snapshot = evaluation["snapshot"]
    ranking = snapshot["result"]["ranking"]
    names = {p.id: (p.product.value or p.id)[:200] for p in loaded_catalog}
    page = html.unescape(shared.get("results").text)

    assert "Les 3 meilleures des 4 solutions comparées" in page
    headers = re.findall(r'<th scope="col">([^<]*)</th>', page)
    assert headers == ["Critère", "Poids"] + [names[pid] for pid in ranking[:3]]
    assert names[ranking[3]] not in page.split("<table")[1].split("</table>")[0]
    for key in snapshot["matrix"]["criteria"]:
        assert key not in re.findall(r'<th scope="row">([^<]*)</th>', page)
    assert "Coût total de possession sur la durée" in page
    assert "Coût total sur 3 ans" in page
    for year in (1, 2, 3):
        assert f"Coût de l'année {year}" in page
    winner_total = snapshot["tco"][ranking[0]]["year_totals"][0]
    assert f"{winner_total:,.0f}".replace(",", "\u202f") + "\u00a0EUR" in page

    summary = re.search(r'<p class="summary">(.*?)</p>', page, re.S)
    assert summary is not None
    assert summary.group(1).startswith(f"{names[ranking[0]]} arrive en tête")
    assert ranking[0] not in summary.group(1).split()

    charts = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"', page)
    assert len(charts) == 2
    assert 'aria-labelledby="chart-tco-title chart-tco-desc"' in page
    assert '<title id="chart-scores-title">Notes par critère</title>' in page
    assert page.count("<rect") >= 3 * 3  # at least a bar per product and year
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")

    english = html.unescape(shared.get("results", lang="en").text)
    assert f"{names[ranking[0]]} ranks first" in english
    assert "Cost in year 2" in english
    assert "Scores per criterion" in english


def test_the_latest_evaluation_is_shown(
    client: TestClient,
    shared: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: list[ProductProfile],
) -> None:
    evaluate(client, project, FINALISTS)
    evaluate(client, project, ["pipedrive", "zoho_crm"])
    page = html.unescape(shared.get("results").text)
    assert "Les 2 solutions retenues" in page
    assert "Sales Hub" not in page
