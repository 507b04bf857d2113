"""Checks that a spreadsheet the service wrote keeps every text as text, and hostile texts to
feed it: the formula starts of the OWASP "CSV Injection" page and a link to another workbook."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable

import openpyxl

from service.spreadsheet_cells import starts_formula

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "=[http://x/y.xlsx]Sheet!A1",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


def text_of(value: object) -> object:
    """A cell's text as written: XlsxWriter stores a carriage return as Excel's escape
    ``_x000D_``, which Excel reads back as the character and openpyxl leaves as it is."""
    return value.replace("_x000D_", "\r") if isinstance(value, str) else value


def xlsx_texts(content: bytes) -> list[str]:
    """Every text cell of the workbook, after checking that none is a formula, that each
    text that could start one carries the quote prefix, and that charts refer only to cells
    of the workbook."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [
        (f"{sheet.title}!{cell.coordinate}", cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]
    formulas = [where for where, cell in cells if cell.data_type == "f"]
    assert not formulas, f"live formulas in {formulas}"
    links = [where for where, cell in cells if cell.hyperlink]
    assert not links, f"links in {links}"
    texts = []
    for where, cell in cells:
        text = text_of(cell.value)
        if isinstance(text, str):
            assert cell.quotePrefix == starts_formula(text), (where, text)
            texts.append(text)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name), name
            if name.startswith("xl/charts/chart"):
                for ref in re.findall(r"<c:f>(.*?)</c:f>", archive.read(name).decode()):
                    assert ref.split("!")[0].strip("'") in book.sheetnames, (name, ref)
    return texts


def csv_rows(content: str) -> list[list[str]]:
    """The CSV's rows, after checking that each has a cell per column (a line break in a cell
    did not start a row) and that no cell could start a formula but a number."""
    rows = list(csv.reader(io.StringIO(content, newline="")))
    assert {len(row) for row in rows} == {len(rows[0])}
    for row in rows:
        for cell in row:
            assert not starts_formula(cell) or is_number(cell), cell
    return rows


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def marked(texts: Iterable[str]) -> list[str]:
    """Texts as a CSV keeps them: marked as text with a leading quote."""
    return ["'" + text for text in texts]
