"""Catalog filters: which products match a deployment mode, a hosting place, a domain, a
capability, a UI language or a text query. Pure functions of a profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from vendors.schema import ProductProfile
from vendors.vocabulary import (
    CAPABILITIES,
    COUNTRIES,
    EU_COUNTRIES,
    LANGUAGES,
    REGIONS,
    Availability,
    DeploymentMode,
    Domain,
)

# Countries that make up each supranational region, for matching a region filter against
# products that list countries.
REGION_COUNTRIES: dict[str, frozenset[str]] = {
    "EU": EU_COUNTRIES,
    "EEA": EU_COUNTRIES | {"IS", "LI", "NO"},
    "EFTA": frozenset({"IS", "LI", "NO", "CH"}),
}
# A domain or capability counts as offered when it comes with the product or as its add-on.
OFFERED = frozenset({Availability.INCLUDED, Availability.ADD_ON})


class UnknownFilterValue(ValueError):
    """A filter value outside its vocabulary."""

    def __init__(self, name: str, value: str, allowed: list[str]) -> None:
        self.name = name
        self.value = value
        self.allowed = allowed
        shown = ", ".join(allowed[:40]) + (", ..." if len(allowed) > 40 else "")
        super().__init__(f"unknown {name} {value!r}; allowed: {shown}")


@dataclass(frozen=True)
class VendorFilters:
    """The catalog filters; None means no filter."""

    deployment: DeploymentMode | None = None
    hosting: str | None = None
    domain: Domain | None = None
    capability: str | None = None
    language: str | None = None
    q: str | None = None

    def __post_init__(self) -> None:
        if (
            self.hosting is not None
            and self.hosting not in REGIONS
            and self.hosting not in COUNTRIES
        ):
            raise UnknownFilterValue("hosting", self.hosting, [*REGIONS, *sorted(COUNTRIES)])
        if self.capability is not None and self.capability not in CAPABILITIES:
            raise UnknownFilterValue("capability", self.capability, sorted(CAPABILITIES))
        if self.language is not None and self.language not in LANGUAGES:
            raise UnknownFilterValue("language", self.language, sorted(LANGUAGES))

    def matches(self, profile: ProductProfile) -> bool:
        """Tell whether `profile` passes every filter that is set."""
        return (
            (self.deployment is None or offers_deployment(profile, self.deployment))
            and (self.hosting is None or hosted_in(profile, self.hosting))
            and (self.domain is None or offers_domain(profile, self.domain))
            and (self.capability is None or offers_capability(profile, self.capability))
            and (self.language is None or self.language in (profile.ui_languages.value or ()))
            and (self.q is None or matches_text(profile, self.q))
        )


def offers_deployment(profile: ProductProfile, mode: DeploymentMode) -> bool:
    """Tell whether the product is known to be offered in deployment `mode`."""
    return getattr(profile.deployment, mode.value).value is True


def countries_of(place: str) -> frozenset[str]:
    """The countries a region covers, or the country itself."""
    return REGION_COUNTRIES.get(place, frozenset({place}))


def hosted_in(profile: ProductProfile, place: str) -> bool:
    """Tell whether a source confirms hosting inside a region or country.

    A listed place confirms the wanted one when it lies wholly inside it: France or the EU
    inside the EEA, France inside France. "EU" does not confirm France: it does not say
    which country the data is in.
    """
    wanted = countries_of(place)
    listed = (profile.hosting.regions.value or []) + (profile.hosting.countries.value or [])
    return any(countries_of(item) <= wanted for item in listed)


def hosting_status(profile: ProductProfile, allowed: list[str]) -> str:
    """`pass` when hosting is confirmed in an allowed place, `fail` when every listed place is
    wholly outside them, `unknown` otherwise (nothing listed, or a region that may or may
    not put the data in an allowed country)."""
    if any(hosted_in(profile, place) for place in allowed):
        return "pass"
    listed = (profile.hosting.regions.value or []) + (profile.hosting.countries.value or [])
    if not listed:
        return "unknown"
    allowed_countries = frozenset().union(*(countries_of(place) for place in allowed))
    if any(countries_of(item) & allowed_countries for item in listed):
        return "unknown"
    return "fail"


def offers_domain(profile: ProductProfile, domain: Domain) -> bool:
    """Tell whether the domain comes with the product (included or as an add-on)."""
    return getattr(profile.domains, domain.value).availability.value in OFFERED


def offers_capability(profile: ProductProfile, capability: str) -> bool:
    """Tell whether the capability comes with the product (included or as an add-on)."""
    coverage = profile.capabilities.get(capability)
    return coverage is not None and coverage.availability.value in OFFERED


def matches_text(profile: ProductProfile, query: str) -> bool:
    """Case-insensitive search in the id, vendor and product names."""
    needle = query.strip().casefold()
    haystack = " ".join(
        part for part in (profile.id, profile.vendor.value, profile.product.value) if part
    ).casefold()
    return needle in haystack
