"""Knock-outs: hard constraints a product must not fail, whatever its scores.

A product is eliminated only when a known fact contradicts a constraint:
- hosting: every place the sources list is wholly outside the allowed ones (a US-only
  listing for an EU requirement); "EU" listed for a "FR" requirement is unconfirmed;
- deployment: every allowed mode is known not to be offered;
- a must-have domain or capability is known not to be available;
- the TCO is known and above the budget ceiling.
Languages and certifications are confirmed when listed; a list that lacks one only says a
source did not confirm it, so the constraint is unconfirmed rather than failed. Unconfirmed
constraints keep the product and are reported: risks to check with the vendor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.selection.inputs import Priority, Project, Requirements
from vendors.filters import OFFERED, hosting_status
from vendors.schema import ProductProfile
from vendors.vocabulary import CAPABILITIES, Availability


@dataclass(frozen=True)
class Check:
    """One constraint applied to one product."""

    constraint: str
    status: str  # "pass", "fail" or "unknown"
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return {"constraint": self.constraint, "status": self.status, "detail": self.detail}


@dataclass
class KnockoutResult:
    """Every constraint's outcome for one product."""

    product: str
    checks: list[Check] = field(default_factory=list)

    @property
    def eliminated(self) -> bool:
        """Tell whether a known fact failed a constraint."""
        return any(check.status == "fail" for check in self.checks)

    @property
    def failed(self) -> list[Check]:
        """The constraints the product failed."""
        return [check for check in self.checks if check.status == "fail"]

    @property
    def unconfirmed(self) -> list[Check]:
        """The constraints the catalog cannot confirm either way."""
        return [check for check in self.checks if check.status == "unknown"]


def apply_knockouts(
    profile: ProductProfile, project: Project, requirements: Requirements, tco_total: float | None
) -> KnockoutResult:
    """Check every hard constraint of the project against the product's known facts."""
    c = requirements.constraints
    result = KnockoutResult(profile.id)
    checks = result.checks
    if c.deployment_modes:
        values = {
            mode: getattr(profile.deployment, mode.value).value for mode in c.deployment_modes
        }
        wanted = ", ".join(mode.value for mode in c.deployment_modes)
        if any(value is True for value in values.values()):
            checks.append(Check("deployment", "pass", f"offered as {wanted}"))
        elif all(value is False for value in values.values()):
            checks.append(Check("deployment", "fail", f"not offered as {wanted}"))
        else:
            checks.append(Check("deployment", "unknown", f"no source confirms {wanted}"))
    if c.hosting:
        places = (profile.hosting.regions.value or []) + (profile.hosting.countries.value or [])
        wanted = ", ".join(c.hosting)
        status = hosting_status(profile, c.hosting)
        if status == "pass":
            checks.append(Check("hosting", "pass", f"hosted in {wanted}"))
        elif status == "fail":
            checks.append(Check("hosting", "fail", f"hosted in {', '.join(places)}, not {wanted}"))
        elif places:
            detail = f"hosted in {', '.join(places)}: not confirmed to be in {wanted}"
            checks.append(Check("hosting", "unknown", detail))
        else:
            checks.append(Check("hosting", "unknown", "hosting location not published"))
    checks.extend(_listed("ui_languages", c.ui_languages, profile.ui_languages.value, "offers"))
    checks.extend(
        _listed("certifications", c.certifications, profile.hosting.certifications.value, "holds")
    )
    checks.extend(_musts(profile, requirements))
    if c.budget_ceiling and project.budget is not None:
        ceiling = f"{project.budget.high:,.0f} {project.budget.currency}"
        if tco_total is None:
            checks.append(Check("budget", "unknown", "TCO unknown: no usable price"))
        elif tco_total > project.budget.high:
            checks.append(
                Check("budget", "fail", f"TCO {tco_total:,.0f} above the ceiling of {ceiling}")
            )
        else:
            checks.append(Check("budget", "pass", f"TCO {tco_total:,.0f} within {ceiling}"))
    return result


def _listed(name: str, required: list[str], known: list[str] | None, verb: str) -> list[Check]:
    if not required:
        return []
    lacking = [item for item in required if item not in (known or [])]
    if lacking:
        return [Check(name, "unknown", f"no source confirms it {verb} {', '.join(lacking)}")]
    return [Check(name, "pass", f"{verb} {', '.join(required)}")]


def _musts(profile: ProductProfile, requirements: Requirements) -> list[Check]:
    checks = []
    for domain, priority in requirements.domains.items():
        if priority is Priority.MUST:
            availability = getattr(profile.domains, domain.value).availability.value
            checks.append(_availability(f"domain:{domain.value}", availability))
    for key, priority in requirements.capabilities.items():
        if priority is Priority.MUST:
            coverage = profile.capabilities.get(key)
            availability = coverage.availability.value if coverage else None
            checks.append(_availability(f"capability:{key}", availability, CAPABILITIES[key].en))
    return checks


def _availability(name: str, availability: Availability | None, label: str | None = None) -> Check:
    what = label or name.split(":", 1)[1]
    if availability is None:
        return Check(name, "unknown", f"no source says whether {what} is offered")
    if availability is Availability.NOT_AVAILABLE:
        return Check(name, "fail", f"must-have {what} is not available")
    if availability in OFFERED:
        return Check(name, "pass", f"{what}: {availability.value.replace('_', ' ')}")
    return Check(name, "pass", f"{what}: through a separate product of the vendor")
