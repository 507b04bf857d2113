"""The checks of an uploaded workbook's zip before openpyxl opens it: the number of parts, their
markup, the parts read whole kept small whatever their names, and sizes a zip lies about."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from bench.hostile_files import HEADER_ROW, blank_rows, sheet_row, workbook
from service.batches.profiles import XLSX_LIMITS, InputFileError, InputFormat, read_rows
from service.batches.template import template
from service.batches.xlsx_archive import WorkbookLimits, WorkbookTooLarge, check_workbook

SMALL = WorkbookLimits(
    expanded_bytes=10_000_000, sheet_elements=1_000, strings_elements=100, other_elements=500
)
CHARTSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet"


def rewritten(data: bytes, name: str, change: bytes, by: bytes) -> bytes:
    """The workbook with `change` replaced by `by` in its part `name`."""
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as given, zipfile.ZipFile(target, "w") as out:
        for info in given.infolist():
            content = given.read(info)
            if info.filename == name:
                assert change in content
                content = content.replace(change, by)
            out.writestr(info, content)
    return target.getvalue()


def clients(count: int) -> bytes:
    """A workbook of about `count` clients, of seven XML elements each."""
    return workbook([HEADER_ROW, *(sheet_row(n, f"C{n}", "first_crm") for n in range(2, count))])


@pytest.mark.parametrize("data", [template(InputFormat.XLSX), clients(500)])
def test_workbooks_of_clients_pass(data: bytes) -> None:
    check_workbook(io.BytesIO(data), XLSX_LIMITS)


def test_a_zip_of_too_many_parts_is_refused_before_zipfile_lists_them() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as out:
        for number in range(1_001):
            out.writestr(f"x/{number}.xml", b"")
    with pytest.raises(WorkbookTooLarge, match="lists 1001 parts in its zip, more than 1000"):
        check_workbook(data, XLSX_LIMITS)


def test_a_sheet_of_more_markup_than_its_rows_need_is_refused() -> None:
    data = clients(300)  # about 2,100 elements
    with pytest.raises(WorkbookTooLarge, match="xl/worksheets/sheet1.xml, of more than 1000"):
        check_workbook(io.BytesIO(data), SMALL)


def test_a_part_read_whole_stays_small() -> None:
    styles = b"<cellXfs>" + b'<xf numFmtId="0"/>' * 400 + b"</cellXfs>"
    data = rewritten(clients(2), "xl/styles.xml", b"<cellXfs", styles + b"<cellXfs")
    with pytest.raises(WorkbookTooLarge, match=r"hold \d+ XML elements \(the most: xl/styles.xml"):
        check_workbook(io.BytesIO(data), SMALL)


def test_a_sheet_another_role_reads_whole_counts_as_read_whole() -> None:
    """A chart sheet openpyxl would build a tree of, pointed at the large worksheet."""
    data = clients(100)  # about 700 elements: a worksheet may hold them, a chart sheet not
    check_workbook(io.BytesIO(data), SMALL)
    alias = f'<Relationship Id="rId99" Type="{CHARTSHEET}" Target="worksheets/sheet1.xml"/>'
    end = b"</Relationships>"
    aliased = rewritten(data, "xl/_rels/workbook.xml.rels", end, alias.encode() + end)
    with pytest.raises(WorkbookTooLarge, match=r"\(the most: xl/worksheets/sheet1.xml\)"):
        check_workbook(io.BytesIO(aliased), SMALL)


def understated(data: bytes, name: str, size: int) -> bytes:
    """The zip with its central directory stating `size` as the expanded size of `name`."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack_from("<H", patched, at + 28)
        if patched[at + 46 : at + 46 + length] == name.encode():
            struct.pack_into("<I", patched, at + 24, size)
            return bytes(patched)
        at = patched.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} is not in the zip")


def test_a_zip_that_understates_a_size_yields_no_more_than_it_states() -> None:
    """zipfile stops at the size the central directory states and fails the checksum there: a
    300 MB sheet stated as 1 KB costs 1 KB, and the file cannot be read."""
    bomb = workbook([HEADER_ROW, *blank_rows(50 * 1024 * 1024)])
    lying = understated(bomb, "xl/worksheets/sheet1.xml", 1024)
    with pytest.raises(InputFileError, match=r"cannot be read \(BadZipFile\)"):
        read_rows(lying, InputFormat.XLSX)


def test_a_dimension_after_the_rows_leaves_the_sheet_read_whole() -> None:
    rows = [HEADER_ROW, *(sheet_row(n, f"C{n}", "first_crm") for n in range(2, 100))]
    late = workbook([*rows, b'</sheetData><dimension ref="A1:B99"/><sheetData>'], dimension=None)
    with pytest.raises(WorkbookTooLarge, match=r"\(the most: xl/worksheets/sheet1.xml\)"):
        check_workbook(io.BytesIO(late), SMALL)
    check_workbook(io.BytesIO(workbook(rows, dimension="A1:B99")), SMALL)
