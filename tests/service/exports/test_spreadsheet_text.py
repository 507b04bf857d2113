"""Names and texts that look like formulas reach the XLSX and CSV exports as text: a firm's
own product, a client or a free text may be named `=HYPERLINK(...)`, and opening the export
must not run it."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import pytest

from service.exports import EvaluationMeta, ExportFormat, Lang, render
from service.exports.texts import product_label
from service.selection.snapshot import Snapshot
from tests.service.spreadsheet_checks import HOSTILE, csv_rows, marked, xlsx_texts

CLIENT = "\t=1 client"
SUMMARY = "@SUM(A1) wins"
QUESTION = "\r=1"


def hostile(evaluation: dict[str, Any]) -> tuple[Snapshot, EvaluationMeta]:
    """The evaluation with its products, client, summary and questions renamed to texts
    that start formulas."""
    snapshot = Snapshot.model_validate(evaluation["snapshot"])
    names = dict(zip((p.id for p in snapshot.products), HOSTILE, strict=False))
    project = snapshot.inputs.project.model_copy(update={"client_name": CLIENT})
    unknowns = [
        fact.model_copy(
            update={"question": fact.question.model_copy(update={"en": QUESTION, "fr": QUESTION})}
        )
        for fact in snapshot.unknowns
    ]
    renamed = snapshot.model_copy(
        update={
            "products": [p.model_copy(update={"name": names[p.id]}) for p in snapshot.products],
            "inputs": snapshot.inputs.model_copy(update={"project": project}),
            "summary": snapshot.summary.model_copy(update={"en": SUMMARY, "fr": SUMMARY}),
            "unknowns": unknowns,
        }
    )
    meta = EvaluationMeta(
        id=uuid.UUID(evaluation["id"]),
        project_id=uuid.UUID(evaluation["project_id"]),
        method=evaluation["method"],
        project_version=evaluation["project_version"],
        catalog_version=None,
        created_by="api key sl_x",
        author="-created by",
        created_at=datetime.fromisoformat(evaluation["created_at"]),
    )
    return renamed, meta


@pytest.mark.parametrize("lang", list(Lang))
def test_xlsx_writes_every_text_as_text(evaluation: dict[str, Any], lang: Lang) -> None:
    snapshot, meta = hostile(evaluation)
    texts = xlsx_texts(render(snapshot, meta, fmt=ExportFormat.XLSX, lang=lang).content)
    labels = [product_label(p.name, p.eliminated, lang) for p in snapshot.products]
    assert set(labels) <= set(texts)
    # The headers of the Requirements sheet name each product.
    assert any(text.startswith(HOSTILE[0]) and text != labels[0] for text in texts)
    assert {CLIENT, SUMMARY, QUESTION, "-created by"} <= set(texts)


def test_csv_marks_every_text_that_could_start_a_formula(evaluation: dict[str, Any]) -> None:
    snapshot, meta = hostile(evaluation)
    content = render(snapshot, meta, fmt=ExportFormat.CSV, lang=Lang.EN).content.decode()
    header, *rows = csv_rows(content)
    names = {row[header.index("product_name")] for row in rows} - {""}
    assert names == set(marked(p.name for p in snapshot.products))
    details = {row[header.index("detail")] for row in rows}
    assert marked([QUESTION]) == [d for d in details if d.endswith(QUESTION)]
    scores = [row for row in rows if row[header.index("key")] == "score"]
    assert [float(row[header.index("value")]) for row in scores] == pytest.approx(
        [p.score for p in snapshot.products]
    )


def test_json_keeps_the_texts_as_they_are(evaluation: dict[str, Any]) -> None:
    snapshot, meta = hostile(evaluation)
    document = json.loads(render(snapshot, meta, fmt=ExportFormat.JSON, lang=Lang.EN).content)
    names = [p["name"] for p in document["snapshot"]["products"]]
    assert names == HOSTILE[: len(names)]
    assert document["snapshot"]["inputs"]["project"]["client_name"] == CLIENT
