"""The pairwise questionnaire on the server: each answer a radio button saying its whole
sentence, what the answers given imply for the questions still open, which answer to revisit
(a chain of slight preferences implies a clear one, never "as much"), and feedback that always
speaks of the answers just sent."""

from __future__ import annotations

import re
from typing import Any

import pytest

from service.i18n import Lang
from service.web.i18n import Translator
from service.web.pairwise import ahp_feedback, implied, pair_name
from tests.service.web.conftest import (
    AHP_CONSISTENT,
    AHP_INCONSISTENT,
    SCOPE,
    Questionnaire,
    csrf_of,
    field_error,
)

CRITERIA = ["fit_sales", "fit_service", "tco", "adoption"]
SALES, SERVICE, COST = (
    "« Couverture des besoins commerciaux »",
    "« Couverture des besoins du service client »",
    "« Coût total de possession sur la durée »",
)
# Sales slightly over service, service slightly over cost, cost slightly over adoption, yet
# sales only "as much as" cost: the chain implies sales clearly over cost.
CHAIN = {
    "method": "ahp",
    "pair_fit_sales__fit_service": "3",
    "pair_fit_sales__tco": "1",
    "pair_fit_sales__adoption": "7",
    "pair_fit_service__tco": "3",
    "pair_fit_service__adoption": "5",
    "pair_tco__adoption": "3",
}


def answers(**given: str) -> dict[str, str]:
    return {f"pair_{name}": value for name, value in given.items()}


def test_a_chain_of_answers_adds_up_on_the_scales_words() -> None:
    chain = answers(fit_sales__fit_service="3", fit_service__tco="3")
    # Slightly, then slightly again: clearly.
    assert implied(chain, CRITERIA, "fit_sales", "tco") == pytest.approx(2)
    assert implied(chain, CRITERIA, "tco", "fit_sales") == pytest.approx(-2)
    assert implied(chain, CRITERIA, "fit_sales", "adoption") is None  # nothing links them
    reversed_chain = answers(fit_sales__fit_service="1/5", fit_service__tco="1/3")
    assert implied(reversed_chain, CRITERIA, "fit_sales", "tco") == pytest.approx(-3)
    # Two chains that disagree meet halfway (least squares on the steps).
    both = {**chain, **answers(fit_sales__adoption="1", tco__adoption="1")}
    assert implied(both, CRITERIA, "fit_sales", "tco") == pytest.approx(1)


def test_an_open_question_shows_what_the_answers_given_imply() -> None:
    tr = Translator(Lang.FR)
    feedback = ahp_feedback(answers(fit_sales__fit_service="3", fit_service__tco="3"), CRITERIA, tr)
    assert feedback.complete is False
    assert feedback.suggest == {
        "pair_fit_sales__tco": (
            f"Vos autres réponses suggèrent : {SALES} compte nettement plus que {COST}."
        )
    }


def test_the_answer_breaking_a_chain_is_the_one_to_revisit(form: Questionnaire) -> None:
    assert form.post("scope", SCOPE).status_code == 303
    response = form.post("priorities", CHAIN)
    assert response.status_code == 422
    page = response.text
    assert "Certaines de vos réponses se contredisent" in page
    flagged = {name: field_error(page, name) for name in CHAIN if name.startswith("pair_")}
    assert {name for name, error in flagged.items() if error} == {"pair_fit_sales__tco"}
    assert flagged["pair_fit_sales__tco"] == (
        f"Vous avez répondu : {SALES} compte autant que {COST}. Vos autres réponses suggèrent "
        f"plutôt : {SALES} compte nettement plus que {COST}."
    )
    # The live check says the same.
    check = form.web.post(
        f"{form.path}/priorities/check", data={"csrf_token": csrf_of(page), **CHAIN}
    ).json()
    assert check["revisit"] == {"pair_fit_sales__tco": flagged["pair_fit_sales__tco"]}
    assert "compte autant" not in check["revisit"]["pair_fit_sales__tco"].split("plutôt")[1]
    # Following the suggestion makes the answers consistent.
    assert form.post("priorities", {**CHAIN, "pair_fit_sales__tco": "5"}).status_code == 303


def test_a_page_sent_back_incomplete_suggests_the_implied_answer(form: Questionnaire) -> None:
    assert form.post("scope", SCOPE).status_code == 303
    partial = {"method": "ahp", "pair_fit_sales__fit_service": "3", "pair_fit_service__tco": "3"}
    page = form.post("priorities", partial).text
    assert field_error(page, "pair_fit_sales__tco") == "Répondez à cette comparaison."
    note = re.search(r'<p class="suggest-note" id="pair_fit_sales__tco-suggest">(.*?)</p>', page)
    assert note is not None
    assert "compte nettement plus que" in note.group(1)
    described = re.search(r'id="pair_fit_sales__tco" aria-describedby="([^"]*)"', page)
    assert described is not None
    assert "pair_fit_sales__tco-suggest" in described.group(1).split()


def test_the_feedback_speaks_of_the_answers_just_sent(form: Questionnaire) -> None:
    """An answer sent back with a warning, then changed: the warning, the answers to revisit
    and the button keeping them go; the page speaks of the new answers only."""
    assert form.post("scope", SCOPE).status_code == 303
    first = form.post("priorities", AHP_INCONSISTENT).text
    assert "Certaines de vos réponses se contredisent" in first
    assert accept_button_shown(first)

    incomplete: dict[str, Any] = {**AHP_CONSISTENT, "pair_tco__adoption": ""}
    second = form.post("priorities", incomplete).text
    assert "se contredisent" not in second
    assert "Vous avez répondu" not in second
    assert "Répondez à chaque comparaison pour voir si vos réponses sont cohérentes." in second
    assert not accept_button_shown(second)
    assert field_error(second, "pair_tco__adoption") == "Répondez à cette comparaison."
    assert field_error(second, "pair_fit_sales__tco") is None

    chain = form.post("priorities", CHAIN).text
    assert [name for name in CHAIN if name.startswith("pair_") and field_error(chain, name)] == [
        "pair_fit_sales__tco"
    ]
    assert accept_button_shown(chain)

    assert form.post("priorities", AHP_CONSISTENT).status_code == 303
    saved = form.get("priorities").text
    assert "Vos réponses sont cohérentes" in saved
    assert "se contredisent" not in saved
    assert not accept_button_shown(saved)


def accept_button_shown(page: str) -> bool:
    button = re.search(r'<button [^>]*id="ahp-accept"[^>]*>', page)
    assert button is not None, "the pairwise page has the button keeping inconsistent answers"
    return " hidden" not in button.group(0)


def test_each_answer_is_a_radio_saying_its_whole_sentence(form: Questionnaire) -> None:
    assert form.post("scope", SCOPE).status_code == 303
    page = form.get("priorities", mode="ahp").text
    name = pair_name("fit_sales", "tco")
    radios = re.findall(rf'<input type="radio" id="({name}-[^"]+)" name="{name}"', page)
    assert len(radios) == 9
    label = re.search(rf'<label for="{name}-1-9">(.*?)</label>', page)
    assert label is not None
    assert label.group(1) == (
        f'<span class="visually-hidden">{COST} compte infiniment plus</span>'
        '<span aria-hidden="true">infiniment plus</span>'
    )
    assert f"<legend>{COST} compte…</legend>" in page
