"""Evaluations by id."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from service.api.routes.projects import evaluation_summary
from service.deps import CurrentFirm, SessionDep
from service.errors import documented
from service.projects import runs
from service.projects.schemas import EvaluationPublic

router = APIRouter(prefix="/evaluations", tags=["evaluations"])

_NOT_FOUND = documented(e404="No such evaluation for your firm")


@router.get("/{evaluation_id}", response_model=EvaluationPublic, responses=_NOT_FOUND)
def read_evaluation(
    evaluation_id: uuid.UUID, session: SessionDep, firm: CurrentFirm
) -> EvaluationPublic:
    """Return an evaluation's whole snapshot: inputs, matrix, ranking, robustness, summary."""
    evaluation = runs.get_evaluation(session, firm_id=firm.id, evaluation_id=evaluation_id)
    return EvaluationPublic(**evaluation_summary(evaluation), snapshot=evaluation.snapshot)
