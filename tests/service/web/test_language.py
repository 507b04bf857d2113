"""French by default, English on request (`?lang=en` or Accept-Language), kept across steps."""

from __future__ import annotations

import pytest

from service.i18n import Lang
from service.web.i18n import Translator, negotiate
from tests.service.web.conftest import COMPANY, Questionnaire, field_error


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        (None, None, "fr"),
        (None, "", "fr"),
        (None, "en", "en"),
        (None, "en-GB,en;q=0.9", "en"),
        (None, "de-DE, en;q=0.5, fr;q=0.4", "en"),
        (None, "de-DE, fr;q=0.8, en;q=0.5", "fr"),
        (None, "en;q=0.2, fr-CA;q=0.9", "fr"),
        (None, "en;q=0", "fr"),
        (None, "de", "fr"),
        (None, "*", "fr"),
        (None, "en;q=banana", "fr"),
        ("en", "fr", "en"),
        ("fr", "en-US", "fr"),
        ("es", "en", "en"),
        ("EN", None, "fr"),
    ],
)
def test_the_language_is_negotiated(query: str | None, header: str | None, expected: str) -> None:
    assert negotiate(query, header) == expected


def test_numbers_are_written_the_way_each_language_does() -> None:
    fr, en = Translator(Lang.FR), Translator(Lang.EN)
    assert fr.number(1234567.891, 2) == "1\u202f234\u202f567,89"
    assert en.number(1234567.891, 2) == "1,234,567.89"
    assert fr.money(61528.4, "EUR") == "61\u202f528\u00a0EUR"
    assert en.money(61528.4, "EUR") == "61,528\u00a0EUR"
    assert fr.percent(0.2345) == "23\u202f%"
    assert en.percent(0.2345) == "23%"


def test_french_is_the_default(form: Questionnaire) -> None:
    page = form.get("company").text
    assert '<html lang="fr">' in page
    assert "Nom de l&#39;entreprise" in page
    assert 'hreflang="en"' in page


def test_the_query_chooses_english_and_links_keep_it(form: Questionnaire) -> None:
    page = form.get("company", lang="en").text
    assert '<html lang="en">' in page
    assert "Company name" in page
    assert f'action="{form.path}/company?lang=en"' in page
    assert f'href="{form.path}/users?lang=en"' in page
    assert f'href="{form.path}/company?lang=fr"' in page  # the switch back to French
    response = form.post("company", COMPANY, lang="en")
    assert response.headers["location"] == f"{form.path}/users?lang=en"


def test_the_browser_language_chooses_english(form: Questionnaire) -> None:
    response = form.web.get(f"{form.path}/users", headers={"Accept-Language": "en-US,en;q=0.8"})
    assert '<html lang="en">' in response.text
    assert "Field sales" in response.text
    assert response.headers["vary"] == "Accept-Language"
    forced = form.web.get(
        f"{form.path}/users", params={"lang": "fr"}, headers={"Accept-Language": "en"}
    )
    assert "Commerciaux terrain" in forced.text


def test_errors_speak_the_page_language(form: Questionnaire) -> None:
    response = form.post("company", {**COMPANY, "client_name": ""}, lang="en")
    assert field_error(response.text, "client_name") == "This field is required."
    assert "Some answers need correcting:" in response.text
    french = form.post("company", {**COMPANY, "client_name": ""})
    assert field_error(french.text, "client_name") == "Ce champ est obligatoire."


def test_vocabularies_are_in_plain_words(form: Questionnaire) -> None:
    scope = form.get("scope", lang="en").text
    assert "Quotes in the CRM" in scope
    assert "quotes</label>" not in scope
    constraints = form.get("constraints").text
    assert "Union européenne" in constraints
    assert "Français" in constraints
    assert "SaaS : abonnement, hébergé par l&#39;éditeur" in constraints
