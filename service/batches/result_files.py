"""A batch's result file stored in parts: written as a stream, one part per short transaction,
and read back one part at a time, so that neither side holds the file in memory and no
database field nears its size limit."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from sqlalchemy import delete
from sqlmodel import Session, col, select
from typing_extensions import Buffer

from service.batches.models import BatchResultPart
from service.db import release

PART_BYTES = 1 << 20


class PartWriter(io.RawIOBase):
    """A binary stream cut into parts of PART_BYTES as it is written, each handed to `store`.

    Not seekable: XlsxWriter's zip writer then streams too (with data descriptors)."""

    def __init__(self, store: Callable[[int, bytes], None]) -> None:
        super().__init__()
        self._store = store
        self._buffer = bytearray()
        self.parts = 0
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, b: Buffer, /) -> int:
        view = memoryview(b).cast("B")
        self._buffer.extend(view)
        self.size += view.nbytes
        while len(self._buffer) >= PART_BYTES:
            self._emit(bytes(self._buffer[:PART_BYTES]))
            del self._buffer[:PART_BYTES]
        return view.nbytes

    def close(self) -> None:
        if not self.closed and (self._buffer or self.parts == 0):
            self._emit(bytes(self._buffer))
            self._buffer.clear()
        super().close()

    def _emit(self, content: bytes) -> None:
        self._store(self.parts, content)
        self.parts += 1


def part_store(
    session: Session, *, batch_id: uuid.UUID, run: uuid.UUID
) -> Callable[[int, bytes], None]:
    """A `store` for PartWriter that commits each part of `run` in a transaction of its own."""

    def store(part_no: int, content: bytes) -> None:
        session.add(BatchResultPart(batch_id=batch_id, run=run, part_no=part_no, content=content))
        release(session)

    return store


def delete_parts(
    session: Session,
    *,
    batch_id: uuid.UUID,
    run: uuid.UUID | None = None,
    except_run: uuid.UUID | None = None,
) -> None:
    """Delete the batch's parts of `run`, or of every run but `except_run` (flushes)."""
    statement = delete(BatchResultPart).where(col(BatchResultPart.batch_id) == batch_id)
    if run is not None:
        statement = statement.where(col(BatchResultPart.run) == run)
    if except_run is not None:
        statement = statement.where(col(BatchResultPart.run) != except_run)
    session.execute(statement)


def read_parts(
    open_session: Callable[[], AbstractContextManager[Session]],
    *,
    batch_id: uuid.UUID,
    run: uuid.UUID,
    parts: int,
) -> Iterator[bytes]:
    """The file's parts in order, each read in a short session of its own."""
    for part_no in range(parts):
        with open_session() as session:
            content = session.exec(
                select(BatchResultPart.content).where(
                    BatchResultPart.batch_id == batch_id,
                    BatchResultPart.run == run,
                    BatchResultPart.part_no == part_no,
                )
            ).one()
        yield content
