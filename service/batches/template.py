"""The documented input template of `shortlist batch --template`: the columns, what each one
means, and example clients, as CSV, XLSX or JSON; text kept as text in the CSV and XLSX, as in
every spreadsheet the service writes (`service.spreadsheet_cells`)."""

from __future__ import annotations

import io
import json

from service.batches.profiles import COLUMN_NAMES, COLUMNS, TEMPLATE_EXAMPLES, InputFormat
from service.spreadsheet_cells import CsvTable, TextCells, workbook

_NUMERIC = {
    "users_sales_field",
    "users_sales_office",
    "users_marketing",
    "users_service",
    "users_management",
    "horizon_years",
    "budget_low",
    "budget_high",
}


def template(fmt: InputFormat) -> bytes:
    """The template in `fmt`: the column names, the example clients and the documentation."""
    if fmt is InputFormat.CSV:
        text = io.StringIO()
        table = CsvTable(text, COLUMN_NAMES)
        for example in TEMPLATE_EXAMPLES:
            table.row(example[name] for name in COLUMN_NAMES)
        return text.getvalue().encode("utf-8")
    if fmt is InputFormat.JSON:
        document = {
            "columns": {column.name: column.description for column in COLUMNS},
            "clients": [
                {key: value for key, value in example.items() if value}
                for example in TEMPLATE_EXAMPLES
            ],
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    buffer = io.BytesIO()
    book = workbook(buffer, {"in_memory": True})
    cells = TextCells(book)
    header = cells.format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF"})
    wrap = cells.format({"text_wrap": True, "valign": "top"})
    clients = book.add_worksheet("Clients")
    cells.write_row(clients, 0, 0, COLUMN_NAMES, header)
    clients.freeze_panes(1, 1)
    clients.set_column(0, 0, 30)
    clients.set_column(1, len(COLUMN_NAMES) - 1, 16)
    for r, example in enumerate(TEMPLATE_EXAMPLES, start=1):
        for c, name in enumerate(COLUMN_NAMES):
            value = example[name]
            if name in _NUMERIC and value:
                clients.write_number(r, c, float(value))
            elif value:
                cells.write(clients, r, c, value)
    for c, column in enumerate(COLUMNS):
        clients.write_comment(0, c, column.description, {"x_scale": 2, "y_scale": 1.5})
    docs = book.add_worksheet("Columns")
    cells.write_row(docs, 0, 0, ["column", "meaning", "example"], header)
    docs.freeze_panes(1, 0)
    docs.set_column(0, 0, 20)
    docs.set_column(1, 1, 90, wrap)
    docs.set_column(2, 2, 40)
    for r, column in enumerate(COLUMNS, start=1):
        cells.write_row(docs, r, 0, [column.name, column.description, column.example])
    book.close()
    return buffer.getvalue()
