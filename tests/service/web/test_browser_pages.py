"""The client pages in Chromium, on a phone (375 px) and a desktop: what a client sees and
keeps as they answer: pairwise answers readable in full, live feedback that never speaks of
earlier answers, slider values with and without JavaScript, a language switch that loses
nothing typed, a comparison table that says it scrolls."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect

from tests.service.web.browser import (
    DESKTOP,
    PHONE,
    VIEWPORTS,
    LiveServer,
    invitation_url,
    no_page_scroll,
    opened_tab,
)

pytestmark = pytest.mark.browser

SALES = "« Couverture des besoins commerciaux »"
COST = "« Coût total de possession sur la durée »"
BOX = """element => {
  const box = element.getBoundingClientRect();
  return {
    scroll: element.scrollWidth, client: element.clientWidth, left: box.left, right: box.right,
    window: document.documentElement.clientWidth, text: element.innerText,
  };
}"""


def pick(tab: Page, question: str, answer: str) -> None:
    tab.locator(f"fieldset#{question} input[value='{answer}']").check()


def shown_whole(element: Locator) -> str:
    """The element's text, checking it is visible, not cut and inside the window."""
    expect(element).to_be_visible()
    box: dict[str, Any] = element.evaluate(BOX)
    assert box["scroll"] <= box["client"], box
    assert box["left"] >= 0, box
    assert box["right"] <= box["window"], box
    text: str = box["text"]
    return text


@VIEWPORTS
def test_a_pairwise_answer_is_read_in_full(
    chromium: Browser, live_server: LiveServer, viewport: ViewportSize
) -> None:
    url = invitation_url(live_server)
    with opened_tab(chromium, live_server, viewport=viewport) as tab:
        tab.goto(f"{url}/priorities?mode=ahp")
        questions = tab.locator("fieldset.pair")
        expect(questions).to_have_count(6)
        for index, answer in enumerate(["9", "1/3", "1", "5", "1/9", "3"]):
            questions.nth(index).locator(f"input[value='{answer}']").check()
        sales_over_cost = tab.locator("fieldset#pair_fit_sales__tco")
        chosen = sales_over_cost.locator(".choice:has(input:checked)")
        side = sales_over_cost.locator(".pair-side:has(input:checked) > legend")
        assert shown_whole(side) == f"{COST} compte…"
        shown_whole(chosen)
        assert shown_whole(chosen.locator("[aria-hidden='true']")) == "un peu plus"
        expect(sales_over_cost.locator("input:checked")).to_have_accessible_name(
            f"{COST} compte un peu plus"
        )
        for index in range(6):
            shown_whole(questions.nth(index).locator(".choice:has(input:checked)"))
        assert no_page_scroll(tab)


@VIEWPORTS
def test_live_feedback_speaks_only_of_the_answers_as_they_are(
    chromium: Browser, live_server: LiveServer, viewport: ViewportSize
) -> None:
    url = invitation_url(live_server)
    with opened_tab(chromium, live_server, viewport=viewport) as tab:
        tab.goto(f"{url}/priorities?mode=ahp")
        feedback, accept = tab.locator("#ahp-feedback"), tab.locator("#ahp-accept")
        expect(accept).to_be_hidden()
        # Sales slightly over service, service slightly over cost: sales clearly over cost.
        pick(tab, "pair_fit_sales__fit_service", "3")
        pick(tab, "pair_fit_service__tco", "3")
        suggestion = tab.locator("#pair_fit_sales__tco-suggest")
        expect(suggestion).to_have_text(
            f"Vos autres réponses suggèrent : {SALES} compte nettement plus que {COST}."
        )
        expect(tab.locator("fieldset#pair_fit_sales__tco")).to_have_accessible_description(
            re.compile("nettement plus")
        )
        # The rest of the chain, but sales only as much as cost.
        for question, answer in (
            ("pair_fit_sales__tco", "1"),
            ("pair_fit_sales__adoption", "7"),
            ("pair_fit_service__adoption", "5"),
            ("pair_tco__adoption", "3"),
        ):
            pick(tab, question, answer)
        expect(feedback).to_have_class(re.compile(r"\bwarn\b"))
        expect(suggestion).to_have_count(0)
        expect(tab.locator(".revisit-note")).to_have_count(1)
        expect(tab.locator("#pair_fit_sales__tco-revisit")).to_contain_text(
            f"plutôt : {SALES} compte nettement plus que {COST}"
        )
        expect(accept).to_be_visible()

        # Sent as they are, the answers come back with the server's words on them.
        tab.get_by_role("button", name="Enregistrer et terminer").click()
        expect(tab.locator("#pair_fit_sales__tco-error")).to_contain_text("nettement plus")
        expect(tab.locator(".error-summary")).to_be_visible()
        expect(accept).to_be_visible()

        # Following the suggestion: every word on the earlier answers goes.
        pick(tab, "pair_fit_sales__tco", "5")
        expect(feedback).to_have_class(re.compile(r"\bok\b"))
        expect(feedback).to_contain_text("Vos réponses sont cohérentes")
        expect(feedback).not_to_contain_text("se contredisent")
        expect(tab.locator("#pair_fit_sales__tco-error")).to_have_count(0)
        expect(tab.locator(".error-summary")).to_have_count(0)
        expect(tab.locator(".revisit-note, .suggest-note, .field-error")).to_have_count(0)
        expect(tab.locator("fieldset#pair_fit_sales__tco")).not_to_have_attribute(
            "aria-invalid", "true"
        )
        expect(accept).to_be_hidden()
        tab.get_by_role("button", name="Enregistrer et terminer").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("Merci !")


def slider_values(tab: Page) -> list[tuple[str, str]]:
    """Each slider's value and the number shown next to it."""
    shown = []
    for slider in tab.locator("input[type='range']").all():
        output = tab.locator(f"#{slider.get_attribute('id')}-value")
        expect(output).to_be_visible()
        shown.append((slider.input_value(), output.inner_text()))
    return shown


@VIEWPORTS
def test_slider_values_show_without_javascript(
    chromium: Browser, live_server: LiveServer, viewport: ViewportSize
) -> None:
    url = invitation_url(live_server)
    with opened_tab(chromium, live_server, viewport=viewport, javascript=False) as tab:
        tab.goto(f"{url}/priorities")
        assert slider_values(tab) == [("5", "5")] * 9
        for slider in tab.locator("input[type='range']").all():
            slider.focus()
            tab.keyboard.press("Home")
        tab.get_by_role("button", name="Enregistrer et terminer").click()
        expect(tab.locator("#points-error")).to_have_text(
            "Donnez de l'importance à au moins un critère."
        )
        assert slider_values(tab) == [("0", "0")] * 9  # the values sent, shown as sent
        sales = tab.get_by_label("Couverture des besoins commerciaux")
        sales.focus()
        tab.keyboard.press("End")
        tab.get_by_role("button", name="Enregistrer et terminer").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("Merci !")
        tab.goto(f"{url}/priorities")
        assert slider_values(tab) == [("10", "10")] + [("0", "0")] * 8
        assert no_page_scroll(tab)


@VIEWPORTS
def test_slider_values_follow_the_thumb_with_javascript(
    chromium: Browser, live_server: LiveServer, viewport: ViewportSize
) -> None:
    url = invitation_url(live_server)
    with opened_tab(chromium, live_server, viewport=viewport) as tab:
        tab.goto(f"{url}/priorities")
        cost = tab.get_by_label("Coût total de possession sur la durée")
        cost.focus()
        for _ in range(3):
            tab.keyboard.press("ArrowRight")
        expect(tab.locator("#points_tco-value")).to_have_text("8")
        assert no_page_scroll(tab)


@pytest.mark.parametrize(
    ("viewport", "javascript"),
    [(PHONE, True), (DESKTOP, True), (PHONE, False)],
    ids=["phone", "desktop", "phone-without-javascript"],
)
def test_switching_language_keeps_what_was_typed(
    chromium: Browser, live_server: LiveServer, viewport: ViewportSize, javascript: bool
) -> None:
    url = invitation_url(live_server)
    with opened_tab(chromium, live_server, viewport=viewport, javascript=javascript) as tab:
        tab.goto(f"{url}/company")
        tab.get_by_label("Nom de l'entreprise").fill("Cave du Val")
        tab.get_by_label("Secteur d'activité").fill("négoce de vins")
        tab.get_by_label("Taille de l'entreprise").select_option("medium")
        tab.get_by_label("Relancer un CRM peu utilisé").check()
        tab.get_by_role("button", name="English").click()

        expect(tab.locator("html")).to_have_attribute("lang", "en")
        expect(tab.get_by_role("heading", level=1)).to_have_text("Company and project")
        expect(tab.get_by_label("Company name")).to_have_value("Cave du Val")
        expect(tab.get_by_label("Line of business")).to_have_value("négoce de vins")
        expect(tab.get_by_label("Company size")).to_have_value("medium")
        expect(tab.locator("#context-relaunch")).to_be_checked()
        assert no_page_scroll(tab)

        tab.get_by_role("button", name="Français").click()
        expect(tab.locator("html")).to_have_attribute("lang", "fr")
        expect(tab.get_by_label("Nom de l'entreprise")).to_have_value("Cave du Val")
        # Enter in a field still saves the step, never switches the language.
        tab.get_by_label("Secteur d'activité").press("Enter")
        expect(tab.get_by_role("heading", level=1)).to_have_text("Utilisateurs")
        expect(tab.locator(".brand .client")).to_have_text("Cave du Val")


@VIEWPORTS
def test_the_comparison_table_says_it_scrolls_on_a_phone(
    chromium: Browser, live_server: LiveServer, viewport: ViewportSize
) -> None:
    url = invitation_url(live_server, show_results=True)
    with opened_tab(chromium, live_server, viewport=viewport) as tab:
        tab.goto(f"{url}/results")
        region = tab.get_by_role("region", name=re.compile("^Valeur de chaque solution"))
        expect(region).to_have_attribute("tabindex", "0")
        hint = tab.locator(".scroll-hint")
        expect(region).to_have_accessible_description(re.compile("^Le tableau défile de côté"))
        overflow: dict[str, int] = region.evaluate(
            "e => ({scroll: e.scrollWidth, client: e.clientWidth, left: e.scrollLeft})"
        )
        if viewport == PHONE:
            assert overflow["scroll"] > overflow["client"]  # it does scroll...
            expect(hint).to_be_visible()  # ...and says so
            shown_whole(hint)
            region.focus()  # reached from the keyboard, it scrolls with the arrow keys
            for _ in range(5):
                tab.keyboard.press("ArrowRight")
            expect(region).not_to_have_js_property("scrollLeft", 0)
        else:
            assert overflow["scroll"] <= overflow["client"]
            expect(hint).to_be_hidden()
        assert no_page_scroll(tab)
        # Each chart is named and described for those who do not see it.
        for chart in tab.locator("svg.chart").all():
            expect(chart).to_have_role("img")
            expect(chart).to_have_accessible_name(re.compile(r"\w"))
            expect(chart).to_have_accessible_description(re.compile(r"\w"))
