"""Small profiles and projects for the selection tests, and a one-call evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from service.selection.evaluate import EvaluationRequest, evaluate
from service.selection.facts import ProductFacts
from service.selection.inputs import Budget, Populations, Project, Requirements
from service.selection.snapshot import Snapshot
from service.selection.weights import AggregateWeights, aggregate
from vendors.files import profile_from_data
from vendors.schema import ProductProfile

SRC = {"source": "test fixture", "as_of": "2026-10-01", "confidence": "vendor_published"}


def fact(value: Any, **extra: Any) -> dict[str, Any]:
    """A sourced fact."""
    return {"value": value, **SRC, **extra}


def profile(pid: str, **data: Any) -> ProductProfile:
    """A profile with only the facts given."""
    return profile_from_data({"id": pid, **data})


def edition(
    key: str, amount: float | None, unit: str = "user_month", currency: str = "EUR"
) -> dict[str, Any]:
    """An edition, priced or not."""
    data: dict[str, Any] = {"key": key, "name": key.title()}
    if amount is not None:
        data["price"] = fact({"amount": amount, "currency": currency, "unit": unit})
    return data


def priced(
    pid: str, amount: float, unit: str = "user_month", currency: str = "EUR", **data: Any
) -> ProductProfile:
    """A product with one priced edition "pro"."""
    return profile(pid, editions=[edition("pro", amount, unit, currency)], **data)


def included(*keys: str, editions: Sequence[str] | None = None) -> dict[str, Any]:
    """Capabilities known to be included (in ``editions`` when given)."""
    out: dict[str, Any] = {}
    for key in keys:
        entry: dict[str, Any] = {"availability": fact("included")}
        if editions is not None:
            entry["in_editions"] = fact(list(editions))
        out[key] = entry
    return out


def project(**changes: Any) -> Project:
    """Ten office users, three years, a budget of 10,000-100,000 EUR."""
    base: dict[str, Any] = {
        "client_name": "Test",
        "context": "first_crm",
        "users": Populations(sales_office=10),
        "horizon_years": 3,
        "budget": Budget(low=10_000, high=100_000),
    }
    return Project(**(base | changes))


def preset(requirements: Requirements, context: str = "first_crm") -> AggregateWeights:
    """The context's preset weights."""
    return aggregate([], {}, context=project(context=context).context, requirements=requirements)


def run(
    profiles: Sequence[ProductProfile],
    requirements: Requirements,
    *,
    market: Sequence[ProductProfile] = (),
    weights: AggregateWeights | None = None,
    the_project: Project | None = None,
    samples: int = 2_000,
    **options: Any,
) -> Snapshot:
    """Evaluate ``profiles``; the price bounds come from ``market`` plus the profiles."""
    everyone = {p.id: p for p in [*market, *profiles]}
    return evaluate(
        EvaluationRequest(
            project=the_project or project(),
            requirements=requirements,
            weights=weights or preset(requirements),
            profiles=list(profiles),
            market=[ProductFacts.of(p) for p in everyone.values()],
            samples=samples,
            **options,
        )
    )
