"""Criteria weights: each stakeholder's (direct points, a rank order or AHP judgements), their
aggregate with where they disagree, and presets per project context as starting points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

import numpy as np
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    WithJsonSchema,
    model_validator,
)

from criteria import weights as elicitation
from service.selection.inputs import Priority, ProjectContext, Requirements
from service.selection.registry import CRITERIA, PRIORITY_WEIGHT
from vendors.vocabulary import CAPABILITIES


def _criterion(key: str) -> str:
    if key not in CRITERIA:
        raise ValueError(f"unknown criterion {key!r}; expected one of {', '.join(CRITERIA)}")
    return key


#: A criterion of the registry, published as an enum in the JSON schema.
CriterionKey = Annotated[
    str, AfterValidator(_criterion), WithJsonSchema({"type": "string", "enum": list(CRITERIA)})
]

DISAGREEMENT_THRESHOLD = 0.10  # spread of a criterion's weight across stakeholders worth showing


class WeightMethod(StrEnum):
    """How a stakeholder expressed priorities."""

    DIRECT = "direct"
    RANK = "rank"
    AHP = "ahp"


class StakeholderWeightsIn(BaseModel):
    """One stakeholder's priorities, in one of three ways.

    - direct: `points` per criterion (any scale, normalised);
    - rank: `order`, the criteria from most to least important (rank-order centroid weights);
    - ahp: `criteria` and the `pairwise` matrix of Saaty's 1/9-9 judgements.
    """

    model_config = ConfigDict(extra="forbid")

    method: WeightMethod
    points: dict[CriterionKey, Annotated[StrictFloat, Field(ge=0, le=1e6)]] | None = None
    order: list[CriterionKey] | None = Field(default=None, min_length=1, max_length=10)
    criteria: list[CriterionKey] | None = Field(default=None, min_length=2, max_length=10)
    pairwise: list[list[Annotated[StrictFloat, Field(gt=0, le=9)]]] | None = Field(
        default=None, min_length=2, max_length=10
    )

    @model_validator(mode="after")
    def _matches_method(self) -> StakeholderWeightsIn:
        needed = {
            WeightMethod.DIRECT: ("points",),
            WeightMethod.RANK: ("order",),
            WeightMethod.AHP: ("criteria", "pairwise"),
        }[self.method]
        for name in ("points", "order", "criteria", "pairwise"):
            given = getattr(self, name) is not None
            if name in needed and not given:
                raise ValueError(f"method {self.method.value} needs {name}")
            if name not in needed and given:
                raise ValueError(f"{name} does not go with method {self.method.value}")
        if self.points is not None and not any(self.points.values()):
            raise ValueError("points must not all be zero")
        for name in ("order", "criteria"):
            items = getattr(self, name)
            if items is not None and len(set(items)) != len(items):
                raise ValueError(f"{name} must not repeat a criterion")
        if self.pairwise is not None and self.criteria is not None:
            n = len(self.criteria)
            if len(self.pairwise) != n or any(len(row) != n for row in self.pairwise):
                raise ValueError(f"pairwise must be a {n} x {n} matrix, one row per criterion")
        return self


@dataclass
class StakeholderWeights:
    """A stakeholder's normalised weights, with the AHP diagnostics when AHP was used."""

    name: str
    method: WeightMethod
    weights: dict[str, float]
    ahp: dict[str, Any] | None = None


def stakeholder_weights(name: str, given: StakeholderWeightsIn) -> StakeholderWeights:
    """Turn one stakeholder's input into weights (raises criteria.InvalidProblem if unusable)."""
    if given.method is WeightMethod.DIRECT:
        assert given.points is not None
        keys = list(given.points)
        values = elicitation.direct([given.points[key] for key in keys])
        return StakeholderWeights(name, given.method, _as_dict(keys, values))
    if given.method is WeightMethod.RANK:
        assert given.order is not None
        values = elicitation.roc(list(range(1, len(given.order) + 1)))
        return StakeholderWeights(name, given.method, _as_dict(given.order, values))
    assert given.criteria is not None
    assert given.pairwise is not None
    result = elicitation.ahp(given.pairwise, criteria=given.criteria)
    return StakeholderWeights(
        name, given.method, _as_dict(given.criteria, result.weights), ahp=result.to_dict()
    )


@dataclass
class AggregateWeights:
    """The project's weights and how its stakeholders agree on them."""

    weights: dict[str, float]
    method: str
    stakeholders: list[str]
    spread: dict[str, dict[str, float]] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    group_ahp: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return self.__dict__.copy()


def aggregate(
    stakeholders: Sequence[StakeholderWeights],
    inputs: Mapping[str, StakeholderWeightsIn],
    *,
    context: ProjectContext,
    requirements: Requirements,
) -> AggregateWeights:
    """Combine stakeholders' weights; the context preset when nobody has weighed in.

    When every stakeholder used AHP on the same criteria (in any order), their judgements are
    combined by geometric mean (AIJ, Aczél & Saaty 1983). Otherwise the normalised weight
    vectors are averaged, a criterion a stakeholder did not weigh counting as 0 from them:
    direct points and rank orders are over the criteria they chose to weigh. `spread` shows
    each criterion's lowest and highest weight across stakeholders.
    """
    if not stakeholders:
        return AggregateWeights(preset(context, requirements), f"preset:{context.value}", [])
    names = [s.name for s in stakeholders]
    keys = sorted({key for s in stakeholders for key in s.weights})
    table = np.array([[s.weights.get(key, 0.0) for key in keys] for s in stakeholders])
    ahp_inputs = [inputs[s.name] for s in stakeholders if s.method is WeightMethod.AHP]
    same_criteria = len({frozenset(i.criteria or ()) for i in ahp_inputs}) == 1
    group = None
    if len(ahp_inputs) == len(stakeholders) and same_criteria and len(stakeholders) > 1:
        crit: list[str] = list(ahp_inputs[0].criteria or ())
        judgements = [_reordered(i, crit) for i in ahp_inputs]
        result = elicitation.ahp_group(judgements, criteria=crit)
        combined = _as_dict(crit, result.weights)
        method = "ahp_geometric_mean_of_judgements"
        group = result.to_dict()
    else:
        combined = _as_dict(keys, table.mean(axis=0))
        method = "mean_of_weights" if len(stakeholders) > 1 else stakeholders[0].method.value
    spread = {
        key: {"min": float(table[:, j].min()), "max": float(table[:, j].max())}
        for j, key in enumerate(keys)
    }
    disagreements = [
        key for key, s in spread.items() if s["max"] - s["min"] > DISAGREEMENT_THRESHOLD
    ]
    return AggregateWeights(combined, method, names, spread, disagreements, group)


# Starting weights per context, by criteria family (DOMAIN.md, "Adoption and change"): a first
# CRM and a relaunch stake everything on adoption, a relaunch on quick wins above all; a move
# to SaaS weighs hosting and cost; marketing automation weighs the marketing domain.
PRESETS: dict[ProjectContext, dict[str, float]] = {
    ProjectContext.FIRST_CRM: {
        "fit": 30, "tco": 20, "adoption": 25, "ease_of_deployment": 15, "scalability": 5,
        "hosting_compliance": 5,
    },
    ProjectContext.RELAUNCH: {
        "fit": 25, "tco": 15, "adoption": 35, "ease_of_deployment": 15, "scalability": 5,
        "hosting_compliance": 5,
    },
    ProjectContext.CLOUD_MIGRATION: {
        "fit": 25, "tco": 20, "adoption": 15, "ease_of_deployment": 15, "scalability": 10,
        "hosting_compliance": 15,
    },
    ProjectContext.MARKETING_AUTOMATION: {
        "fit": 40, "tco": 15, "adoption": 20, "ease_of_deployment": 10, "scalability": 10,
        "hosting_compliance": 5,
    },
}  # fmt: skip


def preset(context: ProjectContext, requirements: Requirements) -> dict[str, float]:
    """The context's starting weights; the fit share is split across the domains in scope by
    their priority (must 3, should 2, could 1), cross-domain capabilities counting as could."""
    family = PRESETS[context]
    assert set(family) == {entry.family for entry in CRITERIA.values()}, "a criterion has no preset"
    shares = {
        f"fit_{d.value}": float(PRIORITY_WEIGHT[priority.value])
        for d, priority in requirements.fit_domains().items()
    }
    if any(
        CAPABILITIES[key].domain is None and priority is not Priority.NONE
        for key, priority in requirements.capabilities.items()
    ):
        shares["fit_platform"] = float(PRIORITY_WEIGHT["could"])
    total_share = sum(shares.values())
    result = {key: family["fit"] * share / total_share for key, share in shares.items()}
    result.update({key: value for key, value in family.items() if key != "fit"})
    scale = sum(result.values())
    return {key: value / scale for key, value in result.items()}


def restrict(weights: Mapping[str, float], criteria: Sequence[str]) -> dict[str, float] | None:
    """Keep the weights of `criteria`, renormalised; None when they are all zero."""
    kept = {key: float(weights.get(key, 0.0)) for key in criteria}
    total = sum(kept.values())
    if total <= 0:
        return None
    return {key: value / total for key, value in kept.items()}


def _reordered(given: StakeholderWeightsIn, order: Sequence[str]) -> list[list[float]]:
    """A stakeholder's pairwise matrix with its rows and columns in `order`."""
    assert given.criteria is not None
    assert given.pairwise is not None
    position: dict[str, int] = {key: i for i, key in enumerate(given.criteria)}
    index = [position[key] for key in order]
    return [[given.pairwise[i][j] for j in index] for i in index]


def _as_dict(keys: Sequence[str], values: Any) -> dict[str, float]:
    return {key: float(value) for key, value in zip(keys, values, strict=True)}
