"""The criteria of the grid with their formulas and missing-fact policies."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from service.selection.catalogue import CRITERIA

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


class CriteriaPublic(BaseModel):
    """Every criterion of the grid."""

    data: list[CriterionPublic]
    count: int


@router.get("", response_model=CriteriaPublic)
def list_criteria() -> CriteriaPublic:
    """List the criteria a project's grid is made of, with their formulas."""
    data = [CriterionPublic(**info.to_dict()) for info in CRITERIA.values()]
    return CriteriaPublic(data=data, count=len(data))
