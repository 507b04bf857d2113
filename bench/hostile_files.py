"""Hostile batch upload files for the upload tests and `bench.bench_uploads`: workbooks whose
sheet is written as it is deflated, so that a sheet of a gigabyte never sits in memory."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

import openpyxl

SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
SHEET_TAIL = b"</sheetData></worksheet>"
SHARED_STRINGS = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def workbook(
    sheet: Iterable[bytes], *, dimension: str | None = "A1:B1048576", strings: int = 0
) -> bytes:
    """A workbook whose one sheet, Clients, holds the XML rows in `sheet` (deflated as it is
    written, so a huge sheet never sits in memory), with the `dimension` it claims and as many
    shared strings as `strings`."""
    claim = b'<dimension ref="%s"/>' % dimension.encode() if dimension else b""
    source = io.BytesIO()
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "Clients"
    book.save(source)
    target = io.BytesIO()
    with (
        zipfile.ZipFile(source) as given,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in given.infolist():
            content = given.read(info)
            if info.filename == "[Content_Types].xml" and strings:
                content = content.replace(b"</Types>", SHARED_STRINGS + b"</Types>")
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, content)
                continue
            with out.open(info.filename, "w") as part:
                part.write(SHEET_HEAD + claim + b"<sheetData>")
                for chunk in sheet:
                    part.write(chunk)
                part.write(SHEET_TAIL)
        if strings:
            with out.open("xl/sharedStrings.xml", "w") as part:
                part.write(
                    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                )
                for start in range(0, strings, 1 << 14):
                    stop = min(start + (1 << 14), strings)
                    part.write(b"".join(b"<si><t>%d</t></si>" % n for n in range(start, stop)))
                part.write(b"</sst>")
    return target.getvalue()


def sheet_row(number: int, *values: str) -> bytes:
    cells = b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % v.encode() for v in values)
    return b'<row r="%d">%s</row>' % (number, cells)


HEADER_ROW = sheet_row(1, "client_name", "context")


def blank_rows(count: int) -> Iterator[bytes]:
    """`count` blank rows, a mebibyte at a time."""
    chunk = 1 << 17
    for start in range(0, count, chunk):
        yield b"<row/>" * min(chunk, count - start)


def numbered_blank_rows(first: int, count: int) -> Iterator[bytes]:
    """Blank rows with their numbers, which deflate packs only about 7:1."""
    for start in range(first, first + count, 1 << 14):
        yield b"".join(
            b'<row r="%d"/>' % n for n in range(start, min(start + (1 << 14), first + count))
        )
