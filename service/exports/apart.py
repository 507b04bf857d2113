"""Reports rendered apart from the web process: a PDF (and the charts of a workbook) is seconds
of pure-Python work that, inside the service, would share one interpreter lock with every
request being answered. Here it runs in a small pool of worker processes, started on first use
from a clean server process (`forkserver`, never a fork of the threaded service). Workers are
not retired after a number of renders: Python 3.11's pool does not replace a worker that
retires while renders wait (CPython issue gh-115634), which would leave them waiting forever."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from service.exports import EvaluationMeta, Export, ExportFormat, render
from service.i18n import Lang
from service.selection.snapshot import Snapshot

APART = frozenset({ExportFormat.PDF, ExportFormat.XLSX})

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_size = 0


def render_apart(
    snapshot: Snapshot, meta: EvaluationMeta, *, fmt: ExportFormat, lang: Lang, processes: int
) -> Export:
    """`render` in one of `processes` worker processes for the heavy formats; in this process
    for the light ones, or for all when `processes` is 0. A worker that died (killed, out of
    memory) is replaced and the render tried once more."""
    if processes <= 0 or fmt not in APART:
        return render(snapshot, meta, fmt=fmt, lang=lang)
    for attempt in (1, 2):
        pool = _pool_of(processes)
        try:
            return pool.submit(render, snapshot, meta, fmt=fmt, lang=lang).result()
        except BrokenProcessPool:
            _discard(pool)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def shutdown() -> None:
    """Stop the workers (the service's shutdown); a later render starts new ones."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool_of(processes: int) -> ProcessPoolExecutor:
    global _pool, _size
    with _lock:
        if _pool is None or _size != processes:
            if _pool is not None:
                _pool.shutdown(wait=False)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["service.exports.apart", "service.exports.pdf"])
            _pool = ProcessPoolExecutor(max_workers=processes, mp_context=context)
            _size = processes
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False)
