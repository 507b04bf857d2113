"""Client profiles for a batch: the documented flat columns, reading CSV, XLSX and JSON files
into one row per client, and turning a row into the selection's validated inputs, with the
column and the reason when a row is wrong.

Files are read as streams within limits derived from their row limit (MAX_ROWS for CSV and
JSON, MAX_SHEET_ROWS for XLSX), so that a hostile file is refused as soon as it goes past what
that many rows can need, at a cost bounded by that, not by the file.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import chain
from typing import IO, Any, BinaryIO, TypeVar

from openpyxl.workbook.workbook import Workbook
from pydantic import ValidationError

from criteria import InvalidProblem
from service.batches.json_items import JsonLimits, JsonRefused, TooManyItems, json_items
from service.batches.xlsx_archive import (
    UnreadableWorkbook,
    WorkbookLimits,
    WorkbookTooLarge,
    open_checked,
)
from service.selection.inputs import Project, Requirements
from service.selection.weights import (
    AggregateWeights,
    StakeholderWeightsIn,
    aggregate,
    stakeholder_weights,
)

BATCH_STAKEHOLDER = "batch"
MAX_ROWS = 1_000_000  # rows of one CSV or JSON upload, read and stored as a stream
MAX_SHEET_ROWS = 50_000  # rows of one XLSX upload, from which its checks before reading derive


class InputFormat(StrEnum):
    """File formats a batch reads client profiles from."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


@dataclass(frozen=True)
class Column:
    """One documented input column."""

    name: str
    description: str
    example: str


USER_POPULATIONS = ("sales_field", "sales_office", "marketing", "service", "management")

COLUMNS: tuple[Column, ...] = (
    Column("client_name", "Required. The client's name (1-200 characters).", "Domaine des Chênes"),
    Column("sector", "Optional. The client's sector, free text.", "wine"),
    Column("size", "Optional. micro, small, medium, large or enterprise.", "small"),
    Column(
        "context",
        "Required. first_crm, relaunch, cloud_migration or marketing_automation.",
        "first_crm",
    ),
    *(
        Column(f"users_{pop}", f"CRM users in {pop.replace('_', ' ')} (whole number, 0).", "5")
        for pop in USER_POPULATIONS
    ),
    Column("horizon_years", "TCO horizon in years, 1-15 (3).", "3"),
    Column(
        "budget_low",
        "Budget over the horizon, low end; leave both budget columns empty for no budget.",
        "40000",
    ),
    Column("budget_high", "Budget over the horizon, high end (at least budget_low).", "250000"),
    Column("currency", "Budget currency, ISO 4217 (EUR).", "EUR"),
    Column(
        "exchange_rates",
        "Units of the budget currency per unit of another, `CODE:rate;...`; prices in a "
        "currency without a rate count as unpublished.",
        "USD:0.86;INR:0.0098",
    ),
    Column(
        "domains",
        "Functional domains with a MoSCoW priority, `domain:priority;...`; domains: sales, "
        "marketing, service, field_service; priorities: must, should, could, none.",
        "sales:must;service:should",
    ),
    Column(
        "capabilities",
        "Capabilities with a MoSCoW priority, `capability:priority;...` (keys as in "
        "GET /api/v1/vendors capabilities, e.g. mobile_app, quotes, ticketing).",
        "mobile_app:must;quotes:should",
    ),
    Column("hosting", "Allowed hosting places, `EU;FR;...`; empty allows any.", "EU"),
    Column(
        "deployment_modes", "Allowed modes: saas, on_premise, private_cloud; empty: any.", "saas"
    ),
    Column("ui_languages", "UI languages the product must offer, ISO 639-1: `fr;en`.", "fr"),
    Column("certifications", "Certifications the service must hold, e.g. `iso_27001`.", ""),
    Column(
        "budget_ceiling",
        "true or false (true): eliminate products whose TCO exceeds budget_high.",
        "true",
    ),
    Column(
        "weights",
        "Points per criterion, `criterion:points;...` (normalised); criteria: fit_sales, "
        "fit_marketing, fit_service, fit_field_service, fit_platform, tco, adoption, "
        "ease_of_deployment, scalability, hosting_compliance. Empty: the context's preset.",
        "fit_sales:30;tco:25;adoption:25;ease_of_deployment:20",
    ),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)

# What the row limit's rows can need, with room to spare. CSV: a row of these columns, with long
# lists, stays within a few thousand characters. XLSX: it takes about 3.5 KB of sheet XML written as
# inline strings, three XML elements a cell, and has at most six texts of its own in the shared
# strings (two elements each; the generated clients of bench.clients have three), the others
# repeating from row to row. JSON: a client of every column and every list item holds about 300
# values and keys, nested 4 deep.
MAX_ROW_CHARS = 65_536
XLSX_LIMITS = WorkbookLimits(
    expanded_bytes=(MAX_SHEET_ROWS + 1) * 4096,
    sheet_elements=(MAX_SHEET_ROWS + 1) * (3 * len(COLUMNS) + 1),
    strings_elements=(MAX_SHEET_ROWS + 1) * 6 * 2,
)
JSON_LIMITS = JsonLimits(items=MAX_ROWS, depth=10, item_values=1_000)
_SPLIT_ITEMS = re.compile(r"[;,|]")
_SPLIT_PAIRS = re.compile(r"[;|]")
M = TypeVar("M", Project, Requirements, StakeholderWeightsIn)
_PAIR = re.compile(r"[:=]")


class InputFileError(ValueError):
    """The file as a whole cannot be read as client profiles."""


class InputTooLarge(InputFileError):
    """The file expands far beyond what its rows can need (a zip bomb)."""


class RowError(ValueError):
    """One client row is wrong: which column and why."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class ClientInputs:
    """One client's validated inputs."""

    project: Project
    requirements: Requirements
    weights: AggregateWeights


@dataclass(frozen=True)
class InputRow:
    """One client row as read from the file, and its number there."""

    number: int
    values: dict[str, Any]


def input_format_of(filename: str) -> InputFormat:
    """The input format a file name's extension tells."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    try:
        return InputFormat(suffix)
    except ValueError:
        raise InputFileError(
            f"cannot tell the format of {filename!r}: name it .csv, .xlsx or .json"
        ) from None


def read_rows(source: bytes | BinaryIO, fmt: InputFormat) -> list[InputRow]:
    """Read every non-empty client row of a CSV, XLSX or JSON file (bytes, or a seekable
    binary stream at its start), within the limits of an upload, into one list (an upload is
    spooled chunk by chunk instead: `uploads.spooled_rows`).

    Row numbers are what a person sees: the spreadsheet row (the header is row 1) for CSV
    and XLSX, the 1-based position in the list for JSON. Raise InputFileError when the file
    cannot be read, holds no client or more rows than its format's limit (blank ones
    included), or a NUL character; InputTooLarge when it expands far beyond what its rows can
    need.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    rows = list(iter_rows(stream, fmt))
    if not rows:
        raise no_client_row()
    return rows


def no_client_row() -> InputFileError:
    """The error of a file without any client row."""
    return InputFileError("the file holds no client row")


def row_limit(fmt: InputFormat) -> int:
    """How many rows (blank ones included) one upload of the format may hold."""
    return MAX_SHEET_ROWS if fmt is InputFormat.XLSX else MAX_ROWS


def iter_rows(stream: BinaryIO, fmt: InputFormat, *, limited: bool = True) -> Iterator[InputRow]:
    """The file's non-empty client rows one by one, as they are read, as `read_rows` reads
    them, at most `row_limit(fmt)`; `limited=False` lifts the row limit for a CSV or JSON
    file of any length (the CLI). An XLSX file stays within the upload's limits, which its
    checks before reading derive from MAX_SHEET_ROWS. Errors are raised when the row at fault
    is reached."""
    max_rows = row_limit(fmt) if limited else None
    if fmt is InputFormat.CSV:
        return _csv_rows(stream, max_rows)
    if fmt is InputFormat.XLSX:
        return _xlsx_rows(stream, max_rows)
    return _json_rows(stream, max_rows)


def _count(rows_read: int, max_rows: int | None) -> None:
    """Refuse the file once it has more rows than a batch takes; blank rows count, as they
    cost as much to read."""
    if max_rows is not None and rows_read > max_rows:
        raise _too_many_rows(max_rows)


def _too_many_rows(max_rows: int) -> InputFileError:
    return InputFileError(
        f"the file holds more than {max_rows} rows, blank ones included; at most {max_rows}"
        " clients at once"
    )


def _input_row(number: int, values: dict[str, Any]) -> InputRow:
    """A row as read; a NUL character is refused, as the database cannot store it in text."""
    for column, value in values.items():
        if _holds_nul(column) or _holds_nul(value):
            where = f"row {number}, column {column!r}" if column else f"row {number}"
            raise InputFileError(f"{where} holds a NUL character (0x00), which cannot be stored")
    return InputRow(number, values)


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    return False


def _check_header(header: Sequence[str]) -> None:
    named = [name for name in header if name]
    unknown = [name for name in named if name not in COLUMN_NAMES]
    if unknown:
        shown = ", ".join(map(repr, unknown[:10])) + (", ..." if len(unknown) > 10 else "")
        raise InputFileError(
            f"unknown column(s) {shown}; the columns are: " + ", ".join(COLUMN_NAMES)
        )
    repeated = sorted(name for name, count in Counter(named).items() if count > 1)
    if repeated:
        raise InputFileError(f"column(s) given twice: {', '.join(repeated)}")
    if "client_name" not in header or "context" not in header:
        raise InputFileError("the columns client_name and context are required")


class _Lines(Iterator[str]):
    """The lines of a CSV text, refusing a row (a record, whose quoted cells may span lines)
    longer than MAX_ROW_CHARS before it is split into cells."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self.number = 1
        self._left = MAX_ROW_CHARS

    def next_row(self) -> None:
        """Start the budget of the next row."""
        self.number += 1
        self._left = MAX_ROW_CHARS

    def __next__(self) -> str:
        line = self._text.readline(self._left + 1)
        if not line:
            raise StopIteration
        self._left -= len(line)
        if self._left < 0:
            raise InputFileError(f"row {self.number} is longer than {MAX_ROW_CHARS} characters")
        return line


def _csv_rows(stream: BinaryIO, max_rows: int | None) -> Iterator[InputRow]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from _csv_records(_Lines(text), max_rows)
    except UnicodeDecodeError as exc:
        raise InputFileError(f"the CSV file is not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise InputFileError(f"the CSV file cannot be read: {exc}") from exc
    finally:
        text.detach()  # the caller's stream stays open


def _csv_records(lines: _Lines, max_rows: int | None) -> Iterator[InputRow]:
    first = next(lines, "")
    if not first:
        raise InputFileError("the CSV file is empty")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(chain([first], lines), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    _check_header(header)
    lines.next_row()
    for number, record in enumerate(reader, start=2):
        lines.next_row()
        _count(number - 1, max_rows)
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            extra = record[len(header) :]
            if any(cell.strip() for cell in extra):
                raise InputFileError(f"row {number} has more cells than the header has columns")
        values = {name: cell for name, cell in zip(header, record, strict=False) if name}
        yield _input_row(number, values)


def _xlsx_rows(stream: BinaryIO, max_rows: int | None) -> Iterator[InputRow]:
    try:
        book = open_checked(stream, XLSX_LIMITS, data_only=True)
    except WorkbookTooLarge as exc:
        raise InputTooLarge(f"the XLSX file {exc}") from exc
    except UnreadableWorkbook as exc:
        raise InputFileError(f"the XLSX file {exc}") from exc
    try:
        yield from _sheet_rows(book, max_rows)
    except InputFileError:
        raise
    except Exception as exc:  # the same, met while streaming the sheet
        raise InputFileError(f"the XLSX file cannot be read ({type(exc).__name__})") from exc
    finally:
        book.close()


def _sheet_rows(book: Workbook, max_rows: int | None) -> Iterator[InputRow]:
    sheet = book["Clients"] if "Clients" in book.sheetnames else book.worksheets[0]
    header_row = next(sheet.iter_rows(max_row=1, values_only=True), None)
    if header_row is None:
        raise InputFileError("the first sheet is empty")
    header = ["" if cell is None else str(cell).strip() for cell in header_row]
    _check_header(header)
    # Only the header's columns are read: openpyxl pads every row to the width the sheet
    # claims, up to 16,384 cells.
    width = max(column for column, name in enumerate(header, start=1) if name)
    records = sheet.iter_rows(min_row=2, max_col=width, values_only=True)
    for number, record in enumerate(records, start=2):
        _count(number - 1, max_rows)
        if all(cell is None or str(cell).strip() == "" for cell in record):
            continue
        values = {name: cell for name, cell in zip(header, record, strict=False) if name}
        yield _input_row(number, values)


def _json_rows(stream: BinaryIO, max_rows: int | None) -> Iterator[InputRow]:
    limits = replace(JSON_LIMITS, items=sys.maxsize if max_rows is None else max_rows)
    try:
        for number, item in enumerate(json_items(stream, limits), start=1):
            yield _input_row(number, item if isinstance(item, dict) else {"": item})
    except TooManyItems as exc:
        raise _too_many_rows(limits.items) from exc
    except JsonRefused as exc:
        raise InputFileError(str(exc)) from exc


# From one row to validated inputs.


def client_inputs(values: Mapping[str, Any]) -> ClientInputs:
    """Validate one client row into a project, its requirements and weights (or RowError)."""
    if "" in values:
        raise RowError("row", "each client must be an object of the documented columns")
    unknown = sorted(set(values) - set(COLUMN_NAMES))
    if unknown:
        raise RowError(unknown[0], "unknown column")
    cells = {name: _blank_to_none(values.get(name)) for name in COLUMN_NAMES}
    project_data: dict[str, Any] = {
        "client_name": _text(cells["client_name"], "client_name") or "",
        "context": _text(cells["context"], "context") or "",
        "users": {
            pop: _whole(cells[f"users_{pop}"], f"users_{pop}", default=0)
            for pop in USER_POPULATIONS
        },
        "horizon_years": _whole(cells["horizon_years"], "horizon_years", default=3),
        "tco": {"exchange_rates": _pairs(cells["exchange_rates"], "exchange_rates", _rate)},
    }
    for name in ("sector", "size"):
        if cells[name] is not None:
            project_data[name] = _text(cells[name], name)
    low, high = cells["budget_low"], cells["budget_high"]
    if low is not None or high is not None:
        if low is None or high is None:
            missing = "budget_low" if low is None else "budget_high"
            raise RowError(missing, "give both ends of the budget, or neither")
        project_data["budget"] = {
            "low": _money(low, "budget_low"),
            "high": _money(high, "budget_high"),
            "currency": (_text(cells["currency"], "currency") or "EUR").upper(),
        }
    project = _validated(Project, project_data, _PROJECT_COLUMNS)
    requirements_data = {
        "domains": _pairs(cells["domains"], "domains", _word),
        "capabilities": _pairs(cells["capabilities"], "capabilities", _word),
        "constraints": {
            "hosting": [item.upper() for item in _items(cells["hosting"], "hosting")],
            "deployment_modes": _items(cells["deployment_modes"], "deployment_modes"),
            "ui_languages": [
                item.lower() for item in _items(cells["ui_languages"], "ui_languages")
            ],
            "certifications": _items(cells["certifications"], "certifications"),
            "budget_ceiling": _boolean(cells["budget_ceiling"], "budget_ceiling", default=True),
        },
    }
    requirements = _validated(Requirements, requirements_data, _REQUIREMENT_COLUMNS)
    return ClientInputs(project, requirements, _weights(cells["weights"], project, requirements))


def _weights(cell: Any, project: Project, requirements: Requirements) -> AggregateWeights:
    """Direct points as one stakeholder's weights, or the context preset when empty."""
    if cell is None:
        return aggregate([], {}, context=project.context, requirements=requirements)
    points = _pairs(cell, "weights", _number)
    given = _validated(
        StakeholderWeightsIn, {"method": "direct", "points": points}, {"": "weights"}
    )
    try:
        derived = stakeholder_weights(BATCH_STAKEHOLDER, given)
    except InvalidProblem as exc:
        raise RowError("weights", str(exc)) from exc
    return aggregate(
        [derived],
        {BATCH_STAKEHOLDER: given},
        context=project.context,
        requirements=requirements,
    )


# Where each validation error of a model points to, by the start of its location.
_PROJECT_COLUMNS = {
    "users.": "users_",
    "budget.low": "budget_low",
    "budget.high": "budget_high",
    "budget.currency": "currency",
    "budget": "budget_high",
    "tco.exchange_rates": "exchange_rates",
    "": "",
}
_REQUIREMENT_COLUMNS = {
    "constraints.hosting": "hosting",
    "constraints.deployment_modes": "deployment_modes",
    "constraints.ui_languages": "ui_languages",
    "constraints.certifications": "certifications",
    "constraints.budget_ceiling": "budget_ceiling",
    "domains": "domains",
    "capabilities": "capabilities",
}


def _validated(model: type[M], data: Mapping[str, Any], columns: Mapping[str, str]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        parts = [str(part) for part in err["loc"] if part != "[key]"]
        column = _column(".".join(parts), columns)
        reason = err["msg"]
        if len(parts) > 1 and column in {"domains", "capabilities", "weights", "exchange_rates"}:
            reason = f"{parts[-1]}: {reason}"
        raise RowError(column, reason) from exc


def _column(loc: str, columns: Mapping[str, str]) -> str:
    for prefix, column in columns.items():
        if prefix and loc.startswith(prefix):
            if prefix == "users.":
                return "users_" + loc.split(".")[1]
            return column
    return columns.get("", loc) or loc.split(".")[0] or "row"


# Cells.


def _blank_to_none(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _text(value: Any, column: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool | list | dict):
        raise RowError(column, "must be text")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _number(value: Any, column: str) -> float:
    if isinstance(value, bool):
        raise RowError(column, "must be a number")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # a French decimal comma
        try:
            number = float(text)
        except ValueError:
            raise RowError(column, f"{value!r} is not a number") from None
        if number != number or number in {float("inf"), float("-inf")}:
            raise RowError(column, f"{value!r} is not a finite number")
        return number
    raise RowError(column, "must be a number")


def _whole(value: Any, column: str, *, default: int) -> int:
    if value is None:
        return default
    number = _number(value, column)
    if not number.is_integer():
        raise RowError(column, f"{value!r} is not a whole number")
    return int(number)


def _money(value: Any, column: str) -> float:
    return _number(value, column)


def _rate(value: Any, column: str) -> float:
    return _number(value, column)


def _word(value: Any, column: str) -> str:
    return str(value).strip().lower()


def _boolean(value: Any, column: str, *, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "oui", "1", "vrai"}:
        return True
    if text in {"false", "no", "non", "0", "faux"}:
        return False
    raise RowError(column, f"{value!r} is not true or false")


def _items(value: Any, column: str, *, lower: bool = False) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        items = [str(item).strip() for item in value]
    elif isinstance(value, str):
        items = [item.strip() for item in _SPLIT_ITEMS.split(value)]
    else:
        raise RowError(column, "must be a list separated by `;`")
    return [item.lower() if lower else item for item in items if item]


def _pairs(value: Any, column: str, convert: Any) -> dict[str, Any]:
    """`key:value;key:value` (or a JSON object) into a dict, each value converted."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(key).strip(): convert(item, column) for key, item in value.items()}
    if not isinstance(value, str):
        raise RowError(column, "must be `key:value` pairs separated by `;`")
    pairs: dict[str, Any] = {}
    for item in _SPLIT_PAIRS.split(value):
        if not item.strip():
            continue
        parts = _PAIR.split(item, maxsplit=1)
        if len(parts) != 2 or not parts[0].strip():
            raise RowError(column, f"{item.strip()!r} is not a `key:value` pair")
        key = parts[0].strip()
        if key in pairs:
            raise RowError(column, f"{key!r} given twice")
        pairs[key] = convert(parts[1].strip(), column)
    return pairs


# Example rows of the template, one per kind of project; each one validates.
TEMPLATE_EXAMPLES: tuple[dict[str, str], ...] = (
    {
        "client_name": "Domaine des Trois Chênes",
        "sector": "wine",
        "size": "small",
        "context": "first_crm",
        "users_sales_field": "12",
        "users_sales_office": "5",
        "users_marketing": "2",
        "users_service": "4",
        "users_management": "2",
        "horizon_years": "3",
        "budget_low": "40000",
        "budget_high": "250000",
        "currency": "EUR",
        "exchange_rates": "USD:0.86;GBP:1.17;INR:0.0098",
        "domains": "sales:must;service:should;marketing:could",
        "capabilities": "mobile_app:must;quotes:should;offline_mobile:should",
        "hosting": "EU",
        "deployment_modes": "",
        "ui_languages": "fr",
        "certifications": "",
        "budget_ceiling": "true",
        "weights": "",
    },
    {
        "client_name": "Ateliers Mécaniques du Rhône",
        "sector": "industry",
        "size": "medium",
        "context": "relaunch",
        "users_sales_field": "25",
        "users_sales_office": "15",
        "users_marketing": "3",
        "users_service": "20",
        "users_management": "5",
        "horizon_years": "5",
        "budget_low": "150000",
        "budget_high": "600000",
        "currency": "EUR",
        "exchange_rates": "USD:0.86;GBP:1.17",
        "domains": "sales:must;service:must;field_service:should",
        "capabilities": "ticketing:must;work_orders:should;dashboards:should",
        "hosting": "EU",
        "deployment_modes": "",
        "ui_languages": "fr",
        "certifications": "iso_27001",
        "budget_ceiling": "true",
        "weights": "fit_sales:20;fit_service:25;tco:20;adoption:25;ease_of_deployment:10",
    },
    {
        "client_name": "Coopérative Laitière de l'Ouest",
        "sector": "agri-food",
        "size": "large",
        "context": "cloud_migration",
        "users_sales_field": "40",
        "users_sales_office": "30",
        "users_marketing": "10",
        "users_service": "25",
        "users_management": "8",
        "horizon_years": "5",
        "budget_low": "300000",
        "budget_high": "1200000",
        "currency": "EUR",
        "exchange_rates": "USD:0.86;GBP:1.17",
        "domains": "sales:must;marketing:should;service:should",
        "capabilities": "erp_accounting_connectors:must;email_campaigns:should",
        "hosting": "EU",
        "deployment_modes": "saas",
        "ui_languages": "fr",
        "certifications": "",
        "budget_ceiling": "false",
        "weights": "",
    },
)
