"""Scripted demonstrations: the consultant's scenarios, the scores evaluators give the
finalists, and the ratings the project's evaluations take from them."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status

from service.api.location import locate, located
from service.demos import service as demos
from service.demos.models import DemoScenario, DemoScore
from service.demos.schemas import (
    DisagreementOut,
    RatingOut,
    RatingsOut,
    ScenarioCreate,
    ScenarioOut,
    ScenariosOut,
    ScenarioUpdate,
    ScoreOut,
    ScoresGiven,
)
from service.deps import CurrentFirm, CurrentPrincipal, SessionDep
from service.errors import documented
from service.projects import service as projects

router = APIRouter(prefix="/projects/{project_id}", tags=["demonstrations"])

_NOT_FOUND = documented(e404="No such project or scenario for your firm")


def scenario_out(scenario: DemoScenario, scores: list[DemoScore]) -> ScenarioOut:
    return ScenarioOut(
        id=scenario.id,
        project_id=scenario.project_id,
        title=scenario.title,
        description=scenario.description,
        criteria=scenario.criteria,
        products=scenario.products,
        open_to_clients=scenario.open_to_clients,
        created_by=scenario.created_by,
        created_at=scenario.created_at,
        scores=[
            ScoreOut.model_validate(s, from_attributes=True)
            for s in scores
            if s.scenario_id == scenario.id
        ],
    )


@router.post(
    "/demo-scenarios",
    response_model=ScenarioOut,
    status_code=status.HTTP_201_CREATED,
    responses={
        **documented(
            e404="No such project for your firm",
            e422="A criterion a demonstration does not rate, or an unknown product",
        ),
        **located(status.HTTP_201_CREATED),
    },
)
def create_demo_scenario(
    project_id: uuid.UUID,
    body: ScenarioCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> ScenarioOut:
    """Define a scripted demonstration for the finalists, tied to the criteria it informs."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    scenario = demos.create_scenario(
        session,
        row=row,
        actor=principal.actor,
        title=body.title,
        description=body.description or None,
        criteria=body.criteria,
        products=body.products,
        open_to_clients=body.open_to_clients,
    )
    locate(
        request,
        response,
        "read_demo_scenario",
        project_id=project_id,
        scenario_id=scenario.id,
    )
    return scenario_out(scenario, [])


@router.get("/demo-scenarios", response_model=ScenariosOut, responses=_NOT_FOUND)
def list_demo_scenarios(
    project_id: uuid.UUID, session: SessionDep, firm: CurrentFirm
) -> ScenariosOut:
    """The project's scenarios with every score given, oldest first."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    scenarios = demos.list_scenarios(session, project_id=project_id)
    scores = demos.scores_of(session, scenario_ids=[s.id for s in scenarios])
    return ScenariosOut(data=[scenario_out(s, scores) for s in scenarios], count=len(scenarios))


@router.get("/demo-scenarios/{scenario_id}", response_model=ScenarioOut, responses=_NOT_FOUND)
def read_demo_scenario(
    project_id: uuid.UUID, scenario_id: uuid.UUID, session: SessionDep, firm: CurrentFirm
) -> ScenarioOut:
    """One scenario with its scores."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    scenario = demos.get_scenario(session, project_id=project_id, scenario_id=scenario_id)
    return scenario_out(scenario, demos.scores_of(session, scenario_ids=[scenario.id]))


@router.patch(
    "/demo-scenarios/{scenario_id}",
    response_model=ScenarioOut,
    responses=documented(
        e404="No such project or scenario for your firm",
        e422="A criterion a demonstration does not rate",
    ),
)
def update_demo_scenario(
    project_id: uuid.UUID,
    scenario_id: uuid.UUID,
    body: ScenarioUpdate,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> ScenarioOut:
    """Change a scenario; `open_to_clients: true` shows it to the client's key users on
    their invitation link, for scoring."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    scenario = demos.get_scenario(session, project_id=project_id, scenario_id=scenario_id)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("description") == "":
        changes["description"] = None
    for name in ("title", "criteria", "open_to_clients"):
        if name in changes and changes[name] is None:
            del changes[name]  # null leaves them as they are
    demos.update_scenario(
        session, row=row, scenario=scenario, actor=principal.actor, changes=changes
    )
    return scenario_out(scenario, demos.scores_of(session, scenario_ids=[scenario.id]))


@router.delete(
    "/demo-scenarios/{scenario_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_NOT_FOUND
)
def delete_demo_scenario(
    project_id: uuid.UUID, scenario_id: uuid.UUID, session: SessionDep, principal: CurrentPrincipal
) -> None:
    """Remove a scenario with its scores; the ratings it gave go with them."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    scenario = demos.get_scenario(session, project_id=project_id, scenario_id=scenario_id)
    demos.delete_scenario(session, row=row, scenario=scenario, actor=principal.actor)


@router.put(
    "/demo-scenarios/{scenario_id}/scores",
    response_model=ScenarioOut,
    responses=documented(
        e404="No such project or scenario for your firm",
        e422="A score outside 1-5, or a product the scenario does not demonstrate",
    ),
)
def score_demo_scenario(
    project_id: uuid.UUID,
    scenario_id: uuid.UUID,
    body: ScoresGiven,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> ScenarioOut:
    """Score the demonstrated products from 1 to 5 as a consultant evaluator; scoring again
    replaces that evaluator's earlier scores."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    scenario = demos.get_scenario(session, project_id=project_id, scenario_id=scenario_id)
    demos.give_scores(
        session,
        row=row,
        scenario=scenario,
        evaluator=body.evaluator,
        role="consultant",
        scores=[demos.ScoreIn(s.product, s.score, s.comment or None) for s in body.scores],
        actor=principal.actor,
    )
    return scenario_out(scenario, demos.scores_of(session, scenario_ids=[scenario.id]))


@router.get("/demo-ratings", response_model=RatingsOut, responses=_NOT_FOUND)
def demo_ratings(project_id: uuid.UUID, session: SessionDep, firm: CurrentFirm) -> RatingsOut:
    """What the demonstrations give the project's evaluations: per product and criterion, the
    median score with its spread, the evaluators furthest from it, and the scenarios behind
    it."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    found = demos.project_ratings(session, project_id=project_id)
    data = [
        RatingOut(
            product=r.product,
            criterion=r.target,
            path=r.path,
            median=r.median,
            low=r.low,
            high=r.high,
            spread=r.spread,
            scores=r.count,
            evaluators=r.evaluators,
            scenarios=[uuid.UUID(s) for s in r.scenarios],
            last_scored=r.last_day,
            disagreeing=[DisagreementOut(**vars(d)) for d in r.disagreeing],
        )
        for r in found
    ]
    return RatingsOut(data=data, count=len(data))
