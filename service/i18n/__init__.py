"""One translation layer for everything Shortlist writes for people: gettext catalogs per
language and domain (`catalogs/<lang>/LC_MESSAGES/<domain>.po`), read with Babel. The client
and vendor pages use the `pages` domain, the exports the `reports` domain. Adding a language
means adding its catalogs (and its entry in `Lang`); a message id missing from a catalog is an
error, never the id shown to a reader."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from babel.dates import format_date
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parent / "catalogs"
Domain = Literal["pages", "reports"]
DOMAINS: tuple[Domain, ...] = ("pages", "reports")


class Lang(StrEnum):
    """A language Shortlist speaks: French first, English too."""

    FR = "fr"
    EN = "en"


LANGS: tuple[Lang, ...] = tuple(Lang)
DEFAULT_LANG = Lang.FR


# The locale of each language's numbers and dates (Babel's CLDR data).
LOCALES: MappingProxyType[Lang, str] = MappingProxyType({Lang.FR: "fr_FR", Lang.EN: "en_GB"})


def long_date(moment: date, lang: Lang | str) -> str:
    """A day written out: 22 novembre 2026, 22 November 2026."""
    return format_date(moment, format="long", locale=LOCALES[Lang(lang)])


class MissingMessage(KeyError):
    """A message id that a language's catalog does not hold."""


@cache
def catalog(lang: Lang | str, domain: Domain) -> MappingProxyType[str, str]:
    """The messages of one language and domain, by id."""
    path = CATALOGS / str(lang) / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as source:
        messages = read_po(source, locale=str(lang), domain=domain)
    return MappingProxyType(
        {
            str(m.id): str(m.string)
            for m in messages
            if m.id and isinstance(m.id, str) and isinstance(m.string, str)
        }
    )


def message(domain: Domain, lang: Lang | str, key: str, **values: object) -> str:
    """The message `key` of `domain` in `lang`, with `values` filled in (`{name}` fields)."""
    try:
        text = catalog(lang, domain)[key]
    except KeyError:
        raise MissingMessage(f"no message {key!r} in the {lang} {domain} catalog") from None
    return text.format(**values) if values else text
