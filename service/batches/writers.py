"""Writing a batch's outcomes as XLSX, CSV or JSON: a row per client and rank, the rows that
could not be evaluated with their column and reason, and a summary. Streamed: the XLSX is
written in XlsxWriter's constant-memory mode, the CSV and JSON row by row (the JSON's errors
wait in a temporary file that spills to disk). The XLSX and CSV keep every text as text
(`service.spreadsheet_cells`); the JSON keeps it as given.

Excel's sheets hold 1,048,576 rows: results or errors beyond continue on "Results (2)",
"Errors (2)" and so on, each with its header. A cell XlsxWriter does not write whole stops
the file with ResultFileError rather than leaving it silently cut.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Protocol

from service.batches.runner import ClientError, ClientResult, Outcome
from service.selection.shortlist import DEFAULT_METHOD
from service.spreadsheet_cells import CsvTable, TextCells, workbook

XLSX_MAX_ROWS = 1_048_576  # rows of an Excel sheet, its header included


class ResultFileError(ValueError):
    """The result file cannot be written as it should (a cell XlsxWriter would cut)."""


class OutputFormat(StrEnum):
    """File formats a batch writes its results to."""

    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"


MEDIA_TYPES = {
    OutputFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    OutputFormat.CSV: "text/csv; charset=utf-8",
    OutputFormat.JSON: "application/json",
}

RESULT_COLUMNS: dict[str, str] = {
    "row": "The client's row in the input (spreadsheet row, header = 1; JSON: position).",
    "client_name": "The client's name as given.",
    "status": "ranked (a candidate at this rank), no_candidate (every product was "
    "eliminated by a knock-out), or error (CSV only: the row could not be evaluated).",
    "rank": "1 is the best candidate: TOPSIS over the products no knock-out eliminates, each "
    "unknown fact at its expected value (the API's shortlist screens the same way, then "
    "orders its candidates by their probability of ranking first).",
    "product_id": "The product's id in the catalog.",
    "product": "The product's name.",
    "score": "TOPSIS relative closeness (0-1, higher is better) among the client's survivors.",
    "evidence": "Share (0-1) of the facts this client's requirements need that the catalog "
    "knows for the product.",
    "tco_low": "Total cost of ownership over the horizon, in the budget currency, at the "
    "lowest price the product could have (equal to tco_high when its price is known); empty "
    "when no price or comparable price bounds it.",
    "tco_expected": "The expected TCO under the stated policies for unknown prices.",
    "tco_high": "The TCO at the highest price the product could have.",
    "tco_known": "true when the TCO rests on a known list price, false when it is a range.",
    "currency": "The budget currency (ISO 4217).",
    "budget_fit": "below, within or above the budget range; to_confirm when the TCO range "
    "straddles a bound; empty without a budget or a price.",
    "strengths": "The criteria adding most to the score, `;`-separated.",
    "to_confirm": "Knock-out constraints an unknown fact leaves open, `;`-separated: to check "
    "with the vendor.",
    "survivors": "How many catalog products no knock-out eliminates for this client.",
    "eliminated": "How many catalog products a constraint eliminates whatever their unknown "
    "facts are.",
    "tied_at_cutoff": "Products tied with the last candidate kept but not kept, `;`-separated.",
    "weights_source": "Where the weights come from: direct (the weights column) or "
    "preset:<context>.",
}
ERROR_COLUMNS: dict[str, str] = {
    "row": "The row of the input that could not be evaluated.",
    "client_name": "The client's name as given (may be empty).",
    "column": "The column at fault (empty when the row as a whole failed).",
    "reason": "Why, in words.",
}
CSV_ERROR_COLUMNS = ("error_column", "error_reason")


@dataclass
class Summary:
    """Counts and provenance of a batch's output."""

    clients: int = 0
    ranked: int = 0
    without_candidate: int = 0
    errors: int = 0
    catalog_products: int = 0
    catalog: str | None = None
    method: str = DEFAULT_METHOD
    generated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> None:
        """Count one client's outcome."""
        self.clients += 1
        if isinstance(outcome, ClientError):
            self.errors += 1
        elif outcome.candidates:
            self.ranked += 1
        else:
            self.without_candidate += 1

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "clients": self.clients,
            "ranked": self.ranked,
            "without_candidate": self.without_candidate,
            "errors": self.errors,
            "catalog_products": self.catalog_products,
            "catalog": self.catalog,
            "method": self.method,
            "generated_at": self.generated_at.isoformat() if self.generated_at else None,
            **self.extra,
        }


def result_rows(result: ClientResult) -> list[list[Any]]:
    """One row per candidate (a single no_candidate row when none survived)."""
    common = [result.row, result.client_name]
    tail = [
        result.survivors,
        result.eliminated,
        ";".join(result.tied_at_cutoff),
        result.weights_source,
    ]
    if not result.candidates:
        blank = [None] * 9
        return [[*common, "no_candidate", *blank, result.currency, None, None, None, *tail]]
    rows = []
    for candidate in result.candidates:
        tco = candidate["tco"]
        evidence = candidate.get("evidence")
        rows.append(
            [
                *common,
                "ranked",
                candidate["rank"],
                candidate["id"],
                candidate["product"],
                candidate["score"],
                None if evidence is None else evidence["share"],
                tco["low"],
                tco["mean"],
                tco["high"],
                tco["known"],
                result.currency,
                candidate["budget_fit"],
                ";".join(candidate["strengths"]),
                ";".join(check["constraint"] for check in candidate["to_confirm"]),
                *tail,
            ]
        )
    return rows


class BatchWriter(Protocol):
    """Receives outcomes in input order, then the summary."""

    def add(self, outcome: Outcome) -> None:
        """Write one client's outcome."""

    def close(self, summary: Summary) -> None:
        """Finish the file."""

    def discard(self) -> None:
        """Give up an unfinished file: release what it holds (temporary files)."""


class _Sheets:
    """A table written over as many sheets as its rows need: "Results", "Results (2)"..."""

    def __init__(self, writer: XlsxBatchWriter, name: str, columns: dict[str, str]) -> None:
        self.writer = writer
        self.name = name
        self.columns = columns
        self.sheets: list[tuple[Any, int]] = []  # each sheet and the rows it holds
        self._add()

    def _add(self) -> None:
        count = len(self.sheets) + 1
        sheet = self.writer.book.add_worksheet(
            self.name if count == 1 else f"{self.name} ({count})"
        )
        self.writer.cells.write_row(sheet, 0, 0, self.columns, self.writer.header)
        sheet.freeze_panes(1, 0)
        self.sheets.append((sheet, 1))

    def next_row(self) -> tuple[Any, int]:
        """The sheet and row to write the next row at."""
        sheet, rows = self.sheets[-1]
        if rows >= self.writer.max_rows:
            self._add()
            sheet, rows = self.sheets[-1]
        self.sheets[-1] = (sheet, rows + 1)
        return sheet, rows

    def finish(self) -> None:
        """Filters over each sheet's rows."""
        for sheet, rows in self.sheets:
            if rows > 1:
                sheet.autofilter(0, 0, rows - 1, len(self.columns) - 1)


class XlsxBatchWriter:
    """Results, Errors and Summary sheets; typed cells, frozen headers, filters."""

    def __init__(self, target: str | IO[bytes], *, max_rows: int = XLSX_MAX_ROWS) -> None:
        self.max_rows = max_rows
        self.book = workbook(target, {"constant_memory": True})
        self.cells = TextCells(self.book)
        self.header = self.cells.format(
            {"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF"}
        )
        money = self.cells.format({"num_format": "#,##0"})
        score = self.cells.format({"num_format": "0.0000"})
        share = self.cells.format({"num_format": "0%"})
        names = list(RESULT_COLUMNS)
        self.styles = {names.index("score"): score, names.index("evidence"): share}
        for column in ("tco_low", "tco_expected", "tco_high"):
            self.styles[names.index(column)] = money
        self.summary_sheet = self.book.add_worksheet("Summary")
        self.results = _Sheets(self, "Results", RESULT_COLUMNS)
        self.errors = _Sheets(self, "Errors", ERROR_COLUMNS)
        self.columns_sheet = self.book.add_worksheet("Columns")
        results, errors = self.results.sheets[0][0], self.errors.sheets[0][0]
        results.set_column(1, 1, 28)
        results.set_column(4, 5, 24)
        results.set_column(7, 10, 12)
        results.set_column(13, 14, 30)
        results.set_column(17, 18, 22)
        errors.set_column(1, 1, 28)
        errors.set_column(2, 2, 20)
        errors.set_column(3, 3, 80)

    def add(self, outcome: Outcome) -> None:
        """Write one client's outcome."""
        if isinstance(outcome, ClientError):
            values: list[Any] = [outcome.row, outcome.client_name, outcome.column, outcome.reason]
            self._write(self.errors, values, styled=False)
            return
        for values in result_rows(outcome):
            self._write(self.results, values, styled=True)

    def _write(self, table: _Sheets, values: list[Any], *, styled: bool) -> None:
        sheet, row = table.next_row()
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, bool):
                code = sheet.write_boolean(row, col, value)
            elif isinstance(value, int | float):
                code = sheet.write_number(row, col, value, self.styles.get(col) if styled else None)
            else:
                code = self.cells.write(sheet, row, col, str(value))
            if code != 0:
                raise ResultFileError(
                    f"cannot write {list(table.columns)[col]} of row {values[0]} in the XLSX "
                    f"file (XlsxWriter code {code}: a text longer than a cell holds?); choose "
                    "CSV or JSON for this batch"
                )

    def discard(self) -> None:
        """Remove the rows XlsxWriter's constant-memory mode keeps in temporary files."""
        for sheet in self.book.worksheets():
            handle = getattr(sheet, "row_data_fh", None)
            if handle is not None and not handle.closed:
                handle.close()
            name = getattr(sheet, "row_data_filename", None)
            if name:
                Path(name).unlink(missing_ok=True)

    def close(self, summary: Summary) -> None:
        """Write the summary and the column documentation, then finish the file."""
        self.results.finish()
        self.errors.finish()
        self.cells.write_row(self.summary_sheet, 0, 0, ["measure", "value"], self.header)
        self.summary_sheet.freeze_panes(1, 0)
        self.summary_sheet.set_column(0, 0, 22)
        self.summary_sheet.set_column(1, 1, 40)
        measures = summary.to_dict()
        measures["results_sheets"] = len(self.results.sheets)
        measures["errors_sheets"] = len(self.errors.sheets)
        for r, (key, value) in enumerate(measures.items(), start=1):
            self.cells.write(self.summary_sheet, r, 0, key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                self.summary_sheet.write_number(r, 1, value)
            elif value is not None:
                self.cells.write(self.summary_sheet, r, 1, str(value))
        self.cells.write_row(self.columns_sheet, 0, 0, ["sheet", "column", "meaning"], self.header)
        self.columns_sheet.freeze_panes(1, 0)
        self.columns_sheet.set_column(0, 1, 16)
        self.columns_sheet.set_column(2, 2, 100)
        r = 1
        for sheet, columns in (("Results", RESULT_COLUMNS), ("Errors", ERROR_COLUMNS)):
            for name, meaning in columns.items():
                self.cells.write_row(self.columns_sheet, r, 0, [sheet, name, meaning])
                r += 1
        self.book.close()


class CsvBatchWriter:
    """One table: the result columns, then error_column and error_reason for error rows."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        self.table = CsvTable(self.text, [*RESULT_COLUMNS, *CSV_ERROR_COLUMNS])

    def add(self, outcome: Outcome) -> None:
        """Write one client's outcome."""
        if isinstance(outcome, ClientError):
            blanks = [""] * (len(RESULT_COLUMNS) - 3)
            self.table.row(
                [outcome.row, outcome.client_name, "error", *blanks, outcome.column, outcome.reason]
            )
            return
        for values in result_rows(outcome):
            self.table.row([*map(_csv_value, values), "", ""])

    def close(self, summary: Summary) -> None:
        """Flush the table (the summary has no place in a single CSV table)."""
        self.text.flush()
        self.text.detach()

    def discard(self) -> None:
        """Nothing is held apart from the stream."""


class JsonBatchWriter:
    """`{"results": [...], "errors": [...], "summary": {...}}`, results streamed; the errors
    wait in a temporary file (in memory up to 1 MiB, on disk beyond)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.errors = tempfile.SpooledTemporaryFile(max_size=1 << 20)
        self.first = True
        self.first_error = True
        self.stream.write(b'{"results": [')

    def add(self, outcome: Outcome) -> None:
        """Write one client's outcome."""
        if isinstance(outcome, ClientError):
            self.errors.write((b"" if self.first_error else b", ") + _json(outcome.to_dict()))
            self.first_error = False
            return
        for values in result_rows(outcome):
            item = dict(zip(RESULT_COLUMNS, values, strict=False))
            self.stream.write((b"\n" if self.first else b",\n") + _json(item))
            self.first = False

    def close(self, summary: Summary) -> None:
        """Write the errors and the summary."""
        self.stream.write(b'\n], "errors": [')
        self.errors.seek(0)
        while block := self.errors.read(1 << 16):
            self.stream.write(block)
        self.errors.close()
        self.stream.write(b'], "summary": ' + _json(summary.to_dict()) + b"}\n")

    def discard(self) -> None:
        """Drop the errors kept aside."""
        self.errors.close()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value  # the csv module writes a float as its repr: every digit kept


def open_writer(fmt: OutputFormat, target: IO[bytes]) -> BatchWriter:
    """A writer of `fmt` on the binary stream `target`."""
    if fmt is OutputFormat.XLSX:
        return XlsxBatchWriter(target)
    if fmt is OutputFormat.CSV:
        return CsvBatchWriter(target)
    return JsonBatchWriter(target)


def write_all(
    outcomes: Iterable[Outcome], fmt: OutputFormat, target: IO[bytes], summary: Summary
) -> Summary:
    """Write every outcome to `target` and return the completed summary."""
    writer = open_writer(fmt, target)
    try:
        for outcome in outcomes:
            summary.count(outcome)
            writer.add(outcome)
    except BaseException:
        writer.discard()
        raise
    writer.close(summary)
    return summary
