"""Decision impact (004 §07): each requirement rated 1-5 for its positive impact on the end
customer and for the change of habits it imposes on staff, and the vigilance points that
follow for change management.

A requirement imposing a strong change of habits (4 or 5) is a vigilance point; it is `high`
when the change is total (5), when it is known to fall (by the rating, the requirement's
domain or the population a capability serves) on a population the articles describe as
resistant (field sales who see the CRM as surveillance, an after-sales service that dreads
change) or when the client rated itself weak (1-2) on human impacts, communication or
sponsorship. A point whose customer impact is low (1-2) is flagged for the client to
reconsider: much change for little benefit to the customer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema

from service.i18n import Text, listing
from service.selection.fields import POPULATIONS, InputModel, Population, Rating15, no_repeats
from vendors.labels import Label
from vendors.vocabulary import CAPABILITIES, Domain

#: The knock-out constraints a client can rate, each one's label the message `impact_<name>`.
CONSTRAINT_KEYS = ("hosting", "deployment_modes", "ui_languages", "certifications", "budget")
REQUIREMENT_KEYS = (
    *(f"domain:{d.value}" for d in Domain),
    *(f"capability:{key}" for key in CAPABILITIES),
    *(f"constraint:{name}" for name in CONSTRAINT_KEYS),
)
#: Populations the articles describe as resistant to a CRM, and the message saying why.
RESISTANT: Mapping[str, str] = {
    "sales_field": "vigilance_resistant_sales_field",
    "service": "vigilance_resistant_service",
}
#: Readiness factors whose weakness (1-2) makes a strong change of habits riskier.
CHANGE_FACTORS = ("human_impacts", "communication", "sponsors")
STRONG_CHANGE = 4
LOW_CUSTOMER_IMPACT = 2
# Who a requirement changes the habits of when the rating does not say.
_DOMAIN_POPULATIONS: Mapping[str, tuple[Population, ...]] = {
    "sales": ("sales_field", "sales_office"),
    "marketing": ("marketing",),
    "service": ("service",),
    "field_service": ("service",),
}
_CAPABILITY_POPULATIONS: Mapping[str, tuple[Population, ...]] = {
    "mobile_app": ("sales_field",),
    "offline_mobile": ("sales_field",),
    "email_integration": ("sales_office",),
    "dashboards": ("management",),
}


def _known(key: str) -> str:
    if key not in REQUIREMENT_KEYS:
        raise ValueError(
            f"unknown requirement {key!r}: domain:<domain>, capability:<key> or "
            f"constraint:<{'|'.join(CONSTRAINT_KEYS)}>"
        )
    return key


RequirementKey = Annotated[
    str,
    AfterValidator(_known),
    WithJsonSchema({"type": "string", "enum": list(REQUIREMENT_KEYS)}),
]


class DecisionImpact(InputModel):
    """A requirement's two ratings (004 §07), 1 (low) to 5 (high)."""

    customer_impact: Rating15 = Field(description="Positive impact for the end customer.")
    habit_change: Rating15 = Field(description="Change of habits it imposes on staff.")
    populations: Annotated[list[Population], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        json_schema_extra={"uniqueItems": True},
        description="Whose habits change; by default those of the requirement's domain.",
    )
    note: str | None = Field(default=None, max_length=1000)


Level = Literal["high", "watch"]


@dataclass(frozen=True)
class VigilancePoint:
    """A requirement that calls for change management, and why."""

    requirement: str
    label: Text | Label
    customer_impact: int
    habit_change: int
    populations: tuple[str, ...]
    resistant: tuple[str, ...]
    weak_factors: tuple[str, ...]
    readiness_rated: bool
    level: Level
    reconsider: bool

    @property
    def advice(self) -> tuple[Text, ...]:
        """The point in a few sentences, for the risks section."""
        parts: list[Text] = [
            Text(
                "analysis",
                "vigilance_change",
                {
                    "requirement": self.label,
                    "habit": str(self.habit_change),
                    "impact": str(self.customer_impact),
                },
            )
        ]
        parts += [Text("analysis", RESISTANT[p]) for p in self.resistant]
        if self.weak_factors:
            factors = [Text("analysis", f"readiness_{f}") for f in self.weak_factors]
            parts.append(
                Text("analysis", "vigilance_weak_readiness", {"factors": listing(factors)})
            )
        elif not self.readiness_rated:
            parts.append(Text("analysis", "vigilance_readiness_unrated"))
        if self.reconsider:
            parts.append(Text("analysis", "vigilance_reconsider"))
        return tuple(parts)

    def advice_in(self, lang: str) -> str:
        """The advice written in `lang`."""
        return " ".join(part.in_lang(lang) for part in self.advice)


def requirement_label(key: str) -> Text | Label:
    """A requirement's name: its domain's or capability's label, or the constraint's."""
    kind, name = key.split(":", 1)
    if kind == "constraint":
        return Text("analysis", f"impact_{name}")
    return Label(f"{kind}_{name}")


def affected(key: str, rating: DecisionImpact) -> tuple[tuple[Population, ...], bool]:
    """Whose habits the requirement changes, and whether that is known: as rated, else by its
    domain or the population a capability serves; everyone, unknown, for a constraint or a
    capability of no population."""
    if rating.populations:
        return tuple(p for p in POPULATIONS if p in rating.populations), True
    kind, name = key.split(":", 1)
    if kind == "domain":
        return _DOMAIN_POPULATIONS[name], True
    if kind == "capability":
        if name in _CAPABILITY_POPULATIONS:
            return _CAPABILITY_POPULATIONS[name], True
        domain = CAPABILITIES[name].domain
        if domain is not None:
            return _DOMAIN_POPULATIONS[domain.value], True
    return POPULATIONS, False


def vigilance(
    impacts: Mapping[str, DecisionImpact],
    scope: Sequence[str],
    users: Mapping[str, int],
    readiness: Mapping[str, int | None],
) -> list[VigilancePoint]:
    """The vigilance points of the rated requirements in `scope`, highest first: each with
    the populations it affects that have users (all it affects when the project counts none),
    the resistant ones among them and the client's weak change factors."""
    weak = tuple(f for f in CHANGE_FACTORS if (readiness.get(f) or 5) <= 2)
    rated = any(readiness.get(f) is not None for f in CHANGE_FACTORS)
    anyone = any(users.values())
    points = []
    for key in scope:
        rating = impacts.get(key)
        if rating is None or rating.habit_change < STRONG_CHANGE:
            continue
        whom, specific = affected(key, rating)
        people = tuple(p for p in whom if users.get(p) or not anyone)
        # A population said to resist only when the change is known to fall on it.
        resistant = tuple(p for p in people if p in RESISTANT) if specific else ()
        high = rating.habit_change == 5 or bool(resistant) or bool(weak)
        points.append(
            VigilancePoint(
                requirement=key,
                label=requirement_label(key),
                customer_impact=rating.customer_impact,
                habit_change=rating.habit_change,
                populations=people,
                resistant=resistant,
                weak_factors=weak,
                readiness_rated=rated,
                level="high" if high else "watch",
                reconsider=rating.customer_impact <= LOW_CUSTOMER_IMPACT,
            )
        )
    order = {"high": 0, "watch": 1}
    return sorted(
        points, key=lambda p: (order[p.level], -p.habit_change, p.customer_impact, p.requirement)
    )
