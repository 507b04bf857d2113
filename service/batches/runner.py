"""Evaluating many clients against one catalog: each row is validated, then shortlisted
(knock-outs on evidence, TCO ranges, TOPSIS ranking of the survivors at expected values, the
best three kept) with the very core of `GET /api/v1/projects/{id}/shortlist`, without its
last step (the sampling of the candidates' chances); a bad row becomes an error and never
stops the others. Rows are spread over worker processes in chunks; the catalog's facts are
prepared once per worker."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cached_property
from itertools import chain, islice
from typing import Any

from service.batches.profiles import InputRow, RowError, client_inputs
from service.selection.costs import CostOutOfRange
from service.selection.shortlist import Market, shortlist, to_public
from vendors.files import dump_profile, profile_from_data
from vendors.schema import ProductProfile

logger = logging.getLogger("shortlist.batches")

SHORTLIST_SIZE = 3
CHUNK_SIZE = 100
READ_AHEAD = 4  # chunks submitted per worker process before the first is collected


@dataclass(frozen=True)
class Catalog:
    """The products every client of a batch is compared on, and where they come from."""

    profiles: tuple[ProductProfile, ...]
    names: dict[str, str]
    version: str | None = None

    @classmethod
    def of(cls, profiles: Sequence[ProductProfile], *, version: str | None = None) -> Catalog:
        """A catalog of `profiles`, named as the catalog storage names them."""
        names = {p.id: (p.product.value or p.id)[:200] for p in profiles}
        return cls(tuple(sorted(profiles, key=lambda p: p.id)), names, version)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON data, to store with a batch so that a resumed batch uses the same."""
        return {
            "profiles": [dump_profile(p) for p in self.profiles],
            "names": self.names,
            "version": self.version,
        }

    @cached_property
    def market(self) -> Market:
        """The catalog's facts, prepared once for shortlisting many clients."""
        return Market.of(self.profiles, self.names)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Catalog:
        """The catalog stored by `to_data`."""
        profiles = tuple(profile_from_data(item) for item in data["profiles"])
        return cls(profiles, dict(data["names"]), data.get("version"))


@dataclass(frozen=True)
class ClientResult:
    """One client's shortlist: its best candidates, and how many survived the knock-outs."""

    row: int
    client_name: str
    candidates: list[dict[str, Any]]
    survivors: int
    eliminated: int
    weights_source: str
    currency: str
    criteria: list[str] = field(default_factory=list)
    tied_at_cutoff: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return asdict(self)


@dataclass(frozen=True)
class ClientError:
    """A row that could not be evaluated: where and why."""

    row: int
    client_name: str
    column: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return asdict(self)


Outcome = ClientResult | ClientError


def outcome_from_dict(data: dict[str, Any]) -> Outcome:
    """Rebuild an outcome stored as plain data."""
    if "reason" in data:
        return ClientError(**data)
    return ClientResult(**data)


def evaluate_row(row: InputRow, catalog: Catalog, *, size: int = SHORTLIST_SIZE) -> Outcome:
    """Validate one client row and shortlist the catalog for it (without sampling: the
    candidates and their order at expected values, as the API's shortlist screens them)."""
    name = row.values.get("client_name")
    client_name = "" if name is None else str(name).strip()[:200]
    try:
        inputs = client_inputs(row.values)
        found = shortlist(
            catalog.market,
            inputs.project,
            inputs.requirements,
            inputs.weights,
            size=size,
            sampling=False,
        )
        result = to_public(found, inputs.project, inputs.weights.weights)
    except RowError as exc:
        return ClientError(row.number, client_name, exc.column, exc.reason)
    except CostOutOfRange as exc:  # a fact of the catalog, not a fault of the service
        reason = f"cannot evaluate: {exc}; correct that fact of the catalog"
        return ClientError(row.number, client_name, "", reason)
    except Exception as exc:  # one client's failure must not stop the others
        logger.exception("batch row %s could not be evaluated", row.number)
        return ClientError(row.number, client_name, "", f"cannot evaluate: {exc}")
    budget = inputs.project.budget
    return ClientResult(
        row=row.number,
        client_name=client_name,
        candidates=result["candidates"],
        survivors=len(result["candidates"]) + result["other_candidates"],
        eliminated=len(result["eliminated"]),
        weights_source=result["weights_source"],
        currency=budget.currency if budget else "EUR",
        criteria=list(result["criteria"]),
        tied_at_cutoff=[item["id"] for item in result["tied_at_cutoff"]],
    )


def chunks(rows: Iterable[InputRow], size: int = CHUNK_SIZE) -> Iterator[list[InputRow]]:
    """Consecutive lists of at most `size` rows."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


_worker_catalog: Catalog | None = None


def _start_worker(catalog: Catalog) -> None:
    global _worker_catalog
    _worker_catalog = catalog


def _evaluate_chunk(rows: list[InputRow]) -> list[Outcome]:
    assert _worker_catalog is not None, "worker started without a catalog"
    return [evaluate_row(row, _worker_catalog) for row in rows]


def default_workers() -> int:
    """One worker process per core the process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def evaluate_rows(
    rows: Iterable[InputRow], catalog: Catalog, *, workers: int = 1, chunk_size: int = CHUNK_SIZE
) -> Iterator[list[Outcome]]:
    """Evaluate every row, chunk by chunk in input order, in `workers` processes (1: here).
    Rows are taken as they come: at most a few chunks per worker are read ahead, so a file of
    any length is evaluated in bounded memory."""
    pieces = chunks(rows, chunk_size)
    first = next(pieces, None)
    second = next(pieces, None) if first is not None else None
    ahead = [chunk for chunk in (first, second) if chunk is not None]
    if workers <= 1 or second is None:
        for chunk in chain(ahead, pieces):
            yield [evaluate_row(row, catalog) for row in chunk]
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(catalog,),
    ) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        for chunk in chain(ahead, pieces):
            pending.append(pool.submit(_evaluate_chunk, chunk))
            if len(pending) >= workers * READ_AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
