"""CPU-bound work of the web process, as many at a time as the machine has cores.

Python threads that compute share one interpreter lock: beyond the cores, more of them only
take it from one another, and from the requests that hold SQLite's write lock meanwhile,
which then hold it many times longer (each of their database calls waits for the interpreter
lock again). Work waiting here holds no database transaction.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SLOTS = max(1, os.cpu_count() or 1)
_slots = threading.BoundedSemaphore(SLOTS)


@contextmanager
def computing() -> Iterator[None]:
    """Hold one of the process's computing slots while the block runs."""
    with _slots:
        yield
