"""Catalog filters on the shipped profiles: each narrows to exactly the products it should."""

from __future__ import annotations

import pytest

from vendors.files import profile_from_data
from vendors.filters import UnknownFilterValue, VendorFilters, hosted_in, hosting_status
from vendors.schema import ProductProfile
from vendors.vocabulary import DeploymentMode, Domain


def ids(profiles: list[ProductProfile], filters: VendorFilters) -> set[str]:
    return {p.id for p in profiles if filters.matches(p)}


def test_no_filter_matches_everything(shipped_profiles: list[ProductProfile]) -> None:
    assert ids(shipped_profiles, VendorFilters()) == {p.id for p in shipped_profiles}


def test_deployment_filter_is_exactly_the_confirmed_modes(
    shipped_profiles: list[ProductProfile],
) -> None:
    on_premise = ids(shipped_profiles, VendorFilters(deployment=DeploymentMode.ON_PREMISE))
    expected = {p.id for p in shipped_profiles if p.deployment.on_premise.value is True}
    assert on_premise == expected
    assert on_premise  # the catalog has on-premise products (SugarCRM, Odoo, ...)
    assert on_premise < {p.id for p in shipped_profiles}


def test_filters_combine_as_and(shipped_profiles: list[ProductProfile]) -> None:
    saas = ids(shipped_profiles, VendorFilters(deployment=DeploymentMode.SAAS))
    sales = ids(shipped_profiles, VendorFilters(domain=Domain.SALES))
    both = ids(shipped_profiles, VendorFilters(deployment=DeploymentMode.SAAS, domain=Domain.SALES))
    assert both == saas & sales


def test_text_query_is_case_insensitive(shipped_profiles: list[ProductProfile]) -> None:
    assert ids(shipped_profiles, VendorFilters(q="SALESFORCE")) == {
        "salesforce_sales_cloud",
        "salesforce_service_cloud",
        "salesforce_field_service",
    }


def _hosted(regions: list[str] | None, countries: list[str] | None) -> ProductProfile:
    def fact(value: list[str] | None) -> dict[str, object]:
        if value is None:
            return {}
        return {
            "value": value,
            "source": "test",
            "as_of": "2026-01-01",
            "confidence": "third_party",
        }

    return profile_from_data(
        {"id": "p", "hosting": {"regions": fact(regions), "countries": fact(countries)}}
    )


@pytest.mark.parametrize(
    ("regions", "countries", "place", "expected"),
    [
        (["EU"], None, "EU", True),
        (None, ["FR"], "EU", True),  # a French data centre is in the EU
        (None, ["FR"], "FR", True),
        (["EU"], None, "FR", False),  # "somewhere in the EU" does not say France
        (None, ["US"], "EU", False),
        (None, ["CH"], "EU", False),
        (None, ["CH"], "EFTA", True),
        (None, None, "EU", False),  # unknown hosting is not a match
        (["EU"], None, "EEA", True),  # the EU lies inside the EEA
        (["EEA"], None, "EU", False),  # the EEA also covers Norway
        (None, ["NO"], "EEA", True),
    ],
)
def test_hosting_filter(
    regions: list[str] | None, countries: list[str] | None, place: str, expected: bool
) -> None:
    assert hosted_in(_hosted(regions, countries), place) is expected


@pytest.mark.parametrize(
    ("field", "value"), [("hosting", "XX"), ("capability", "telepathy"), ("language", "klingon")]
)
def test_unknown_values_are_refused_with_the_allowed_ones(field: str, value: str) -> None:
    with pytest.raises(UnknownFilterValue) as caught:
        VendorFilters(**{field: value})  # type: ignore[arg-type]
    assert caught.value.name == field
    assert caught.value.allowed
    assert "allowed:" in str(caught.value)


@pytest.mark.parametrize(
    ("regions", "countries", "allowed", "expected"),
    [
        (["EU"], None, ["EEA"], "pass"),
        (["EU"], None, ["FR"], "unknown"),  # somewhere in the EU: maybe France
        (None, ["US"], ["EU"], "fail"),
        (None, ["US", "DE"], ["FR"], "fail"),
        (None, ["US", "DE"], ["EU"], "pass"),
        (None, None, ["EU"], "unknown"),
        (["EFTA"], None, ["EU"], "fail"),
    ],
)
def test_hosting_status_fails_only_on_a_contradiction(
    regions: list[str] | None, countries: list[str] | None, allowed: list[str], expected: str
) -> None:
    assert hosting_status(_hosted(regions, countries), allowed) == expected
