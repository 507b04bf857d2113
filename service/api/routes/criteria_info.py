"""The criteria of the grid with their formulas, and how every kind of unknown fact is treated
(labels and policies from the `analysis` catalogs)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.selection.analysis import ROBUST_SHARE, SAMPLES, WEIGHT_SPREAD
from service.selection.currency import ecb_source
from service.selection.registry import CRITERIA
from service.selection.unknowns import Kind, policy

router = APIRouter(prefix="/criteria", tags=["criteria"])


class CriterionPublic(BaseModel):
    """One criterion: what it measures, how, and what happens when a fact is missing."""

    key: str
    label_fr: str
    label_en: str
    objective: str
    unit: str
    formula: str
    when_missing: str
    applies: str


class PolicyPublic(BaseModel):
    """How one kind of unknown fact is ranged and drawn."""

    kind: str
    policy: str
    policy_fr: str


class AnalysisPublic(BaseModel):
    """How an evaluation draws the weights and the unknown facts, and when it calls a verdict
    robust."""

    samples: int
    weight_spread: float = Field(description="Each weight may be off by up to this share of it.")
    robust_share: float = Field(
        description="A winner is robust when it stays first in at least this share of the "
        "weight draws and of the completions of the unknown facts."
    )
    exchange_rates: str = Field(description="Where default exchange rates come from.")


class CriteriaPublic(BaseModel):
    """Every criterion of the grid, and the policies for unknown facts."""

    data: list[CriterionPublic]
    count: int
    policies: list[PolicyPublic]
    analysis: AnalysisPublic


@router.get("", response_model=CriteriaPublic)
def list_criteria() -> CriteriaPublic:
    """List the criteria a project's grid is made of, with their formulas and the policy for
    each kind of unknown fact."""
    data = [CriterionPublic(**entry.to_dict()) for entry in CRITERIA.values()]
    return CriteriaPublic(
        data=data,
        count=len(data),
        policies=[
            PolicyPublic(kind=kind.value, policy=policy(kind).en, policy_fr=policy(kind).fr)
            for kind in Kind
        ],
        analysis=AnalysisPublic(
            samples=SAMPLES,
            weight_spread=WEIGHT_SPREAD,
            robust_share=ROBUST_SHARE,
            exchange_rates="the project's tco.exchange_rates, else the " + ecb_source(),
        ),
    )
