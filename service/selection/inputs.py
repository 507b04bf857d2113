"""What a client project says: context, users, budget, requirements, constraints, readiness,
and the cost assumptions (stated defaults, overridable per project)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StrictBool, StrictFloat

from service.selection.fields import (
    CapabilityKey,
    CertificationKey,
    CurrencyCode,
    HorizonYears,
    HostingPlace,
    InputModel,
    LanguageCode,
    LowHigh,
    Money,
    Rating15,
    UserCount,
    no_repeats,
)
from service.selection.gains import Gains
from service.selection.impacts import (
    CONSTRAINT_KEYS,
    REQUIREMENT_KEYS,
    DecisionImpact,
    RequirementKey,
)
from vendors.schema import MAX_DAYS
from vendors.vocabulary import CAPABILITIES, CompanySize, DeploymentMode, Domain


class ProjectContext(StrEnum):
    """The four project contexts of the source articles (000-003)."""

    FIRST_CRM = "first_crm"
    RELAUNCH = "relaunch"
    CLOUD_MIGRATION = "cloud_migration"
    MARKETING_AUTOMATION = "marketing_automation"


class Priority(StrEnum):
    """MoSCoW priority; `none` is MoSCoW's "won't" (out of scope)."""

    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    NONE = "none"


class Populations(InputModel):
    """CRM users per population; they react differently to a CRM (DOMAIN.md)."""

    sales_field: UserCount = 0
    sales_office: UserCount = 0
    marketing: UserCount = 0
    service: UserCount = 0
    management: UserCount = 0

    @property
    def total(self) -> int:
        """Every CRM user: the seat count."""
        return (
            self.sales_field + self.sales_office + self.marketing + self.service + self.management
        )


class Budget(LowHigh):
    """The client's budget over the TCO horizon, as a low-high range (004 §10)."""

    low: Money
    high: Money
    currency: CurrencyCode = "EUR"


class Constraints(InputModel):
    """Knock-outs: a product that fails one is eliminated, whatever its scores."""

    hosting: Annotated[list[HostingPlace], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        json_schema_extra={"uniqueItems": True},
        description="Allowed hosting places (EU, FR, ...); empty allows any.",
    )
    deployment_modes: Annotated[list[DeploymentMode], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        json_schema_extra={"uniqueItems": True},
        description="Allowed deployment modes; empty allows any.",
    )
    ui_languages: Annotated[list[LanguageCode], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        json_schema_extra={"uniqueItems": True},
        description="UI languages the product must offer.",
    )
    certifications: Annotated[list[CertificationKey], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        json_schema_extra={"uniqueItems": True},
        description="Certifications the service must hold.",
    )
    budget_ceiling: StrictBool = Field(
        default=True,
        description="Eliminate products whose TCO over the horizon exceeds budget.high.",
    )


class ChangeReadiness(InputModel):
    """The client's readiness on the five change-management factors (1 weak - 5 strong).

    Shown as risks and advice; never mixed into the products' scores.
    """

    sponsors: Rating15 | None = None
    governance: Rating15 | None = None
    scoping_planning: Rating15 | None = None
    human_impacts: Rating15 | None = None
    communication: Rating15 | None = None


class Requirements(InputModel):
    """Domains and capabilities with their priority, the knock-outs, and change readiness."""

    domains: dict[Domain, Priority] = Field(
        default_factory=dict, description="Priority per functional domain; missing means none."
    )
    capabilities: dict[CapabilityKey, Priority] = Field(
        default_factory=dict, description="MoSCoW priority per capability."
    )
    constraints: Constraints = Field(default_factory=Constraints)
    change_readiness: ChangeReadiness = Field(default_factory=ChangeReadiness)
    impacts: dict[RequirementKey, DecisionImpact] = Field(
        default_factory=dict,
        max_length=len(REQUIREMENT_KEYS),
        description="Decision impact per requirement (004 §07): `domain:<domain>`, "
        "`capability:<key>` or `constraint:<hosting|deployment_modes|ui_languages|"
        "certifications|budget>`, each rated 1-5 for the end customer and for staff habits.",
    )

    def requirement_keys(self, *, has_budget: bool) -> list[str]:
        """The requirements this project asks for, as `impacts` names them: domains and
        capabilities with a priority, constraints that are set (the budget ceiling only with
        a budget)."""
        c = self.constraints
        constraints = {
            "hosting": bool(c.hosting),
            "deployment_modes": bool(c.deployment_modes),
            "ui_languages": bool(c.ui_languages),
            "certifications": bool(c.certifications),
            "budget": c.budget_ceiling and has_budget,
        }
        return [
            *(f"domain:{d.value}" for d in self.in_scope()),
            *(f"capability:{k}" for k, p in self.capabilities.items() if p is not Priority.NONE),
            *(f"constraint:{name}" for name in CONSTRAINT_KEYS if constraints[name]),
        ]

    def in_scope(self) -> list[Domain]:
        """Domains with a priority other than none, in vocabulary order."""
        return [d for d in Domain if self.domains.get(d, Priority.NONE) is not Priority.NONE]

    def fit_domains(self) -> dict[Domain, Priority]:
        """The domains whose functional fit is scored, with their priority: those in scope,
        and those of the capabilities the client asked for (at the capability's highest
        priority), so that no requested capability goes unscored."""
        ranked = [Priority.MUST, Priority.SHOULD, Priority.COULD]
        scored = {d: self.domains[d] for d in self.in_scope()}
        for key, priority in self.capabilities.items():
            domain = CAPABILITIES[key].domain
            if domain is None or priority is Priority.NONE or domain in scored:
                continue
            implied = [
                p
                for other, p in self.capabilities.items()
                if CAPABILITIES[other].domain is domain and p is not Priority.NONE
            ]
            scored[domain] = min(implied, key=ranked.index)
        return {d: scored[d] for d in Domain if d in scored}


#: Integrator days of a project whose product has no estimate and that sets none.
DEFAULT_IMPLEMENTATION_DAYS = 15.0


class TcoAssumptions(InputModel):
    """The cost assumptions of the TCO, each overridable per project.

    Vendor prices come from the catalog. Everything else is a planning assumption of
    Shortlist, not a market figure: the consultant should set it for each client. The
    maintenance default is the middle of the 15-20 % of 004 §05.
    """

    exchange_rates: dict[CurrencyCode, Annotated[StrictFloat, Field(gt=0, le=1e6)]] = Field(
        default_factory=dict,
        description="Units of the budget currency per unit of another currency, e.g. "
        '{"USD": 0.86}. Prices in a currency without a rate are treated as unpublished.',
    )
    editions: dict[str, str] = Field(
        default_factory=dict,
        description="Edition to price per product id, overriding the automatic choice.",
    )
    integrator_day_rate: Money = Field(default=900, description="Integrator day rate.")
    implementation_days: Annotated[StrictFloat, Field(ge=0, le=MAX_DAYS)] | None = Field(
        default=None,
        description="Integrator days to set up the CRM, whatever the size. Empty: each "
        "product's own estimate when the catalog has one (deployment.implementation_days), "
        f"else {DEFAULT_IMPLEMENTATION_DAYS:g}.",
    )
    implementation_days_per_user: Annotated[StrictFloat, Field(ge=0, le=100)] = Field(
        default=0.2, description="Further integrator days per user."
    )
    installation_days_on_premise: Annotated[StrictFloat, Field(ge=0, le=1_000)] = Field(
        default=5, description="Extra days to install an on-premise product (none for SaaS)."
    )
    project_management_pct: Annotated[StrictFloat, Field(ge=0, le=100)] = Field(
        default=15,
        description="Integrator fees (project management, specification, benchmark) as a % "
        "of the implementation services.",
    )
    training_hours_per_user: Annotated[StrictFloat, Field(ge=0, le=1_000)] = Field(
        default=7, description="Initial training per user, in hours (year 1)."
    )
    continuous_training_hours_per_user: Annotated[StrictFloat, Field(ge=0, le=1_000)] = Field(
        default=2, description="Continuous training per user and year, from year 2."
    )
    trainer_day_rate: Money = Field(default=900, description="Trainer day rate (7 hours).")
    internal_hours: Annotated[StrictFloat, Field(ge=0, le=1_000_000)] = Field(
        default=120, description="Client staff hours on the project (year 1)."
    )
    internal_hourly_cost: Money = Field(default=45, description="Loaded cost of a staff hour.")
    infrastructure_per_year: Money = Field(
        default=6000,
        description="Servers, backups, security software per year, on-premise only (004 §05).",
    )
    maintenance_pct: Annotated[StrictFloat, Field(ge=0, le=100)] = Field(
        default=17.5,
        description="Yearly maintenance as a % of the licences, when the catalog does not say "
        "(004 §05: typically 15-20 %).",
    )


class Project(InputModel):
    """Everything the selection needs to know about one client project."""

    client_name: str = Field(min_length=1, max_length=200)
    sector: str | None = Field(default=None, max_length=200)
    size: CompanySize | None = None
    context: ProjectContext
    users: Populations = Field(default_factory=Populations)
    horizon_years: HorizonYears = 3
    budget: Budget | None = None
    notes: str | None = Field(default=None, max_length=10_000)
    tco: TcoAssumptions = Field(default_factory=TcoAssumptions)
    gains: Gains | None = Field(
        default=None,
        description="The gains the client expects a year (004 §09); with them, each "
        "finalist's return on investment. None: no gain is stated, no ROI is shown.",
    )
