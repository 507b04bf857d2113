"""Exports of an evaluation: XLSX, CSV, JSON, and an HTML or PDF report in French or English."""

from __future__ import annotations

import uuid

from service.exports.common import MEDIA_TYPES, EvaluationMeta, Export, ExportFormat
from service.exports.csv_export import csv_export
from service.exports.json_export import json_export
from service.exports.report import html_report
from service.exports.xlsx import xlsx_export
from service.i18n import Lang
from service.projects.models import Evaluation
from service.selection.changes import Changes
from service.selection.snapshot import Snapshot
from service.tenancy.apikeys import label_of

__all__ = ["EvaluationMeta", "Export", "ExportFormat", "Lang", "evaluation_meta", "render"]


def evaluation_meta(
    evaluation: Evaluation,
    previous: tuple[uuid.UUID, Changes] | None = None,
    *,
    firm: str = "",
) -> EvaluationMeta:
    """What an export says about a stored evaluation besides its snapshot: its author (the
    consultant's key label and the `firm`), and what changed since `previous` (the project's
    evaluation before it, and the changes) when given."""
    consultant = label_of(evaluation.created_by)
    author = ", ".join(part for part in (consultant, firm) if part) or evaluation.created_by
    return EvaluationMeta(
        id=evaluation.id,
        project_id=evaluation.project_id,
        method=evaluation.method,
        project_version=evaluation.project_version,
        catalog_version=evaluation.catalog_version_id,
        created_by=evaluation.created_by,
        created_at=evaluation.created_at,
        author=author,
        previous_id=None if previous is None else previous[0],
        changes=None if previous is None else previous[1],
    )


def render(snapshot: Snapshot, meta: EvaluationMeta, *, fmt: ExportFormat, lang: Lang) -> Export:
    """Render the evaluation in `fmt` (labels, report and questions in `lang`)."""
    if fmt is ExportFormat.XLSX:
        content = xlsx_export(snapshot, meta, lang=lang)
    elif fmt is ExportFormat.CSV:
        content = csv_export(snapshot, lang)
    elif fmt is ExportFormat.JSON:
        content = json_export(snapshot, meta)
    elif fmt is ExportFormat.HTML:
        content = html_report(snapshot, meta, lang=lang).encode("utf-8")
    else:
        from service.exports.pdf import html_to_pdf  # WeasyPrint loads pango only when needed

        content = html_to_pdf(html_report(snapshot, meta, lang=lang))
    suffix = f"-{lang.value}" if fmt in {ExportFormat.HTML, ExportFormat.PDF} else ""
    filename = f"evaluation-{meta.id}{suffix}.{fmt.value}"
    return Export(content=content, media_type=MEDIA_TYPES[fmt], filename=filename)
