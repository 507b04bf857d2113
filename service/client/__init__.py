"""A Python client for the Shortlist API, on httpx: `ShortlistClient` (sync) and
`AsyncShortlistClient` (async), one method per operation of the API.

    from service.client import ShortlistClient

    with ShortlistClient("http://127.0.0.1:8000", api_key="sl_...") as api:
        project = api.create_project({"client_name": "Domaine X", "context": "first_crm"})
        project.id        # UUID('6f1c...'): typed
        project["id"]     # '6f1c...': the JSON value, as the service sent it

Results are typed models (`service.client.models`, generated from the OpenAPI document) that
read like the JSON objects this client used to return. Why both, rather than dicts plus typed
variants: in a notebook, `project.` completes and documents every field and gives dates,
UUIDs and nested models, while every script written against the dict-returning client keeps
working unchanged (`project["id"]`, `evaluation["snapshot"]["summary"]["en"]`,
`"url" in request`, `dict(project)`, `pd.DataFrame(page["data"])`): square brackets give the
JSON value as sent, so nothing a script compared or printed changes type. One method per
operation, not two names to choose between.

Also: downloads as bytes or streamed to a file (`to=`), `paginate()` over any listing, and
retries on 429 and 503 after their `Retry-After` (`Retry`). An error response raises
`ShortlistError` with the service's error code, detail and field errors. Needs only httpx and
pydantic (`pip install ".[client]"`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar, overload

import httpx

from service.client import models
from service.client import operations as ops
from service.client.base import ApiModel
from service.client.operations import ExportFormat, Id, Lang, Operations
from service.client.transport import (
    AsyncTransport,
    Destination,
    Retry,
    ShortlistError,
    SyncTransport,
    last_page,
)

__all__ = [
    "ApiModel",
    "AsyncShortlistClient",
    "Destination",
    "Json",
    "Retry",
    "ShortlistClient",
    "ShortlistError",
    "models",
]

Json = dict[str, Any]
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
PAGE_SIZE = 100  # the service serves up to 200 items a page
DEFAULT_RETRY = Retry()


class Page(Protocol[T_co]):
    """A page of a listing: `{"data": [...], "count": N}`, N counting every item."""

    @property
    def data(self) -> Sequence[T_co]: ...

    @property
    def count(self) -> int: ...


class ShortlistClient(Operations, SyncTransport):
    """The consultant's API, one method per operation, each returning a typed model."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        api_key: str,
        timeout: float = 60.0,
        client: httpx.Client | None = None,
        retry: Retry | None = DEFAULT_RETRY,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """`client` replaces the connection (a TestClient, say: `base_url` is then its own);
        `retry=None` sends each request once; `sleep` waits between attempts."""
        super().__init__(
            base_url, api_key=api_key, timeout=timeout, client=client, retry=retry, sleep=sleep
        )

    def paginate(
        self,
        listing: Callable[..., Page[T]],
        *args: Any,
        page_size: int = PAGE_SIZE,
        **kwargs: Any,
    ) -> Iterator[T]:
        """Every item of a listing, page after page: `api.paginate(api.projects)`,
        `api.paginate(api.history, project_id)`, `api.paginate(api.vendors, q="crm")`."""
        offset = 0
        while True:
            got = listing(*args, limit=page_size, offset=offset, **kwargs)
            yield from got.data
            if last_page(offset, len(got.data), got.count):
                return
            offset += len(got.data)

    def _fetch(self, fetch: ops.Fetch, to: Destination | None) -> bytes | int:
        endpoint, request = fetch
        return self.call(endpoint, request) if to is None else self.download(endpoint, request, to)

    # Downloads: the file's bytes, or streamed into `to` (then the number of bytes written).

    @overload
    def vendor_questionnaire(
        self, project_id: Id, request_id: Id, *, lang: Lang = "fr", to: None = None
    ) -> bytes: ...

    @overload
    def vendor_questionnaire(
        self, project_id: Id, request_id: Id, *, lang: Lang = "fr", to: Destination
    ) -> int: ...

    def vendor_questionnaire(
        self, project_id: Id, request_id: Id, *, lang: Lang = "fr", to: Destination | None = None
    ) -> bytes | int:
        """The request's questions as an XLSX questionnaire, for a vendor who answers in
        Excel: its bytes, or written to `to` (a path or a binary file)."""
        return self._fetch(ops.vendor_questionnaire(project_id, request_id, lang=lang), to)

    @overload
    def export_evaluation(
        self, evaluation_id: Id, format: ExportFormat, *, lang: Lang | None = None, to: None = None
    ) -> bytes: ...

    @overload
    def export_evaluation(
        self, evaluation_id: Id, format: ExportFormat, *, lang: Lang | None = None, to: Destination
    ) -> int: ...

    def export_evaluation(
        self,
        evaluation_id: Id,
        format: ExportFormat,
        *,
        lang: Lang | None = None,
        to: Destination | None = None,
    ) -> bytes | int:
        """The evaluation as xlsx, csv, json, html or pdf: its bytes, or written to `to` (a
        path or a binary file)."""
        return self._fetch(ops.export_evaluation(evaluation_id, format, lang=lang), to)

    @overload
    def batch_result(self, batch_id: Id, *, to: None = None) -> bytes: ...

    @overload
    def batch_result(self, batch_id: Id, *, to: Destination) -> int: ...

    def batch_result(self, batch_id: Id, *, to: Destination | None = None) -> bytes | int:
        """A finished batch's result file (409 until it is done): its bytes, or written to
        `to` (a path or a binary file)."""
        return self._fetch(ops.batch_result(batch_id), to)

    @overload
    def export_file(self, export_id: Id, *, to: None = None) -> bytes: ...

    @overload
    def export_file(self, export_id: Id, *, to: Destination) -> int: ...

    def export_file(self, export_id: Id, *, to: Destination | None = None) -> bytes | int:
        """The file of an export rendered in the background (409 until it is done): its
        bytes, or written to `to` (a path or a binary file)."""
        return self._fetch(ops.export_file(export_id), to)


class AsyncShortlistClient(Operations, AsyncTransport):
    """The consultant's API for asyncio: the same methods as `ShortlistClient`, awaited."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        api_key: str,
        timeout: float = 60.0,
        client: httpx.AsyncClient | None = None,
        retry: Retry | None = DEFAULT_RETRY,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`client` replaces the connection; `retry=None` sends each request once; `sleep`
        waits between attempts."""
        super().__init__(
            base_url, api_key=api_key, timeout=timeout, client=client, retry=retry, sleep=sleep
        )

    async def paginate(
        self,
        listing: Callable[..., Awaitable[Page[T]]],
        *args: Any,
        page_size: int = PAGE_SIZE,
        **kwargs: Any,
    ) -> AsyncIterator[T]:
        """Every item of a listing, page after page: `async for p in api.paginate(api.projects)`."""
        offset = 0
        while True:
            got = await listing(*args, limit=page_size, offset=offset, **kwargs)
            for item in got.data:
                yield item
            if last_page(offset, len(got.data), got.count):
                return
            offset += len(got.data)

    async def _fetch(self, fetch: ops.Fetch, to: Destination | None) -> bytes | int:
        endpoint, request = fetch
        if to is None:
            return await self.call(endpoint, request)
        return await self.download(endpoint, request, to)

    # Downloads: the file's bytes, or streamed into `to` (then the number of bytes written).

    @overload
    async def vendor_questionnaire(
        self, project_id: Id, request_id: Id, *, lang: Lang = "fr", to: None = None
    ) -> bytes: ...

    @overload
    async def vendor_questionnaire(
        self, project_id: Id, request_id: Id, *, lang: Lang = "fr", to: Destination
    ) -> int: ...

    async def vendor_questionnaire(
        self, project_id: Id, request_id: Id, *, lang: Lang = "fr", to: Destination | None = None
    ) -> bytes | int:
        """The request's questions as an XLSX questionnaire: its bytes, or written to `to`."""
        return await self._fetch(ops.vendor_questionnaire(project_id, request_id, lang=lang), to)

    @overload
    async def export_evaluation(
        self, evaluation_id: Id, format: ExportFormat, *, lang: Lang | None = None, to: None = None
    ) -> bytes: ...

    @overload
    async def export_evaluation(
        self, evaluation_id: Id, format: ExportFormat, *, lang: Lang | None = None, to: Destination
    ) -> int: ...

    async def export_evaluation(
        self,
        evaluation_id: Id,
        format: ExportFormat,
        *,
        lang: Lang | None = None,
        to: Destination | None = None,
    ) -> bytes | int:
        """The evaluation as xlsx, csv, json, html or pdf: its bytes, or written to `to`."""
        return await self._fetch(ops.export_evaluation(evaluation_id, format, lang=lang), to)

    @overload
    async def batch_result(self, batch_id: Id, *, to: None = None) -> bytes: ...

    @overload
    async def batch_result(self, batch_id: Id, *, to: Destination) -> int: ...

    async def batch_result(self, batch_id: Id, *, to: Destination | None = None) -> bytes | int:
        """A finished batch's result file (409 until it is done): its bytes, or written to `to`."""
        return await self._fetch(ops.batch_result(batch_id), to)

    @overload
    async def export_file(self, export_id: Id, *, to: None = None) -> bytes: ...

    @overload
    async def export_file(self, export_id: Id, *, to: Destination) -> int: ...

    async def export_file(self, export_id: Id, *, to: Destination | None = None) -> bytes | int:
        """The file of an export rendered in the background: its bytes, or written to `to`."""
        return await self._fetch(ops.export_file(export_id), to)
