"""An uploaded file's client rows, read to its end before anything is stored: chunk by chunk
into a temporary file on disk, so that an upload of any length within its limits takes the
memory of one chunk, and a file found faulty at its last row leaves nothing behind."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, BinaryIO

from service.batches.profiles import InputFormat, iter_rows, no_client_row
from service.batches.runner import chunks


@dataclass(frozen=True)
class SpooledRows(AbstractContextManager["SpooledRows"]):
    """A file's client rows in chunks, each stored as one line of JSON in a temporary `file`,
    which is gone once the `with` block on it ends."""

    file: IO[bytes]
    total: int
    chunks: int

    def __iter__(self) -> Iterator[list[dict[str, Any]]]:
        """Each chunk's rows, in order: `{"number": ..., "values": {column: cell}}`."""
        self.file.seek(0)
        for line in self.file:
            yield json.loads(line)

    def __exit__(self, *exc_info: object) -> None:
        self.file.close()


def spooled_rows(source: bytes | BinaryIO, fmt: InputFormat, *, chunk_size: int) -> SpooledRows:
    """Read every client row of the upload (`profiles.iter_rows`, within the limits of its
    format) into chunks of `chunk_size` rows on disk. Raise InputFileError or InputTooLarge
    for a file that cannot be taken (its temporary file gone)."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    file = tempfile.TemporaryFile()
    try:
        total = count = 0
        for chunk in chunks(iter_rows(stream, fmt), chunk_size):
            stored = [{"number": row.number, "values": json_cells(row.values)} for row in chunk]
            file.write(json.dumps(stored, ensure_ascii=False).encode("utf-8") + b"\n")
            total += len(chunk)
            count += 1
        if total == 0:
            raise no_client_row()
    except BaseException:
        file.close()
        raise
    return SpooledRows(file, total, count)


def json_cells(values: dict[str, Any]) -> dict[str, Any]:
    """Cells as JSON values: a spreadsheet date or time becomes its ISO text."""
    cells: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or isinstance(value, str | int | float | bool | list | dict):
            cells[key] = value
        elif isinstance(value, datetime):
            cells[key] = value.isoformat()
        else:
            cells[key] = str(value)
    return cells
