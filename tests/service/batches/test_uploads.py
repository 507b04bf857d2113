"""An upload's rows are spooled to disk in chunks before anything is stored: every row comes back
in order with its number and cells, a refused file keeps no temporary file, and the spool is
gone once its block ends."""

from __future__ import annotations

import tempfile
from typing import IO, Any

import pytest

from service.batches.profiles import InputFileError, InputFormat, read_rows
from service.batches.template import template
from service.batches.uploads import spooled_rows

HEADER = b"client_name,context,users_service\n"


def clients_csv(count: int) -> bytes:
    return HEADER + b"".join(b"C%d,first_crm,%d\n" % (n, n % 7) for n in range(count))


@pytest.fixture
def spools(monkeypatch: pytest.MonkeyPatch) -> list[IO[bytes]]:
    """Every temporary file the spool opens."""
    opened: list[IO[bytes]] = []
    real = tempfile.TemporaryFile

    def recorded(*args: Any, **kwargs: Any) -> IO[bytes]:
        file: IO[bytes] = real(*args, **kwargs)
        opened.append(file)
        return file

    monkeypatch.setattr(tempfile, "TemporaryFile", recorded)
    return opened


@pytest.mark.parametrize("count", [1, 999, 1000, 1001, 2500])
def test_every_row_comes_back_in_order_in_chunks(count: int, spools: list[IO[bytes]]) -> None:
    data = clients_csv(count)
    expected = [
        {"number": row.number, "values": row.values} for row in read_rows(data, InputFormat.CSV)
    ]
    with spooled_rows(data, InputFormat.CSV, chunk_size=1000) as spooled:
        chunks = list(spooled)
        assert list(spooled) == chunks  # read again from the start
    assert (spooled.total, spooled.chunks) == (count, -(-count // 1000))
    assert [len(chunk) for chunk in chunks] == [
        min(1000, count - start) for start in range(0, count, 1000)
    ]
    assert [row for chunk in chunks for row in chunk] == expected
    assert expected[-1]["number"] == count + 1  # the header is row 1
    assert [file.closed for file in spools] == [True]


@pytest.mark.parametrize("fmt", list(InputFormat))
def test_each_format_spools_what_it_reads(fmt: InputFormat) -> None:
    data = template(fmt)
    rows = read_rows(data, fmt)
    with spooled_rows(data, fmt, chunk_size=2) as spooled:
        values = [row["values"] for chunk in spooled for row in chunk]
    assert len(values) == len(rows) == spooled.total
    assert [v["client_name"] for v in values] == [row.values["client_name"] for row in rows]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (clients_csv(2500) + b"B\x00,first_crm,1\n", "row 2502, column 'client_name'"),
        (HEADER + b",,\n" * 3, "holds no client row"),
    ],
)
def test_a_refused_file_keeps_no_spool(data: bytes, message: str, spools: list[IO[bytes]]) -> None:
    with pytest.raises(InputFileError, match=message):
        spooled_rows(data, InputFormat.CSV, chunk_size=1000)
    assert [file.closed for file in spools] == [True]
