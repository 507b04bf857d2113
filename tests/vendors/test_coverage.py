"""Coverage of the catalog: the counting, and the floors the shipped catalog must hold."""

from __future__ import annotations

from typing import Any

import pytest

from vendors.coverage import Family, State, Target, catalog_coverage, product_coverage, shortfalls
from vendors.files import load_catalog_dir, profile_from_data
from vendors.schema import ProductProfile, iter_fact_slots
from vendors.vocabulary import CAPABILITIES

SOURCE = {"source": "https://example.com/page", "as_of": "2026-01-05"}
VENDOR = {**SOURCE, "confidence": "vendor_published"}


def fact(value: Any) -> dict[str, Any]:
    return {"value": value, **VENDOR}


def profile(**data: Any) -> ProductProfile:
    return profile_from_data({"id": "acme_crm", **data})


def test_an_empty_profile_is_unknown_everywhere() -> None:
    coverage = product_coverage(profile())
    for family, counts in coverage.families.items():
        assert counts.answered == 0, family
    assert coverage.families[Family.CAPABILITIES].total == len(CAPABILITIES)
    assert coverage.families[Family.PRICES].total == 1
    assert (coverage.priced, coverage.saas, coverage.located) == (False, False, False)


def test_each_state_is_counted_where_it_belongs() -> None:
    coverage = product_coverage(
        profile(
            editions=[
                {
                    "key": "team",
                    "name": "Team",
                    "price": fact({"amount": 25, "currency": "EUR", "unit": "user_month"}),
                },
                {"key": "enterprise", "name": "Enterprise", "price_on_request": fact(True)},
                {"key": "legacy", "name": "Legacy"},
            ],
            deployment={"saas": fact(True), "on_premise": fact(False)},
            hosting={"countries": fact(["FR"])},
            capabilities={
                "quotes": {"availability": fact("included")},
                "cpq": {"availability": fact("add_on")},
                "ticketing": {"availability": fact("not_available")},
                "forecasting": {},
            },
            ui_languages=fact(["fr", "en"]),
            public_ratings={
                "g2": {
                    "value": {"score": 4.4, "review_count": 120},
                    **SOURCE,
                    "confidence": "third_party",
                }
            },
        )
    )
    capabilities = coverage.families[Family.CAPABILITIES]
    assert (capabilities.known, capabilities.negative) == (2, 1)
    assert capabilities.unknown == len(CAPABILITIES) - 3
    prices = coverage.families[Family.PRICES]
    assert (prices.known, prices.quote_only, prices.unknown) == (1, 1, 1)
    deployment = coverage.families[Family.DEPLOYMENT]
    assert (deployment.known, deployment.negative, deployment.unknown) == (1, 1, 1)
    assert coverage.families[Family.HOSTING].known == 1
    assert coverage.families[Family.LANGUAGES].known == 1
    assert coverage.families[Family.RATINGS].known == 1
    assert (coverage.saas, coverage.located, coverage.modes_known, coverage.priced) == (
        True,
        True,
        True,
        True,
    )


def test_a_price_on_request_for_the_product_covers_editions_without_their_own() -> None:
    coverage = product_coverage(
        profile(
            editions=[
                {"key": "pro", "name": "Pro"},
                {"key": "max", "name": "Max", "price_on_request": fact(False)},
            ],
            pricing={"price_on_request": fact(True)},
        )
    )
    prices = coverage.families[Family.PRICES]
    assert (prices.quote_only, prices.unknown) == (1, 1)


def test_shortfalls_name_each_missed_target() -> None:
    bare = catalog_coverage([profile(deployment={"saas": fact(True)})])
    missed = [str(shortfall) for shortfall in shortfalls(bare)]
    assert "catalog: 0% of capability availabilities known (target 60%)" in missed
    assert f"acme_crm: 0/{len(CAPABILITIES)} capabilities known (target 35%)" in missed
    assert "acme_crm: no price and no price on request" in missed
    assert "acme_crm: hosting regions and countries unknown" in missed
    assert "acme_crm: on-premise availability unknown" in missed
    assert "acme_crm: interface languages unknown" in missed


SHIPPED = load_catalog_dir()


@pytest.mark.parametrize("shipped", SHIPPED, ids=lambda p: p.id)
def test_counts_agree_with_the_profile_facts(shipped: ProductProfile) -> None:
    """Every answered slot is a fact with a value at the path the family looks at."""
    known_paths = {path for path, slot in iter_fact_slots(shipped) if slot.value is not None}
    coverage = product_coverage(shipped)
    capabilities = {
        path
        for path in known_paths
        if path.startswith("capabilities.") and path.endswith(".availability")
    }
    assert coverage.families[Family.CAPABILITIES].answered == len(capabilities)
    languages = coverage.families[Family.LANGUAGES]
    assert languages.answered == ("ui_languages" in known_paths)
    negatives = sum(
        1
        for key in capabilities
        if shipped.capabilities[key.split(".")[1]].availability.value == "not_available"
    )
    assert coverage.families[Family.CAPABILITIES].negative == negatives
    assert sum(c.total for c in coverage.families.values()) == coverage.overall.total
    assert State.UNKNOWN.value in coverage.overall.as_dict()


# The floors the shipped catalog holds, so that it cannot thin out silently: raise them as
# facts are found. The targets are 60 % of capability availabilities over the catalog
# and 35 % per product; the catalog is at 63 % (README, "Catalog coverage").
CATALOG_CAPABILITIES_FLOOR = 0.633
CAPABILITY_FLOORS = {
    "axonaut": 26,
    "brevo": 21,
    "creatio": 29,
    "divalto_weavy": 23,
    "dolibarr": 27,
    "efficy": 14,
    "eudonet_crm": 18,
    "freshdesk": 21,
    "freshsales": 25,
    "hubspot_marketing_hub": 25,
    "hubspot_sales_hub": 26,
    "hubspot_service_hub": 29,
    "microsoft_dynamics_365_customer_service": 26,
    "microsoft_dynamics_365_field_service": 23,
    "microsoft_dynamics_365_sales": 27,
    "monday_crm": 28,
    "nocrm_io": 14,
    "odoo_crm": 31,
    "oracle_cx_sales": 28,
    "pipedrive": 26,
    "plezi": 12,
    "salesforce_field_service": 18,
    "salesforce_sales_cloud": 25,
    "salesforce_service_cloud": 27,
    "sap_sales_cloud": 31,
    "sellsy": 27,
    "sugarcrm": 27,
    "suitecrm": 23,
    "teamleader_focus": 28,
    "veeva_vault_crm": 22,
    "vtiger": 31,
    "webmecanik": 12,
    "zendesk_suite": 16,
    "zoho_crm": 32,
    "zoho_desk": 25,
}
# The targets the public sources read so far do not allow, per product (README, "Known limits").
CAPS, PRICE, HOSTING, ON_PREMISE, LANGS = (
    Target.CAPABILITIES,
    Target.PRICE,
    Target.HOSTING,
    Target.ON_PREMISE,
    Target.LANGUAGES,
)
KNOWN_SHORTFALLS = {
    "axonaut": {ON_PREMISE},
    "brevo": {ON_PREMISE},
    "creatio": {HOSTING, LANGS},
    "divalto_weavy": {PRICE, HOSTING, ON_PREMISE},
    "dolibarr": {HOSTING},
    "efficy": {PRICE, LANGS},
    "eudonet_crm": {HOSTING, ON_PREMISE},
    "freshdesk": {ON_PREMISE},
    "freshsales": {ON_PREMISE, LANGS},
    "hubspot_marketing_hub": {ON_PREMISE},
    "hubspot_sales_hub": {ON_PREMISE},
    "hubspot_service_hub": {PRICE, ON_PREMISE},
    "monday_crm": {LANGS},
    "nocrm_io": {PRICE, HOSTING, ON_PREMISE},
    "oracle_cx_sales": {HOSTING, ON_PREMISE},
    "pipedrive": {ON_PREMISE},
    "plezi": {CAPS, PRICE, HOSTING, ON_PREMISE},
    "salesforce_field_service": {ON_PREMISE},
    "salesforce_sales_cloud": {ON_PREMISE},
    "salesforce_service_cloud": {ON_PREMISE},
    "sap_sales_cloud": {PRICE, ON_PREMISE, LANGS},
    "sellsy": {ON_PREMISE},
    "sugarcrm": {LANGS},
    "suitecrm": {HOSTING},
    "teamleader_focus": {PRICE, ON_PREMISE},
    "veeva_vault_crm": {HOSTING, ON_PREMISE, LANGS},
    "webmecanik": {CAPS, PRICE, HOSTING, ON_PREMISE},
    "zendesk_suite": {ON_PREMISE},
    "zoho_crm": {ON_PREMISE},
    "zoho_desk": {ON_PREMISE, LANGS},
}


def test_the_shipped_catalog_holds_its_coverage_floors() -> None:
    coverage = catalog_coverage(SHIPPED)
    assert len(SHIPPED) >= 30
    assert coverage.total(Family.CAPABILITIES).share >= CATALOG_CAPABILITIES_FLOOR
    counts = {p.product: p.families[Family.CAPABILITIES].answered for p in coverage.products}
    thinner = {p: (n, CAPABILITY_FLOORS.get(p, 0)) for p, n in counts.items()}
    assert {p: pair for p, pair in thinner.items() if pair[0] < pair[1]} == {}
    missed = [
        str(s)
        for s in shortfalls(coverage, overall_capabilities=CATALOG_CAPABILITIES_FLOOR)
        if s.product is None or s.target not in KNOWN_SHORTFALLS.get(s.product, set())
    ]
    assert missed == []
