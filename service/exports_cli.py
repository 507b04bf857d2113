"""`shortlist export EVALUATION_ID --format ...`: an evaluation as a file; `shortlist compare
BEFORE AFTER`: what changed between two evaluations of a project."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Annotated

import typer

from service.cli_support import cli_session, fail
from service.exports import ExportFormat, Lang, evaluation_meta, render
from service.projects import runs
from service.projects.models import Evaluation
from service.selection.changes import compare_snapshots
from service.tenancy.models import Firm
from vendors.service import InvalidStoredValue


def export(
    evaluation_id: Annotated[uuid.UUID, typer.Argument(help="The evaluation's id.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="xlsx, csv, json, html or pdf.")],
    lang: Annotated[Lang, typer.Option(help="Language of the labels and the report.")] = Lang.FR,
    out: Annotated[
        Path | None,
        typer.Option(help="File to write; `-` for stdout; default: evaluation-<id>.<format>."),
    ] = None,
) -> None:
    """Export an evaluation: XLSX workbook, tidy CSV, JSON snapshot, HTML or PDF report."""
    with cli_session() as session:
        evaluation = session.get(Evaluation, evaluation_id)
        if evaluation is None:
            raise fail(f"no evaluation {evaluation_id}")
        try:
            snapshot = runs.load_snapshot(evaluation)
        except runs.LegacyEvaluation as exc:
            raise fail(exc.detail) from None
        previous = runs.previous_changes(session, evaluation=evaluation)
        firm = session.get(Firm, evaluation.firm_id)
        meta = evaluation_meta(evaluation, previous, firm=firm.name if firm else "")
        export_file = render(snapshot, meta, fmt=fmt, lang=lang)
    if out is not None and str(out) == "-":
        sys.stdout.buffer.write(export_file.content)
        sys.stdout.buffer.flush()
        return
    target = out or Path(export_file.filename)
    target.write_bytes(export_file.content)
    typer.echo(f"{fmt.value} export of evaluation {evaluation_id} written to {target}")


def compare(
    before_id: Annotated[uuid.UUID, typer.Argument(help="The earlier evaluation's id.")],
    after_id: Annotated[uuid.UUID, typer.Argument(help="The later evaluation's id.")],
    lang: Annotated[Lang, typer.Option(help="Language of the paragraph.")] = Lang.FR,
    as_json: Annotated[
        bool, typer.Option("--json", help="Every change as JSON instead of the paragraph.")
    ] = False,
) -> None:
    """What changed from one evaluation of a project to another: the paragraph, then the
    facts that changed (or everything as JSON)."""
    with cli_session() as session:
        found = [session.get(Evaluation, eid) for eid in (before_id, after_id)]
        missing = [
            str(eid) for eid, row in zip((before_id, after_id), found, strict=True) if not row
        ]
        if missing:
            raise fail(f"no evaluation {', '.join(missing)}")
        before, after = (row for row in found if row is not None)
        if before.project_id != after.project_id:
            raise fail("the two evaluations are of different projects")
        try:
            changes = compare_snapshots(runs.load_snapshot(before), runs.load_snapshot(after))
        except runs.LegacyEvaluation as exc:
            raise fail(exc.detail) from None
        except InvalidStoredValue as exc:
            raise fail(f"cannot compare: {exc}") from None
    if as_json:
        typer.echo(changes.model_dump_json(indent=2))
        return
    typer.echo(changes.summary_in(lang))
    for change in changes.facts:
        typer.echo(
            f"- {change.product} {change.path}: {change.before.value!r} -> "
            f"{change.after.value!r} ({change.after.confidence or 'unknown'}, "
            f"{change.after.source or 'no source'})"
        )
