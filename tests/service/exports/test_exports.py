"""Every export format of a real evaluation, read back: XLSX with openpyxl, the tidy CSV, the
JSON against its published schema, the HTML report's tables and the PDF's text. The evaluation
has a known TCO, estimated ones, needs to confirm and an eliminated product: each must read as
what it is."""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

import jsonschema_rs
import openpyxl
import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlmodel import Session

from service.exports import EvaluationMeta, ExportFormat, Lang, render
from service.exports.csv_export import COLUMNS
from service.exports.json_export import export_schema
from service.exports.synthesis import synthesis
from service.exports.texts import t
from service.exports.xlsx import SHEETS
from service.projects.models import Evaluation
from service.selection.snapshot import CostOut, Snapshot
from service.tenancy.apikeys import create_api_key
from tests.service.exports.conftest import COMPARED

NAMES = {
    "pipedrive": "Pipedrive CRM",
    "hubspot_sales_hub": "Sales Hub",
    "zoho_crm": "Zoho CRM",
    "oracle_cx_sales": "Oracle Fusion Cloud CX Sales",
}


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


def typed(evaluation: dict[str, Any]) -> Snapshot:
    """The evaluation's snapshot, with the fixture's variety checked: the tests below rely on
    a known TCO, an estimated one, an eliminated product and unknown facts."""
    snapshot = Snapshot.model_validate(evaluation["snapshot"])
    costs = snapshot.tco.values()
    assert any(c.known for c in costs)
    assert any(estimated(c) for c in costs)
    assert any(p.eliminated for p in snapshot.products)
    assert snapshot.unknowns
    assert any(c.to_confirm for c in snapshot.coverage.values())
    return snapshot


def estimated(cost: CostOut) -> bool:
    return not cost.known and not cost.unbounded


def eliminated_name(snapshot: Snapshot) -> str:
    return next(p.name for p in snapshot.products if p.eliminated)


def words(text: str) -> str:
    """Text with every run of whitespace (narrow and non-breaking spaces included) as one space."""
    return " ".join(text.split())


def amount(value: float | None) -> str:
    return f"{value:,.0f}"


class _Page(HTMLParser):
    """A report's text, and its tables as rows of cell texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []
        self._row: list[str] = []
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
            self.tables[-1].append(self._row)
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag in {"br", "span"} and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self._row.append(words("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def table(self, *header: str) -> list[list[str]]:
        """The first table whose header row starts with `header`."""
        return next(t for t in self.tables if t and t[0][: len(header)] == list(header))

    @property
    def words(self) -> str:
        return words(" ".join(self.text))


def test_xlsx_has_every_sheet_typed_frozen_and_charted_without_formulas(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    content = export(client, evaluation["id"], "xlsx", lang="en")
    snapshot = typed(evaluation)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert tuple(book.sheetnames) == tuple(t(f"sheet_{key}", Lang.EN) for key in SHEETS)
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None, sheet.title

    summary = book["Summary"]
    header = [cell.value for cell in summary[1]]
    rows = [dict(zip(header, row, strict=True)) for row in values(summary, 2, 1 + len(COMPARED))]
    assert [row["id"] for row in rows] == [p.id for p in snapshot.products]
    for row, outcome in zip(rows, snapshot.products, strict=True):
        assert row["Rank"] == outcome.rank
        assert row["Score (expected values)"] == pytest.approx(outcome.score)
        assert row["Probability of ranking first"] == pytest.approx(outcome.p_first)
        assert row["Eliminated"] == ("yes" if outcome.eliminated else "no")
        label = f"{outcome.name} (eliminated)" if outcome.eliminated else outcome.name
        assert row["Product"] == label
    assert summary.cell(row=2, column=5).number_format == "0.0000"
    assert summary.cell(row=2, column=10).number_format == "#,##0"
    texts = [cell.value for row in summary.iter_rows() for cell in row if cell.value]
    assert snapshot.summary.en in texts
    executive = synthesis(snapshot, Lang.EN)  # the report's executive summary, in the workbook
    assert executive.headline in texts
    assert all(f"• {line}" in texts for line in executive.could_change)
    created = next(v for v in (c.value for c in summary["B"]) if isinstance(v, datetime))
    assert created.date().isoformat() == evaluation["created_at"][:10]

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(name) for name in sheets), "no live formulas"
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 3  # scores, TCO per year, rank acceptability


def values(sheet: Any, min_row: int = 2, max_row: int | None = None) -> list[tuple[Any, ...]]:
    """A sheet's rows as plain tuples of cell values."""
    return [
        tuple(row) for row in sheet.iter_rows(min_row=min_row, max_row=max_row, values_only=True)
    ]


def test_xlsx_gives_every_estimate_its_range_and_status(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(client, evaluation["id"], "xlsx", lang="en")))
    snapshot = typed(evaluation)

    summary = book["Summary"]
    header = [cell.value for cell in summary[1]]
    for row in values(summary, 2, 1 + len(COMPARED)):
        cells = dict(zip(header, row, strict=True))
        cost = snapshot.tco[cells["id"]]
        status = cells["Total cost (TCO) – Status"]
        bounds = [cells[f"Total cost (TCO) – {k}"] for k in ("Low", "Expected", "High")]
        if cost.known:
            assert status == "known"
            assert bounds == pytest.approx([cost.mean] * 3)
        else:
            assert status == "estimated"
            assert bounds == pytest.approx([cost.low, cost.mean, cost.high])
            assert bounds[0] < bounds[1] < bounds[2]

    criteria = book["Criteria"]
    header = [cell.value for cell in criteria[1]]
    matrix = snapshot.matrix
    checked = 0
    for row in values(criteria):
        cells = dict(zip(header, row, strict=False))
        if cells["id"] not in matrix.products:
            break  # the table of the criteria left out follows
        i, j = matrix.products.index(cells["id"]), matrix.criteria.index(cells["Key"])
        assert cells["Status"] == ("known" if matrix.known[i][j] else "estimated")
        assert cells["Low"] == pytest.approx(matrix.low[i][j])
        assert cells["High"] == pytest.approx(matrix.high[i][j])
        assert cells["Expected"] == pytest.approx(matrix.values[i][j])
        checked += 1
    assert checked == len(matrix.products) * len(matrix.criteria)

    tco = book["TCO"]
    header = [cell.value for cell in tco[1]]
    cumulative = header.index("Cumulative – High")
    for pid, cost in snapshot.tco.items():
        years = [row for row in values(tco) if row[1] == pid][: len(cost.years)]
        assert [row[2] for row in years] == [1, 2, 3]
        assert years[-1][cumulative] == pytest.approx(cost.high)
        assert {row[3] for row in years} == {"known" if cost.known else "estimated"}


def test_xlsx_lists_every_unknown_fact_with_its_question(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(client, evaluation["id"], "xlsx")))
    snapshot = typed(evaluation)
    questions = book["Questions"]
    header = [cell.value for cell in questions[1]]
    assert header[:8] == ["Produit", "id", "Fait", "Type", "Bas", "Haut", "Attendu", "Influence"]
    rows = values(questions)
    assert len(rows) == len(snapshot.unknowns)
    for row, fact in zip(rows, snapshot.unknowns, strict=True):
        assert row[0].startswith(snapshot.names[fact.product])
        assert (row[1], row[2]) == (fact.product, fact.path)
        assert (row[4], row[5]) == pytest.approx((fact.low, fact.high))
        assert row[7] == pytest.approx(fact.influence)
        assert row[8] in {"l'éditeur", "une démonstration"}
        assert (row[9], row[10]) == (fact.question.fr, fact.question.en)

    requirements = book["Besoins"]
    header = [cell.value for cell in requirements[1]]
    for pid, coverage in snapshot.coverage.items():
        name = f"{NAMES[pid]} (éliminé)" if snapshot.product(pid).eliminated else NAMES[pid]
        column = header.index(f"{name} – Statut")
        for row in requirements.iter_rows(min_row=2, max_row=1 + len(coverage.rows)):
            need = next(r for r in coverage.rows if r.requirement == row[0].value)
            cell = row[column]
            if need.status == "unknown":
                assert cell.value == "à confirmer"
                assert not cell.fill.fgColor.rgb.endswith("F8D7DA"), "never shown as a gap"
            if need.status == "gap" and need.priority in {"must", "should"}:
                assert cell.fill.fgColor.rgb.endswith("F8D7DA")


def test_csv_is_one_tidy_table_with_ranges_and_questions(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    snapshot = typed(evaluation)
    rows = list(csv.DictReader(io.StringIO(export(client, evaluation["id"], "csv").decode())))
    assert list(rows[0]) == list(COLUMNS)
    assert {
        "ranking",
        "criterion",
        "weight",
        "tco",
        "tco_year",
        "tco_total",
        "price",
        "coverage",
        "knockout",
        "p_first",
        "verdict",
        "unknown_fact",
        "question",
    } <= {row["section"] for row in rows}
    scores = {r["product"]: float(r["value"]) for r in rows if r["key"] == "score"}
    assert scores == pytest.approx({p.id: p.score for p in snapshot.products})
    ranks = [r for r in rows if r["section"] == "ranking" and r["key"] == "rank"]
    assert {r["product"] for r in ranks if r["status"] == "eliminated"} == {
        p.id for p in snapshot.products if p.eliminated
    }
    for pid, cost in snapshot.tco.items():
        total = next(
            r for r in rows if (r["section"], r["product"], r["key"]) == ("tco_total", pid, "total")
        )
        assert total["product_name"] == NAMES[pid]
        assert total["unit"] == "EUR"
        low, value, high = (float(total[k]) for k in ("low", "value", "high"))
        if cost.known:
            assert total["status"] == "known"
            assert low == value == high == pytest.approx(cost.mean)
        else:
            assert total["status"] == "estimated"
            assert (low, value, high) == pytest.approx((cost.low, cost.mean, cost.high))
        items = [r for r in rows if r["section"] == "tco" and r["product"] == pid]
        assert sum(float(r["value"]) for r in items) == pytest.approx(value)
        assert {int(r["year"]) for r in items} == {1, 2, 3}
    questions = [r for r in rows if r["section"] == "question"]
    assert [r["detail"] for r in questions] == [u.question.fr for u in snapshot.unknowns]
    weights = {r["key"]: float(r["value"]) for r in rows if r["section"] == "weight"}
    assert weights == pytest.approx(snapshot.weights_used)

    english = export(client, evaluation["id"], "csv", lang="en").decode()
    questions = [r for r in csv.DictReader(io.StringIO(english)) if r["section"] == "question"]
    assert [r["detail"] for r in questions] == [u.question.en for u in snapshot.unknowns]


def test_json_is_the_snapshot_and_follows_the_generated_schema(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    document = json.loads(export(client, evaluation["id"], "json"))
    assert document["snapshot"] == evaluation["snapshot"]
    assert document["evaluation"]["id"] == evaluation["id"]
    response = client.get("/api/v1/schemas/evaluation-export.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema == export_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "Snapshot" in schema["$defs"]
    assert "UnknownFact" in schema["$defs"]
    validator = jsonschema_rs.validator_for(schema)
    assert validator.is_valid(document), [str(e) for e in validator.iter_errors(document)][:3]
    document["snapshot"]["robustness"]["verdict"] = "probably"
    assert not validator.is_valid(document)
    del document["snapshot"]["unknowns"]
    document["snapshot"]["robustness"]["verdict"] = "robust"
    assert not validator.is_valid(document)


def test_html_report_shows_what_is_known_estimated_or_to_confirm(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    snapshot = typed(evaluation)
    html = export(client, evaluation["id"], "html", lang="en").decode("utf-8")
    page = _Page(html)
    label = {p.id: f"{p.name} (eliminated)" if p.eliminated else p.name for p in snapshot.products}

    tco = {row[0]: row for row in page.table("Product", "Year 1")[1:]}
    for pid, cost in snapshot.tco.items():
        total = tco[label[pid]][-2]
        if cost.known:
            assert total == f"{amount(cost.mean)} EUR"
        else:
            assert total == (
                f"{amount(cost.low)}–{amount(cost.high)} EUR estimated "
                f"expected {amount(cost.mean)} EUR"
            )
            # The expected total is never printed as if it were the cost.
            mean = f"{amount(cost.mean)} EUR"
            assert page.words.count(mean) == page.words.count(f"expected {mean}")

    coverage = page.table("Requirement", "Priority")
    assert coverage[0][2:] == [label[p.id] for p in snapshot.products]
    first = snapshot.coverage[snapshot.products[0].id].rows
    for row, need in zip(coverage[1:], first, strict=True):
        for cell, outcome in zip(row[2:], snapshot.products, strict=True):
            status = next(
                r.status
                for r in snapshot.coverage[outcome.id].rows
                if r.requirement == need.requirement
            )
            assert cell.startswith({"unknown": "to confirm"}.get(status, status)), (cell, status)

    checks = page.table("Product", "Constraint", "Status")[1:]
    eliminated = f"{eliminated_name(snapshot)} (eliminated)"
    assert any(row[0] == eliminated and row[2] == "fail" for row in checks)
    assert any(row[2] == "to confirm" for row in checks)

    text = page.words
    winner = snapshot.names[snapshot.robustness.winner]
    assert f"Sensitivity to the weights: {winner} stays first in" in text
    assert f"Sensitivity to the missing facts: {winner} stays first in" in text
    assert "Questions to ask" in text
    for outcome in snapshot.products:
        for question in outcome.questions:
            assert words(question.en) in text
    assumptions = {row[0]: row[1] for row in page.table("Assumption", "Value")[1:]}
    assert assumptions["Integrator day rate"] == "900 EUR"
    assert assumptions["Exchange rates"] == "1 INR = 0.0098 EUR; 1 USD = 0.86 EUR"
    assert "{'" not in html
    assert "exchange_rates" not in text


def test_html_report_in_both_languages_needs_no_network(
    client: TestClient, evaluation: dict[str, Any]
) -> None:
    snapshot = typed(evaluation)
    french = export(client, evaluation["id"], "html").decode("utf-8")
    english = export(client, evaluation["id"], "html", lang="en").decode("utf-8")
    assert '<html lang="fr">' in french
    assert "Tableau comparatif" in french
    assert "Questions à poser" in french
    assert "estimé" in french
    assert "à confirmer" in french
    assert words(snapshot.summary.fr) in _Page(french).words
    assert words(snapshot.summary.en) in _Page(english).words
    for question in snapshot.products[0].questions:
        assert words(question.fr) in _Page(french).words
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
    snapshot = typed(evaluation)
    for lang, heading, questions, marker in (
        ("fr", "Tableau comparatif", "Questions à poser", "éliminé"),
        ("en", "Comparison table", "Questions to ask", "eliminated"),
    ):
        content = export(client, evaluation["id"], "pdf", lang=lang)
        assert content.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(content))
        text = words(" ".join(page.extract_text() for page in reader.pages))
        assert heading in text
        assert questions in text
        asked = next(p.questions[0] for p in snapshot.products if p.questions)
        assert words(asked.fr if lang == "fr" else asked.en) in text
        assert f"{eliminated_name(snapshot)} ({marker})" in text
        assert "Domaine des Trois Chênes" in text
        for name in NAMES.values():
            assert name in text
        assert len(reader.pages) >= 3


def test_exports_of_an_evaluation_without_any_price(evaluation: dict[str, Any]) -> None:
    """When no price bounds any cost, the TCO reads unknown everywhere and no export fails
    for lack of data to chart."""
    snapshot = typed(evaluation)
    unpriced = snapshot.model_copy(
        update={"tco": {pid: unbounded(cost) for pid, cost in snapshot.tco.items()}}
    )
    meta = EvaluationMeta(
        id=uuid.UUID(evaluation["id"]),
        project_id=uuid.UUID(evaluation["project_id"]),
        method=evaluation["method"],
        project_version=evaluation["project_version"],
        catalog_version=None,
        created_by=evaluation["created_by"],
        created_at=datetime.fromisoformat(evaluation["created_at"]),
    )

    def rendered(fmt: ExportFormat) -> bytes:
        return render(unpriced, meta, fmt=fmt, lang=Lang.EN).content

    content = rendered(ExportFormat.XLSX)
    book = openpyxl.load_workbook(io.BytesIO(content))
    statuses = {row[3] for row in values(book["TCO"], 2, 1 + len(COMPARED))}
    assert statuses == {"unknown"}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 2  # scores and rank acceptability; no cost to chart

    html = rendered(ExportFormat.HTML).decode("utf-8")
    shown = [row[-2] for row in _Page(html).table("Product", "Total")[1:]]
    assert shown == ["unknown"] * len(COMPARED)
    assert html.count("<svg") == 2

    rows = csv.DictReader(io.StringIO(rendered(ExportFormat.CSV).decode()))
    totals = [r for r in rows if r["section"] == "tco_total" and r["key"] == "total"]
    assert [(r["status"], r["value"], r["low"]) for r in totals] == [("unknown", "", "")] * len(
        COMPARED
    )
    document = json.loads(rendered(ExportFormat.JSON))
    assert jsonschema_rs.validator_for(export_schema()).is_valid(document)


def unbounded(cost: CostOut) -> CostOut:
    """The cost as the evaluation gives it when no catalog price bounds the edition's."""
    options = [
        option.model_copy(
            update={"known": False, "low": 0.0, "high": 0.0, "list_amount": None, "bounds": []}
        )
        for option in cost.options
    ]
    return cost.model_copy(
        update={
            "known": False,
            "unbounded": True,
            "low": None,
            "mean": None,
            "high": None,
            "budget_fit": None,
            "years": [],
            "items": {},
            "items_by_year": [],
            "options": options,
        }
    )


def test_an_evaluation_of_an_earlier_engine_is_a_conflict(
    client: TestClient, session: Session, evaluation: dict[str, Any]
) -> None:
    stored = session.get(Evaluation, uuid.UUID(evaluation["id"]))
    assert stored is not None
    stored.snapshot = legacy(evaluation["snapshot"])
    session.add(stored)
    session.commit()
    for fmt in ExportFormat:
        response = client.get(
            f"/api/v1/evaluations/{evaluation['id']}/export", params={"format": fmt.value}
        )
        assert response.status_code == 409, fmt
        assert response.json()["error"] == "legacy_evaluation"
    operation = client.get("/openapi.json").json()["paths"][
        "/api/v1/evaluations/{evaluation_id}/export"
    ]["get"]
    assert {"404", "409"} <= set(operation["responses"])


def legacy(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot as the earlier engine stored it: no schema version, missing facts as a list."""
    old = {key: value for key, value in snapshot.items() if key != "schema_version"}
    return {**old, "missing_facts": [], "matrix": {**snapshot["matrix"], "dropped": {}}}


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
