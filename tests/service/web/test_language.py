"""French by default, English on request (`?lang=en` or Accept-Language), kept across steps."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.i18n import Lang, MissingMessage
from service.web.i18n import Translator, negotiate
from service.web.routes import TEMPLATES
from tests.service.web.conftest import ALL_STEPS, COMPANY, SCOPE, Questionnaire, field_error


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


def render(source: str, lang: str) -> str:
    return TEMPLATES.from_string(source).render(lang=lang)


def test_templates_read_the_catalogs_through_jinjas_gettext() -> None:
    """`_`, `gettext` and `ngettext` of Jinja's i18n extension give the catalogs' messages in
    the page's language, with `{name}` fields filled and escaped."""
    assert render('{{ _("step_of", n=2, total=5) }}', "fr") == "Étape 2 sur 5"
    assert render('{{ gettext("step_of", n=2, total=5) }}', "en") == "Step 2 of 5"
    assert render('{{ _("welcome_for", client="<b>&Co</b>") }}', "en") == (
        "Questionnaire for &lt;b&gt;&amp;Co&lt;/b&gt;"
    )
    assert render('{{ _("vendor_maintenance") }}', "fr") == (
        "Maintenance annuelle, en % du prix des licences"
    )
    source = '{{ ngettext("tco_total", "tco_total_plural", n, years=n) }}'
    assert [TEMPLATES.from_string(source).render(lang="fr", n=n) for n in (1, 3)] == [
        "Coût total sur 1 an",
        "Coût total sur 3 ans",
    ]
    assert [TEMPLATES.from_string(source).render(lang="en", n=n) for n in (1, 3)] == [
        "Total cost over 1 year",
        "Total cost over 3 years",
    ]
    with pytest.raises(MissingMessage):
        render('{{ ngettext("tco_total", "tco_totals", 2, years=2) }}', "fr")
    with pytest.raises(MissingMessage):
        render('{{ _("no_such_message") }}', "fr")


def test_a_page_s_message_is_escaped_and_filled_by_the_template() -> None:
    """The pages' templates read the catalogs through the one Jinja installation the report
    uses: a field is filled (and escaped) by the template, a `%` stays a `%`."""
    page = TEMPLATES.from_string(
        "{{ _('step_of', n=n, total='<3>') }} {{ _('vendor_maintenance') }}"
    )
    assert page.render(lang="en", n=2).startswith("Step 2 of &lt;3&gt; ")
    assert page.render(lang="fr", n=2).endswith("en % du prix des licences")


def test_a_count_chooses_the_form_on_the_pages(form: Questionnaire) -> None:
    tr = Translator(Lang.EN)
    assert tr.plural("budget_range", 1, low="1", high="2", years=1) == "1 to 2 over 1 year"
    assert "Ces questions portent sur les 4 critères" in form.get("priorities", mode="ahp").text


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
    assert 'title="Read this page in English">English</button>' in page  # the switch
    assert 'hreflang="en"' in form.get().text  # a link where there is no form to send


def test_the_query_chooses_english_and_links_keep_it(form: Questionnaire) -> None:
    page = form.get("company", lang="en").text
    assert '<html lang="en">' in page
    assert "Company name" in page
    assert f'action="{form.path}/company?lang=en"' in page
    assert f'href="{form.path}/users?lang=en"' in page
    assert f'formaction="{form.path}/company?lang=fr"' in page  # the switch back to French
    response = form.post("company", COMPANY, lang="en")
    assert response.headers["location"] == f"{form.path}/users?lang=en"


def test_the_language_switch_sends_what_was_typed_back_in_the_other_language(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    """On a step, the switch is a button sending the form: the page comes back in the other
    language with the answers as typed, unchecked and unsaved."""
    page = form.get("company").text
    switch = re.search(r'<button type="submit" class="lang-switch"[^>]*>English</button>', page)
    assert switch is not None
    assert 'form="page-form"' in switch.group(0)
    assert f'formaction="{form.path}/company?lang=en"' in switch.group(0)
    assert 'name="switch_lang"' in switch.group(0)
    assert '<form method="post" action="' in page
    assert 'id="page-form"' in page
    typed = {**COMPANY, "client_name": "", "sector": "négoce <vins>", "switch_lang": "1"}
    response = form.post("company", typed, lang="en")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Company and project" in response.text
    assert 'value="négoce &lt;vins&gt;"' in response.text
    assert 'value="" maxlength' in response.text  # the name, emptied, stays empty
    assert re.search(r'value="relaunch" checked', response.text)
    assert field_error(response.text, "client_name") is None  # nothing checked yet
    assert client.get(f"/api/v1/projects/{project['id']}").json()["version"] == 1
    assert form.get().text.count('class="state todo"') == len(ALL_STEPS)  # nothing answered

    assert form.post("scope", SCOPE).status_code == 303
    pairwise = {"method": "ahp", "pair_fit_sales__tco": "1/5", "switch_lang": "1"}
    back = form.post("priorities", pairwise, lang="en").text
    assert 'name="pair_fit_sales__tco" value="1/5" checked' in back
    assert "Answer every comparison" in back


@pytest.mark.parametrize("step", [step for step, _ in ALL_STEPS])
@pytest.mark.parametrize("method", ["direct", "ahp", "other"])
def test_the_language_switch_shows_any_input_back(
    form: Questionnaire, step: str, method: str
) -> None:
    odd = "<b>&\u00a0x</b>" * 3
    names = [
        "client_name", "size", "context", "sales_field", "domain_sales", "capabilities",
        "hosting", "ui_languages", "currency", "horizon_years", "budget_low",
        "points_tco", "pair_fit_platform__tco", "pair_tco__adoption",
    ]  # fmt: skip
    data = {**dict.fromkeys(names, odd), "method": method, "switch_lang": "1"}
    response = form.post(step, data, lang="en")
    assert response.status_code == 200
    assert "<b>" not in response.text  # shown back as text


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
