"""Batch input: the documented columns read from CSV, XLSX and JSON, and each bad row named
with its column and reason."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from service.batches.profiles import (
    COLUMN_NAMES,
    MAX_ROWS,
    TEMPLATE_EXAMPLES,
    InputFileError,
    InputFormat,
    RowError,
    client_inputs,
    input_format_of,
    iter_rows,
    read_rows,
)
from service.batches.template import template
from service.selection.inputs import Priority, ProjectContext
from vendors.vocabulary import Domain

GOOD = TEMPLATE_EXAMPLES[1]


@pytest.mark.parametrize("fmt", list(InputFormat))
def test_the_template_reads_back_and_every_example_validates(fmt: InputFormat) -> None:
    rows = read_rows(template(fmt), fmt)
    assert len(rows) == len(TEMPLATE_EXAMPLES)
    first = 1 if fmt is InputFormat.JSON else 2
    assert [row.number for row in rows] == list(range(first, first + len(rows)))
    inputs = [client_inputs(row.values) for row in rows]
    assert inputs[0].project.client_name == "Domaine des Trois Chênes"
    assert inputs[0].project.users.total == 25
    assert inputs[0].weights.method == "preset:first_crm"
    assert inputs[1].weights.method == "direct"
    assert inputs[1].requirements.constraints.certifications == ["iso_27001"]
    assert inputs[2].requirements.constraints.budget_ceiling is False
    assert inputs[2].project.tco.exchange_rates == {"USD": 0.86, "GBP": 1.17}


def test_the_xlsx_template_documents_every_column() -> None:
    book = openpyxl.load_workbook(io.BytesIO(template(InputFormat.XLSX)))
    assert book.sheetnames == ["Clients", "Columns"]
    documented = [row[0] for row in book["Columns"].iter_rows(min_row=2, values_only=True)]
    assert tuple(documented) == COLUMN_NAMES
    assert all(row[1] for row in book["Columns"].iter_rows(min_row=2, values_only=True))
    clients = book["Clients"]
    assert clients.freeze_panes == "B2"
    assert isinstance(clients.cell(row=2, column=COLUMN_NAMES.index("budget_high") + 1).value, int)


def test_a_row_becomes_the_selection_inputs() -> None:
    inputs = client_inputs(GOOD)
    project, requirements = inputs.project, inputs.requirements
    assert project.context is ProjectContext.RELAUNCH
    assert project.horizon_years == 5
    assert project.budget is not None
    assert (project.budget.low, project.budget.high) == (150000.0, 600000.0)
    assert requirements.domains[Domain.SERVICE] is Priority.MUST
    assert requirements.capabilities == {
        "ticketing": Priority.MUST,
        "work_orders": Priority.SHOULD,
        "dashboards": Priority.SHOULD,
    }
    assert requirements.constraints.hosting == ["EU"]
    assert sum(inputs.weights.weights.values()) == pytest.approx(1.0)
    assert inputs.weights.weights["adoption"] == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"client_name": ""}, "client_name", "at least 1 character"),
        ({"context": "greenfield"}, "context", "first_crm"),
        ({"users_sales_field": "douze"}, "users_sales_field", "not a number"),
        ({"users_service": "2.5"}, "users_service", "not a whole number"),
        ({"users_marketing": "-3"}, "users_marketing", "greater than or equal to 0"),
        ({"horizon_years": "40"}, "horizon_years", "less than or equal to 15"),
        ({"budget_low": "700000"}, "budget_high", "high must be at least low"),
        ({"budget_low": ""}, "budget_low", "both ends"),
        ({"currency": "XYZ"}, "currency", "unknown currency"),
        ({"exchange_rates": "USD"}, "exchange_rates", "not a `key:value` pair"),
        ({"exchange_rates": "USD:-1"}, "exchange_rates", "USD"),
        ({"domains": "sales:maybe"}, "domains", "sales"),
        ({"domains": "crm:must"}, "domains", "crm"),
        ({"capabilities": "teleportation:must"}, "capabilities", "teleportation"),
        ({"hosting": "Mars"}, "hosting", "unknown region or country code"),
        ({"deployment_modes": "mainframe"}, "deployment_modes", "saas"),
        ({"ui_languages": "fr;fr"}, "ui_languages", "must not repeat"),
        ({"certifications": "iso_0"}, "certifications", "unknown certification"),
        ({"budget_ceiling": "perhaps"}, "budget_ceiling", "true or false"),
        ({"weights": "fit_sales:0;tco:0"}, "weights", "must not all be zero"),
        ({"weights": "charm:10"}, "weights", "charm"),
        ({"weights": "tco:x"}, "weights", "not a number"),
        ({"size": "huge"}, "size", "micro"),
        ({"colour": "blue"}, "colour", "unknown column"),
    ],
)
def test_a_bad_row_names_its_column_and_why(
    changes: dict[str, str], column: str, reason: str
) -> None:
    with pytest.raises(RowError) as caught:
        client_inputs({**GOOD, **changes})
    assert caught.value.column == column
    assert reason in caught.value.reason


def test_csv_as_excel_writes_it_semicolons_bom_and_blank_rows() -> None:
    header = ";".join(COLUMN_NAMES)
    line = ";".join(f'"{GOOD[name]}"' if ";" in GOOD[name] else GOOD[name] for name in COLUMN_NAMES)
    data = ("\ufeff" + header + "\r\n" + line + "\r\n;;;\r\n" + line + "\r\n").encode("utf-8")
    rows = read_rows(data, InputFormat.CSV)
    assert [row.number for row in rows] == [2, 4]
    assert client_inputs(rows[1].values).project.client_name == GOOD["client_name"]


def test_french_decimal_commas_and_spaces_in_numbers() -> None:
    inputs = client_inputs({**GOOD, "budget_low": "150 000,50", "exchange_rates": "USD:0,86"})
    assert inputs.project.budget is not None
    assert inputs.project.budget.low == 150000.5
    assert inputs.project.tco.exchange_rates == {"USD": 0.86}


def test_json_clients_take_native_values() -> None:
    client = {
        "client_name": "Native",
        "context": "first_crm",
        "users_sales_office": 4,
        "budget_low": 10000,
        "budget_high": 90000.5,
        "domains": {"sales": "must"},
        "hosting": ["EU", "FR"],
        "budget_ceiling": False,
        "weights": {"fit_sales": 2, "tco": 1},
    }
    rows = read_rows(json.dumps([client, "not an object"]).encode(), InputFormat.JSON)
    inputs = client_inputs(rows[0].values)
    assert inputs.requirements.constraints.hosting == ["EU", "FR"]
    assert inputs.weights.weights["fit_sales"] == pytest.approx(2 / 3)
    with pytest.raises(RowError) as caught:
        client_inputs(rows[1].values)
    assert caught.value.column == "row"


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (b"client_name,context,colour\nA,first_crm,blue\n", InputFormat.CSV, "'colour'"),
        (b"client_name,sector\nA,wine\n", InputFormat.CSV, "client_name and context"),
        (b"client_name,context\n", InputFormat.CSV, "no client row"),
        (b"\xff\xfe\x00c", InputFormat.CSV, "not UTF-8"),
        (b"client_name,context,context\nA,b,c\n", InputFormat.CSV, "given twice"),
        (b"{not json", InputFormat.JSON, "cannot be read"),
        (b'{"rows": []}', InputFormat.JSON, "list of clients"),
        (b"PK\x03\x04 broken", InputFormat.XLSX, "cannot be read"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(
    data: bytes, fmt: InputFormat, message: str
) -> None:
    with pytest.raises(InputFileError, match=message):
        read_rows(data, fmt)


def test_the_format_comes_from_the_extension() -> None:
    assert input_format_of("Clients.XLSX") is InputFormat.XLSX
    with pytest.raises(InputFileError, match=r"\.csv, \.xlsx or \.json"):
        input_format_of("clients.ods")


@pytest.mark.parametrize("fmt", [InputFormat.CSV, InputFormat.JSON])
def test_the_cli_s_stream_reads_past_the_upload_limit_one_row_at_a_time(
    fmt: InputFormat,
) -> None:
    """An upload stops at MAX_ROWS; the CLI reads a CSV or JSON file of any length."""
    count = MAX_ROWS + 5
    if fmt is InputFormat.CSV:
        data = b"client_name,context\n" + b"A,first_crm\n" * count
    else:
        data = json.dumps([{"client_name": "A", "context": "first_crm"}] * count).encode()
    with pytest.raises(InputFileError, match=f"more than {MAX_ROWS} rows"):
        for _ in iter_rows(io.BytesIO(data), fmt):
            pass
    rows = iter_rows(io.BytesIO(data), fmt, limited=False)
    first = next(rows)
    assert (first.number, first.values["context"]) == (
        2 if fmt is InputFormat.CSV else 1,
        "first_crm",
    )
    assert sum(1 for _ in rows) == count - 1
