"""End to end in a real headless Chromium: a consultant invites a client through the API of a
running server; the client fills every step with the keyboard and the mouse, meets errors and
the pairwise questionnaire's live feedback, and reaches the comparison.

Uses Debian's `chromium` (never a downloaded browser). Without /usr/bin/chromium the test is
skipped, saying so, except under CI=true, where it fails: CI installs Chromium (`.ci/run`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.service.web.browser import (
    FINALISTS,
    LiveServer,
    evaluated_project,
    invitation_url,
    opened_tab,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A French-speaking visitor's tab on a phone."""
    with opened_tab(chromium, live_server, viewport=ViewportSize(width=390, height=844)) as tab:
        yield tab


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Enregistrer et continuer").click()


def test_a_client_fills_the_whole_form_and_sees_the_comparison(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(invitation_url(live_server, show_results=True))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Questionnaire pour Domaine des Trois Chênes"
    )
    page.get_by_role("link", name="Commencer").click()

    # 1. Company and context; a name that looks like code stays text.
    expect(page.get_by_role("heading", level=1)).to_have_text("Entreprise et projet")
    name = page.get_by_label("Nom de l'entreprise")
    name.fill("")
    save_and_continue(page)
    expect(page.locator("#client_name-error")).to_have_text("Ce champ est obligatoire.")
    expect(name).to_have_attribute("aria-invalid", "true")
    name.fill('Cave <script>alert("x")</script>')
    page.get_by_label("Secteur d'activité").fill("négoce de vins")
    page.get_by_label("Taille de l'entreprise").select_option("medium")
    page.get_by_label("Relancer un CRM peu utilisé").check()
    save_and_continue(page)

    # 2. Users per population, typed from the keyboard; none at all is refused.
    expect(page.get_by_role("heading", level=1)).to_have_text("Utilisateurs")
    expect(page.locator(".brand .client")).to_have_text('Cave <script>alert("x")</script>')
    for label in ("Commerciaux terrain", "Commerciaux sédentaires", "Marketing"):
        page.get_by_label(label, exact=True).fill("0")
    page.get_by_label("Service client (SAV, hotline)").fill("0")
    page.get_by_label("Direction et encadrement").fill("0")
    save_and_continue(page)
    expect(page.locator("#users-error")).to_have_text("Indiquez au moins un utilisateur.")
    field = page.get_by_label("Commerciaux terrain")
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("14")
    page.get_by_label("Direction et encadrement").fill("3")
    page.keyboard.press("Enter")  # submits the form

    # 3. Scope and must-haves, in plain words; a must-have outside the scope is refused.
    expect(page.get_by_role("heading", level=1)).to_have_text("Périmètre et indispensables")
    page.locator("#domain_sales-must").check()
    page.locator("#domain_service-should").check()
    page.locator("#domain_marketing-could").check()
    page.locator("#domain_field_service-none").check()
    page.get_by_label("Application mobile", exact=True).check()
    page.get_by_label("Devis dans le CRM").check()
    page.get_by_label("Ordres d'intervention").check()
    save_and_continue(page)
    expect(page.locator("#capabilities-error")).to_contain_text("Ordres d'intervention")
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label("Ordres d'intervention").uncheck()
    save_and_continue(page)

    # 4. Constraints and budget; a budget range upside down is refused next to the field.
    expect(page.get_by_role("heading", level=1)).to_have_text("Contraintes et budget")
    page.get_by_label("Union européenne").check()
    page.get_by_label("SaaS : abonnement, hébergé par l'éditeur").check()
    page.get_by_label("Français").check()
    page.get_by_label("Sur combien d'années ?").fill("4")
    page.get_by_label("Budget bas").fill("80 000")
    page.get_by_label("Budget haut").fill("60 000")
    save_and_continue(page)
    expect(page.locator("#budget_high-error")).to_have_text(
        "Le budget haut doit être au moins égal au budget bas."
    )
    expect(page.get_by_label("Budget bas")).to_have_value("80 000")
    page.get_by_label("Budget haut").fill("300 000")
    save_and_continue(page)

    # 5. Expected gains and the impact of the decisions; nothing assumed for a blank.
    expect(page.get_by_role("heading", level=1)).to_have_text("Gains attendus et impact")
    rounds = page.get_by_role("group", name="Tournées des commerciaux mieux planifiées")
    rounds.get_by_label("Bas").fill("1")
    rounds.get_by_label("Haut").fill("2,5")
    rounds.get_by_label("Comment vous l'avez estimé").fill("deux visites par tournée")
    sales = page.get_by_role("group", name="Ventes (force de vente)", exact=True)
    expect(sales.get_by_label("Bénéfice pour vos clients")).to_have_value("2")  # consultant's
    sales.get_by_label("Bénéfice pour vos clients").select_option("")
    sales.get_by_label("Changement d'habitudes pour vos salariés").select_option("4")
    save_and_continue(page)
    expect(page.locator("#impact_domain__sales_customer-error")).to_have_text(
        "Notez les deux, ou aucun."
    )
    expect(rounds.get_by_label("Haut")).to_have_value("2,5")
    sales.get_by_label("Bénéfice pour vos clients").select_option("3")
    save_and_continue(page)

    # 6a. Priorities with sliders, moved with the keyboard; the value shows as it moves.
    expect(page.get_by_role("heading", level=1)).to_have_text("Priorités")
    sales = page.get_by_label("Couverture des besoins commerciaux")
    sales.focus()
    page.keyboard.press("End")
    expect(page.locator("#points_fit_sales-value")).to_have_text("10")
    cost = page.get_by_label("Coût total de possession sur la durée")
    cost.focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    expect(page.locator("#points_tco-value")).to_have_text("2")
    page.get_by_role("button", name="Enregistrer et terminer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci !")
    expect(page.locator(".summary-section")).to_have_count(6)
    expect(page.get_by_text("1,0 à 2,5 h par semaine et par personne")).to_be_visible()
    expect(
        page.get_by_text("80\u202f000\u00a0EUR à 300\u202f000\u00a0EUR sur 4 ans")
    ).to_be_visible()

    # 6b. Or compare two by two: the answers' consistency is checked as they change.
    page.get_by_role("navigation").get_by_role("link", name="Priorités").click()
    page.get_by_role("link", name="Je préfère comparer deux à deux").click()
    questions = page.locator("fieldset.pair")
    expect(questions).to_have_count(6)
    for index, value in enumerate(["9", "1/9", "9", "9", "1/9", "9"]):
        questions.nth(index).locator(f"input[value='{value}']").check()
    feedback = page.locator("#ahp-feedback")
    expect(feedback).to_have_class(re.compile(r"\bwarn\b"))
    expect(feedback).to_contain_text("Certaines de vos réponses se contredisent")
    expect(page.locator(".revisit-note")).to_have_count(2)
    for index, value in enumerate(["3", "3", "9", "1", "3", "3"]):
        questions.nth(index).locator(f"input[value='{value}']").check()
    expect(feedback).to_have_class(re.compile(r"\bok\b"))
    expect(feedback).to_contain_text("Vos réponses sont cohérentes")
    expect(page.locator(".revisit-note")).to_have_count(0)
    page.get_by_role("button", name="Enregistrer et terminer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci !")

    # The comparison of the shortlisted solutions, then in English.
    page.get_by_role("link", name="Voir la comparaison").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparaison des solutions")
    table = page.locator("table.comparison")
    expect(table.locator("thead th")).to_have_count(2 + len(FINALISTS))
    expect(table.get_by_text("Coût de l'année 3")).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(2)
    expect(page.locator("p.summary")).to_contain_text("arrive en tête avec la méthode TOPSIS")
    expect(page.locator(".pick")).to_have_count(len(FINALISTS))
    expect(page.locator(".pick.first .chance")).to_contain_text("de chances d'arriver en tête")
    expect(page.locator(".pick.first .holds")).to_contain_text("Ce classement tient dans")
    expect(table.locator(".tag.estimate").first).to_be_visible()
    expect(page.get_by_role("heading", name="Ce qui reste à confirmer")).to_be_visible()
    expect(page.get_by_role("heading", name="Retour sur investissement")).to_be_visible()
    expect(page.locator("table.roi tbody tr")).to_have_count(len(FINALISTS))
    expect(page.get_by_role("heading", name="Points de vigilance")).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparison of the solutions")
    expect(page.locator("p.summary")).to_contain_text("ranks first with TOPSIS")
    expect(page.locator(".pick.first .chance")).to_contain_text("chance of ranking first")
    expect(page.get_by_role("heading", name="What is still to be confirmed")).to_be_visible()

    # The consultant sees the answers through the API, and who gave them in the history.
    with live_server.api() as api:
        project: dict[str, Any] = api.get("/api/v1/projects").json()["data"][0]
        stored = api.get(f"/api/v1/projects/{project['id']}").json()
        history = api.get(f"/api/v1/projects/{project['id']}/history").json()["data"]
    assert stored["client_name"] == 'Cave <script>alert("x")</script>'
    assert stored["users"]["sales_field"] == 14
    assert stored["budget"] == {"low": 80000.0, "high": 300000.0, "currency": "EUR"}
    assert stored["requirements"]["capabilities"]["quotes"] == "must"
    assert stored["requirements"]["impacts"]["domain:sales"]["customer_impact"] == 3
    (rounds_line,) = [g for g in stored["gains"]["lines"] if g["suggestion"] == "field_rounds"]
    assert rounds_line["hours_per_week"] == {"low": 1.0, "high": 2.5}
    (client,) = [s for s in stored["stakeholders"] if s["name"] == "client"]
    assert client["method"] == "ahp"
    assert client["consistent"] is True
    assert history[0]["actor"].startswith("client via invitation")


def test_a_vendor_answers_its_questionnaire_in_the_browser(
    live_server: LiveServer, page: Page
) -> None:
    """The vendor page in Chromium: questions in French, a refused code shown at its field,
    answers saved, then submitted; the link then opens nothing."""
    with live_server.api() as api:
        pid = evaluated_project(api)
        body = {"product": "pipedrive", "paths": ["ui_languages", "hosting.countries"]}
        created = api.post(f"/api/v1/projects/{pid}/vendor-requests", json=body)
        assert created.status_code == 201, created.text
        request = created.json()
    keys = [q["key"] for q in request["questions"]]
    languages = f"q{keys.index('ui_languages')}-ui_languages"
    countries = f"q{keys.index('hosting.countries')}-hosting.countries"

    page.goto(request["url"])
    expect(page.locator("h1")).to_have_text("Questionnaire sur Pipedrive CRM")
    expect(page.get_by_text(request["questions"][0]["fr"])).to_be_visible()
    page.fill("#answered_by", "Léa Dupont, responsable grands comptes")
    page.fill(f"[id='{languages}']", "fr, en")
    page.fill(f"[id='{countries}']", "Allemagne")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(f"[id='{countries}-error']")).to_have_text(
        "Des codes de deux lettres, séparés par des virgules."
    )
    page.fill(f"[id='{countries}']", "DE, SE")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Vos réponses sont enregistrées.")
    expect(page.locator(f"[id='{countries}']")).to_have_value("DE, SE")
    page.get_by_role("button", name="Enregistrer et transmettre").click()
    expect(page.locator("h1")).to_have_text("Merci")

    with live_server.api() as api:
        detail = api.get(f"/api/v1/projects/{pid}/vendor-requests/{request['id']}").json()
    assert detail["status"] == "submitted"
    answered = {a["question"]: a["facts"] for a in detail["answers"]}
    assert answered["hosting.countries"] == {"hosting.countries": ["DE", "SE"]}
    assert answered["ui_languages"] == {"ui_languages": ["fr", "en"]}
    assert httpx.get(request["url"]).status_code == 404
