"""The criteria of the comparison grid (004 §08), their formulas and missing-fact policies.

Served as is by `GET /api/v1/criteria`, so a consultant can check how every number is made.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from vendors.vocabulary import Availability, Domain

PRIORITY_WEIGHT = {"must": 3, "should": 2, "could": 1}
AVAILABILITY_FACTOR = {
    Availability.INCLUDED: 1.0,
    Availability.ADD_ON: 0.8,
    Availability.SEPARATE_PRODUCT: 0.5,
    Availability.NOT_AVAILABLE: 0.0,
}
ASSUMED_DEPTH = 3.0  # of 5, for an offered capability whose depth nobody rated
# What each population needs beyond ease of use (DOMAIN.md, "Adoption and change").
POPULATION_CAPABILITIES = {
    "sales_field": ("mobile_app", "offline_mobile"),
    "sales_office": ("email_integration",),
    "marketing": ("open_api",),
    "service": (),
    "management": ("dashboards",),
}

_FIT_FORMULA = (
    "100 x sum(w_p x coverage_c) / sum(w_p) over the capabilities of the domain the client "
    "rated must (w=3), should (w=2) or could (w=1); without such capabilities, the domain "
    "itself. coverage_c = availability factor (included 1, add-on 0.8, separate product 0.5, "
    "not available 0) x depth/5 (depth rated 0-5; 3 assumed when nobody rated it)."
)
_FIT_MISSING = (
    "Unknown availability counts as not covered (0), unless someone rated the depth (then "
    "it is offered); an offered capability nobody rated is assumed 3/5. Each case is listed "
    "as a missing fact."
)
_RATING_MISSING = (
    "Unknown rating: the lowest rating known among the compared products (a product is never "
    "credited above the worst known one); when no compared product is rated, the criterion is "
    "left out of the evaluation and its weight shared among the others."
)


@dataclass(frozen=True)
class CriterionInfo:
    """One criterion of the grid."""

    key: str
    label_fr: str
    label_en: str
    objective: str
    unit: str
    formula: str
    when_missing: str
    applies: str

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return asdict(self)


def _fit(domain: Domain, fr: str, en: str) -> CriterionInfo:
    return CriterionInfo(
        key=f"fit_{domain.value}",
        label_fr=f"Couverture fonctionnelle : {fr}",
        label_en=f"Functional fit: {en}",
        objective="max",
        unit="%",
        formula=_FIT_FORMULA,
        when_missing=_FIT_MISSING,
        applies=f"when the {domain.value} domain is in scope (priority other than none)",
    )


CRITERIA: dict[str, CriterionInfo] = {
    info.key: info
    for info in (
        _fit(Domain.SALES, "ventes", "sales"),
        _fit(Domain.MARKETING, "marketing", "marketing"),
        _fit(Domain.SERVICE, "service client", "customer service"),
        _fit(Domain.FIELD_SERVICE, "interventions terrain", "field service"),
        CriterionInfo(
            key="fit_platform",
            label_fr="Capacités transverses (mobilité, tableaux de bord, intégrations)",
            label_en="Cross-domain capabilities (mobile, dashboards, integrations)",
            objective="max",
            unit="%",
            formula=_FIT_FORMULA.replace("of the domain", "that serve every domain"),
            when_missing=_FIT_MISSING,
            applies="when the client rated a cross-domain capability (mobile app, API, ...)",
        ),
        CriterionInfo(
            key="tco",
            label_fr="Coût total de possession sur la durée",
            label_en="Total cost of ownership over the horizon",
            objective="min",
            unit="budget currency",
            formula=(
                "Sum over the horizon of: subscription (seats x price x 12 for a monthly price), "
                "or licences once + maintenance % x licences a year + infrastructure a year; "
                "implementation (days + days per user) x day rate; installation days on "
                "premise; integrator fees % of services; training (trainer days for groups "
                "of 8 + trainees' hours) in year 1, continuous training from year 2; the "
                "client's own hours. Seats = all users. Each assumption is a stated, "
                "overridable project default (project.tco)."
            ),
            when_missing=(
                "No usable price: the highest TCO known among the compared products "
                "(conservative); when none is known, the criterion is left out."
            ),
            applies="always",
        ),
        CriterionInfo(
            key="adoption",
            label_fr="Facilité d'utilisation et d'adoption",
            label_en="Ease of use and adoption",
            objective="max",
            unit="0-5",
            formula=(
                "5 x sum(users_p x s_p) / sum(users_p) over the populations, s_p = mean of "
                "ease of use / 5 and the coverage of what the population needs: field sales "
                "mobile app and offline mobile, office sales Outlook/Gmail integration, "
                "marketing an open API to its tools, management dashboards."
            ),
            when_missing=_RATING_MISSING + " Capabilities: as for functional fit.",
            applies="always",
        ),
        CriterionInfo(
            key="ease_of_deployment",
            label_fr="Facilité de déploiement",
            label_en="Ease of deployment",
            objective="max",
            unit="0-5",
            formula="The product's ease-of-deployment rating (0-5), with its rater and date.",
            when_missing=_RATING_MISSING,
            applies="always",
        ),
        CriterionInfo(
            key="scalability",
            label_fr="Évolutivité",
            label_en="Scalability",
            objective="max",
            unit="0-5",
            formula="The product's scalability rating (0-5), with its rater and date.",
            when_missing=_RATING_MISSING,
            applies="always",
        ),
        CriterionInfo(
            key="hosting_compliance",
            label_fr="Hébergement et conformité",
            label_en="Hosting and compliance fit",
            objective="max",
            unit="%",
            formula=(
                "100 x mean of: hosting confirmed in an allowed place (1/0), and the share "
                "of required certifications the service is known to hold."
            ),
            when_missing="Unknown hosting or certification counts as not compliant (0).",
            applies="when the client allows only some hosting places or requires certifications",
        ),
    )
}
