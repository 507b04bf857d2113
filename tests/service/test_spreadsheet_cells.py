"""The rule every spreadsheet the service writes follows: a text that could start a formula
is marked as text, any other text is left as it is."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.spreadsheet_cells import (
    FORMULA_SIGNS,
    LEADING_CONTROLS,
    CsvTable,
    TextCells,
    csv_cell,
    csv_text,
    starts_formula,
    workbook,
)
from tests.service.spreadsheet_checks import text_of

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "  =1+1",
    "\u00a0=1",
    "\uff1d1+1",
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
]
SAFE = ["", "Pipedrive CRM", "Zoho CRM (eliminated)", "1 USD = 0.86 EUR", "a=b", "   ", "'=1"]
DANGEROUS_FIRST = FORMULA_SIGNS | LEADING_CONTROLS


def dangerous_start(text: str) -> bool:
    """A cell a spreadsheet could read as a formula, restated for the test: its first
    character, or its first after whitespace, is a formula sign or a control character."""
    return bool(text) and (text[0] in DANGEROUS_FIRST or text.lstrip()[:1] in DANGEROUS_FIRST)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_that_could_start_a_formula_is_marked(text: str) -> None:
    assert starts_formula(text)
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", SAFE)
def test_other_text_is_unchanged(text: str) -> None:
    assert not starts_formula(text)
    assert csv_text(text) == text


@given(st.text())
def test_no_csv_text_starts_a_formula(text: str) -> None:
    cell = csv_text(text)
    assert not dangerous_start(cell)
    assert cell in {text, "'" + text}
    if not dangerous_start(text):
        assert cell == text


@given(st.sampled_from(sorted(FORMULA_SIGNS)), st.text(), st.text(" \t\r\n\u00a0\u3000"))
def test_every_formula_sign_is_marked_even_after_whitespace(
    sign: str, rest: str, spaces: str
) -> None:
    text = spaces + sign + rest
    assert csv_text(text) == "'" + text


@given(st.sampled_from(sorted(LEADING_CONTROLS)), st.text())
def test_a_leading_control_character_is_marked(control: str, rest: str) -> None:
    assert csv_text(control + rest) == "'" + control + rest


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.booleans()))
def test_numbers_stay_numbers(value: object) -> None:
    assert csv_cell(value) is value


def test_a_csv_table_quotes_its_cells_and_keeps_numbers() -> None:
    """A line break inside a cell is quoted, so that the text after it does not start a row
    of its own (Python before 3.11.9 leaves a carriage return bare when lines end in LF)."""
    buffer = io.StringIO(newline="")
    table = CsvTable(buffer, ["a", "b", "c", "d"])
    table.row(['=1,2"', -2.5, "x\r=1", "y\n=2"])
    rows = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert rows == [["a", "b", "c", "d"], ["'=1,2\"", "-2.5", "x\r=1", "y\n=2"]]


def test_xlsx_text_is_a_string_cell_quote_prefixed_when_it_could_start_a_formula() -> None:
    buffer = io.BytesIO()
    book = workbook(buffer, {"in_memory": True})
    cells = TextCells(book)
    bold = cells.format({"bold": True})
    sheet = book.add_worksheet("Sheet")
    cells.write_row(sheet, 0, 0, [*HOSTILE, *SAFE], bold)
    cells.write(sheet, 1, 0, "=1+1")
    cells.merge(sheet, (2, 0, 3, 3), "-1", bold)
    sheet.write(4, 0, "=1+1")  # a plain write of the workbook keeps text too
    sheet.write(4, 1, "http://example.com")
    book.close()

    read = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Sheet"]
    header = list(read[1])
    assert [text_of(c.value) for c in header] == [*HOSTILE, *SAFE]
    for cell in [*header, read["A2"], read["A3"]]:
        assert cell.data_type == "s", cell.coordinate
        text = text_of(cell.value)
        if isinstance(text, str):
            assert cell.quotePrefix == starts_formula(text), cell.coordinate
    assert (read["A5"].data_type, read["A5"].value) == ("s", "=1+1")
    assert (read["B5"].value, read["B5"].hyperlink) == ("http://example.com", None)
    assert all(cell.font.b for cell in header)
    assert read["A3"].value == "-1"
    assert read["A3"].font.b
