"""Batch evaluation without a database: the prepared catalog gives exactly the single-project
shortlist, bad rows never stop the others, every output format reads back, and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from bench.clients import client_rows
from service.batches.profiles import (
    COLUMN_NAMES,
    TEMPLATE_EXAMPLES,
    InputFormat,
    InputRow,
    client_inputs,
    read_rows,
)
from service.batches.runner import Catalog, ClientError, ClientResult, evaluate_row, evaluate_rows
from service.batches.writers import (
    ERROR_COLUMNS,
    RESULT_COLUMNS,
    OutputFormat,
    ResultFileError,
    Summary,
    XlsxBatchWriter,
    write_all,
)
from service.cli import app as cli
from service.selection.shortlist import Market, shortlist, to_public
from service.spreadsheet_cells import starts_formula
from tests.service.spreadsheet_checks import HOSTILE, csv_rows, marked, xlsx_texts
from vendors.files import load_catalog_dir
from vendors.schema import ProductProfile

runner = CliRunner()

# Edge cases the generator rarely makes: no budget, nothing in scope, installed software
# only, every product eliminated, a named edition, a monthly-priced currency, no users.
EDGE_CASES: list[dict[str, str]] = [
    {"client_name": "No budget", "context": "relaunch", "users_sales_office": "8"},
    {"client_name": "Nothing in scope", "context": "first_crm"},
    {
        "client_name": "On premise only",
        "context": "first_crm",
        "users_sales_field": "30",
        "deployment_modes": "on_premise;private_cloud",
        "domains": "sales:must",
        "budget_low": "1000",
        "budget_high": "900000",
        "exchange_rates": "USD:0.86;GBP:1.17;INR:0.0098",
    },
    {
        "client_name": "Nobody fits",
        "context": "cloud_migration",
        "users_service": "5",
        "budget_low": "1",
        "budget_high": "2",
        "exchange_rates": "USD:0.86;GBP:1.17;INR:0.0098",
        "ui_languages": "ja;ar",
        "hosting": "CH",
        "certifications": "iso_27001;iso_27018",
    },
    {
        "client_name": "Named edition in INR",
        "context": "marketing_automation",
        "users_marketing": "12",
        "currency": "INR",
        "budget_low": "100000",
        "budget_high": "90000000",
        "exchange_rates": "USD:85;EUR:95",
        "domains": "marketing:must;sales:could",
        "capabilities": "email_campaigns:must;lead_scoring:should;open_api:could",
        "weights": "fit_marketing:5;tco:2;fit_platform:1",
    },
    {
        "client_name": "Tiny budget",
        "context": "first_crm",
        "users_sales_field": "3",
        "budget_low": "100",
        "budget_high": "200",
        "exchange_rates": "USD:0.86",
    },
]


def rows_of(values: list[dict[str, str]], first: int = 2) -> list[InputRow]:
    return [InputRow(first + i, row) for i, row in enumerate(values)]


@pytest.fixture(scope="module")
def catalog(shipped_profiles: list[ProductProfile]) -> Catalog:
    return Catalog.of(shipped_profiles)


@pytest.fixture(scope="module")
def small_catalog(shipped_profiles: list[ProductProfile]) -> Catalog:
    """Five products whose known facts can eliminate them all (the "Nobody fits" client)."""
    kept = {"efficy", "hubspot_sales_hub", "pipedrive", "sellsy", "zoho_crm"}
    return Catalog.of([p for p in shipped_profiles if p.id in kept])


def test_the_batch_gives_the_api_shortlist_s_candidates(catalog: Catalog) -> None:
    """Same candidates, screening ranks, scores (to the last bit), TCO ranges and checks to
    confirm as the project shortlist on a freshly prepared catalog: what the batch remembers
    across clients changes nothing. The API orders its candidates by their probability of
    ranking first afterwards; the batch keeps the screening order."""
    sample = rows_of(client_rows(300, seed=20261122) + list(TEMPLATE_EXAMPLES) + EDGE_CASES)
    keys = ("id", "screening_rank", "score", "tco", "budget_fit", "to_confirm", "evidence")
    for number, row in enumerate(sample):
        inputs = client_inputs(row.values)
        outcome = evaluate_row(row, catalog)
        assert isinstance(outcome, ClientResult), row.values["client_name"]
        fresh = Market.of(catalog.profiles, catalog.names)
        api = to_public(
            shortlist(
                fresh,
                inputs.project,
                inputs.requirements,
                inputs.weights,
                size=3,
                sampling=number % 10 == 0,  # the whole API path for one client in ten
                samples=500,
            ),
            inputs.project,
            inputs.weights.weights,
        )
        # Candidates tied at screening are listed by id on both sides.
        by_screening = sorted(api["candidates"], key=lambda c: (c["screening_rank"], c["id"]))
        ours = sorted(outcome.candidates, key=lambda c: (c["screening_rank"], c["id"]))
        batch = [{key: c[key] for key in keys} for c in ours]
        assert batch == [{key: c[key] for key in keys} for c in by_screening]
        assert [c["rank"] for c in outcome.candidates] == [1, 2, 3][: len(batch)]
        assert outcome.tied_at_cutoff == [c["id"] for c in api["tied_at_cutoff"]]


def test_bad_rows_are_reported_and_never_stop_the_others(small_catalog: Catalog) -> None:
    catalog = small_catalog
    good = client_rows(5, seed=3)
    rows = rows_of(
        [
            good[0],
            {**good[1], "context": "greenfield"},
            good[2],
            {**good[3], "users_sales_field": "lots"},
            good[4],
            EDGE_CASES[3],
        ]
    )
    outcomes = [o for chunk in evaluate_rows(rows, catalog, chunk_size=2) for o in chunk]
    assert [o.row for o in outcomes] == [2, 3, 4, 5, 6, 7]
    errors = [o for o in outcomes if isinstance(o, ClientError)]
    assert [(e.row, e.column) for e in errors] == [(3, "context"), (5, "users_sales_field")]
    assert errors[0].client_name == good[1]["client_name"]
    results = [o for o in outcomes if isinstance(o, ClientResult)]
    assert [len(r.candidates) for r in results] == [3, 3, 3, 0]
    assert results[-1].eliminated == len(catalog.profiles)
    for result in results[:3]:
        assert [c["rank"] for c in result.candidates] == sorted(
            c["rank"] for c in result.candidates
        )
        assert result.survivors + result.eliminated == len(catalog.profiles)


def test_worker_processes_give_the_same_outcomes(catalog: Catalog) -> None:
    rows = rows_of(client_rows(60, seed=5))
    alone = [o for chunk in evaluate_rows(rows, catalog, workers=1, chunk_size=10) for o in chunk]
    shared = [o for chunk in evaluate_rows(rows, catalog, workers=2, chunk_size=10) for o in chunk]
    assert shared == alone


def outcomes_for(catalog: Catalog) -> list[ClientResult | ClientError]:
    """The template's clients, a broken row and a client every product fails."""
    rows = rows_of([*TEMPLATE_EXAMPLES, {"client_name": "Broken", "context": "?"}, EDGE_CASES[3]])
    return [evaluate_row(row, catalog) for row in rows]


def test_xlsx_output_has_results_errors_summary_and_columns(small_catalog: Catalog) -> None:
    buffer = io.BytesIO()
    summary = write_all(
        outcomes_for(small_catalog), OutputFormat.XLSX, buffer, Summary(catalog="t")
    )
    assert (summary.clients, summary.ranked, summary.without_candidate, summary.errors) == (
        5,
        3,
        1,
        1,
    )
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["Summary", "Results", "Errors", "Columns"]
    results = book["Results"]
    assert results.freeze_panes == "A2"
    assert [c.value for c in results[1]] == list(RESULT_COLUMNS)
    rows = list(results.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3]) for r in rows[:3]] == [(2, 1), (2, 2), (2, 3)]
    assert all(isinstance(r[6], float) for r in rows if r[2] == "ranked")
    assert results.cell(row=2, column=7).number_format == "0.0000"
    assert rows[-1][2] == "no_candidate"
    assert rows[-1][0] == 6
    errors = book["Errors"]
    assert [c.value for c in errors[1]] == list(ERROR_COLUMNS)
    error_rows = list(errors.iter_rows(min_row=2, values_only=True))
    assert [row[:3] for row in error_rows] == [(5, "Broken", "context")]
    assert "first_crm" in str(error_rows[0][3])
    measures: dict[Any, Any] = {
        row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)
    }
    assert measures["errors"] == 1
    assert measures["catalog"] == "t"


def test_csv_and_json_outputs(small_catalog: Catalog) -> None:
    outcomes = outcomes_for(small_catalog)
    buffer = io.BytesIO()
    write_all(outcomes, OutputFormat.CSV, buffer, Summary())
    table = list(csv.DictReader(io.StringIO(buffer.getvalue().decode("utf-8"))))
    assert list(table[0]) == [*RESULT_COLUMNS, "error_column", "error_reason"]
    assert [r["status"] for r in table].count("ranked") == 9
    error = next(r for r in table if r["status"] == "error")
    assert (error["row"], error["error_column"]) == ("5", "context")
    first = outcomes[0]
    assert isinstance(first, ClientResult)
    assert float(table[0]["score"]) == first.candidates[0]["score"]

    buffer = io.BytesIO()
    write_all(outcomes, OutputFormat.JSON, buffer, Summary())
    document: dict[str, Any] = json.loads(buffer.getvalue())
    assert len(document["results"]) == 10
    assert document["errors"] == [outcomes[3].to_dict()]
    assert document["summary"]["clients"] == 5
    assert set(document["results"][0]) == set(RESULT_COLUMNS)


def test_client_names_that_start_formulas_stay_text(small_catalog: Catalog) -> None:
    """A client named `=HYPERLINK(...)` (or anything else a spreadsheet could run) is written
    as text in the XLSX results and marked as text in the CSV; JSON keeps it as given."""
    clients = [{**TEMPLATE_EXAMPLES[0], "client_name": name} for name in HOSTILE]
    broken = {"client_name": "=1+1 broken", "context": "-greenfield"}
    outcomes = [evaluate_row(row, small_catalog) for row in rows_of([*clients, broken])]
    assert [type(o) for o in outcomes] == [ClientResult] * len(HOSTILE) + [ClientError]
    names = {o.client_name for o in outcomes}  # as the batch reads them: stripped
    assert all(starts_formula(name) for name in names)

    buffer = io.BytesIO()
    write_all(outcomes, OutputFormat.XLSX, buffer, Summary(catalog="=catalog"))
    assert {*names, "=catalog"} <= set(xlsx_texts(buffer.getvalue()))

    buffer = io.BytesIO()
    write_all(outcomes, OutputFormat.CSV, buffer, Summary())
    header, *rows = csv_rows(buffer.getvalue().decode("utf-8"))
    assert {row[header.index("client_name")] for row in rows} == set(marked(names))
    scores = [row[header.index("score")] for row in rows if row[header.index("score")]]
    assert all(0 <= float(score) <= 1 for score in scores)

    buffer = io.BytesIO()
    write_all(outcomes, OutputFormat.JSON, buffer, Summary())
    document = json.loads(buffer.getvalue())
    assert {r["client_name"] for r in document["results"]} | {
        e["client_name"] for e in document["errors"]
    } == names


def test_cli_batch_writes_every_format_with_progress_lines(tmp_path: Path) -> None:
    template_path = tmp_path / "clients.csv"
    result = runner.invoke(cli, ["batch", "--template", str(template_path)])
    assert result.exit_code == 0, result.output
    rows = client_rows(30, seed=9)
    rows[4]["horizon_years"] = "0"
    with template_path.open("a", encoding="utf-8", newline="") as stream:
        csv.DictWriter(stream, fieldnames=COLUMN_NAMES, lineterminator="\n").writerows(rows)
    shipped = Catalog.of(load_catalog_dir())
    outcomes = [
        evaluate_row(row, shipped) for row in read_rows(template_path.read_bytes(), InputFormat.CSV)
    ]
    results = [o for o in outcomes if isinstance(o, ClientResult)]
    ranked = sum(1 for o in results if o.candidates)
    rows_written = sum(max(1, len(o.candidates)) for o in results)
    assert ranked >= 25, "the generated clients mostly find candidates"
    summary_line = (
        f"33 clients: {ranked} ranked, {len(results) - ranked} without a candidate, 1 with errors"
    )
    for suffix in ("xlsx", "csv", "json"):
        out = tmp_path / f"results.{suffix}"
        result = runner.invoke(
            cli, ["batch", str(template_path), "--out", str(out), "--workers", "1"]
        )
        assert result.exit_code == 0, result.output
        assert summary_line in result.stdout
        assert "batch: 33/33 clients (100%)" in result.stderr
        assert "clients/s" in result.stderr
        assert out.stat().st_size > 0
        assert not list(tmp_path.glob(".results*")), "no temporary file left behind"
    book = openpyxl.load_workbook(tmp_path / "results.xlsx")
    errors = list(book["Errors"].iter_rows(min_row=2, values_only=True))
    assert [(e[0], e[2]) for e in errors] == [(9, "horizon_years")]
    assert book["Results"].max_row == 1 + rows_written


def test_cli_templates_and_clear_failures(tmp_path: Path) -> None:
    for fmt in InputFormat:
        path = tmp_path / f"template.{fmt.value}"
        result = runner.invoke(cli, ["batch", "--template", "--out", str(path)])
        assert result.exit_code == 0, result.output
        assert len(read_rows(path.read_bytes(), fmt)) == len(TEMPLATE_EXAMPLES)
    result = runner.invoke(cli, ["batch", str(tmp_path / "template.csv")])
    assert result.exit_code == 1
    assert "--out" in result.stderr
    result = runner.invoke(
        cli, ["batch", str(tmp_path / "template.csv"), "--out", str(tmp_path / "r.ods")]
    )
    assert result.exit_code == 1
    assert "name it .xlsx, .csv or .json" in result.stderr
    (tmp_path / "bad.csv").write_text("client_name,colour\nA,blue\n", encoding="utf-8")
    result = runner.invoke(
        cli, ["batch", str(tmp_path / "bad.csv"), "--out", str(tmp_path / "r.xlsx")]
    )
    assert result.exit_code == 1
    assert "unknown column(s) 'colour'" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_xlsx_results_past_a_sheet_s_rows_continue_on_further_sheets(
    small_catalog: Catalog,
) -> None:
    """Excel's 1,048,576 rows a sheet, lowered here to 4 (a header and 3 rows)."""
    buffer = io.BytesIO()
    writer = XlsxBatchWriter(buffer, max_rows=4)
    outcomes = outcomes_for(small_catalog) * 2
    for outcome in outcomes:
        writer.add(outcome)
    writer.close(Summary())
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    results = [name for name in book.sheetnames if name.startswith("Results")]
    assert results == ["Results", *(f"Results ({n})" for n in range(2, 8))]
    assert "Errors (2)" not in book.sheetnames
    rows = [
        row
        for name in results
        for row in book[name].iter_rows(min_row=2, values_only=True)
        if row[0] is not None
    ]
    assert len(rows) == 20
    assert all(book[name].max_row <= 4 for name in results)
    assert all([c.value for c in book[name][1]] == list(RESULT_COLUMNS) for name in results)
    measures: dict[Any, Any] = {
        row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)
    }
    assert (measures["results_sheets"], measures["errors_sheets"]) == (7, 1)


def test_a_cell_xlsx_would_cut_stops_the_file_with_the_reason() -> None:
    target = io.BytesIO()
    outcomes = [ClientError(7, "Long", "weights", "x" * 40_000)]
    with pytest.raises(ResultFileError, match="reason of row 7"):
        write_all(outcomes, OutputFormat.XLSX, target, Summary())
