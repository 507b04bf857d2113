"""Knock-outs on evidence: hard constraints a product must not fail, whatever its scores.

A constraint fails only when the known facts show that the product fails it in every edition
it could be bought in and for every value the unknown facts could take within their stated
ranges; it passes when every such value passes; otherwise the product is kept and the
constraint is marked ``to_confirm``, naming the facts to confirm. So an unknown fact never
eliminates a product, and never keeps one that would fail whatever it turns out to be.

- deployment: every allowed mode is known not to be offered;
- hosting: every place the sources list is wholly outside the allowed ones (a US-only listing
  for an EU requirement); "EU" listed for a "FR" requirement is to confirm;
- UI languages and certifications are confirmed when listed; a list that lacks one only says
  no source confirmed it (to confirm);
- a must-have domain or capability is known not to be available, or no edition is known to
  include every must-have while each edition is known to lack one;
- the budget ceiling: the TCO's whole range, cheapest possible edition at the lowest price,
  is above it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from service.selection.costs import ProductCost
from service.selection.facts import ProductFacts
from service.selection.inputs import Priority, Project, Requirements
from vendors.filters import OFFERED, hosting_status
from vendors.vocabulary import CAPABILITIES, Availability, DeploymentMode, Domain

Status = Literal["pass", "fail", "to_confirm"]


@dataclass(frozen=True)
class Check:
    """One constraint applied to one product; ``facts`` names the facts it rests on when it
    fails, or those to confirm."""

    constraint: str
    status: Status
    detail: str
    facts: tuple[str, ...] = ()
    # What `detail` says, for the exports to write it in the reader's language.
    code: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass
class KnockoutResult:
    """Every constraint's outcome for one product."""

    product: str
    checks: list[Check] = field(default_factory=list)

    @property
    def eliminated(self) -> bool:
        """Whether a constraint fails whatever the unknown facts turn out to be."""
        return any(check.status == "fail" for check in self.checks)

    @property
    def failed(self) -> list[Check]:
        """The constraints the product fails."""
        return [check for check in self.checks if check.status == "fail"]

    @property
    def to_confirm(self) -> list[Check]:
        """The constraints an unknown fact leaves open: to confirm with the vendor."""
        return [check for check in self.checks if check.status == "to_confirm"]


Part = tuple[str, Any]


def constraint_parts(requirements: Requirements) -> list[Part]:
    """The knock-outs a project's requirements call for, each with what it depends on: a
    product's check of one part is the same for every project that has that part."""
    c = requirements.constraints
    parts: list[Part] = []
    if c.deployment_modes:
        parts.append(("deployment", tuple(c.deployment_modes)))
    if c.hosting:
        parts.append(("hosting", tuple(c.hosting)))
    if c.ui_languages:
        parts.append(("ui_languages", tuple(c.ui_languages)))
    if c.certifications:
        parts.append(("certifications", tuple(c.certifications)))
    parts += [("domain", d) for d, p in requirements.domains.items() if p is Priority.MUST]
    musts = tuple(key for key, p in requirements.capabilities.items() if p is Priority.MUST)
    parts += [("capability", key) for key in musts]
    if len(musts) > 1:
        parts.append(("editions", musts))
    return parts


def part_checks(facts: ProductFacts, part: Part) -> list[Check]:
    """The product's check of one part of the constraints (none when it does not apply)."""
    kind, value = part
    if kind == "deployment":
        return [_deployment(facts, list(value))]
    if kind == "hosting":
        return [_hosting(facts, list(value))]
    if kind == "ui_languages":
        return _listed("ui_languages", list(value), facts.languages, "offers", "ui_languages")
    if kind == "certifications":
        return _listed(
            "certifications", list(value), facts.certifications, "holds", "hosting.certifications"
        )
    if kind == "domain":
        availability = facts.domains[Domain(value)].availability
        path = f"domains.{value}.availability"
        return [_availability(f"domain:{value}", availability, path)]
    if kind == "capability":
        path = f"capabilities.{value}.availability"
        label = CAPABILITIES[value].en
        return [
            _availability(f"capability:{value}", facts.coverage(value).availability, path, label)
        ]
    together = _musts_together(facts, list(value))
    return [] if together is None else [together]


def constraint_checks(facts: ProductFacts, requirements: Requirements) -> list[Check]:
    """Every check that depends on the requirements only (not on the cost)."""
    return [check for part in constraint_parts(requirements) for check in part_checks(facts, part)]


def _deployment(facts: ProductFacts, modes: list[DeploymentMode]) -> Check:
    values = {mode: facts.deployment[mode] for mode in modes}
    wanted = ", ".join(mode.value for mode in modes)
    paths = tuple(f"deployment.{mode.value}" for mode in modes)
    params = {"modes": [mode.value for mode in modes]}
    if any(value is True for value in values.values()):
        return Check("deployment", "pass", f"offered as {wanted}", (), "deployment_offered", params)
    if all(value is False for value in values.values()):
        detail = f"not offered as {wanted}"
        return Check("deployment", "fail", detail, paths, "deployment_not_offered", params)
    detail = f"no source confirms {wanted}"
    return Check("deployment", "to_confirm", detail, paths, "deployment_unconfirmed", params)


def budget_check(cost: ProductCost, project: Project) -> Check | None:
    """The budget ceiling against the TCO's whole range (None without a ceiling)."""
    budget = project.budget
    if budget is None:
        return None
    ceiling = f"{budget.high:,.0f} {budget.currency}"
    paths = tuple(unknown.path for unknown in cost.unknowns)
    if cost.unbounded:
        return Check(
            "budget",
            "to_confirm",
            "TCO unknown: no usable price and no comparable price to bound it",
            ("editions.*.price",),
            "budget_unbounded",
        )
    params = {
        "low": cost.low,
        "high": cost.high,
        "ceiling": budget.high,
        "currency": budget.currency,
    }
    if cost.low > budget.high:
        how = "even at the lowest price it could have" if cost.unknowns else "at its known price"
        return Check(
            "budget",
            "fail",
            f"TCO {cost.low:,.0f} or more ({how}) above the ceiling of {ceiling}",
            paths or ("editions.*.price",),
            "budget_above_lowest" if cost.unknowns else "budget_above",
            params,
        )
    if cost.high <= budget.high:
        shown = f"{cost.low:,.0f}" if cost.low == cost.high else f"{cost.low:,.0f}-{cost.high:,.0f}"
        code = "budget_within" if cost.low == cost.high else "budget_range_within"
        return Check("budget", "pass", f"TCO {shown} within {ceiling}", (), code, params)
    return Check(
        "budget",
        "to_confirm",
        f"TCO between {cost.low:,.0f} and {cost.high:,.0f}: may exceed the ceiling of {ceiling}",
        paths,
        "budget_may_exceed",
        params,
    )


def apply_knockouts(
    facts: ProductFacts,
    project: Project,
    requirements: Requirements,
    cost: ProductCost,
    checks: list[Check] | None = None,
) -> KnockoutResult:
    """Check every hard constraint of the project (``checks``: the requirement checks when
    already made for this product)."""
    result = KnockoutResult(
        facts.id, list(checks if checks is not None else constraint_checks(facts, requirements))
    )
    named = named_edition_check(facts, project, requirements)
    if named is not None:
        result.checks.append(named)
    if requirements.constraints.budget_ceiling:
        budget = budget_check(cost, project)
        if budget is not None:
            result.checks.append(budget)
    return result


def _hosting(facts: ProductFacts, allowed: list[str]) -> Check:
    places = list(facts.regions or ()) + list(facts.countries or ())
    wanted = ", ".join(allowed)
    paths = ("hosting.regions", "hosting.countries")
    status = hosting_status(facts.profile, allowed)
    params = {"places": places, "wanted": list(allowed)}
    if status == "pass":
        return Check("hosting", "pass", f"hosted in {wanted}", (), "hosting_in", params)
    if status == "fail":
        detail = f"hosted in {', '.join(places)}, not {wanted}"
        return Check("hosting", "fail", detail, paths, "hosting_outside", params)
    if places:
        detail = f"hosted in {', '.join(places)}: not confirmed to be in {wanted}"
        return Check("hosting", "to_confirm", detail, paths, "hosting_unconfirmed", params)
    detail = "hosting location not published"
    return Check("hosting", "to_confirm", detail, paths, "hosting_unpublished", params)


def _listed(
    name: str, required: list[str], known: tuple[str, ...] | None, verb: str, path: str
) -> list[Check]:
    if not required:
        return []
    lacking = [item for item in required if item not in (known or ())]
    if lacking:
        detail = f"no source confirms it {verb} {', '.join(lacking)}"
        code = f"{name}_unconfirmed"
        return [Check(name, "to_confirm", detail, (path,), code, {"items": lacking})]
    detail = f"{verb} {', '.join(required)}"
    return [Check(name, "pass", detail, (), f"{name}_confirmed", {"items": list(required)})]


def _musts_together(facts: ProductFacts, musts: list[str]) -> Check | None:
    """Fail when no edition can have every must-have: the editions known to include each
    must-have whose editions are known have none in common (a must-have whose editions are
    unknown can only narrow them further)."""
    if len(musts) < 2 or not facts.editions:
        return None
    known = {
        key: included for key in musts if (included := facts.coverage(key).in_editions) is not None
    }
    if len(known) < 2:
        return None
    common = [e.key for e in facts.editions if all(e.key in inc for inc in known.values())]
    if common:
        return None
    paths = tuple(f"capabilities.{key}.in_editions" for key in known)
    return Check(
        "editions",
        "fail",
        "no edition includes every must-have capability together",
        paths,
        "editions_none_together",
    )


def named_edition_check(
    facts: ProductFacts, project: Project, requirements: Requirements
) -> Check | None:
    """The edition the project names must have every must-have: it fails when one is known
    to be absent from it, and is to confirm when one's editions are unknown."""
    named = project.tco.editions.get(facts.id)
    if named is None or named not in {e.key for e in facts.editions}:
        return None
    musts = [key for key, p in requirements.capabilities.items() if p is Priority.MUST]
    lacking = [
        key
        for key in musts
        if (included := facts.coverage(key).in_editions) is not None and named not in included
    ]
    if lacking:
        labels = ", ".join(CAPABILITIES[key].en for key in lacking)
        paths = tuple(f"capabilities.{key}.in_editions" for key in lacking)
        return Check(
            "editions",
            "fail",
            f"the edition named by the project ({named}) lacks {labels}",
            paths,
            "edition_lacks",
            {"edition": named, "capabilities": lacking},
        )
    unknown = [key for key in musts if facts.coverage(key).in_editions is None]
    if unknown:
        paths = tuple(f"capabilities.{key}.in_editions" for key in unknown)
        detail = (
            f"not confirmed that the edition named by the project ({named}) has every must-have"
        )
        params = {"edition": named}
        return Check("editions", "to_confirm", detail, paths, "edition_unconfirmed", params)
    return None


def _availability(
    name: str, availability: Availability | None, path: str, label: str | None = None
) -> Check:
    what = label or name.split(":", 1)[1]
    if availability is None:
        detail = f"no source says whether {what} is offered"
        return Check(name, "to_confirm", detail, (path,), "need_unknown")
    if availability is Availability.NOT_AVAILABLE:
        detail = f"must-have {what} is not available"
        return Check(name, "fail", detail, (path,), "need_absent")
    if availability in OFFERED:
        detail = f"{what}: {availability.value.replace('_', ' ')}"
        params = {"availability": availability.value}
        return Check(name, "pass", detail, (), "need_offered", params)
    detail = f"{what}: through a separate product of the vendor"
    return Check(name, "pass", detail, (), "need_separate")
