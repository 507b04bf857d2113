"""The message catalogs: every language holds every message, with the same fields, and every
message the code and the templates name exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from service.i18n import CATALOGS, DOMAINS, LANGS, Domain, MissingMessage, catalog, message

ROOT = Path(__file__).resolve().parents[2]
# Where each domain's messages are named: its code and its templates.
SOURCES: dict[Domain, tuple[Path, tuple[str, ...]]] = {
    "pages": (ROOT / "service" / "web", ("_", "tr")),
    "reports": (ROOT / "service" / "exports", ("t",)),
}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


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
def test_every_message_the_sources_name_is_in_the_catalogs(domain: Domain) -> None:
    """Every literal id the domain's code and templates pass to the translator (and the
    alternatives of a conditional id) is in the catalogs."""
    folder, functions = SOURCES[domain]
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


def test_a_language_is_a_folder_of_catalogs() -> None:
    assert sorted(p.name for p in CATALOGS.iterdir() if p.is_dir()) == sorted(LANGS)


def test_a_missing_message_is_an_error_not_its_id() -> None:
    with pytest.raises(MissingMessage):
        message("pages", "fr", "no_such_message")
    assert message("pages", "en", "demo_score_of", product="Pipedrive") == "Score of Pipedrive"


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        ("Pipedrive", "Note de Pipedrive"),
        ("Oracle CX", "Note d'Oracle CX"),
        ("HubSpot", "Note de HubSpot"),
    ],
)
def test_french_elides_de_before_a_vowel(product: str, expected: str) -> None:
    """A catalog writes « de {product} » once; the name decides « de » or « d' »."""
    assert message("pages", "fr", "demo_score_of", product=product) == expected
    assert message("pages", "en", "demo_score_of", product=product) == f"Score of {product}"
