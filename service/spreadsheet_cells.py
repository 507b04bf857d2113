"""Text cells of the spreadsheets the service writes (CSV and XLSX), kept as text.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
some also after a tab, a line break or leading spaces; a product, client or fact text that
starts that way would run when the file is opened (OWASP "CSV Injection"). Text from users
and from the catalog therefore never reaches a cell as it is:

- CSV has no cell types: a text that could start a formula gets a leading ``'``, the mark
  spreadsheets take for "text" and show no formula for. Numbers are not text and stay as they
  are, negative ones included. Lines end in CRLF (RFC 4180, the csv module's ``excel``
  dialect) so that a cell holding a carriage return is quoted: with lines ending in LF, Python
  before 3.11.9 leaves it bare, and the text after it would start a row of its own.
- XLSX has cell types: every text is a string cell in a workbook that never turns strings
  into formulas, links or numbers, and a text that could start a formula also carries
  Excel's quote prefix (the ``'`` typed before a text, kept as a cell property): invisible,
  the value reads back unchanged, and editing the cell in Excel keeps it text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any, TextIO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

# The formula signs in their ASCII and full-width forms: spreadsheets in East Asian locales
# take the full-width ones as formula signs too.
FORMULA_SIGNS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Control characters a cell may start with: some spreadsheets skip them and read on.
LEADING_CONTROLS = frozenset("\t\r\n")
CSV_TEXT_MARK = "'"

_TEXT_STAYS_TEXT = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula: it starts with a formula sign
    (after any whitespace) or with a tab, carriage return or line feed."""
    if not text:
        return False
    if text[0] in LEADING_CONTROLS:
        return True
    return text.lstrip()[:1] in FORMULA_SIGNS


def csv_text(text: str) -> str:
    """A text as a CSV cell: marked as text when it could start a formula, else unchanged."""
    return CSV_TEXT_MARK + text if starts_formula(text) else text


def csv_cell(value: Any) -> Any:
    """A value for the csv module: text through `csv_text`, anything else as given."""
    return csv_text(value) if isinstance(value, str) else value


class CsvTable:
    """A CSV table written row by row, its text cells through `csv_text`."""

    def __init__(self, stream: TextIO, header: Iterable[str]) -> None:
        self._writer = csv.writer(stream, dialect="excel")
        self.row(header)

    def row(self, values: Iterable[Any]) -> None:
        """Write one row: texts kept as text, numbers as numbers."""
        self._writer.writerow([csv_cell(value) for value in values])


def workbook(target: str | IO[bytes], options: dict[str, Any] | None = None) -> Workbook:
    """An XlsxWriter workbook that never turns a string into a formula, a link or a number."""
    return xlsxwriter.Workbook(target, {**(options or {}), **_TEXT_STAYS_TEXT})


class TextCells:
    """Writes text cells of one workbook as text, quote-prefixed when they could start a
    formula. Formats that text is written with come from `format`, so that each has a
    quote-prefixed twin with the same look (a format made elsewhere gets a twin with the
    quote prefix alone: the text stays text, its look is lost)."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._properties: dict[Format, dict[str, Any]] = {}
        self._quoted: dict[Format | None, Format] = {}

    def format(self, properties: dict[str, Any]) -> Format:
        """A new cell format of the workbook."""
        fmt = self.book.add_format(properties)
        self._properties[fmt] = dict(properties)
        return fmt

    def write(
        self, sheet: Worksheet, row: int, col: int, text: str, fmt: Format | None = None
    ) -> int:
        """Write `text` as a string cell; returns XlsxWriter's code (0: written whole)."""
        code: int = sheet.write_string(row, col, text, self._for(text, fmt))
        return code

    def write_row(
        self, sheet: Worksheet, row: int, col: int, texts: Iterable[str], fmt: Format | None = None
    ) -> None:
        """Write `texts` from (`row`, `col`) rightwards, each as a string cell."""
        for offset, text in enumerate(texts):
            self.write(sheet, row, col + offset, text, fmt)

    def merge(
        self,
        sheet: Worksheet,
        cells: tuple[int, int, int, int],
        text: str,
        fmt: Format | None = None,
    ) -> None:
        """Merge the range (first row, first col, last row, last col) and write `text` in it."""
        sheet.merge_range(*cells, text, self._for(text, fmt))

    def _for(self, text: str, fmt: Format | None) -> Format | None:
        """The format to write `text` with: `fmt`, or its quote-prefixed twin."""
        if not starts_formula(text):
            return fmt
        if fmt not in self._quoted:
            properties = self._properties.get(fmt, {}) if fmt is not None else {}
            self._quoted[fmt] = self.book.add_format({**properties, "quote_prefix": True})
        return self._quoted[fmt]
