"""Client projects: requirements, stakeholders' weights, history, shortlist and evaluations."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, status

from criteria import InvalidProblem
from service.api.etags import (
    ETAG_HEADER,
    PRECONDITIONS,
    IfMatch,
    IfNoneMatch,
    etag,
    expected_version,
    not_modified,
    precondition,
    tag_response,
)
from service.api.location import locate, located
from service.db import reading, release
from service.deps import CurrentFirm, CurrentPrincipal, SessionDep
from service.errors import ErrorResponse, FieldError, InvalidInput, documented
from service.pagination import Limit, Offset
from service.projects import runs
from service.projects import service as projects
from service.projects.models import ClientProject, Evaluation
from service.projects.schemas import (
    AggregatePublic,
    EvaluationCreate,
    EvaluationPublic,
    EvaluationsPublic,
    EvaluationSummary,
    EventPublic,
    HistoryPublic,
    ProjectCreate,
    ProjectDeleted,
    ProjectPublic,
    ProjectsPublic,
    ProjectSummary,
    ProjectUpdate,
    RequirementsPut,
    ShortlistPublic,
    StakeholderPublic,
    WeightsPut,
)
from service.selection.inputs import ProjectContext, Requirements
from service.selection.methods import Method, check_method_params
from service.selection.weights import StakeholderWeightsIn, stakeholder_weights

router = APIRouter(prefix="/projects", tags=["projects"])

_NOT_FOUND = documented(e404="No such project for your firm")
_STALE: dict[int | str, dict[str, Any]] = {
    200: {"headers": ETAG_HEADER},
    404: _NOT_FOUND[404],
    409: {"model": ErrorResponse, "description": "Stale version: the project changed meanwhile"},
    **{code: {"model": ErrorResponse, **entry} for code, entry in PRECONDITIONS.items()},
}
StakeholderName = Annotated[
    str, Path(min_length=1, max_length=100, pattern=r"^[\w .'-]+$", description="e.g. direction")
]


def project_public(session: SessionDep, row: ClientProject) -> ProjectPublic:
    """Return a project with its requirements and stakeholders."""
    people = []
    for s in projects.stakeholders(session, project_id=row.id):
        diagnostics = s.diagnostics or {}
        people.append(
            StakeholderPublic(
                name=s.name,
                method=s.method,
                given=s.given,
                weights=s.weights,
                consistency_ratio=diagnostics.get("consistency_ratio"),
                consistent=diagnostics.get("consistent"),
                judgements_to_revisit=diagnostics.get("inconsistent_judgements") or [],
                updated_at=s.updated_at,
            )
        )
    aggregate = projects.project_weights(session, row=row)
    return ProjectPublic(
        **row.data,
        id=row.id,
        version=row.version,
        requirements=None if row.requirements is None else Requirements(**row.requirements),
        stakeholders=people,
        weights=AggregatePublic(
            weights=aggregate.weights,
            method=aggregate.method,
            stakeholders=aggregate.stakeholders,
            spread=aggregate.spread,
            disagreements=aggregate.disagreements,
        ),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def evaluation_summary(evaluation: Evaluation) -> dict[str, Any]:
    """The listing fields of an evaluation."""
    return {
        "id": evaluation.id,
        "project_id": evaluation.project_id,
        "method": evaluation.method,
        "project_version": evaluation.project_version,
        "catalog_version": evaluation.catalog_version_id,
        "input_hash": evaluation.input_hash,
        "winner": evaluation.snapshot["result"]["ranking"][0],
        "include_eliminated": bool(
            evaluation.snapshot.get("inputs", {}).get("include_eliminated", False)
        ),
        "created_by": evaluation.created_by,
        "created_at": evaluation.created_at,
    }


@router.post(
    "",
    response_model=ProjectPublic,
    status_code=status.HTTP_201_CREATED,
    responses=located(status.HTTP_201_CREATED),
)
def create_project(
    body: ProjectCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> ProjectPublic:
    """Create a client project (context, users per population, horizon, budget, cost defaults)."""
    row = projects.create_project(
        session, firm_id=principal.firm.id, actor=principal.actor, project=body
    )
    locate(request, response, "read_project", project_id=row.id)
    return project_public(session, row)


@router.get("", response_model=ProjectsPublic)
def list_projects(
    session: SessionDep, firm: CurrentFirm, limit: Limit = 50, offset: Offset = 0
) -> ProjectsPublic:
    """List your firm's projects, most recently changed first."""
    rows, count = projects.list_projects(session, firm_id=firm.id, limit=limit, offset=offset)
    return ProjectsPublic(
        data=[
            ProjectSummary(
                id=row.id,
                client_name=row.client_name,
                context=ProjectContext(row.data["context"]),
                version=row.version,
                updated_at=row.updated_at,
            )
            for row in rows
        ],
        count=count,
    )


@router.get(
    "/{project_id}",
    response_model=ProjectPublic,
    responses={
        **_NOT_FOUND,
        200: {"headers": ETAG_HEADER},
        304: {"description": "If-None-Match holds the project's current ETag"},
    },
)
def read_project(
    project_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    firm: CurrentFirm,
    if_none_match: IfNoneMatch = None,
) -> ProjectPublic | Response:
    """Return a project with its requirements and stakeholders' weights, and its version as an
    ETag (304 when If-None-Match holds it)."""
    row = projects.get_project(session, firm_id=firm.id, project_id=project_id)
    if not_modified(if_none_match, row.version):
        return Response(status_code=304, headers={"ETag": etag(row.version)})
    tag_response(response, row.version)
    return project_public(session, row)


@router.patch("/{project_id}", response_model=ProjectPublic, responses=_STALE)
def update_project(
    project_id: uuid.UUID,
    body: ProjectUpdate,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
    if_match: IfMatch = None,
) -> ProjectPublic:
    """Change some fields of a project; send the version you read, in the body or as If-Match
    (409 or 412 if it is stale)."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    version = expected_version(if_match, body.version, current=row.version)
    changes = body.model_dump(mode="json", exclude_unset=True, exclude={"version"})
    with precondition(if_match):
        row = projects.update_project(
            session, row=row, actor=principal.actor, version=version, changes=changes
        )
    tag_response(response, row.version)
    return project_public(session, row)


@router.delete("/{project_id}", response_model=ProjectDeleted, responses=_STALE)
def delete_project(
    project_id: uuid.UUID,
    session: SessionDep,
    firm: CurrentFirm,
    version: Annotated[
        int | None,
        Query(
            ge=1,
            le=2**31 - 1,
            description="The version you read (or its ETag as If-Match); a stale one gets 409.",
        ),
    ] = None,
    if_match: IfMatch = None,
) -> ProjectDeleted:
    """Delete a project together with its evaluations, stakeholders' weights and history.

    Export the evaluations you want to keep first: they are deleted with the project. The
    version guards against deleting changes you have not seen.
    """
    row = projects.get_project(session, firm_id=firm.id, project_id=project_id)
    version = expected_version(if_match, version, current=row.version)
    with precondition(if_match):
        evaluations, events = projects.delete_project(session, row=row, version=version)
    return ProjectDeleted(
        id=project_id,
        deleted_evaluations=evaluations,
        deleted_history_events=events,
        detail=f"Project deleted with its {evaluations} evaluation(s) and {events} history "
        "event(s).",
    )


@router.put("/{project_id}/requirements", response_model=ProjectPublic, responses=_STALE)
def put_requirements(
    project_id: uuid.UUID,
    body: RequirementsPut,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
    if_match: IfMatch = None,
) -> ProjectPublic:
    """Replace the requirements: domains and capabilities with priorities, knock-outs, readiness."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    version = expected_version(if_match, body.version, current=row.version)
    requirements = Requirements(**body.model_dump(exclude={"version"}))
    with precondition(if_match):
        row = projects.put_requirements(
            session, row=row, actor=principal.actor, version=version, requirements=requirements
        )
    tag_response(response, row.version)
    return project_public(session, row)


@router.put(
    "/{project_id}/stakeholders/{name}/weights", response_model=ProjectPublic, responses=_STALE
)
def put_weights(
    project_id: uuid.UUID,
    name: StakeholderName,
    body: WeightsPut,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
    if_match: IfMatch = None,
) -> ProjectPublic:
    """Set one stakeholder's priorities: direct points, a rank order or AHP judgements."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    version = expected_version(if_match, body.version, current=row.version)
    given = StakeholderWeightsIn(**body.model_dump(exclude={"version"}, exclude_none=True))
    try:
        derived = stakeholder_weights(name, given)
    except InvalidProblem as exc:
        raise InvalidInput(
            f"Unusable weights: {exc}.",
            fields=[FieldError(field=f"body.{exc.field}", message=exc.reason)],
        ) from exc
    with precondition(if_match):
        projects.put_stakeholder_weights(
            session,
            row=row,
            actor=principal.actor,
            version=version,
            name=name,
            given=given,
            derived=derived,
        )
    tag_response(response, row.version)
    return project_public(session, row)


@router.get("/{project_id}/history", response_model=HistoryPublic, responses=_NOT_FOUND)
def read_history(
    project_id: uuid.UUID,
    session: SessionDep,
    firm: CurrentFirm,
    limit: Limit = 50,
    offset: Offset = 0,
) -> HistoryPublic:
    """Every change to the project (who, when, what), newest first."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    rows, count = projects.history(session, project_id=project_id, limit=limit, offset=offset)
    return HistoryPublic(
        data=[EventPublic.model_validate(row, from_attributes=True) for row in rows], count=count
    )


@router.get("/{project_id}/shortlist", response_model=ShortlistPublic, responses=_NOT_FOUND)
def read_shortlist(
    project_id: uuid.UUID,
    session: SessionDep,
    firm: CurrentFirm,
    size: Annotated[int, Query(ge=1, le=10, description="How many candidates.")] = 3,
    method: Annotated[
        Method, Query(description="The ranking method, as the evaluation will use it.")
    ] = "topsis",
    params: Annotated[
        str | None,
        Query(
            max_length=2000,
            description="The method's parameters as JSON, as the evaluation takes them, e.g. "
            '{"v": 0.5} for VIKOR.',
        ),
    ] = None,
) -> ShortlistPublic:
    """Knock-outs on evidence over the catalog and your firm's products, the survivors ranked
    at expected values, and the best candidates ordered by their probability of ranking first
    (over the weights and the unknown facts, exactly as their evaluation would give it)."""
    row = projects.get_project(session, firm_id=firm.id, project_id=project_id)
    options = _method_params(method, params)
    return ShortlistPublic(
        **runs.shortlist(
            session, row=row, firm_id=firm.id, size=size, method=method, params=options
        )
    )


def _method_params(method: str, text: str | None) -> dict[str, Any]:
    """The shortlist's method parameters from their JSON text (422 naming what is wrong)."""
    if text is None:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise InvalidInput(
            'params must be a JSON object, e.g. {"v": 0.5}.',
            fields=[FieldError(field="query.params", message="must be a JSON object")],
        )
    try:
        check_method_params(method, value)
    except ValueError as exc:
        raise InvalidInput(
            f"Invalid params: {exc}.", fields=[FieldError(field="query.params", message=str(exc))]
        ) from exc
    return value


@router.post(
    "/{project_id}/evaluations",
    response_model=EvaluationPublic,
    status_code=status.HTTP_201_CREATED,
    responses={**_NOT_FOUND, **located(status.HTTP_201_CREATED)},
)
def create_evaluation(
    project_id: uuid.UUID,
    body: EvaluationCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> EvaluationPublic:
    """Evaluate 2 to 10 products: an immutable, explained snapshot with its robustness."""
    reading(session)  # what the analysis reads takes no write lock; the snapshot is written after
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    evaluation = runs.create_evaluation(
        session,
        row=row,
        firm_id=principal.firm.id,
        actor=principal.actor,
        product_ids=body.products,
        method=body.method,
        params=body.params,
        include_eliminated=body.include_eliminated,
    )
    release(session)  # stored: the answer is built with no write lock held
    locate(request, response, "read_evaluation", evaluation_id=evaluation.id)
    return EvaluationPublic(**evaluation_summary(evaluation), snapshot=evaluation.snapshot)


@router.get("/{project_id}/evaluations", response_model=EvaluationsPublic, responses=_NOT_FOUND)
def list_evaluations(
    project_id: uuid.UUID,
    session: SessionDep,
    firm: CurrentFirm,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EvaluationsPublic:
    """The project's evaluations, newest first."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    rows, count = runs.list_evaluations(session, project_id=project_id, limit=limit, offset=offset)
    return EvaluationsPublic(
        data=[EvaluationSummary(**evaluation_summary(row)) for row in rows], count=count
    )
