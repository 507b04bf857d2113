"""Scripted demonstrations of a project: the consultant's scenarios, the evaluators' scores
(consultants through the API, the client's key users through their invitation link) and the
`demo_verified` ratings they give the project's evaluations. Functions flush; the caller
commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from service.demos.models import DemoScenario, DemoScore
from service.demos.ratings import DemoRating, GivenScore, aggregate, as_fact, target_path
from service.errors import FieldError, InvalidInput, NotFound
from service.projects import service as projects
from service.projects.models import ClientProject
from vendors import service as catalog
from vendors.patching import apply_facts
from vendors.schema import ProductProfile
from vendors.sqlbase import utc_now


class ScenarioNotFound(NotFound):
    """No such demonstration scenario for this project."""


@dataclass(frozen=True)
class ScoreIn:
    """A score given (None withdraws the evaluator's earlier score of the product)."""

    product: str
    score: int | None
    comment: str | None = None


def check_targets(criteria: Sequence[str], *, field: str) -> None:
    """Refuse a target that is not a criterion a demonstration informs."""
    errors = [
        FieldError(
            field=f"{field}[{index}]",
            message="not a criterion a demonstration rates: ease_of_use, ease_of_deployment, "
            "scalability, capability:<key> or domain:<domain>",
        )
        for index, target in enumerate(criteria)
        if target_path(target) is None
    ]
    if errors:
        raise InvalidInput("Some criteria are not rated by a demonstration.", fields=errors)


def _finalists(session: Session, row: ClientProject) -> list[str]:
    """The products of the project's newest evaluation."""
    newest = projects.newest_evaluation(session, project_id=row.id)
    return [] if newest is None else list(newest.snapshot.get("inputs", {}).get("products", []))


def create_scenario(
    session: Session,
    *,
    row: ClientProject,
    actor: str,
    title: str,
    description: str | None,
    criteria: list[str],
    products: list[str],
    open_to_clients: bool,
) -> DemoScenario:
    """A scenario for the products named, or the newest evaluation's finalists."""
    check_targets(criteria, field="body.criteria")
    products = list(dict.fromkeys(products)) or _finalists(session, row)
    if not products:
        raise InvalidInput(
            "Name the products to demonstrate: the project has no evaluation yet.",
            fields=[FieldError(field="body.products", message="name at least one product")],
        )
    visible = {p.profile.id for p in catalog.visible_products(session, firm_id=row.firm_id)}
    unknown = [
        FieldError(field=f"body.products[{index}]", message="unknown product")
        for index, slug in enumerate(products)
        if slug not in visible
    ]
    if unknown:
        raise InvalidInput("Some products are not in the catalog your firm sees.", fields=unknown)
    scenario = DemoScenario(
        project_id=row.id,
        firm_id=row.firm_id,
        title=title,
        description=description,
        criteria=list(dict.fromkeys(criteria)),
        products=products,
        open_to_clients=open_to_clients,
        created_by=actor,
    )
    session.add(scenario)
    session.flush()
    projects.record(
        session,
        row=row,
        actor=actor,
        action="demo_scenario_created",
        detail={"scenario": str(scenario.id), "title": title, "products": products},
    )
    return scenario


def list_scenarios(session: Session, *, project_id: uuid.UUID) -> list[DemoScenario]:
    return list(
        session.exec(
            select(DemoScenario)
            .where(DemoScenario.project_id == project_id)
            .order_by(col(DemoScenario.created_at), col(DemoScenario.id))
        )
    )


def get_scenario(
    session: Session, *, project_id: uuid.UUID, scenario_id: uuid.UUID
) -> DemoScenario:
    scenario = session.get(DemoScenario, scenario_id)
    if scenario is None or scenario.project_id != project_id:
        raise ScenarioNotFound(f"No demonstration scenario {scenario_id} for this project.")
    return scenario


def update_scenario(
    session: Session,
    *,
    row: ClientProject,
    scenario: DemoScenario,
    actor: str,
    changes: dict[str, Any],
) -> DemoScenario:
    """Change a scenario's title, description, criteria or whether clients score it."""
    if "criteria" in changes:
        check_targets(changes["criteria"], field="body.criteria")
        changes["criteria"] = list(dict.fromkeys(changes["criteria"]))
    scenario.sqlmodel_update(changes)
    session.add(scenario)
    session.flush()
    projects.record(
        session,
        row=row,
        actor=actor,
        action="demo_scenario_changed",
        detail={"scenario": str(scenario.id), "changes": sorted(changes)},
    )
    return scenario


def delete_scenario(
    session: Session, *, row: ClientProject, scenario: DemoScenario, actor: str
) -> None:
    """Remove a scenario and its scores (its ratings go with them)."""
    detail = {"scenario": str(scenario.id), "title": scenario.title}
    session.delete(scenario)
    session.flush()
    projects.record(session, row=row, actor=actor, action="demo_scenario_deleted", detail=detail)


def scores_of(session: Session, *, scenario_ids: Sequence[uuid.UUID]) -> list[DemoScore]:
    if not scenario_ids:
        return []
    return list(
        session.exec(
            select(DemoScore)
            .where(col(DemoScore.scenario_id).in_(scenario_ids))
            .order_by(col(DemoScore.scored_at), col(DemoScore.id))
        )
    )


def give_scores(
    session: Session,
    *,
    row: ClientProject,
    scenario: DemoScenario,
    evaluator: str,
    role: str,
    scores: Sequence[ScoreIn],
    actor: str,
    invitation_id: uuid.UUID | None = None,
    evaluator_key: str | None = None,
    withdraw_blanks: bool = True,
) -> list[DemoScore]:
    """Keep one evaluator's scores of the scenario's products, replacing their earlier ones;
    a product not demonstrated in the scenario is a 422 and nothing is written. A key user's
    scores carry the digest of their browser's secret (`evaluator_key`). A score given as
    None withdraws the earlier one when `withdraw_blanks`, and only one of the same
    `evaluator_key` (a key user's scores saved before browsers kept a secret stay)."""
    errors = [
        FieldError(
            field=f"body.scores[{index}].product", message="not demonstrated in this scenario"
        )
        for index, given in enumerate(scores)
        if given.product not in scenario.products
    ]
    if errors:
        raise InvalidInput("Some scores are for products outside the scenario.", fields=errors)
    earlier = {
        s.product: s
        for s in session.exec(
            select(DemoScore).where(
                DemoScore.scenario_id == scenario.id,
                DemoScore.role == role,
                DemoScore.evaluator == evaluator,
            )
        )
    }
    kept: list[DemoScore] = []
    withdrawn = []
    for given in scores:
        found = earlier.get(given.product)
        if given.score is None:
            if found is not None and withdraw_blanks and found.evaluator_key == evaluator_key:
                session.delete(found)
                withdrawn.append(given.product)
            continue
        values: dict[str, Any] = {
            "score": given.score,
            "comment": given.comment,
            "invitation_id": invitation_id,
            "evaluator_key": evaluator_key,
            "scored_by": actor,
            "scored_at": utc_now(),
        }
        if found is None:
            score = DemoScore(
                scenario_id=scenario.id,
                product=given.product,
                evaluator=evaluator,
                role=role,
                **values,
            )
        else:
            score = found
            score.sqlmodel_update(values)
        session.add(score)
        kept.append(score)
    session.flush()
    if not kept and not withdrawn:
        return kept  # nothing scored, nothing withdrawn: nothing to record
    projects.record(
        session,
        row=row,
        actor=actor,
        action="demo_scored",
        detail={
            "scenario": str(scenario.id),
            "evaluator": evaluator,
            "role": role,
            "scores": {s.product: s.score for s in kept},
            "withdrawn": withdrawn,
        },
    )
    return kept


def held_by_another(
    session: Session, *, scenario_ids: Sequence[uuid.UUID], evaluator: str, key: str | None
) -> bool:
    """Whether a key user's scores under `evaluator` in these scenarios were saved from a
    browser other than the one whose secret's digest is `key`. Scores saved before browsers
    kept a secret belong to none: the first to save under their name takes them."""
    found = session.exec(
        select(DemoScore.evaluator_key).where(
            col(DemoScore.scenario_id).in_(scenario_ids),
            DemoScore.role == "client",
            DemoScore.evaluator == evaluator,
            col(DemoScore.evaluator_key).is_not(None),
        )
    )
    return any(stored != key for stored in found)


def project_ratings(session: Session, *, project_id: uuid.UUID) -> list[DemoRating]:
    """The project's demonstration ratings, per product and criterion target."""
    scenarios = list_scenarios(session, project_id=project_id)
    by_id = {s.id: s for s in scenarios}
    given = [
        GivenScore(
            scenario=str(s.scenario_id),
            title=by_id[s.scenario_id].title,
            product=s.product,
            evaluator=s.evaluator,
            role=s.role,
            score=s.score,
            day=s.scored_at.date(),
        )
        for s in scores_of(session, scenario_ids=list(by_id))
    ]
    return aggregate(given, {str(s.id): s.criteria for s in scenarios})


def with_demo_ratings(
    session: Session, *, project_id: uuid.UUID, profiles: Sequence[ProductProfile]
) -> list[ProductProfile]:
    """The profiles with the project's demonstration ratings in place of what they held
    (demonstrated on the client's scenarios, they are this project's best evidence)."""
    facts: dict[str, dict[str, dict[str, object]]] = {}
    for rating in project_ratings(session, project_id=project_id):
        facts.setdefault(rating.product, {})[rating.path] = as_fact(rating, project=str(project_id))
    return [
        apply_facts(profile, facts[profile.id]) if profile.id in facts else profile
        for profile in profiles
    ]
