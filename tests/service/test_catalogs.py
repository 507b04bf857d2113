"""The message catalogs: every language holds every message, with the same fields, and every
message the code and the templates name exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from service.i18n import (
    CATALOGS,
    DOMAINS,
    LANGS,
    PLURAL_SUFFIX,
    Domain,
    MissingMessage,
    catalog,
    message,
    plural_count,
    plural_message,
    plurals,
)

ROOT = Path(__file__).resolve().parents[2]
# Where each domain's messages are named: its code and its templates, with the functions that
# name a message (`_("key")`, `tr("key")`) and those that name a plural message
# (`ngettext("key", "key_plural", n)` in templates, `tr.plural("key", n)` in code).
SOURCES = {
    "pages": (ROOT / "service" / "web", ("_", "tr", "gettext"), ("ngettext", "plural")),
    "reports": (ROOT / "service" / "exports", ("t",), ()),
}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_holds_every_message_with_the_same_fields(domain: str) -> None:
    reference = catalog(LANGS[0], domain)
    assert reference
    for lang in LANGS:
        messages = catalog(lang, domain)
        assert set(messages) == set(reference), lang
        assert [key for key, text in messages.items() if not text.strip()] == [], lang
        for key, text in messages.items():
            assert fields(text) == fields(reference[key]), (lang, key)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_says_each_plural_message_in_all_its_forms(domain: Domain) -> None:
    reference = plurals(LANGS[0], domain)
    for lang in LANGS:
        messages = plurals(lang, domain)
        assert set(messages) == set(reference), lang
        count = plural_count(lang, domain)
        for key, item in messages.items():
            assert item.plural_id == key + PLURAL_SUFFIX, (lang, key)
            assert len(item.forms) == count, (lang, key)
            assert all(form.strip() for form in item.forms), (lang, key)
            # A form may leave the count out ("the solution"), never add a field.
            every = fields(item.forms[-1])
            assert all(fields(form) <= every for form in item.forms), (lang, key)
            assert every == fields(reference[key].forms[-1]), (lang, key)
        assert not set(messages) & set(catalog(lang, domain)), lang


def test_a_count_chooses_the_form_of_each_language() -> None:
    forms = [plural_message("pages", "fr", "tco_total", n, years=n) for n in (0, 1, 2, 10**6)]
    assert forms == [
        "Coût total sur 0 an",
        "Coût total sur 1 an",
        "Coût total sur 2 ans",
        "Coût total sur 1000000 ans",
    ]
    forms = [plural_message("pages", "en", "tco_total", n, years=n) for n in (0, 1, 2)]
    assert forms == ["Total cost over 0 years", "Total cost over 1 year", "Total cost over 2 years"]
    with pytest.raises(MissingMessage):
        plural_message("pages", "fr", "step_of", 2)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_the_sources_name_is_in_the_catalogs(domain: str) -> None:
    """Every literal id the domain's code and templates pass to the translator (and the
    alternatives of a conditional id) is in the catalogs, a plural one among the plural
    messages with its plural id."""
    folder, functions, plural_functions = SOURCES[domain]
    # A whole literal id (a prefix that code completes, `t("fact_" + path)`, is not one).
    call = re.compile(rf"(?<![\w.])(?:\w+\.)?(?:{'|'.join(functions)})\(\s*\"([a-z0-9_]+)\"\s*[,)]")
    alternative = re.compile(r'\(\s*"[a-z0-9_]+"\s+if\s+[^()]*?\s+else\s+"([a-z0-9_]+)"')
    named: set[str] = set()
    for path in [*folder.rglob("*.py"), *folder.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        named.update(call.findall(text))
        named.update(
            key
            for found in re.finditer(rf"(?:{'|'.join(functions)})\(", text)
            for key in alternative.findall(text, found.end() - 1, found.end() + 200)[:1]
        )
    assert len(named) > 20, "the search finds the sources' messages"
    missing = named - set(catalog(LANGS[0], domain))
    assert missing == set()
    if plural_functions:
        plural_call = re.compile(
            rf"(?<![\w.])(?:\w+\.)?(?:{'|'.join(plural_functions)})\(\s*\"([a-z0-9_]+)\""
            r'(?:\s*,\s*"([a-z0-9_]+)")?'
        )
        counted = [
            found
            for path in [*folder.rglob("*.py"), *folder.rglob("*.html")]
            for found in plural_call.findall(path.read_text(encoding="utf-8"))
        ]
        assert len(counted) >= 3, "the search finds the sources' plural messages"
        known = plurals(LANGS[0], domain)
        for key, plural_id in counted:
            assert key in known, key
            assert plural_id in ("", known[key].plural_id), key


def test_a_language_is_a_folder_of_catalogs() -> None:
    assert sorted(p.name for p in CATALOGS.iterdir() if p.is_dir()) == sorted(LANGS)


def test_a_missing_message_is_an_error_not_its_id() -> None:
    with pytest.raises(MissingMessage):
        message("pages", "fr", "no_such_message")
    assert message("pages", "en", "demo_score_of", product="Pipedrive") == "Score of Pipedrive"
