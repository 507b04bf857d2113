"""The turns of one process's SQLite writers: served in order of arrival, waited for while the
queue moves, given up when it stalls or after the limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial

from service.db import FairLock

STALL_S = 0.4


def queued(
    pool: ThreadPoolExecutor,
    lock: FairLock,
    work: Callable[[], object],
    *,
    limit: float,
    stall: float = STALL_S,
) -> Future[bool]:
    """Submit a waiter for `lock` that runs `work` in its turn, once it is in the queue."""
    waiting = lock.waiting

    def waiter() -> bool:
        if not lock.acquire(stall=stall, limit=limit):
            return False
        try:
            work()
        finally:
            lock.release()
        return True

    future = pool.submit(waiter)
    while lock.waiting == waiting and not future.done():
        time.sleep(0.001)
    return future


def test_turns_are_given_in_order_of_arrival() -> None:
    lock, order = FairLock(), list[int]()
    assert lock.acquire(stall=STALL_S, limit=10)
    with ThreadPoolExecutor(max_workers=8) as pool:
        waiters = [queued(pool, lock, partial(order.append, index), limit=10) for index in range(8)]
        lock.release()
        assert all(waiter.result(timeout=10) for waiter in waiters)
    assert order == list(range(8))


def test_a_queue_that_moves_is_waited_for_longer_than_the_stall() -> None:
    """Six writers ahead, each holding the turn for half the stall: the last one waits about
    1.5 stalls, and is served."""
    lock = FairLock()
    assert lock.acquire(stall=STALL_S, limit=10)
    with ThreadPoolExecutor(max_workers=8) as pool:
        ahead = [queued(pool, lock, lambda: time.sleep(STALL_S / 2), limit=10) for _ in range(6)]
        started = time.monotonic()
        last = queued(pool, lock, lambda: None, limit=10)
        time.sleep(STALL_S / 2)
        lock.release()
        assert last.result(timeout=10)
        assert time.monotonic() - started > 1.5 * STALL_S
        assert all(waiter.result(timeout=10) for waiter in ahead)


def test_a_turn_that_does_not_move_is_given_up_after_the_stall_and_the_queue_goes_on() -> None:
    lock, served = FairLock(), threading.Event()
    assert lock.acquire(stall=STALL_S, limit=10)
    with ThreadPoolExecutor(max_workers=2) as pool:
        started = time.monotonic()
        stuck = queued(pool, lock, served.set, limit=10)
        assert stuck.result(timeout=10) is False
        assert STALL_S <= time.monotonic() - started < 4 * STALL_S
        assert not served.is_set()
        # The waiter that gave up left the queue: the next one is handed the turn.
        later = queued(pool, lock, served.set, limit=10)
        lock.release()
        assert later.result(timeout=10)
        assert served.is_set()
    assert lock.acquire(stall=STALL_S, limit=10)  # and it was freed after


def test_the_stall_is_counted_from_the_last_handover() -> None:
    """The turn passes a fifth of a stall after the last writer queued, to a writer that then
    keeps it: the last one gives up a stall after that handover, not a stall after it next
    looked (which could be nearly two stalls)."""
    stall, lock, stuck = 1.0, FairLock(), threading.Event()
    assert lock.acquire(stall=stall, limit=10)
    with ThreadPoolExecutor(max_workers=2) as pool:
        holder = queued(pool, lock, lambda: stuck.wait(10), limit=10, stall=stall)
        started = time.monotonic()
        last = queued(pool, lock, lambda: None, limit=10, stall=stall)
        time.sleep(stall / 5)
        lock.release()  # to the holder, which keeps it
        assert last.result(timeout=10) is False
        waited = time.monotonic() - started
        stuck.set()
        assert holder.result(timeout=10)
    assert stall * 1.2 <= waited < stall * 1.7


def test_a_queue_that_moves_is_given_up_after_the_limit() -> None:
    """Writers ahead each hold the turn for half the stall: the queue moves, but the last
    writer's limit of two stalls comes first."""
    lock = FairLock()
    assert lock.acquire(stall=STALL_S, limit=10)
    with ThreadPoolExecutor(max_workers=12) as pool:
        ahead = [queued(pool, lock, lambda: time.sleep(STALL_S / 2), limit=10) for _ in range(10)]
        started = time.monotonic()
        last = queued(pool, lock, lambda: None, limit=2 * STALL_S)
        lock.release()
        assert last.result(timeout=10) is False
        assert 2 * STALL_S <= time.monotonic() - started < 4 * STALL_S
        assert all(waiter.result(timeout=10) for waiter in ahead)
