"""Every export format of a real evaluation, read back: XLSX with openpyxl, the tidy CSV, the
JSON against its published schema, the HTML report and the PDF's text."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from typing import Any

import jsonschema_rs
import openpyxl
import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlmodel import Session

from service.exports.csv_export import COLUMNS
from service.exports.json_export import export_schema
from service.exports.xlsx import SHEETS
from service.tenancy.apikeys import create_api_key
from tests.service.exports.conftest import FINALISTS

NAMES = {"pipedrive": "Pipedrive CRM", "hubspot_sales_hub": "Sales Hub", "zoho_crm": "Zoho CRM"}


def values(sheet: Any, min_row: int = 2, max_row: int | None = None) -> list[tuple[Any, ...]]:
    """A sheet's rows as plain tuples of cell values."""
    return [
        tuple(row) for row in sheet.iter_rows(min_row=min_row, max_row=max_row, values_only=True)
    ]


def export(client: TestClient, evaluation_id: str, fmt: str, **params: str) -> bytes:
    response = client.get(
        f"/api/v1/evaluations/{evaluation_id}/export", params={"format": fmt, **params}
    )
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert f"evaluation-{evaluation_id}" in disposition
    assert disposition.endswith(f'.{fmt}"')
    content: bytes = response.content
    return content


def test_xlsx_has_every_sheet_typed_frozen_and_charted(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    content = export(client, evaluation["id"], "xlsx", lang="en")
    snapshot = evaluation["snapshot"]
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert tuple(book.sheetnames) == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None, sheet.title

    summary = book["Summary"]
    header = [cell.value for cell in summary[1]]
    assert header[:5] == ["Rank", "Product", "id", "Score", "Total cost (TCO)"]
    rows = values(summary, 2, 1 + len(FINALISTS))
    assert [row[2] for row in rows] == snapshot["result"]["ranking"]
    assert [row[0] for row in rows] == [1, 2, 3]
    for row in rows:
        pid = row[2]
        index = snapshot["result"]["alternatives"].index(pid)
        assert row[3] == pytest.approx(snapshot["result"]["scores"][index])
        assert row[4] == pytest.approx(snapshot["tco"][pid]["total"])
        assert row[1] == NAMES[pid]
    assert summary.cell(row=2, column=4).number_format == "0.0000"
    assert summary.cell(row=2, column=5).number_format == "#,##0"
    texts = [cell.value for row in summary.iter_rows() for cell in row if cell.value]
    assert snapshot["summary"]["en"] in texts
    created = next(v for v in (c.value for c in summary["B"]) if isinstance(v, datetime))
    assert created.date().isoformat() == evaluation["created_at"][:10]

    criteria = book["Criteria"]
    keys = [row[0] for row in criteria.iter_rows(min_row=2, values_only=True) if row[0]]
    assert keys[: len(snapshot["matrix"]["criteria"])] == snapshot["matrix"]["criteria"]
    weight = criteria.cell(row=2, column=4)
    assert weight.number_format == "0.0%"
    assert weight.value == pytest.approx(snapshot["weights_used"][keys[0]])

    tco = book["TCO"]
    cumulative = [cell.value for cell in tco[1]].index("Cumulative")
    year_rows = [row for row in tco.iter_rows(min_row=2, values_only=True) if row[1] in FINALISTS][
        : 3 * len(FINALISTS)
    ]
    winner = snapshot["result"]["ranking"][0]
    totals = [row for row in year_rows if row[1] == winner]
    assert [row[2] for row in totals] == [1, 2, 3]
    assert totals[-1][cumulative] == pytest.approx(snapshot["tco"][winner]["total"])

    requirements = book["Requirements"]
    gap = snapshot["coverage"]["hubspot_sales_hub"]["gaps"][0]
    gap_row = next(r for r in requirements.iter_rows(min_row=2) if r[0].value == gap)
    hubspot = [cell.value for cell in requirements[1]].index("Sales Hub – Coverage")
    assert gap_row[hubspot].fill.fgColor.rgb.endswith("F8D7DA")

    robustness = book["Robustness"]
    first = snapshot["robustness"]["smaa"]["rank_acceptability"]
    smaa_rows = values(robustness, 2, 4)
    assert sum(row[1] for row in smaa_rows) == pytest.approx(1.0)
    assert max(row[1] for row in smaa_rows) == pytest.approx(max(r[0] for r in first))

    sources = book["Sources"]
    source_rows = values(sources)
    assert {row[1] for row in source_rows} == set(FINALISTS)
    assert all(row[4] for row in source_rows), "every fact used has its source"
    assert any(isinstance(row[5], datetime) for row in source_rows), "dates are date cells"
    assert any(row[2].startswith("editions.") for row in source_rows)
    assert any(row[2] == "capabilities.mobile_app.availability" for row in source_rows)

    missing = book["Missing facts"]
    assert missing.max_row - 1 == len(snapshot["missing_facts"]) + len(
        snapshot["low_confidence_inputs"]
    )
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) >= 3  # scores, TCO per year, rank acceptability


def test_csv_is_one_tidy_table_of_the_documented_columns(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    content = export(client, evaluation["id"], "csv")
    snapshot = evaluation["snapshot"]
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert list(rows[0]) == list(COLUMNS)
    sections = {row["section"] for row in rows}
    assert {
        "ranking",
        "criterion",
        "weight",
        "tco",
        "tco_total",
        "coverage",
        "knockout",
    } <= sections
    scores = {r["product"]: float(r["value"]) for r in rows if r["key"] == "score"}
    result = snapshot["result"]
    assert scores == dict(zip(result["alternatives"], result["scores"], strict=True))
    for pid in FINALISTS:
        items = [r for r in rows if r["section"] == "tco" and r["product"] == pid]
        total = next(r for r in rows if r["section"] == "tco_total" and r["product"] == pid)
        assert sum(float(r["value"]) for r in items) == pytest.approx(float(total["value"]))
        assert total["unit"] == "EUR"
        assert total["product_name"] == NAMES[pid]
        assert {int(r["year"]) for r in items} == {1, 2, 3}
    weights = {r["key"]: float(r["value"]) for r in rows if r["section"] == "weight"}
    assert weights == pytest.approx(snapshot["weights_used"])


def test_json_is_the_snapshot_and_follows_the_published_schema(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    document = json.loads(export(client, evaluation["id"], "json"))
    assert document["snapshot"] == evaluation["snapshot"]
    assert document["evaluation"]["id"] == evaluation["id"]
    schema = client.get("/api/v1/schemas/evaluation-export.json")
    assert schema.status_code == 200
    assert schema.json() == export_schema()
    validator = jsonschema_rs.validator_for(schema.json())
    assert validator.is_valid(document), [str(e) for e in validator.iter_errors(document)][:3]
    document["snapshot"]["result"]["ranks"][0] = 0
    assert not validator.is_valid(document)


def test_html_report_in_both_languages_needs_no_network(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    french = export(client, evaluation["id"], "html").decode("utf-8")
    english = export(client, evaluation["id"], "html", lang="en").decode("utf-8")
    assert '<html lang="fr">' in french
    assert "Tableau comparatif" in french
    assert "Coût total de possession" in french
    assert evaluation["snapshot"]["summary"]["fr"].replace("'", "&#39;") in french
    assert "Comparison table" in english
    assert "Change-management risks" in english
    for page in (french, english):
        for name in NAMES.values():
            assert name in page
        assert page.count("<svg") == 3  # scores, TCO per year, rank acceptability
        for tag in ("<script", "<link", "<img", "@import", "url("):
            assert tag not in page, tag


def test_pdf_report_text_in_french_and_english(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    for lang, heading, risks in (
        ("fr", "Tableau comparatif", "Risques de conduite du changement"),
        ("en", "Comparison table", "Change-management risks"),
    ):
        content = export(client, evaluation["id"], "pdf", lang=lang)
        assert content.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(content))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert heading in text
        assert risks in text
        assert "Domaine des Trois Chênes" in text
        for name in NAMES.values():
            assert name in text
        assert len(reader.pages) >= 3


def test_export_is_firm_scoped_and_checks_its_parameters(
    client: TestClient, session: Session, evaluation: dict[str, Any]
) -> None:
    other = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    path = f"/api/v1/evaluations/{evaluation['id']}/export"
    stranger = client.get(
        path, params={"format": "csv"}, headers={"Authorization": f"Bearer {other.secret}"}
    )
    assert stranger.status_code == 404
    assert stranger.json()["error"] == "not_found"
    assert client.get(path, params={"format": "docx"}).status_code == 422
    assert client.get(path).status_code == 422
    assert client.get(path, params={"format": "html", "lang": "de"}).status_code == 422
    unknown = "00000000-0000-4000-8000-000000000000"
    response = client.get(f"/api/v1/evaluations/{unknown}/export", params={"format": "pdf"})
    assert response.status_code == 404
