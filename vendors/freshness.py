"""Which facts of the catalog are old or undated: what a consultant should re-check first."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from vendors.schema import ProductProfile, iter_facts


@dataclass(frozen=True)
class StaleFact:
    """A known fact that is older than the horizon, or whose source gives no date."""

    product: str
    path: str
    as_of: date | None
    source: str | None
    reason: str


def months_between(earlier: date, later: date) -> int:
    """Return the whole months from `earlier` to `later`."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def stale_facts(
    profiles: Iterable[ProductProfile], *, today: date, months: int
) -> Iterator[StaleFact]:
    """Yield the non-null facts (kept values only) older than `months`, or undated, or unsourced."""
    for profile in profiles:
        for fact in iter_facts(profile):
            if fact.value is None:
                continue
            if fact.source is None:
                reason = "no source"
            elif fact.as_of is None:
                reason = "source gives no date"
            elif (age := months_between(fact.as_of, today)) > months:
                reason = f"{age} months old"
            else:
                continue
            yield StaleFact(profile.id, fact.path, fact.as_of, fact.source, reason)
