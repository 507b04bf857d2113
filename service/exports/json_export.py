"""An evaluation as JSON: who made it and when, and its whole snapshot. The published JSON
Schema is generated from the same pydantic models, so the schema cannot drift from the
document."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from service.exports.common import EvaluationMeta
from service.selection.changes import Changes
from service.selection.snapshot import Snapshot

SCHEMA_ID = "urn:shortlist:schema:evaluation-export:2"


class EvaluationInfo(BaseModel):
    """Who made the evaluation, when, for which project and catalog."""

    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    project_id: uuid.UUID
    method: str
    project_version: int = Field(ge=1)
    catalog_version: uuid.UUID | None
    created_by: str
    created_at: datetime


class SincePrevious(BaseModel):
    """What changed since the project's previous evaluation."""

    model_config = ConfigDict(extra="forbid")

    previous_id: uuid.UUID
    changes: Changes


class EvaluationExport(BaseModel):
    """An evaluation as exported by ``GET /api/v1/evaluations/{id}/export?format=json`` and
    ``shortlist export --format json``: who made it and when, and its immutable snapshot.
    Amounts are in the project's budget currency; a value whose facts are not all known
    carries its low and high bounds."""

    model_config = ConfigDict(extra="forbid", title="Shortlist evaluation export")

    evaluation: EvaluationInfo
    snapshot: Snapshot
    since_previous: SincePrevious | None = Field(
        default=None,
        description="What changed since the project's previous evaluation; null for its first.",
    )


@cache
def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export."""
    schema = EvaluationExport.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def json_export(snapshot: Snapshot, meta: EvaluationMeta) -> bytes:
    """Render the evaluation and its snapshot as UTF-8 JSON."""
    info = EvaluationInfo(
        id=meta.id,
        project_id=meta.project_id,
        method=meta.method,
        project_version=meta.project_version,
        catalog_version=meta.catalog_version,
        created_by=meta.created_by,
        created_at=meta.created_at,
    )
    since = (
        SincePrevious(previous_id=meta.previous_id, changes=meta.changes)
        if meta.previous_id is not None and meta.changes is not None
        else None
    )
    document = EvaluationExport(evaluation=info, snapshot=snapshot, since_previous=since)
    data = document.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
