"""Evaluations by id."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from service.api.routes.projects import evaluation_summary
from service.deps import CurrentFirm, SessionDep
from service.errors import documented
from service.projects import runs
from service.projects.schemas import EvaluationChanges, EvaluationPublic, EvaluationSummary

router = APIRouter(prefix="/evaluations", tags=["evaluations"])

_NOT_FOUND = documented(e404="No such evaluation for your firm")
_COMPARED = documented(
    e404="No such evaluation for your firm",
    e409="An evaluation made by an earlier engine (legacy_evaluation): run it again",
    e422="The two evaluations are of different projects",
)


@router.get("/{evaluation_id}", response_model=EvaluationPublic, responses=_NOT_FOUND)
def read_evaluation(
    evaluation_id: uuid.UUID, session: SessionDep, firm: CurrentFirm
) -> EvaluationPublic:
    """Return an evaluation's whole snapshot: inputs, matrix, ranking, robustness, summary."""
    evaluation = runs.get_evaluation(session, firm_id=firm.id, evaluation_id=evaluation_id)
    return EvaluationPublic(**evaluation_summary(evaluation), snapshot=evaluation.snapshot)


@router.get(
    "/{evaluation_id}/compare/{other_id}", response_model=EvaluationChanges, responses=_COMPARED
)
def compare_evaluations(
    evaluation_id: uuid.UUID, other_id: uuid.UUID, session: SessionDep, firm: CurrentFirm
) -> EvaluationChanges:
    """What changed from one evaluation of a project (`evaluation_id`, the earlier one as a
    rule) to another (`other_id`): the facts with their old and new value, source and
    confidence; each criterion's values; each product's score, rank and probability of
    ranking first; whether the winner changed; and a short paragraph in French and English."""
    before, after, changes = runs.compare_evaluations(
        session, firm_id=firm.id, before_id=evaluation_id, after_id=other_id
    )
    return EvaluationChanges(
        **changes.model_dump(),
        project_id=before.project_id,
        before=EvaluationSummary(**evaluation_summary(before)),
        after=EvaluationSummary(**evaluation_summary(after)),
    )
