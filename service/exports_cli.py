"""`shortlist export EVALUATION_ID --format ...`: an evaluation as a file."""

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
        export_file = render(snapshot, evaluation_meta(evaluation), fmt=fmt, lang=lang)
    if out is not None and str(out) == "-":
        sys.stdout.buffer.write(export_file.content)
        sys.stdout.buffer.flush()
        return
    target = out or Path(export_file.filename)
    target.write_bytes(export_file.content)
    typer.echo(f"{fmt.value} export of evaluation {evaluation_id} written to {target}")
