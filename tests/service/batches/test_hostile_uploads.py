"""Hostile batch uploads are refused early and cheaply: rows are counted as they are read, blank
ones too; a workbook's zip is checked before openpyxl opens it; a JSON document is checked
before anything is built; NUL characters never reach the database; and the parsing leaves the
event loop free for everyone else."""

from __future__ import annotations

import asyncio
import csv
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from sqlmodel import Session, func, select

from bench.hostile_files import (
    HEADER_ROW,
    blank_rows,
    numbered_blank_rows,
    sheet_row,
    workbook,
)
from service.batches import service as batches
from service.batches.models import Batch, BatchInputChunk
from service.batches.processing import CHUNK_CLIENTS
from service.batches.profiles import (
    MAX_ROWS,
    MAX_SHEET_ROWS,
    TEMPLATE_EXAMPLES,
    InputFileError,
    InputFormat,
    read_rows,
)
from service.batches.template import template
from service.batches.uploads import spooled_rows
from service.config import Settings
from service.tenancy.apikeys import NewApiKey
from vendors.schema import ProductProfile

MB = 1024 * 1024
# A row of the two required cells: about the fewest bytes a client row can take.
CLIENT = b"A,first_crm\n"


class PulledTooMany(BaseException):
    """A parser pulled more rows than the limit lets it; a BaseException, so that no handler
    in the code under test takes it for a bad file, and the test stops there."""


def refused_within(call: Callable[[], object]) -> tuple[str, int]:
    """The reason the call refuses the file, and the most memory it held at once doing so."""
    tracemalloc.start()
    try:
        call()
    except InputFileError as exc:
        return str(exc), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    pytest.fail("the file was accepted")


@pytest.fixture
def csv_pulls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the records the CSV reader hands out; stop a parser that goes past the limit."""
    pulled = [0]
    real_reader = csv.reader

    def counting_reader(*args: Any, **kwargs: Any) -> Iterator[list[str]]:
        for record in real_reader(*args, **kwargs):
            pulled[0] += 1
            if pulled[0] > MAX_ROWS + 2:  # the header, MAX_ROWS rows, and the one too many
                raise PulledTooMany(pulled[0])
            yield record

    monkeypatch.setattr(csv, "reader", counting_reader)
    return pulled


@pytest.fixture
def sheet_pulls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The width of each row openpyxl hands out; stop a parser that goes past the limit."""
    widths: list[int] = []
    real_iter_rows: Any = ReadOnlyWorksheet.iter_rows

    def counting_iter_rows(self: ReadOnlyWorksheet, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for row in real_iter_rows(self, *args, **kwargs):
            widths.append(len(row))
            if len(widths) > MAX_SHEET_ROWS + 2:
                raise PulledTooMany(len(widths))
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counting_iter_rows)
    return widths


# CSV.


def test_a_csv_counts_its_blank_rows_and_stops_at_the_limit(csv_pulls: list[int]) -> None:
    data = b"client_name,context\n" + CLIENT * (MAX_ROWS - 5) + b",\n" * 10
    with pytest.raises(InputFileError, match=f"more than {MAX_ROWS} rows"):
        spooled_rows(data, InputFormat.CSV, chunk_size=CHUNK_CLIENTS)
    assert csv_pulls[0] == MAX_ROWS + 2


def test_a_csv_of_two_million_rows_is_refused_within_bounds(csv_pulls: list[int]) -> None:
    """As an upload reads it: spooled chunk by chunk, so that the process grows by about a
    chunk, not by the million rows read (a list of them takes about 375 MB)."""
    data = b"client_name,context\n" + CLIENT * 2_000_000
    assert len(data) < Settings().batch_max_body_bytes
    Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here (Linux)
    before = status_kb("VmRSS")
    with pytest.raises(InputFileError) as refused:
        spooled_rows(data, InputFormat.CSV, chunk_size=CHUNK_CLIENTS)
    assert f"at most {MAX_ROWS} clients" in str(refused.value)
    assert csv_pulls[0] == MAX_ROWS + 2
    assert (status_kb("VmHWM") - before) * 1024 < 32 * MB


def status_kb(field: str) -> int:
    """A field of /proc/self/status, in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


def test_a_csv_row_of_millions_of_cells_is_refused_before_it_is_split() -> None:
    data = b"client_name,context\n" + b"ab," * 1_500_000 + b"\n"
    reason, peak = refused_within(lambda: read_rows(data, InputFormat.CSV))
    assert "row 2 is longer than 65536 characters" in reason
    assert peak < 16 * MB


# XLSX.


def test_xlsx_blank_rows_count_towards_the_limit(sheet_pulls: list[int]) -> None:
    late = sheet_row(MAX_SHEET_ROWS + 2, "Late", "first_crm")
    data = workbook([HEADER_ROW, *blank_rows(MAX_SHEET_ROWS), late])
    with pytest.raises(InputFileError, match=f"more than {MAX_SHEET_ROWS} rows"):
        read_rows(data, InputFormat.XLSX)
    assert len(sheet_pulls) <= MAX_SHEET_ROWS + 2


def test_an_xlsx_zip_bomb_is_refused_before_its_sheet_is_read(sheet_pulls: list[int]) -> None:
    data = workbook([HEADER_ROW, *blank_rows(50 * MB)])  # 300 MB of blank rows
    assert len(data) < MB
    with pytest.raises(InputFileError, match=r"expands to 3\d\d MB, more than the 195 MB"):
        read_rows(data, InputFormat.XLSX)
    assert sheet_pulls == []


def test_an_xlsx_part_that_expands_a_thousand_times_is_refused(sheet_pulls: list[int]) -> None:
    data = workbook([HEADER_ROW, *blank_rows(3 * MB)])  # 18 MB that deflate packs 700:1
    with pytest.raises(InputFileError, match=r"xl/worksheets/sheet1.xml, that expands \d+ times"):
        read_rows(data, InputFormat.XLSX)
    assert sheet_pulls == []


def test_xlsx_rows_missing_between_two_rows_count_towards_the_limit(
    sheet_pulls: list[int],
) -> None:
    """openpyxl hands out a blank row for each row number the sheet skips."""
    far = MAX_SHEET_ROWS + 10
    data = workbook([HEADER_ROW, sheet_row(2, "A", "first_crm"), sheet_row(far, "B", "relaunch")])
    with pytest.raises(InputFileError, match=f"more than {MAX_SHEET_ROWS} rows"):
        read_rows(data, InputFormat.XLSX)
    assert len(sheet_pulls) <= MAX_SHEET_ROWS + 2


def test_only_the_header_columns_of_an_xlsx_are_read(sheet_pulls: list[int]) -> None:
    """openpyxl pads each row to the width the sheet claims (16,384 columns here)."""
    rows = [HEADER_ROW, sheet_row(2, "A", "first_crm"), sheet_row(3, "B", "relaunch")]
    assert len(read_rows(workbook(rows, dimension="A1:XFD3"), InputFormat.XLSX)) == 2
    assert sheet_pulls[1:] == [2, 2]


def test_an_xlsx_sheet_without_a_dimension_is_refused_unless_small(
    sheet_pulls: list[int],
) -> None:
    """openpyxl looks for the dimension when it opens the workbook and, finding none before the
    rows, reads the whole sheet into a tree: 3,300,000 rows cost 9 s and 285 MB before."""
    rows = [HEADER_ROW, *numbered_blank_rows(2, 1_000_000)]
    with pytest.raises(InputFileError, match="read whole .* xl/worksheets/sheet1.xml"):
        read_rows(workbook(rows, dimension=None), InputFormat.XLSX)
    assert sheet_pulls == []
    few = [HEADER_ROW, sheet_row(2, "A", "first_crm")]
    assert len(read_rows(workbook(few, dimension=None), InputFormat.XLSX)) == 1


def test_xlsx_shared_strings_beyond_what_its_rows_need_are_refused(
    sheet_pulls: list[int],
) -> None:
    """openpyxl builds every shared string when it opens the workbook: 1,600,000 of them cost
    22 s and 257 MB before, for a sheet of one client."""
    data = workbook([HEADER_ROW, sheet_row(2, "A", "first_crm")], strings=400_000)
    with pytest.raises(InputFileError, match="shared strings .* more than 600012 XML elements"):
        read_rows(data, InputFormat.XLSX)
    assert sheet_pulls == []


def test_a_damaged_cell_met_while_streaming_an_xlsx_is_a_bad_file() -> None:
    """The sheet is read after openpyxl opens the workbook: what it raises then is the file's
    fault too (here a shared string that does not exist)."""
    damaged = workbook([HEADER_ROW, b'<row r="2"><c t="s"><v>99</v></c></row>'])
    with pytest.raises(InputFileError, match=r"cannot be read \(IndexError\)"):
        read_rows(damaged, InputFormat.XLSX)


# JSON.


def test_a_json_of_millions_of_tiny_items_is_refused_in_constant_memory() -> None:
    data = b"[" + b"{}," * 6_000_000 + b"{}]"
    assert len(data) < 20 * MB
    reason, peak = refused_within(lambda: read_rows(data, InputFormat.JSON))
    assert f"more than {MAX_ROWS} rows" in reason
    assert peak < 16 * MB


def test_a_json_nested_a_hundred_thousand_deep_is_refused() -> None:
    data = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(InputFileError, match="nests values more than 10 deep"):
        read_rows(data, InputFormat.JSON)


def test_a_json_client_of_a_hundred_thousand_values_is_refused() -> None:
    client = b'{"client_name": "A", "context": "first_crm", "hosting": [' + b'"EU",' * 100_000
    data = b"[" + client + b'"EU"]}]'
    with pytest.raises(InputFileError, match="client 1 holds more than 1000 values"):
        read_rows(data, InputFormat.JSON)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"clients": [], "clients.item": {"client_name": "A"}}', '"clients.item" beside'),
        (b'{"clients": [{"client_name": "A"}], "clients": []}', '"clients" twice'),
        (b'{"clients": {"item": {"client_name": "A"}}}', "list of clients"),
        (b"[NaN]", "cannot be read"),
    ],
)
def test_a_json_document_read_one_way_only(data: bytes, message: str) -> None:
    with pytest.raises(InputFileError, match=message):
        read_rows(data, InputFormat.JSON)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32-le"])
def test_json_in_the_encodings_the_json_module_reads(encoding: str) -> None:
    text = template(InputFormat.JSON).decode("utf-8")
    rows = read_rows(text.encode(encoding), InputFormat.JSON)
    assert [row.values["client_name"] for row in rows] == [
        example["client_name"] for example in TEMPLATE_EXAMPLES
    ]


# NUL characters.


@pytest.mark.parametrize(
    ("data", "fmt", "where"),
    [
        (b"client_name,context\nA,first_crm\nB\x00,first_crm\n", InputFormat.CSV, "row 3"),
        (b'[{"client_name": "A\\u0000", "context": "x"}]', InputFormat.JSON, "row 1"),
    ],
)
def test_a_nul_character_is_refused_with_its_row_and_column(
    data: bytes, fmt: InputFormat, where: str
) -> None:
    with pytest.raises(InputFileError, match=f"{where}, column 'client_name'"):
        read_rows(data, fmt)


def test_a_nul_character_deep_in_a_json_value_or_key_is_refused() -> None:
    nested = b'[{"client_name": "A", "hosting": ["EU", "F\\u0000R"]}]'
    with pytest.raises(InputFileError, match="row 1, column 'hosting'"):
        read_rows(nested, InputFormat.JSON)
    key = b'[{"client_name": "A"}, {"client_name": "B", "we\\u0000ights": 1}]'
    with pytest.raises(InputFileError, match=r"row 2, column 'we\\x00ights'"):
        read_rows(key, InputFormat.JSON)


# Through the API, on both databases.


@pytest.mark.parametrize(
    ("filename", "build", "status", "message"),
    [
        ("deep.json", lambda: b"[" * 100_000 + b"]" * 100_000, 422, "more than 10 deep"),
        (
            "nul.csv",
            lambda: b"client_name,context\nA\x00B,first_crm\n",
            422,
            "row 2, column 'client_name'",
        ),
        (  # found after two chunks of good rows were read
            "late-nul.csv",
            lambda: b"client_name,context\n" + CLIENT * 2_500 + b"B\x00,first_crm\n",
            422,
            "row 2502, column 'client_name'",
        ),
        ("bomb.xlsx", lambda: workbook([HEADER_ROW, *blank_rows(3 * MB)]), 413, "expands"),
        (
            "tiny.json",
            lambda: b"[" + b"{}," * 1_000_000 + b"{}]",
            422,
            f"more than {MAX_ROWS} rows",
        ),
    ],
)
def test_a_hostile_upload_gets_its_4xx_and_stores_nothing(
    client: TestClient,
    session: Session,
    loaded_catalog: list[ProductProfile],
    filename: str,
    build: Callable[[], bytes],
    status: int,
    message: str,
) -> None:
    response = client.post("/api/v1/batches", files={"file": (filename, build())})
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail", "fields"}
    assert message in body["detail"]
    assert body["fields"][0]["field"] == "body.file"
    assert session.exec(select(func.count()).select_from(Batch)).one() == 0
    assert session.exec(select(func.count()).select_from(BatchInputChunk)).one() == 0


def test_a_nul_in_the_file_name_is_refused(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    # Written by hand: HTTP clients percent-encode a NUL in a file name, a hostile one need not.
    body = (
        b'--cut\r\nContent-Disposition: form-data; name="file"; filename="a\x00.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n" + template(InputFormat.CSV) + b"\r\n--cut--\r\n"
    )
    response = client.post(
        "/api/v1/batches",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=cut"},
    )
    assert response.status_code == 422, response.text
    assert "NUL" in response.json()["detail"]
    assert session.exec(select(func.count()).select_from(Batch)).one() == 0


def test_the_upload_is_read_off_the_event_loop(
    app: FastAPI,
    firm_key: NewApiKey,
    loaded_catalog: list[ProductProfile],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While one upload is being read, another request is answered: the reading runs in a
    worker thread, not on the event loop."""
    reading, answered = threading.Event(), threading.Event()

    def slow_spooled_rows(*args: Any, **kwargs: Any) -> Any:
        reading.set()
        assert answered.wait(timeout=20), "the other request was not answered meanwhile"
        return spooled_rows(*args, **kwargs)

    monkeypatch.setattr(batches, "spooled_rows", slow_spooled_rows)

    async def scenario() -> tuple[int, int]:
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": f"Bearer {firm_key.secret}"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test", headers=headers
        ) as http:
            files = {"file": ("clients.csv", template(InputFormat.CSV))}
            upload = asyncio.create_task(http.post("/api/v1/batches", files=files))
            while not reading.is_set():
                await asyncio.sleep(0.01)
            other = await http.get("/openapi.json")
            answered.set()
            return (await upload).status_code, other.status_code

    assert asyncio.run(scenario()) == (202, 200)
