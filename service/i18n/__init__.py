"""One translation layer for everything Shortlist writes for people: gettext catalogs per
language and domain (`catalogs/<lang>/LC_MESSAGES/<domain>.po`), read with Babel. The client
and vendor pages use the `pages` domain, the exports the `reports` domain. Adding a language
means adding its catalogs (and its entry in `Lang`); a message id missing from a catalog is an
error, never the id shown to a reader."""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

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


def number(value: float, lang: Lang | str, digits: int = 0) -> str:
    """`value` with the digit grouping and decimal mark of `lang` (1 234 567,89; 1,234,567.89),
    rounded as Python rounds (half to even on the binary value), never "-0"."""
    rounded = round(value, digits) or 0.0
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(rounded, format=pattern, locale=LOCALES[Lang(lang)])


# What goes between a number and "%": French typography puts a narrow no-break space.
_BEFORE_PERCENT: MappingProxyType[Lang, str] = MappingProxyType({Lang.FR: "\u202f", Lang.EN: ""})


def percent_sign(lang: Lang | str) -> str:
    """What follows a percentage's number in `lang`."""
    return f"{_BEFORE_PERCENT[Lang(lang)]}%"


def percent(share: float, lang: Lang | str, digits: int = 0) -> str:
    """A share of 1 as a percentage in the typography of `lang` (23 %, 23%)."""
    return f"{number(100 * share, lang, digits)}{percent_sign(lang)}"


def money(value: float, currency: str, lang: Lang | str) -> str:
    """An amount in whole units, with its currency's ISO code after it in every language (the
    code, never a symbol that several currencies share)."""
    return f"{number(value, lang)}\u00a0{currency}"


def money_range(low: float, high: float, currency: str, lang: Lang | str) -> str:
    """A range of amounts in whole units: 40 000 – 60 000 EUR."""
    return f"{number(low, lang)}\u00a0– {number(high, lang)}\u00a0{currency}"


def listed(items: Sequence[str], lang: Lang | str, *, either: bool = False) -> str:
    """`a, b et c` (or `a, b ou c` when `either`) in the words of `lang` (CLDR list patterns)."""
    locale = LOCALES[Lang(lang)]
    if either:
        return format_list(list(items), style="or", locale=locale)
    return format_list(list(items), style="standard", locale=locale)


def _named(names: Mapping[str, str], code: str) -> str | None:
    name = names.get(code)
    return name[:1].upper() + name[1:] if name else None


def territory(code: str, lang: Lang | str) -> str | None:
    """A country or region (EU) by its code, in `lang`; None when CLDR does not name it."""
    return _named(Locale.parse(LOCALES[Lang(lang)]).territories, code)


def language_name(code: str, lang: Lang | str) -> str | None:
    """A language by its ISO 639-1 code, in `lang`, capitalised as a label."""
    return _named(Locale.parse(LOCALES[Lang(lang)]).languages, code)


def currency_name(code: str, lang: Lang | str) -> str | None:
    """A currency by its ISO 4217 code, in `lang`, capitalised as a label."""
    return _named(Locale.parse(LOCALES[Lang(lang)]).currencies, code)


class MissingMessage(KeyError):
    """A message id that a language's catalog does not hold."""


@cache
def _read(lang: Lang | str, domain: Domain) -> Catalog:
    path = CATALOGS / str(lang) / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as source:
        return read_po(source, locale=str(lang), domain=domain)


@cache
def catalog(lang: Lang | str, domain: Domain) -> MappingProxyType[str, str]:
    """The messages of one language and domain, by id (plural messages apart)."""
    return MappingProxyType(
        {
            str(m.id): str(m.string)
            for m in _read(lang, domain)
            if m.id and isinstance(m.id, str) and isinstance(m.string, str)
        }
    )


PLURAL_SUFFIX = "_plural"


@dataclass(frozen=True)
class Plural:
    """A message said differently by count: `msgid "<key>"`, `msgid_plural "<key>_plural"`
    and one form per plural form of the language (its catalog's Plural-Forms header)."""

    plural_id: str
    forms: tuple[str, ...]


@cache
def plurals(lang: Lang | str, domain: Domain) -> MappingProxyType[str, Plural]:
    """The plural messages of one language and domain, by (singular) id."""
    return MappingProxyType(
        {
            str(m.id[0]): Plural(str(m.id[1]), tuple(str(form) for form in m.string))
            for m in _read(lang, domain)
            if isinstance(m.id, tuple | list) and isinstance(m.string, tuple | list)
        }
    )


def plural_count(lang: Lang | str, domain: Domain) -> int:
    """How many forms a plural message takes in `lang`."""
    return _read(lang, domain).num_plurals


@cache
def plural_rule(lang: Lang | str, domain: Domain) -> Callable[[int], int]:
    """Which form of a plural message a count takes in `lang` (the catalog's Plural-Forms)."""
    return gettext.c2py(_read(lang, domain).plural_expr)


def plural_form(domain: Domain, lang: Lang | str, key: str, count: int) -> str:
    """The form of plural message `key` that `count` takes in `lang`, fields unfilled."""
    try:
        forms = plurals(lang, domain)[key].forms
    except KeyError:
        raise MissingMessage(f"no plural message {key!r} in the {lang} {domain} catalog") from None
    return forms[min(plural_rule(lang, domain)(count), len(forms) - 1)]


def plural_message(domain: Domain, lang: Lang | str, key: str, count: int, **values: object) -> str:
    """The form of plural message `key` that `count` takes in `lang`, with `values` filled in."""
    text = plural_form(domain, lang, key, count)
    return text.format(**values) if values else text


def message(domain: Domain, lang: Lang | str, key: str, **values: object) -> str:
    """The message `key` of `domain` in `lang`, with `values` filled in (`{name}` fields)."""
    try:
        text = catalog(lang, domain)[key]
    except KeyError:
        raise MissingMessage(f"no message {key!r} in the {lang} {domain} catalog") from None
    return text.format(**values) if values else text
