"""Deterministic, realistic client profiles in the batch input columns, for the batch benchmark
and tests: company sizes and user populations, contexts, MoSCoW domains and capabilities,
hosting, language and budget constraints, and weights (or the context preset)."""

from __future__ import annotations

import random

from service.batches.profiles import COLUMN_NAMES
from vendors.vocabulary import CAPABILITIES, Domain

CONTEXTS = (
    ("first_crm", 40),
    ("relaunch", 25),
    ("cloud_migration", 20),
    ("marketing_automation", 15),
)
# CRM users by company size: (size, low, high).
SIZES = (("micro", 2, 9), ("small", 10, 45), ("medium", 40, 200), ("large", 150, 900))
SECTORS = ("wine", "agri-food", "industry", "services", "retail", "construction", "software")
WEIGHT_CRITERIA = (
    "fit_sales",
    "fit_marketing",
    "fit_service",
    "fit_platform",
    "tco",
    "adoption",
    "ease_of_deployment",
    "scalability",
    "hosting_compliance",
)
# The client's own exchange rates (units of EUR per unit), an input of each project.
EXCHANGE_RATES = "USD:0.86;GBP:1.17;INR:0.0098"


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([item for item, _ in weighted], [w for _, w in weighted])[0]


def client_row(rng: random.Random, number: int) -> dict[str, str]:
    """One client profile as a CSV row of the batch input columns."""
    context = _pick(rng, CONTEXTS)
    size, low, high = rng.choice(SIZES)
    users = rng.randint(low, high)
    shares = {
        "sales_field": rng.uniform(0.1, 0.5),
        "sales_office": rng.uniform(0.1, 0.4),
        "marketing": rng.uniform(0.0, 0.3 if context != "marketing_automation" else 0.6),
        "service": rng.uniform(0.0, 0.4),
        "management": rng.uniform(0.02, 0.1),
    }
    total_share = sum(shares.values())
    populations = {pop: int(users * share / total_share) for pop, share in shares.items()}
    populations["sales_office"] += users - sum(populations.values())
    horizon = rng.choice((3, 3, 3, 5, 5, 1, 7))
    per_user_year = rng.uniform(700, 4000)
    budget_high = round(per_user_year * users * horizon, -2)
    domains = {"sales": rng.choice(("must", "must", "must", "should"))}
    if context == "marketing_automation":
        domains["marketing"] = "must"
    elif rng.random() < 0.5:
        domains["marketing"] = rng.choice(("should", "could"))
    if rng.random() < 0.6:
        domains["service"] = rng.choice(("must", "should", "could"))
    if rng.random() < 0.15:
        domains["field_service"] = rng.choice(("should", "could"))
    keys = [key for key, cap in CAPABILITIES.items() if cap.domain is None or cap.domain in domains]
    wanted = rng.sample(keys, rng.randint(2, 6))
    capabilities = {key: rng.choice(("must", "should", "should", "could")) for key in wanted}
    hosting = rng.choice(("EU", "EU", "FR", "", "", ""))
    modes = "saas" if context == "cloud_migration" else rng.choice(("", "", "", "saas"))
    weights = ""
    if rng.random() < 0.5:
        chosen = rng.sample(WEIGHT_CRITERIA, rng.randint(3, 6))
        weights = ";".join(f"{key}:{rng.randint(1, 10) * 5}" for key in chosen)
    row = {
        "client_name": f"Client {number:05d} ({rng.choice(SECTORS)})",
        "sector": rng.choice(SECTORS),
        "size": size,
        "context": context,
        **{f"users_{pop}": str(count) for pop, count in populations.items()},
        "horizon_years": str(horizon),
        "budget_low": str(round(budget_high * rng.uniform(0.3, 0.7), -2)),
        "budget_high": str(budget_high),
        "currency": "EUR",
        "exchange_rates": EXCHANGE_RATES,
        "domains": ";".join(f"{d}:{p}" for d, p in domains.items() if d in set(Domain)),
        "capabilities": ";".join(f"{k}:{p}" for k, p in capabilities.items()),
        "hosting": hosting,
        "deployment_modes": modes,
        "ui_languages": rng.choice(("fr", "fr", "", "en")),
        "certifications": "iso_27001" if rng.random() < 0.1 else "",
        "budget_ceiling": "true" if rng.random() < 0.8 else "false",
        "weights": weights,
    }
    assert set(row) == set(COLUMN_NAMES)
    return row


def client_rows(count: int, *, seed: int = 7) -> list[dict[str, str]]:
    """`count` client profiles, the same for the same seed."""
    rng = random.Random(seed)
    return [client_row(rng, number) for number in range(1, count + 1)]
