"""Setting facts by path, for a firm's own products and overrides."""

from __future__ import annotations

import pytest

from vendors.files import dump_profile, profile_from_data
from vendors.patching import (
    InvalidFactPatch,
    UnrepairableData,
    apply_facts,
    fact_at,
    refused_fact,
    repair_facts,
)
from vendors.schema import ProductProfile

SOURCED = {"source": "quote Q-1", "as_of": "2026-11-02", "confidence": "consultant_verified"}


@pytest.fixture
def profile() -> ProductProfile:
    return profile_from_data(
        {
            "id": "acme_crm",
            "product": {"value": "Acme CRM", **SOURCED},
            "editions": [{"key": "pro", "name": "Pro"}],
        }
    )


def test_sets_an_edition_price(profile: ProductProfile) -> None:
    price = {"value": {"amount": 42, "currency": "EUR", "unit": "user_month"}, **SOURCED}
    patched = apply_facts(profile, {"editions.pro.price": price})
    value = patched.editions[0].price.value
    assert value is not None
    assert float(value.amount) == 42
    assert patched.editions[0].price.source == "quote Q-1"
    assert profile.editions[0].price.value is None  # the original is untouched


def test_rates_a_capability_the_profile_did_not_mention(profile: ProductProfile) -> None:
    rating = {"value": 4, "rated_by": "Cabinet Alpha demo", **SOURCED}
    patched = apply_facts(profile, {"capabilities.ticketing.depth": rating})
    assert patched.capabilities["ticketing"].depth.value == 4


def test_null_resets_a_fact_to_unknown(profile: ProductProfile) -> None:
    patched = apply_facts(profile, {"product": None})
    assert patched.product.value is None


def test_unknown_paths_are_refused(profile: ProductProfile) -> None:
    with pytest.raises(InvalidFactPatch) as caught:
        apply_facts(profile, {"editions.gold.price": {}, "colour": {}})
    assert {path for path, _ in caught.value.errors} == {"editions.gold.price", "colour"}


def test_refused_values_name_their_path(profile: ProductProfile) -> None:
    bad_price = {"value": {"amount": -1, "currency": "EUR", "unit": "user_month"}, **SOURCED}
    no_source = {"value": True, "as_of": "2026-01-01", "confidence": "third_party"}
    with pytest.raises(InvalidFactPatch) as caught:
        apply_facts(profile, {"editions.pro.price": bad_price, "deployment.saas": no_source})
    paths = {path for path, _ in caught.value.errors}
    assert paths == {"editions.pro.price", "deployment.saas"}


def test_fact_at_reads_back_a_fact(profile: ProductProfile) -> None:
    assert fact_at(profile, "product") == {"value": "Acme CRM", **SOURCED}
    assert fact_at(profile, "nowhere") is None


HUGE = {"value": {"amount": 1e308, "currency": "EUR", "unit": "user_month"}, **SOURCED}
PRICE = {"value": {"amount": 42, "currency": "EUR", "unit": "user_month"}, **SOURCED}


def test_a_fact_taken_alone_is_judged_by_its_slot(profile: ProductProfile) -> None:
    refused = refused_fact(profile, "editions.pro.price", HUGE)
    assert [path for path, _ in refused] == ["editions.pro.price.value.amount"]
    assert refused_fact(profile, "editions.pro.price", PRICE) == []
    assert refused_fact(profile, "capabilities.ticketing.depth", {"value": 9, **SOURCED})
    assert refused_fact(profile, "editions.gold.price", HUGE) == []  # no such fact: stale


def test_stored_data_that_no_longer_validates_is_repaired_by_its_facts(
    profile: ProductProfile,
) -> None:
    stored = dump_profile(profile)
    stored["editions"][0]["price"] = HUGE
    repaired = repair_facts(stored, {"editions.pro.price": PRICE})
    assert repaired.editions[0].price.value is not None
    assert float(repaired.editions[0].price.value.amount) == 42
    assert repair_facts(stored, {"editions.pro.price": None}).editions[0].price.value is None
    with pytest.raises(InvalidFactPatch) as still:
        repair_facts(stored, {"product": None})
    assert [path for path, _ in still.value.errors] == ["editions.pro.price.value.amount"]
    with pytest.raises(InvalidFactPatch) as unknown:
        repair_facts(stored, {"editions.gold.price": PRICE})
    assert [path for path, _ in unknown.value.errors] == ["editions.gold.price"]
    with pytest.raises(UnrepairableData):
        repair_facts({**stored, "editions": [{"key": "Not A Key!", "name": "x"}]}, {})
    with pytest.raises(UnrepairableData):
        repair_facts({**stored, "deployment": 5}, {"deployment.saas": None})
