"""The comparison view: hidden unless the consultant shares it, a friendly word before any
evaluation (or for one made by an earlier engine), then the leading solutions with their
chances, the table, the SVG charts, the TCO per year, what was left out, what is still to be
confirmed and the summary. A value not known is shown as a range marked estimated, or as
unknown to confirm, never as a single figure."""

from __future__ import annotations

import copy
import html
import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.exports.synthesis import synthesis
from service.i18n import Lang
from service.projects.models import Evaluation
from service.selection.explain import constraint_label
from service.selection.registry import CRITERIA
from service.selection.snapshot import Snapshot
from tests.service.api.test_projects import REQUIREMENTS
from tests.service.exports.test_returns_exports import GAINS, IMPACTS
from tests.service.web.conftest import Questionnaire, invite

FINALISTS = ["pipedrive", "hubspot_sales_hub", "zoho_crm", "sellsy"]
KNOWN_PRICES = ["microsoft_dynamics_365_sales", "sugarcrm", "pipedrive"]
ESTIMATED = '<span class="tag estimate">estimé</span>'
TO_CONFIRM = '<span class="tag confirm">à confirmer</span>'
NBSP, NNBSP = "\u00a0", "\u202f"


def evaluate(
    client: TestClient, project: dict[str, Any], products: list[str], **body: Any
) -> dict[str, Any]:
    url = f"/api/v1/projects/{project['id']}"
    version = client.get(url).json()["version"]
    client.put(f"{url}/requirements", json={**REQUIREMENTS, "version": version})
    response = client.post(f"{url}/evaluations", json={"products": products, **body})
    assert response.status_code == 201, response.text
    evaluation: dict[str, Any] = response.json()
    return evaluation


def restore(session: Session, evaluation: dict[str, Any], snapshot: dict[str, Any]) -> None:
    """Store `snapshot` as the evaluation's, as if the engine had written it."""
    row = session.get(Evaluation, uuid.UUID(evaluation["id"]))
    assert row is not None
    row.snapshot = snapshot
    session.add(row)
    session.commit()


def number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}".replace(",", NNBSP).replace(".", ",")


def money(value: float) -> str:
    return f"{number(value)}{NBSP}EUR"


def money_range(low: float, high: float) -> str:
    return f"{number(low)}{NBSP}– {number(high)}{NBSP}EUR"


def percent(share: float) -> str:
    return f"{number(share * 100)}{NNBSP}%"


def criterion_value(key: str, value: float) -> str:
    if CRITERIA[key].unit == "0-5":
        return f"{number(value, 1)}{NBSP}/{NBSP}5"
    return f"{number(value)}{NNBSP}%"


def criterion_range(key: str, low: float, high: float) -> str:
    if CRITERIA[key].unit == "0-5":
        ends = number(low, 1), number(high, 1)
        return f"{ends[0]}{NBSP}– {ends[1]}{NBSP}/{NBSP}5"
    return f"{number(low)}{NBSP}– {number(high)}{NNBSP}%"


def plain(text: str) -> str:
    """`text` with its non-breaking spaces as spaces, to compare sentences."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def table_rows(page: str) -> dict[str, list[str]]:
    """The comparison table: each row's header -> its cells (weight first), as HTML."""
    table = page.split('<table class="comparison">')[1].split("</table>")[0]
    return {
        header: re.findall(r"<td[^>]*>(.*?)</td>", cells)
        for header, cells in re.findall(r'<tr[^>]*><th scope="row">([^<]*)</th>(.*?)</tr>', table)
    }


def section(page: str, ident: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{ident}">(.*?)</section>', page, re.S)
    assert match, f"no section {ident}"
    return match.group(1)


def summary_of(page: str) -> str:
    match = re.search(r'<p class="summary">(.*?)</p>', page, re.S)
    assert match, "no summary"
    return match.group(1)


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


def test_the_leading_solutions_come_with_their_chances_and_how_sure_the_verdict_is(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    snapshot = evaluate(client, project, FINALISTS)["snapshot"]
    products = snapshot["products"]
    shown = products[:3]
    page = html.unescape(shared.get("results").text)
    assert '<html lang="fr">' in page  # French unless asked otherwise

    assert "Les 3 meilleures des 4 solutions comparées" in page
    top = section(page, "top-heading")
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", top)
    assert headings == [f"1re{NBSP}: {shown[0]['name']}", f"2e{NBSP}: {shown[1]['name']}"] + [
        f"3e{NBSP}: {shown[2]['name']}"
    ]
    assert products[3]["name"] not in top
    for product in shown:
        assert f"{percent(product['p_first'])} de chances d'arriver en tête" in top

    robustness = snapshot["robustness"]
    winner = robustness["winner"]
    assert winner == shown[0]["id"]
    assert (
        f"Ce classement tient dans {percent(robustness['to_weights'][winner])} des variations "
        f"de poids et {percent(robustness['to_facts'][winner])} des hypothèses sur les "
        "informations manquantes."
    ) in top
    verdicts = {
        "robust": "Verdict solide",
        "depends_on_facts": "il dépend surtout d'informations à confirmer",
        "depends_on_weights": "il dépend surtout de l'importance donnée à chaque critère",
        "depends_on_both": "il dépend à la fois de vos priorités et d'informations",
        "not_sampled": "n'a pas été mesurée",
    }
    assert top.count('<p class="verdict">') == 1  # said once, of the winner
    assert verdicts[robustness["verdict"]] in top
    assert "éliminée" not in page  # none is eliminated, none is said to be

    assert plain(summary_of(page)) == plain(snapshot["summary"]["fr"])
    assert f"{shown[0]['name']} arrive en tête" in summary_of(page)

    english = html.unescape(shared.get("results", lang="en").text)
    assert '<html lang="en">' in english
    top = section(english, "top-heading")
    assert f"1st: {shown[0]['name']}" in top
    assert f"{products[0]['p_first']:.0%} chance of ranking first" in top
    assert f"This ranking holds in {robustness['to_weights'][winner]:.0%} of the weight" in top
    assert f"{shown[0]['name']} ranks first" in english
    assert summary_of(english) == snapshot["summary"]["en"]


def test_the_page_opens_on_the_report_s_executive_summary(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    """The client reads what the consultant's report says first: the recommendation (or why
    there is none), the decisive differences and what could change the verdict."""
    snapshot = Snapshot.model_validate(evaluate(client, project, FINALISTS)["snapshot"])
    for lang in (Lang.FR, Lang.EN):
        page = html.unescape(shared.get("results", lang=lang.value).text)
        brief = plain(section(page, "summary-heading"))
        executive = synthesis(snapshot, lang)
        assert plain(executive.headline) in brief
        for line in [*executive.differences, *executive.could_change]:
            assert plain(line) in brief, line


def test_each_value_says_whether_it_is_known_or_estimated(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    snapshot = evaluate(client, project, FINALISTS)["snapshot"]
    shown = snapshot["products"][:3]
    matrix = snapshot["matrix"]
    page = html.unescape(shared.get("results").text)

    headers = re.findall(r'<th scope="col">([^<]*)</th>', page)
    assert headers == ["Critère", "Poids"] + [p["name"] for p in shown]
    table = page.split("<table")[1].split("</table>")[0]
    assert snapshot["products"][3]["name"] not in table
    rows = table_rows(page)
    assert set(matrix["criteria"]).isdisjoint(rows)  # criteria in words, not keys
    estimated = known = 0
    for key in matrix["criteria"]:
        if key == "tco":
            continue  # given over the horizon and year by year below
        weight, *cells = rows[CRITERIA[key].label.fr]
        assert weight == percent(snapshot["weights_used"][key])
        for product, cell in zip(shown, cells, strict=True):
            i, j = matrix["products"].index(product["id"]), matrix["criteria"].index(key)
            if matrix["known"][i][j]:
                known += 1
                assert cell == criterion_value(key, matrix["values"][i][j])
            else:
                estimated += 1
                low, high = matrix["low"][i][j], matrix["high"][i][j]
                assert cell == f"{criterion_range(key, low, high)} {ESTIMATED}"
    assert known  # the realistic catalog has both
    assert estimated

    # The cost: a range marked estimated, never its expected or highest value as an amount.
    total = rows["Coût total sur 3 ans"]
    assert total[0] == percent(snapshot["weights_used"]["tco"])
    for product, cell in zip(shown, total[1:], strict=True):
        cost = snapshot["tco"][product["id"]]
        assert cost["known"] is False
        assert cost["unbounded"] is False
        assert cell == f"{money_range(cost['low'], cost['high'])} {ESTIMATED}"
        assert money(cost["mean"]) not in page
        for year in cost["years"]:
            cells = rows[f"Coût de l'année {year['year']}"][1:]
            expected = f"{money_range(year['low'], year['high'])} {ESTIMATED}"
            assert cells[shown.index(product)] == expected
            assert money(year["mean"]) not in page
        fit = {"within": "dans le budget", "to_confirm": "à confirmer"}
        assert rows["Budget"][1 + shown.index(product)] == fit[cost["budget_fit"]]
    legend = page.split('<div class="legend"')[1].split("</div>")[0]
    assert f"{ESTIMATED} fourchette du cas le moins favorable au plus favorable" in legend

    charts = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"', page)
    assert len(charts) == 2
    assert 'aria-labelledby="chart-tco-title" aria-describedby="chart-tco-desc"' in page
    assert '<title id="chart-scores-title">Notes par critère</title>' in page
    # An estimate is a light bar with a whisker across its range, worded as the range.
    first = snapshot["tco"][shown[0]["id"]]["years"][0]
    bar = f"<title>{shown[0]['name']}: {money_range(first['low'], first['high'])} (estimé)</title>"
    assert re.search(rf'<rect [^>]*class="estimate">{re.escape(bar)}</rect><path ', page)
    assert page.count('class="whisker"') >= 3 * 3  # a range per product and year at least
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")

    english = html.unescape(shared.get("results", lang="en").text)
    assert "Cost in year 2" in english
    assert "Scores per criterion" in english
    assert '<span class="tag estimate">estimated</span>' in english
    cost = snapshot["tco"][shown[0]["id"]]
    assert f"{cost['low']:,.0f}{NBSP}– {cost['high']:,.0f}{NBSP}EUR" in english


def test_known_prices_are_shown_as_amounts(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    snapshot = evaluate(client, project, KNOWN_PRICES)["snapshot"]
    shown = snapshot["products"]
    page = html.unescape(shared.get("results").text)
    rows = table_rows(page)
    known = [p for p in shown if snapshot["tco"][p["id"]]["known"]]
    assert len(known) == 2
    for product in known:
        cost = snapshot["tco"][product["id"]]
        column = 1 + shown.index(product)
        assert rows["Coût total sur 3 ans"][column] == money(cost["mean"])
        assert rows["Coût de l'année 1"][column] == money(cost["years"][0]["mean"])
        bar = f"<title>{product['name']}: {money(cost['years'][0]['mean'])}</title>"
        assert re.search(rf'<rect [^>]*fill="#[0-9a-f]{{6}}">{re.escape(bar)}</rect>', page)


def test_what_is_left_out_and_still_to_confirm_is_named(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    snapshot = evaluate(client, project, FINALISTS)["snapshot"]
    shown = snapshot["products"][:3]
    page = html.unescape(shared.get("results").text)

    assert snapshot["left_out"]
    left_out = section(page, "left-out-heading")
    for item in snapshot["left_out"]:
        label = CRITERIA[item["criterion"]].label.fr
        assert f"{label} ({percent(item['weight_share'])} de vos poids){NBSP}: " in left_out

    questions = plain(section(page, "questions-heading"))
    assert re.findall(r"<h3>(.*?)</h3>", questions) == [p["name"] for p in shown]
    asked = 0
    for product in shown:
        for question in product["questions"]:
            assert plain(question["fr"]) in questions
            asked += 1
    assert asked
    for question in snapshot["products"][3]["questions"]:
        assert plain(question["fr"]) not in questions  # only the solutions shown

    english = plain(
        section(html.unescape(shared.get("results", lang="en").text), "questions-heading")
    )
    assert shown[0]["questions"][0]["en"] in english


def test_an_eliminated_solution_is_shown_only_when_asked_and_labelled(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    snapshot = evaluate(client, project, ["pipedrive", "zendesk_suite"], include_eliminated=True)[
        "snapshot"
    ]
    assert snapshot["knockouts"]["zendesk_suite"]["eliminated"] is True
    name = next(p["name"] for p in snapshot["products"] if p["id"] == "zendesk_suite")
    page = html.unescape(shared.get("results").text)
    tag = '<span class="tag eliminated">éliminée</span>'
    assert f'<th scope="col">{name} {tag}</th>' in page
    assert re.search(rf"<h3[^>]*>[^<]*{re.escape(name)} {re.escape(tag)}</h3>", page)
    failed = [
        constraint_label(check["constraint"]).fr
        for check in snapshot["knockouts"]["zendesk_suite"]["checks"]
        if check["status"] == "fail"
    ]
    assert failed
    assert f"Éliminée{NBSP}: ne respecte pas vos contraintes sur {', '.join(failed)}." in page
    assert page.count(tag) == 2  # the other solution is not


def test_an_unknown_cost_without_bounds_is_to_confirm(
    client: TestClient,
    shared: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: Any,
    session: Session,
) -> None:
    evaluation = evaluate(client, project, FINALISTS)
    snapshot = copy.deepcopy(evaluation["snapshot"])
    first = snapshot["products"][0]
    cost = snapshot["tco"][first["id"]]
    gone = cost["mean"]
    cost.update(
        known=False,
        unbounded=True,
        low=None,
        mean=None,
        high=None,
        budget_fit=None,
        years=[],
        items={},
        items_by_year=[],
    )
    restore(session, evaluation, snapshot)
    page = html.unescape(shared.get("results").text)
    rows = table_rows(page)
    assert rows["Coût total sur 3 ans"][1] == f"inconnu {TO_CONFIRM}"
    for year in (1, 2, 3):
        assert rows[f"Coût de l'année {year}"][1] == f"inconnu {TO_CONFIRM}"
    assert rows["Budget"][1] == "à confirmer"
    assert money(gone) not in page
    tco_chart = page.split('id="chart-tco-title"')[1].split("</svg>")[0]
    assert tco_chart.count("inconnu (à confirmer)") == 3
    assert f"<title>{first['name']}:" not in tco_chart  # no bar for it


def test_chances_not_measured_are_not_made_up(
    client: TestClient,
    shared: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: Any,
    session: Session,
) -> None:
    evaluation = evaluate(client, project, FINALISTS)
    snapshot = copy.deepcopy(evaluation["snapshot"])
    for product in snapshot["products"]:
        product["p_first"] = None
    snapshot["robustness"].update(verdict="not_sampled", to_weights=None, to_facts=None)
    restore(session, evaluation, snapshot)
    top = section(html.unescape(shared.get("results").text), "top-heading")
    assert "de chances" not in top
    assert "Ce classement tient" not in top
    assert "La solidité de ce classement n'a pas été mesurée." in top

    second = snapshot["products"][1]
    snapshot["robustness"]["most_probable"] = [second["id"]]
    restore(session, evaluation, snapshot)
    top = section(html.unescape(shared.get("results").text), "top-heading")
    assert f"c'est {second['name']} qui arrive le plus souvent en tête" in top


def test_an_evaluation_by_an_earlier_engine_does_not_break_the_page(
    client: TestClient,
    shared: Questionnaire,
    project: dict[str, Any],
    loaded_catalog: Any,
    session: Session,
) -> None:
    evaluation = evaluate(client, project, FINALISTS)
    legacy = {
        "input_hash": "0" * 64,
        "result": {"ranking": FINALISTS, "alternatives": FINALISTS, "ranks": [1, 2, 3, 4]},
        "matrix": {"criteria": ["tco"], "raw": {pid: {"tco": 1000.0} for pid in FINALISTS}},
        "tco": {pid: {"total": 1000.0, "year_totals": [500.0, 250.0, 250.0]} for pid in FINALISTS},
        "summary": {"fr": "Ancien résumé", "en": "Old summary"},
    }
    restore(session, evaluation, legacy)
    response = shared.get("results")
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert "Votre consultant met à jour la comparaison des solutions" in page
    assert "<svg" not in page
    assert "Ancien résumé" not in page
    english = html.unescape(shared.get("results", lang="en").text)
    assert "Your consultant is updating the comparison" in english


def test_the_latest_evaluation_is_shown(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    evaluate(client, project, FINALISTS)
    evaluate(client, project, ["pipedrive", "zoho_crm"])
    page = html.unescape(shared.get("results").text)
    assert "Les 2 solutions retenues" in page
    assert "Sales Hub" not in page


def test_the_charts_never_rely_on_colour_alone(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    """Each chart has an accessible name and description; each bar sits under its product's
    name and value in words, an estimated one says so in words too."""
    evaluate(client, project, FINALISTS)
    page = shared.get("results").text
    names = {
        html.unescape(name)
        for name in re.findall(r'<th scope="col">([^<]+?)(?: <span|</th>)', page)
    }
    svgs = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(svgs) == 2
    ns = "{http://www.w3.org/2000/svg}"
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        title_id, desc_id = root.get("aria-labelledby"), root.get("aria-describedby")
        title = root.find(f"{ns}title[@id='{title_id}']")
        desc = root.find(f"{ns}desc[@id='{desc_id}']")
        assert title is not None
        assert (title.text or "").strip()
        assert desc is not None
        assert (desc.text or "").strip()
        labelled = 0
        said: dict[str, str] = {}
        for element in root:
            kind = element.get("class", "")
            if element.tag == f"{ns}text" and kind in {"series", "value"}:
                said[kind] = element.text or ""
            elif element.tag == f"{ns}rect" and element.find(f"{ns}title") is not None:
                assert said["series"] in names  # the bar's product, in words
                assert (element.findtext(f"{ns}title") or "").startswith(f"{said['series']}: ")
                if kind == "estimate":
                    assert "estimé" in said["value"], said
                labelled += 1
        assert labelled >= len(names)


def test_the_return_on_investment_and_vigilance_points_are_shown_as_computed(
    client: TestClient, shared: Questionnaire, project: dict[str, Any], loaded_catalog: Any
) -> None:
    """The ROI of each solution shown, range and expected value as the snapshot holds them,
    the gains as stated with their basis, the method; the vigilance points with their advice;
    in French and English. A consultant who keeps the ROI for the report hides it."""
    url = f"/api/v1/projects/{project['id']}"
    version = client.get(url).json()["version"]
    patched = client.patch(url, json={"gains": GAINS, "version": version})
    assert patched.status_code == 200, patched.text
    requirements = {**REQUIREMENTS, "impacts": IMPACTS, "version": patched.json()["version"]}
    assert client.put(f"{url}/requirements", json=requirements).status_code == 200
    response = client.post(f"{url}/evaluations", json={"products": FINALISTS})
    assert response.status_code == 201, response.text
    snapshot = response.json()["snapshot"]
    shown = snapshot["products"][:3]

    page = html.unescape(shared.get("results").text)
    returns = plain(section(page, "roi-heading"))
    assert "Retour sur investissement" in returns
    assert "Shortlist ne les a pas vérifiés" in returns
    for product in shown:
        roi = snapshot["roi"][product["id"]]
        low, high = sorted((roi["roi"]["pessimistic"], roi["roi"]["optimistic"]))
        assert plain(f"{percent(low)} – {percent(high)}") in returns, product["id"]
        assert plain(f"attendu {percent(roi['roi']['expected'])}") in returns
    assert snapshot["products"][3]["name"] not in returns
    assert "two visits a trip instead of one" in returns
    assert plain(snapshot["roi_method_fr"]) in returns
    vigilance = plain(section(page, "vigilance-heading"))
    assert plain(snapshot["vigilance"][0]["advice_fr"]) in vigilance
    assert "à reconsidérer" in vigilance

    english = html.unescape(shared.get("results", lang="en").text)
    assert "Return on investment" in section(english, "roi-heading")
    assert snapshot["vigilance"][0]["advice_en"] in section(english, "vigilance-heading")

    version = client.get(url).json()["version"]
    hidden = {**GAINS, "shown": False}
    assert client.patch(url, json={"gains": hidden, "version": version}).status_code == 200
    assert client.post(f"{url}/evaluations", json={"products": FINALISTS}).status_code == 201
    page = shared.get("results").text
    assert 'id="roi-heading"' not in page
    assert 'id="vigilance-heading"' in page
