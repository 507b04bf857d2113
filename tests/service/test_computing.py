"""CPU-bound work of the web process runs as many at a time as the machine has cores."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from service.computing import SLOTS, computing


def test_no_more_work_computes_at_once_than_there_are_slots() -> None:
    lock, running, most = threading.Lock(), [0], [0]

    def work() -> None:
        with computing():
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.05)
            with lock:
                running[0] -= 1

    with ThreadPoolExecutor(max_workers=SLOTS + 3) as pool:
        for future in [pool.submit(work) for _ in range(3 * (SLOTS + 3))]:
            future.result(timeout=30)
    assert most[0] == SLOTS
    assert running[0] == 0
