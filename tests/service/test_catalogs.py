"""The message catalogs: every language holds every message, with the same fields and as many
plural forms as its plural rule names; every message the code and the templates name exists;
every label of the vocabularies and every message named by a key exists in every language;
and a third language needs nothing but its catalogs, its `Lang` entry and its locale."""

from __future__ import annotations

import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment

from service.i18n import (
    CATALOGS,
    DOMAINS,
    LANGS,
    Domain,
    MissingMessage,
    Text,
    catalog,
    message,
    plural,
    plurals,
)
from service.i18n import langs as lang_table
from service.i18n import messages as message_store
from service.i18n.jinja import install, percent_format
from service.selection.explain import CONSTRAINTS, READINESS_FACTORS, constraint_label
from service.selection.questions import RATINGS, rating_phrase
from service.selection.registry import CRITERIA
from service.selection.unknowns import Kind, policy
from service.selection.wording import said
from vendors import labels as vocabulary_store
from vendors.labels import MissingLabel, labels
from vendors.vocabulary import (
    CAPABILITIES,
    COMPANY_SIZE_LABELS,
    DOMAIN_LABELS,
    DOMAIN_PHRASES,
    VERTICALS,
    DeploymentMode,
)

ROOT = Path(__file__).resolve().parents[2]
# Where each domain's messages are named: its code and its templates, and the functions
# that name them.
SOURCES: dict[Domain, tuple[tuple[Path, ...], tuple[str, ...]]] = {
    "pages": ((ROOT / "service" / "web",), ("_", "tr", "gettext", "ngettext", r"tr\.plural")),
    "reports": ((ROOT / "service" / "exports",), ("t", "_")),
    "analysis": ((ROOT / "service",), ("said", "counted")),
}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def plural_fields(forms: tuple[str, ...]) -> set[str]:
    """The fields of a plural message's forms but the count (a form may write "un" for 1)."""
    return {name for form in forms for name in fields(form)} - {"n"}


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_holds_every_message_with_the_same_fields(domain: Domain) -> None:
    reference = catalog(LANGS[0], domain)
    assert reference
    for lang in LANGS:
        messages = catalog(lang, domain)
        assert set(messages) == set(reference), lang
        assert [key for key, text in messages.items() if not text.strip()] == [], lang
        for key, text in messages.items():
            assert fields(text) == fields(reference[key]), (lang, key)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_holds_every_plural_message_in_each_of_its_forms(domain: Domain) -> None:
    reference = plurals(LANGS[0], domain)
    for lang in LANGS:
        path = CATALOGS / lang / "LC_MESSAGES" / f"{domain}.po"
        with path.open("rb") as source:
            forms_needed = read_po(source, locale=lang).num_plurals
        found = plurals(lang, domain)
        assert set(found) == set(reference), lang
        for key, forms in found.items():
            assert len(forms) == forms_needed, (lang, key)
            assert all(form.strip() for form in forms), (lang, key)
            assert plural_fields(forms) == plural_fields(reference[key]), (lang, key)
            assert not set(catalog(lang, domain)) & {key}, "a plural id is not also plain"
            assert message_store.plural_id(domain, lang, key) == f"{key}_plural", (lang, key)


def test_every_language_holds_every_vocabulary_label() -> None:
    reference = labels(LANGS[0])
    assert reference
    for lang in LANGS:
        found = labels(lang)
        assert set(found) == set(reference), lang
        assert [key for key, text in found.items() if not text.strip()] == [], lang


def named_ids(domain: Domain) -> set[str]:
    """Every literal id the domain's code and templates pass to its functions, both ids of a
    conditional one (`said("a" if x else "b", ...)`) included."""
    folders, functions = SOURCES[domain]
    called = rf"(?<![\w.])(?:\w+\.)?(?:{'|'.join(functions)})\(\s*"
    # A whole literal id (a prefix that code completes, `t("fact_" + path)`, is not one).
    literal = re.compile(called + r"\"([a-z0-9_]+)\"\s*[,)]")
    either = re.compile(called + r"\"([a-z0-9_]+)\"\s+if\s+[^()]*?\s+else\s+\"([a-z0-9_]+)\"")
    named: set[str] = set()
    for folder in folders:
        for path in [*folder.rglob("*.py"), *folder.rglob("*.html")]:
            text = path.read_text(encoding="utf-8")
            named.update(literal.findall(text))
            named.update(key for pair in either.findall(text) for key in pair)
    return named


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_the_sources_name_is_in_the_catalogs(domain: Domain) -> None:
    """Every literal id the domain's code and templates pass to the translator (and both
    alternatives of a conditional id) is in the catalogs, plain or plural."""
    named = named_ids(domain)
    assert len(named) > 20, "the search finds the sources' messages"
    held = set(catalog(LANGS[0], domain)) | set(plurals(LANGS[0], domain))
    assert named - held == set()


def test_a_page_s_count_chooses_the_form_of_each_language() -> None:
    forms = [plural("pages", "fr", "tco_total", n, years=n) for n in (0, 1, 2, 10**6)]
    assert forms == [
        "Coût total sur 0 an",
        "Coût total sur 1 an",
        "Coût total sur 2 ans",
        "Coût total sur 1000000 ans",
    ]
    forms = [plural("pages", "en", "tco_total", n, years=n) for n in (0, 1, 2)]
    assert forms == ["Total cost over 0 years", "Total cost over 1 year", "Total cost over 2 years"]
    with pytest.raises(MissingMessage):
        plural("pages", "fr", "step_of", 2)


def test_the_search_sees_conditional_ids() -> None:
    assert {"summary_tie", "summary_tie_expected", "question_price_seats"} <= named_ids("analysis")


def keyed_texts() -> Iterator[Text]:
    """The analysis messages whose id code builds from a key: one per key of its family."""
    for criterion in CRITERIA.values():
        yield criterion.label
        yield criterion.phrase
    for rating in RATINGS:
        yield rating_phrase(rating)
        yield said(f"rating_{rating}")
    for constraint in CONSTRAINTS:
        yield said(f"constraint_{constraint}")
    for factor in READINESS_FACTORS:
        yield said(f"readiness_{factor}")
        yield said(f"readiness_{factor}_advice")
    for kind in Kind:
        yield policy(kind)
    for verdict in ("depends_on_weights", "depends_on_facts", "depends_on_both"):
        yield said(f"verdict_{verdict}")
    for code in ("same_value", "no_facts", "no_bound", "not_applicable"):
        yield said(f"changes_left_{code}")
    for mode in DeploymentMode:
        yield said(f"question_deployment_{mode.value}", product="Pipedrive")


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_named_by_a_key_is_in_every_language(lang: str) -> None:
    for text in keyed_texts():
        assert text.in_lang(lang).strip(), text.key
    for capability in CAPABILITIES.values():
        assert capability.in_lang(lang)
        assert capability.phrase.in_lang(lang)
    vocabularies = [DOMAIN_LABELS, DOMAIN_PHRASES, COMPANY_SIZE_LABELS, VERTICALS]
    for label in (label for vocabulary in vocabularies for label in vocabulary.values()):
        assert label.in_lang(lang).strip(), label.key
    assert constraint_label("capability:quotes") == CAPABILITIES["quotes"].phrase
    with pytest.raises(ValueError, match="not a knock-out constraint"):
        constraint_label("colour")


def test_a_language_is_a_folder_of_catalogs() -> None:
    assert sorted(p.name for p in CATALOGS.iterdir() if p.is_dir()) == sorted(LANGS)
    folders = vocabulary_store.LOCALES.iterdir()
    assert sorted(p.name for p in folders if p.is_dir()) == sorted(LANGS)


def test_a_missing_message_is_an_error_not_its_id() -> None:
    with pytest.raises(MissingMessage):
        message("pages", "fr", "no_such_message")
    with pytest.raises(MissingMessage):
        plural("analysis", "fr", "summary_no_weight_change", 2)
    with pytest.raises(MissingLabel):
        vocabulary_store.label("no_such_label", "fr")
    assert message("pages", "en", "demo_score_of", product="Pipedrive") == "Score of Pipedrive"


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, "0 fait a changé de valeur."),
        ("fr", 1, "1 fait a changé de valeur."),
        ("fr", 2, "2 faits ont changé de valeur."),
        ("fr", 1500, "1\u202f500 faits ont changé de valeur."),
        ("fr", 1_000_000, "1\u202f000\u202f000 de faits ont changé de valeur."),
        ("en", 0, "0 facts changed value."),
        ("en", 1, "1 fact changed value."),
        ("en", 2, "2 facts changed value."),
        ("en", 1500, "1,500 facts changed value."),
    ],
)
def test_a_count_takes_its_languages_plural_form(lang: str, n: int, expected: str) -> None:
    """French counts 0 and 1 in the singular (and a round million "de" faits), English 1
    only; the count is written as the language writes numbers."""
    assert plural("analysis", lang, "changes_facts", n) == expected


@pytest.mark.parametrize(
    ("product", "of"),
    [
        ("Pipedrive", "de Pipedrive"),
        ("Oracle CX", "d'Oracle CX"),
        ("Écho CRM", "d'Écho CRM"),
        ("HubSpot", "de HubSpot"),
    ],
)
def test_french_elides_de_before_a_vowel(product: str, of: str) -> None:
    """A catalog writes « de {product} » once; the name decides « de » or « d' »."""
    asked = message("analysis", "fr", "question_maintenance", product=product)
    assert asked.startswith(f"Quel est le taux annuel de maintenance {of},")
    assert message("pages", "fr", "demo_score_of", product=product) == f"Note {of}"
    english = message("analysis", "en", "question_maintenance", product=product)
    assert english.startswith(f"What is {product}'s")


def test_french_contracts_prepositions_with_the_article_that_follows() -> None:
    """« de le » is « du », « à les » is « aux », « que » elides: the catalog writes the
    preposition once and the phrase put after it decides."""
    tco = CRITERIA["tco"].phrase
    sales = CRITERIA["fit_sales"].phrase
    lowered = said("summary_lower_weight", criterion=tco, now="30 %", target="20 %", product="X")
    assert "le poids du coût total de possession de 30 %" in lowered.fr
    assert (
        "le poids de la couverture"
        in said("summary_lower_weight", criterion=sales, now="3", target="2", product="X").fr
    )
    depth = said("question_depth", what=CAPABILITIES["dashboards"].phrase, product="Axonaut")
    assert "donnent-ils aux tableaux de bord et des rapports d'Axonaut\u202f?" in depth.fr
    leads = said("summary_leads", winner="Zoho", runner_up="Oracle", criteria=sales)
    assert leads.fr.startswith("Zoho fait mieux qu'Oracle sur la couverture")
    assert leads.en.startswith("Zoho does better than Oracle on fit with the sales needs")


def test_templates_get_each_message_in_the_form_jinja_fills() -> None:
    """Jinja2's newstyle gettext fills `%(name)s` and reads `%%` as `%`: a message reaches a
    template in that form, its count written as the language writes numbers, and escaped
    like any other text under autoescape."""
    assert percent_format("{n} % of {name}") == "%(n)s %% of %(name)s"
    assert percent_format("{n} users", n="1 200") == "1 200 users"
    environment = Environment(autoescape=True)
    install(environment, "analysis")
    page = environment.from_string(
        "{{ _('question_maintenance', product='A&B') }} | "
        "{{ ngettext('users', 'users_plural', n) }}"
    )
    assert page.render(lang="fr", n=1200) == (
        "Quel est le taux annuel de maintenance de A&amp;B, en % du prix des licences\u202f?"
        " | 1\u202f200 utilisateurs"
    )
    assert page.render(lang="en", n=1).endswith("as a % of the licence price? | 1 user")
    assert page.render(lang="fr", n=0).endswith("| 0 utilisateur")


@pytest.fixture
def third_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """German, for the length of a test: a copy of every English catalog (service and
    vocabulary) under `de`, written with English numbers; no module, table or cache keeps it
    afterwards."""
    copies = {CATALOGS: tmp_path / "service", vocabulary_store.LOCALES: tmp_path / "vocabulary"}
    for source, target in copies.items():
        for lang in LANGS:
            shutil.copytree(source / lang, target / lang)
        shutil.copytree(source / "en", target / "de")
        for po in (target / "de" / "LC_MESSAGES").iterdir():
            po.write_text(po.read_text().replace("Language: en", "Language: de"))
    monkeypatch.setattr(message_store, "CATALOGS", tmp_path / "service")
    monkeypatch.setattr(vocabulary_store, "LOCALES", tmp_path / "vocabulary")
    monkeypatch.setattr(lang_table, "LOCALES", {**lang_table.LOCALES, "de": "en_GB"})
    yield "de"
    message_store._catalog.cache_clear()
    vocabulary_store._labels.cache_clear()


def test_a_third_language_needs_only_its_catalogs_and_locale(
    third_language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every message resolves in the new language, and every sentence the analysis writes
    during an evaluation and a comparison of two (summary, questions, change risks, what
    changed, labels) reads in it as in English, its copy: no sentence depends on a branch
    per language."""
    from service.selection.changes import compare_snapshots
    from service.selection.inputs import ChangeReadiness, Requirements
    from tests.service.selection.factories import edition, fact, included, profile, run

    for domain in DOMAINS:
        for key, text in catalog("en", domain).items():
            values = {name: name.upper() for name in fields(text)}
            assert message(domain, third_language, key, **values) == message(
                domain, "en", key, **values
            )
        for key, forms in plurals("en", domain).items():
            values = {name: name.upper() for name in plural_fields(forms)}
            for n in (0, 1, 2):
                assert plural(domain, third_language, key, n, **values) == plural(
                    domain, "en", key, n, **values
                )
    written: list[Text] = []
    in_lang = Text.in_lang

    def recorded(text: Text, lang: str) -> str:
        written.append(text)
        return in_lang(text, lang)

    monkeypatch.setattr(Text, "in_lang", recorded)
    requirements = Requirements(
        domains={"sales": "must"},
        capabilities={"quotes": "must", "mobile_app": "should"},
        change_readiness=ChangeReadiness(sponsors=1, governance=3),
    )
    products = [
        profile("oracle", product=fact("Oracle CX"), editions=[edition("pro", 20)]),
        profile(
            "other",
            product=fact("Autre CRM"),
            editions=[edition("pro", 45), edition("max", 90)],
            capabilities=included("quotes", "mobile_app"),
        ),
    ]
    before = run(products, requirements)
    after = run(products[::-1], Requirements(domains={"sales": "must"}))
    compare_snapshots(before, after)
    monkeypatch.setattr(Text, "in_lang", in_lang)
    families = {sentence.key.split("_")[0] for sentence in written}
    assert {"summary", "question", "about", "readiness", "changes", "criterion"} <= families
    for sentence in written:
        assert in_lang(sentence, third_language) == in_lang(sentence, "en"), sentence.key
    for capability in CAPABILITIES.values():
        assert capability.in_lang(third_language) == capability.en
