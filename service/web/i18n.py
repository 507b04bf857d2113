"""The client pages in French (the default) and English: the language choice, the pages'
messages (the `pages` catalogs of `service.i18n`), the plain-words labels of the vocabularies,
and numbers written the way each language does."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from service import i18n
from service.i18n import (
    DEFAULT_LANG,
    LANGS,
    Lang,
    long_date,
    message,
    plural,
)
from service.i18n.messages import (
    Worded,
)
from service.selection.registry import CRITERIA
from vendors.vocabulary import (
    COMPANY_SIZE_LABELS,
    COUNTRIES,
    CURRENCIES,
    DOMAIN_LABELS,
    LANGUAGES,
    REGIONS,
    CompanySize,
    Domain,
)

__all__ = ["DEFAULT_LANG", "LANGS", "Lang", "Translator", "negotiate"]


def negotiate(query: str | None, accept_language: str | None) -> Lang:
    """`?lang=` when it names a language the pages speak, else Accept-Language, else French."""
    if query in LANGS:
        return Lang(query)
    preferences: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-", 1)[0].strip().lower()
        if quality > 0 and not math.isnan(quality):
            preferences.append((-quality, position, primary))
    for _quality, _position, primary in sorted(preferences):
        if primary in LANGS:
            return Lang(primary)
    return DEFAULT_LANG


# The hosting places, UI languages and currencies a client is most likely to need, offered
# first; every code is named in the client's language (CLDR's names, through Babel).
PLACES = ("EU", "EEA", "FR", "DE", "BE", "CH", "GB", "CA", "US")
LANGUAGE_NAMES = ("fr", "en", "de", "es", "it", "nl", "pt")
CURRENCY_NAMES = ("EUR", "CHF", "GBP", "USD", "CAD")


@dataclass(frozen=True)
class Translator:
    """The messages, labels and number formats of one language."""

    lang: Lang

    def __call__(self, key: str, **values: object) -> str:
        """The message `key`, with `values` filled in."""
        return message("pages", self.lang, key, **values)

    def plural(self, key: str, count: int, **values: object) -> str:
        """The form of plural message `key` that `count` takes, with `values` filled in."""
        return plural("pages", self.lang, key, count, **values)

    def label(self, item: Worded) -> str:
        """A vocabulary item, a criterion, an evaluation's sentence: in this language."""
        return item.in_lang(self.lang)

    def domain(self, domain: Domain | str) -> str:
        """A functional domain in plain words."""
        return self.label(DOMAIN_LABELS[Domain(domain)])

    def size(self, size: CompanySize | str) -> str:
        """A company size in plain words."""
        return self.label(COMPANY_SIZE_LABELS[CompanySize(size)])

    def criterion(self, key: str) -> str:
        """A criterion of the comparison in plain words."""
        return self.label(CRITERIA[key].label)

    def place(self, code: str) -> str:
        """A hosting region or country."""
        if code == "EEA":  # not a CLDR territory
            return self("place_eea")
        return i18n.territory(code, self.lang) or REGIONS.get(code) or COUNTRIES.get(code) or code

    def language(self, code: str) -> str:
        """A UI language."""
        return i18n.language_name(code, self.lang) or LANGUAGES.get(code, code)

    def currency(self, code: str) -> str:
        """A currency, with its code."""
        name = i18n.currency_name(code, self.lang) or CURRENCIES[code]
        return f"{code} ({name})"

    def number(self, value: float, decimals: int = 0) -> str:
        """`value` with this language's digit grouping and decimal mark."""
        return i18n.number(value, self.lang, decimals)

    def money(self, value: float, currency: str) -> str:
        """An amount in whole units of `currency`."""
        return i18n.money(value, currency, self.lang)

    def percent(self, share: float) -> str:
        """A share of 1 as a whole percentage."""
        return i18n.percent(share, self.lang)

    def ordinal(self, rank: int) -> str:
        """A place in a ranking: 1re, 2e (French, for a solution); 1st, 2nd, 3rd, 11th."""
        if self.lang == "fr":
            return f"{rank}re" if rank == 1 else f"{rank}e"
        suffix = (
            "th" if rank % 100 in {11, 12, 13} else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
        )
        return f"{rank}{suffix}"

    def date(self, moment: datetime) -> str:
        """A day written out: 22 novembre 2026, 22 November 2026."""
        return long_date(moment, self.lang)
