"""The criteria of the comparison grid (004 §08): one entry per criterion with its formula
and missing-fact policy in words, when it applies, and the one function that computes a
product's value from its facts. The shortlist, the evaluation and the batch all read values
through :data:`CRITERIA`; ``GET /api/v1/criteria`` publishes the same entries. A criterion's
label and its phrase inside a sentence are in the `analysis` catalogs (``criterion_<key>``,
``criterion_<key>_phrase``).

Adding a criterion is one entry here, its share in the presets (``weights.PRESETS``) and its
two messages in each language's catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from service.i18n import LANGS, Text
from service.selection.benefit import NetBenefit, product_gains
from service.selection.costs import CostCache, PriceBounds, ProductCost, product_cost
from service.selection.currency import Rates
from service.selection.facts import ProductFacts
from service.selection.gains import stated, value_for_money
from service.selection.inputs import Priority, Project, Requirements
from service.selection.unknowns import (
    RATING_SCALE,
    Cell,
    Kind,
    Linear,
    Unknown,
    binary,
    uniform,
)
from vendors.filters import hosting_status
from vendors.vocabulary import CAPABILITIES, Availability, Domain

PRIORITY_WEIGHT = {"must": 3, "should": 2, "could": 1}
AVAILABILITY_FACTOR = {
    Availability.INCLUDED: 1.0,
    Availability.ADD_ON: 0.8,
    Availability.SEPARATE_PRODUCT: 0.5,
    Availability.NOT_AVAILABLE: 0.0,
}
# What each population needs beyond ease of use (DOMAIN.md, "Adoption and change").
POPULATION_CAPABILITIES = {
    "sales_field": ("mobile_app", "offline_mobile"),
    "sales_office": ("email_integration",),
    "marketing": ("open_api",),
    "service": (),
    "management": ("dashboards",),
}
RATING_CRITERIA = ("ease_of_deployment", "scalability")
# Terms of a linear value: (coefficient, unknowns multiplied together).
Terms = list[tuple[float, tuple[Unknown, ...]]]


@dataclass(frozen=True)
class Requirement:
    """One need the functional fit scores: a capability, or a whole domain without any."""

    name: str
    kind: str  # "capability" or "domain"
    priority: Priority
    group: str  # the fit criterion's suffix: a domain or "platform"

    @property
    def path(self) -> str:
        """Where the catalog keeps the need's facts."""
        return f"{'capabilities' if self.kind == 'capability' else 'domains'}.{self.name}"


@dataclass
class Context:
    """What the formulas need besides a product's facts: the client's project, its needs,
    the rates and price bounds, and what the compared products say at all (a depth or a
    rating that no compared product has is left out rather than guessed for all)."""

    project: Project
    requirements: Requirements
    rates: Rates
    bounds: PriceBounds
    depth_rated: frozenset[str] = frozenset()
    rated: frozenset[str] = frozenset()
    requirements_plan: tuple[Requirement, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)
    costs: dict[str, ProductCost] = field(default_factory=dict)
    cache: CostCache = field(default_factory=CostCache)

    @classmethod
    def of(
        cls,
        project: Project,
        requirements: Requirements,
        compared: Sequence[ProductFacts],
        *,
        rates: Rates,
        bounds: PriceBounds,
        costs: dict[str, ProductCost] | None = None,
        cache: CostCache | None = None,
    ) -> Context:
        """The context of one comparison among ``compared`` (``costs`` and ``cache``: the
        cost models already made for this project, and what the market can lend)."""
        plan = requirements_plan(requirements)
        return cls(
            project=project,
            requirements=requirements,
            rates=rates,
            bounds=bounds,
            depth_rated=_depth_rated(compared, plan),
            rated=frozenset(
                key
                for facts in compared
                for key, value in facts.ratings.items()
                if value is not None
            ),
            requirements_plan=plan,
            counts=population_counts(project),
            costs={} if costs is None else costs,
            cache=CostCache() if cache is None else cache,
        )

    def cost(self, facts: ProductFacts) -> ProductCost:
        """The product's cost model for this project (computed once)."""
        found = self.costs.get(facts.id)
        if found is None:
            found = product_cost(
                facts, self.project, self.requirements, self.rates, self.bounds, self.cache
            )
            self.costs[facts.id] = found
        return found


@dataclass(frozen=True)
class CriterionDef:
    """One criterion of the grid."""

    key: str
    objective: str
    unit: str  # "%", "0-5" or "currency"
    formula: str
    when_missing: str
    applies_text: str
    family: str  # its share in the presets
    applies: Callable[[Project, Requirements, Sequence[Requirement]], bool]  # with its plan
    compute: Callable[[ProductFacts, Context], Cell | None]
    left_out: str  # why, when ``compute`` gives nothing for every compared product

    @property
    def label(self) -> Text:
        """Its name, as a title: "Coût total de possession sur la durée"."""
        return Text("analysis", f"criterion_{self.key}")

    @property
    def phrase(self) -> Text:
        """The criterion inside a sentence: "le coût total de possession"."""
        return Text("analysis", f"criterion_{self.key}_phrase")

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``GET /api/v1/criteria``, its label in each language."""
        return {
            "key": self.key,
            **{f"label_{lang}": self.label.in_lang(lang) for lang in LANGS},
            "objective": self.objective,
            "unit": self.unit,
            "formula": self.formula,
            "when_missing": self.when_missing,
            "applies": self.applies_text,
        }


def requirements_plan(requirements: Requirements) -> tuple[Requirement, ...]:
    """The needs the functional fit scores, in the order of the grid."""
    plan: list[Requirement] = []
    for domain, priority in requirements.fit_domains().items():
        has_capabilities = any(
            CAPABILITIES[key].domain is domain and p is not Priority.NONE
            for key, p in requirements.capabilities.items()
        )
        if not has_capabilities:
            plan.append(Requirement(domain.value, "domain", priority, domain.value))
    for key, priority in requirements.capabilities.items():
        if priority is Priority.NONE:
            continue
        domain_of = CAPABILITIES[key].domain
        group = "platform" if domain_of is None else domain_of.value
        plan.append(Requirement(key, "capability", priority, group))
    return tuple(plan)


def population_counts(project: Project) -> dict[str, int]:
    """Users per population; every population counts once when the project gives none."""
    counts = {pop: int(getattr(project.users, pop)) for pop in POPULATION_CAPABILITIES}
    if not any(counts.values()):
        counts = dict.fromkeys(counts, 1)
    return counts


def coverage_terms(facts: ProductFacts, name: str, kind: str, ctx: Context) -> tuple[float, Terms]:
    """How well the product covers one need (0-1): a constant and terms of unknown facts.

    Known availability times depth/5; depth is left out (counts 1) when no compared product
    rated it for this need. Unknown availability is a 0/1 unknown; a rated depth implies the
    capability is offered.
    """
    rated_elsewhere = name in ctx.depth_rated
    key = (name, kind, rated_elsewhere)
    found = facts.memo.get(key)
    if found is None:
        found = facts.memo[key] = _coverage_terms(facts, name, kind, rated_elsewhere)
    return found


def _coverage_terms(
    facts: ProductFacts, name: str, kind: str, rated_elsewhere: bool
) -> tuple[float, Terms]:
    coverage = facts.coverage(name) if kind == "capability" else facts.domains[Domain(name)]
    path = f"{'capabilities' if kind == 'capability' else 'domains'}.{name}"
    depth: tuple[float, tuple[Unknown, ...]]  # (factor, unknown depth if any)
    if coverage.depth is not None:
        depth = (coverage.depth / 5.0, ())
    elif rated_elsewhere:
        low, high = RATING_SCALE
        unknown = uniform(
            facts.id, f"{path}.depth", Kind.DEPTH, low, high, need=name, need_kind=kind
        )
        depth = (1.0 / 5.0, (unknown,))
    else:
        depth = (1.0, ())
    if coverage.availability is None and coverage.depth is not None:
        return depth[0], []
    if coverage.availability is None:
        available = binary(
            facts.id, f"{path}.availability", Kind.AVAILABILITY, need=name, need_kind=kind
        )
        return 0.0, [(depth[0], (available, *depth[1]))]
    factor = AVAILABILITY_FACTOR[coverage.availability]
    if depth[1]:
        return 0.0, [(factor * depth[0], depth[1])]
    return factor * depth[0], []


def _fit(group: str) -> Callable[[ProductFacts, Context], Cell | None]:
    def compute(facts: ProductFacts, ctx: Context) -> Cell | None:
        needs = [r for r in ctx.requirements_plan if r.group == group]
        if not needs:
            return None
        total = float(sum(PRIORITY_WEIGHT[r.priority.value] for r in needs))
        const, terms = 0.0, []
        for need in needs:
            scale = 100.0 * PRIORITY_WEIGHT[need.priority.value] / total
            c, t = coverage_terms(facts, need.name, need.kind, ctx)
            const += scale * c
            terms += [(scale * coef, unknowns) for coef, unknowns in t]
        return Linear(const, terms)

    return compute


def _rating_terms(
    facts: ProductFacts, key: str, ctx: Context, scale: float
) -> tuple[float, Terms] | None:
    """A 0-5 rating times ``scale``: a constant when rated, an unknown when another compared
    product is rated, nothing when none is."""
    value = facts.ratings.get(key)
    if value is not None:
        return scale * value, []
    if key not in ctx.rated:
        return None
    low, high = RATING_SCALE
    return 0.0, [
        (scale, (uniform(facts.id, f"ratings.{key}", Kind.RATING, low, high, rating=key),))
    ]


def _rating(key: str) -> Callable[[ProductFacts, Context], Cell | None]:
    def compute(facts: ProductFacts, ctx: Context) -> Cell | None:
        found = _rating_terms(facts, key, ctx, 1.0)
        return None if found is None else Linear(*found)

    return compute


def _adoption(facts: ProductFacts, ctx: Context) -> Cell | None:
    """5 x sum(users_p x s_p) / sum(users_p), s_p the mean of the population's parts."""
    ease = _rating_terms(facts, "ease_of_use", ctx, 1.0 / 5.0)
    const, terms = 0.0, []
    people = 0
    for population, count in ctx.counts.items():
        parts = [] if ease is None else [ease]
        parts += [
            coverage_terms(facts, key, "capability", ctx)
            for key in POPULATION_CAPABILITIES[population]
        ]
        if not count or not parts:
            continue
        people += count
        for c, t in parts:
            share = count / len(parts)
            const += share * c
            terms += [(share * coef, unknowns) for coef, unknowns in t]
    if not people:
        return None
    scale = 5.0 / people
    return Linear(scale * const, [(scale * coef, unknowns) for coef, unknowns in terms])


def _tco(facts: ProductFacts, ctx: Context) -> Cell | None:
    return ctx.cost(facts)


def _value_for_money(facts: ProductFacts, ctx: Context) -> Cell | None:
    gains = stated(ctx.project.gains)
    if gains is None:
        return None
    return NetBenefit(product_gains(facts, gains, ctx.project), ctx.cost(facts))


def _compliance(facts: ProductFacts, ctx: Context) -> Cell | None:
    """100 x mean of: hosting in an allowed place, and the share of required certifications."""
    c = ctx.requirements.constraints
    parts: list[tuple[float, Terms]] = []
    if c.hosting:
        status = hosting_status(facts.profile, c.hosting)
        if status == "unknown":
            place: Unknown = binary(facts.id, "hosting", Kind.HOSTING, places=tuple(c.hosting))
            parts.append((0.0, [(1.0, (place,))]))
        else:
            parts.append((1.0 if status == "pass" else 0.0, []))
    if c.certifications:
        held = set(facts.certifications or ())
        share = 1.0 / len(c.certifications)
        const, terms = 0.0, Terms()
        for cert in c.certifications:
            if cert in held:
                const += share
            else:
                unknown = binary(
                    facts.id,
                    f"hosting.certifications.{cert}",
                    Kind.CERTIFICATION,
                    certification=cert,
                )
                terms.append((share, (unknown,)))
        parts.append((const, terms))
    if not parts:
        return None
    scale = 100.0 / len(parts)
    return Linear(
        scale * sum(const for const, _ in parts),
        [(scale * coef, unknowns) for _, terms in parts for coef, unknowns in terms],
    )


def _depth_rated(compared: Iterable[ProductFacts], plan: Sequence[Requirement]) -> frozenset[str]:
    """The needs (and population capabilities) whose depth some compared product rated."""
    names = {r.name: r.kind for r in plan}
    names.update({key: "capability" for keys in POPULATION_CAPABILITIES.values() for key in keys})
    rated = set()
    for facts in compared:
        for name, kind in names.items():
            coverage = facts.coverage(name) if kind == "capability" else facts.domains[Domain(name)]
            if coverage.depth is not None:
                rated.add(name)
    return frozenset(rated)


_FIT_FORMULA = (
    "100 x sum(w_r x coverage_r) / sum(w_r) over the needs of the domain the client rated "
    "must (w=3), should (w=2) or could (w=1); without such capabilities, the domain itself. "
    "coverage_r = availability factor (included 1, add-on 0.8, separate product 0.5, not "
    "available 0) x depth/5 when some compared product has a depth rating for that need."
)
_FIT_MISSING = (
    "Unknown availability: a range between 0 (not available) and 1 (included), each equally "
    "likely; a product is never said to lack what is only unknown. Depth: see the depth "
    "policy."
)
_RATING_MISSING = (
    "Unknown rating: the whole 0-5 scale (uniform) unless a consultant's or a demonstration's "
    "rating narrows it; when no compared product has the rating, the criterion is left out "
    "and its weight named."
)


def _fit_def(domain: str) -> CriterionDef:
    return CriterionDef(
        key=f"fit_{domain}",
        objective="max",
        unit="%",
        formula=_FIT_FORMULA,
        when_missing=_FIT_MISSING,
        applies_text=(
            f"when the {domain} domain is in scope, or a capability of it is requested"
            if domain != "platform"
            else "when the client rated a cross-domain capability (mobile app, API, ...)"
        ),
        family="fit",
        applies=lambda project, requirements, plan: any(r.group == domain for r in plan),
        compute=_fit(domain),
        left_out="no need of this domain is in scope",
    )


def _rating_def(key: str) -> CriterionDef:
    """A criterion that is one of the product's 0-5 ratings."""
    return CriterionDef(
        key=key,
        objective="max",
        unit="0-5",
        formula=f"The product's {key.replace('_', ' ')} rating (0-5), with its rater and date.",
        when_missing=_RATING_MISSING,
        applies_text="always",
        family=key,
        applies=lambda project, requirements, plan: True,
        compute=_rating(key),
        left_out="no compared product has a rating",
    )


CRITERIA: dict[str, CriterionDef] = {
    entry.key: entry
    for entry in (
        _fit_def("sales"),
        _fit_def("marketing"),
        _fit_def("service"),
        _fit_def("field_service"),
        _fit_def("platform"),
        CriterionDef(
            key="tco",
            objective="min",
            unit="currency",
            formula=(
                "Sum over the horizon of: subscription (seats x price x 12 for a monthly "
                "price), or licences once + maintenance % x licences a year + infrastructure "
                "a year; implementation (days + days per user) x day rate; installation days "
                "on premise; integrator fees % of services; training (trainer days for groups "
                "of 8 + trainees' hours) in year 1, continuous training from year 2; the "
                "client's own hours. Seats = all users. Service figures are stated, "
                "overridable project assumptions (project.tco); prices are converted with "
                "the project's rates, else the ECB reference rates."
            ),
            when_missing=(
                "Unknown price or edition: a range, see the price policy; unknown licence "
                "maintenance: 15-20 % a year. Never a single worst-case number."
            ),
            applies_text="always",
            family="tco",
            applies=lambda project, requirements, plan: not value_for_money(project.gains),
            compute=_tco,
            left_out="no price can be ranged",
        ),
        CriterionDef(
            key="adoption",
            objective="max",
            unit="0-5",
            formula=(
                "5 x sum(users_p x s_p) / sum(users_p) over the populations, s_p = mean of "
                "ease of use / 5 (when some compared product is rated) and the coverage of "
                "what the population needs: field sales mobile app and offline mobile, office "
                "sales Outlook/Gmail integration, marketing an open API to its tools, "
                "management dashboards."
            ),
            when_missing=_RATING_MISSING + " Capabilities: as for functional fit.",
            applies_text="always",
            family="adoption",
            applies=lambda project, requirements, plan: True,
            compute=_adoption,
            left_out="no population has anything known or rated to score",
        ),
        CriterionDef(
            key="value_for_money",
            objective="max",
            unit="currency",
            formula=(
                "Net benefit over the horizon, undiscounted: the gains the client stated "
                "(project.gains, each line ranked at the middle of its range for each year it "
                "counts) minus the TCO; shown from the low to the high ends of the ranges. A "
                "line relying on capabilities counts for a product known to offer them, not "
                "for one known to lack one."
            ),
            when_missing=(
                "The TCO's unknowns as for the cost; a capability a gain relies on, not known: "
                "offered or not, each equally likely (as for functional fit)."
            ),
            applies_text="in place of the TCO, when the consultant asks for it "
            "(project.gains.value_for_money); it takes the cost's weight",
            family="tco",
            applies=lambda project, requirements, plan: value_for_money(project.gains),
            compute=_value_for_money,
            left_out="no price can be ranged",
        ),
        _rating_def("ease_of_deployment"),
        _rating_def("scalability"),
        CriterionDef(
            key="hosting_compliance",
            objective="max",
            unit="%",
            formula=(
                "100 x mean of: hosting confirmed in an allowed place (1/0), and the share "
                "of required certifications the service is known to hold."
            ),
            when_missing=(
                "Hosting or a certification not confirmed: held or not, each equally likely "
                "(a range from 0 to 1 for that part)."
            ),
            applies_text=(
                "when the client allows only some hosting places or requires certifications"
            ),
            family="hosting_compliance",
            applies=lambda project, requirements, plan: bool(
                requirements.constraints.hosting or requirements.constraints.certifications
            ),
            compute=_compliance,
            left_out="no hosting or certification constraint",
        ),
    )
}


def applicable_criteria(
    project: Project, requirements: Requirements, plan: Sequence[Requirement] | None = None
) -> list[str]:
    """The criteria this project and its requirements call for, in grid order (``plan``:
    its :func:`requirements_plan`, when already made)."""
    needs = requirements_plan(requirements) if plan is None else plan
    return [key for key, entry in CRITERIA.items() if entry.applies(project, requirements, needs)]


#: A criterion that stands in for another takes its weight when it has none of its own.
STANDS_FOR = {"value_for_money": "tco"}


def criterion_weight(weights: Mapping[str, float], key: str) -> float:
    """The weight of criterion `key`: its own, else that of the criterion it stands for."""
    if key in weights:
        return float(weights[key])
    return float(weights.get(STANDS_FOR.get(key, ""), 0.0))
