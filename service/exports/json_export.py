"""An evaluation as JSON: who made it and when, and its whole snapshot, as described by the
published JSON Schema (`evaluation_export.schema.json`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from service.exports.common import EvaluationMeta

SCHEMA_FILE = "evaluation_export.schema.json"


@cache
def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export."""
    text = resources.files("service.exports").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def json_export(snapshot: Mapping[str, Any], meta: EvaluationMeta) -> bytes:
    """Render the evaluation and its snapshot as UTF-8 JSON."""
    document = {"evaluation": meta.to_dict(), "snapshot": snapshot}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
