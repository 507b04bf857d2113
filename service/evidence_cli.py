"""`shortlist vendor-request ...` and `shortlist demo ...`: the evidence a consultant gathers
for a project, on the configured database. `vendor-request export|import` carry a vendor
request's Excel questionnaire out and back; `demo` lists scenarios, records a consultant's
scores and shows the ratings they give the project's evaluations."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlmodel import Session

from service.cli_support import JsonOption, cli_session, fail, print_json
from service.demos import service as demos
from service.demos.models import DemoScenario
from service.errors import AppError
from service.projects.models import ClientProject
from service.vendor_requests import service as requests
from service.vendor_requests.models import VendorRequest

vendor_app = typer.Typer(
    help="Vendor requests: their Excel questionnaire, out and back.", no_args_is_help=True
)
demo_app = typer.Typer(
    help="Scripted demonstrations: scenarios, scores and the ratings they give.",
    no_args_is_help=True,
)
ACTOR = "cli"


def _request(session: Session, request_id: uuid.UUID) -> tuple[VendorRequest, ClientProject]:
    item = session.get(VendorRequest, request_id)
    row = None if item is None else session.get(ClientProject, item.project_id)
    if item is None or row is None:
        raise fail(f"no vendor request {request_id}")
    return item, row


@vendor_app.command("list")
def list_requests(
    project_id: Annotated[uuid.UUID, typer.Argument(help="The project's id.")],
    as_json: JsonOption = False,
) -> None:
    """The project's vendor requests, newest first, with their answers' review."""
    listed: list[dict[str, Any]] = []
    with cli_session() as session:
        for item in requests.list_requests(session, project_id=project_id):
            answers = requests.answers_of(session, request_id=item.id)
            counts: dict[str, int] = {}
            for answer in answers:
                counts[answer.status] = counts.get(answer.status, 0) + 1
            if as_json:
                listed.append(
                    {
                        "id": item.id,
                        "product": item.product,
                        "status": requests.status(item).value,
                        "questions": len(item.questions),
                        "answers": counts,
                    }
                )
                continue
            reviewed = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            typer.echo(
                f"{item.id}  {item.product}  {requests.status(item).value}  "
                f"{len(item.questions)} questions  {reviewed or 'no answer'}"
            )
    if as_json:
        print_json(listed)


@vendor_app.command("export")
def export_questionnaire(
    request_id: Annotated[uuid.UUID, typer.Argument(help="The vendor request's id.")],
    lang: Annotated[str, typer.Option(help="fr or en.")] = "fr",
    out: Annotated[
        Path | None, typer.Option(help="File to write; `-` for stdout; default: a name of its own.")
    ] = None,
) -> None:
    """Write the request's questions as an Excel questionnaire to send the vendor."""
    if lang not in ("fr", "en"):
        raise fail("--lang is fr or en")
    with cli_session() as session:
        item, _ = _request(session, request_id)
        content = requests.questionnaire_file(session, request=item, lang=lang)
        name = f"questionnaire-{item.product}-{item.id.hex[:8]}.xlsx"
    if out is not None and str(out) == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    target = out or Path(name)
    target.write_bytes(content)
    typer.echo(f"questionnaire of vendor request {request_id} written to {target}")


@vendor_app.command("import")
def import_questionnaire(
    request_id: Annotated[uuid.UUID, typer.Argument(help="The vendor request's id.")],
    file: Annotated[Path, typer.Argument(help="The questionnaire the vendor filled in.")],
    answered_by: Annotated[
        str, typer.Option("--answered-by", help="Who answered at the vendor (name, role).")
    ],
) -> None:
    """Keep the answers of a returned questionnaire (pending review); print each refused cell
    by row and column. Exits 1 when a cell was refused, the good answers kept all the same."""
    if not file.is_file():
        raise fail(f"no file {file}")
    if not answered_by.strip() or "\0" in answered_by:
        raise fail("--answered-by names who answered")
    with cli_session() as session:
        item, row = _request(session, request_id)
        try:
            with file.open("rb") as source:
                outcome = requests.import_file(
                    session,
                    row=row,
                    request=item,
                    source=source,
                    answered_by=answered_by.strip()[:150],
                    actor=ACTOR,
                )
        except AppError as exc:
            raise fail(exc.detail) from None
    typer.echo(f"{len(outcome.kept)} answers kept, pending review")
    for error in outcome.errors:
        typer.echo(f"row {error.row}, column {error.column}: {error.message}", err=True)
    if outcome.errors:
        raise typer.Exit(1)


@demo_app.command("list")
def list_scenarios(
    project_id: Annotated[uuid.UUID, typer.Argument(help="The project's id.")],
    as_json: JsonOption = False,
) -> None:
    """The project's scenarios and their scores."""
    with cli_session() as session:
        scenarios = demos.list_scenarios(session, project_id=project_id)
        scores = demos.scores_of(session, scenario_ids=[s.id for s in scenarios])
        if as_json:
            print_json(
                [
                    {
                        "id": scenario.id,
                        "title": scenario.title,
                        "criteria": scenario.criteria,
                        "open_to_clients": scenario.open_to_clients,
                        "scores": [
                            {
                                "product": score.product,
                                "score": score.score,
                                "evaluator": score.evaluator,
                                "role": score.role,
                            }
                            for score in scores
                            if score.scenario_id == scenario.id
                        ],
                    }
                    for scenario in scenarios
                ]
            )
            return
        for scenario in scenarios:
            shown = " (open to clients)" if scenario.open_to_clients else ""
            typer.echo(f"{scenario.id}  {scenario.title}{shown}")
            typer.echo(f"  informs: {', '.join(scenario.criteria)}")
            for score in scores:
                if score.scenario_id == scenario.id:
                    typer.echo(
                        f"  {score.product}: {score.score}/5 by {score.evaluator} ({score.role})"
                    )


@demo_app.command("score")
def score(
    scenario_id: Annotated[uuid.UUID, typer.Argument(help="The scenario's id.")],
    scores: Annotated[
        list[str], typer.Argument(help="PRODUCT=SCORE pairs, 1 to 5; PRODUCT= withdraws one.")
    ],
    evaluator: Annotated[str, typer.Option(help="Who scored (a consultant).")],
) -> None:
    """Record a consultant's scores of the scenario's products."""
    given = []
    for pair in scores:
        product, sep, value = pair.partition("=")
        if not sep or (value and value not in {"1", "2", "3", "4", "5"}):
            raise fail(f"{pair!r}: give PRODUCT=SCORE with a score from 1 to 5")
        given.append(demos.ScoreIn(product, int(value) if value else None))
    if not evaluator.strip() or "\0" in evaluator:
        raise fail("--evaluator names who scored")
    with cli_session() as session:
        scenario = session.get(DemoScenario, scenario_id)
        row = None if scenario is None else session.get(ClientProject, scenario.project_id)
        if scenario is None or row is None:
            raise fail(f"no scenario {scenario_id}")
        try:
            demos.give_scores(
                session,
                row=row,
                scenario=scenario,
                evaluator=evaluator.strip()[:200],
                role="consultant",
                scores=given,
                actor=ACTOR,
            )
        except AppError as exc:
            raise fail(exc.detail) from None
    typer.echo(f"{len(given)} scores recorded for {evaluator.strip()}")


@demo_app.command("ratings")
def ratings(
    project_id: Annotated[uuid.UUID, typer.Argument(help="The project's id.")],
    as_json: JsonOption = False,
) -> None:
    """The ratings the demonstrations give the project's evaluations."""
    with cli_session() as session:
        found = demos.project_ratings(session, project_id=project_id)
    if as_json:
        rows = [
            {
                "product": r.product,
                "criterion": r.target,
                "median": r.median,
                "low": r.low,
                "high": r.high,
                "scores": r.count,
                "evaluators": r.evaluators,
                "disagreeing": [d.evaluator for d in r.disagreeing],
            }
            for r in found
        ]
        print_json(rows)
        return
    for r in found:
        apart = ", ".join(f"{d.evaluator} ({d.mean:g})" for d in r.disagreeing)
        typer.echo(
            f"{r.product}  {r.target}: median {r.median:g} of {r.count} scores "
            f"({r.low}-{r.high}, {r.evaluators} evaluators)"
            + (f"; furthest: {apart}" if apart else "")
        )
