"""How the client's operations reach the service: each operation defined once, sent by a
sync or an async transport (httpx), with retries on 429 and 503, the service's errors raised,
and downloads streamed.

An operation is a method of `service.client.operations.Operations` decorated with
`operation(method, path, Result)`, whose body only says what to send (a `Request`). Read on a
`SyncTransport` it is a method returning `Result`; on an `AsyncTransport`, a coroutine
method. Nothing here imports the service: only httpx and pydantic.
"""

from __future__ import annotations

import functools
import inspect
import os
import string
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, cast, overload
from urllib.parse import quote

import httpx
from pydantic import BaseModel

P = ParamSpec("P")
T = TypeVar("T")

#: Where a download goes: a path (written whole or not at all) or a binary file open for writing.
Destination = str | os.PathLike[str] | IO[bytes]

# The service's refusals that guarantee nothing of the request was saved (README "Errors").
NOTHING_SAVED = frozenset({"too_many_requests", "database_busy", "database_unavailable"})
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
CHUNK_BYTES = 64 * 1024


class ShortlistError(Exception):
    """The API answered with an error (4xx/5xx) in its common format."""

    def __init__(self, status_code: int, body: Mapping[str, Any]) -> None:
        self.status_code = status_code
        self.error = str(body.get("error", "error"))
        self.detail = str(body.get("detail", ""))
        self.fields: list[dict[str, Any]] = list(body.get("fields", []))
        super().__init__(f"{status_code} {self.error}: {self.detail}")


@dataclass(frozen=True)
class Retry:
    """When to send a request again after a 429 or a 503.

    The wait is the response's `Retry-After` (seconds or an HTTP date), else `backoff`
    seconds doubled at each attempt. A request is sent at most `attempts` times, and the
    client gives up (raising the last error) rather than wait more than `max_wait` seconds
    in all. A GET, PUT or DELETE may always be sent again; a POST or PATCH only when the
    service said that nothing was saved (its own 429 and 503 say so), not when, say, a proxy
    answered 503 after the service may have written.
    """

    attempts: int = 4
    max_wait: float = 60.0
    backoff: float = 1.0
    statuses: frozenset[int] = frozenset({429, 503})

    def wait(self, response: httpx.Response, attempt: int, waited: float) -> float | None:
        """Seconds to wait before sending the request of `response` again, or None to give
        up; `attempt` counts from 1, `waited` is the time already waited for this request.
        The response's body must have been read."""
        if response.status_code not in self.statuses or attempt >= self.attempts:
            return None
        if response.request.method not in IDEMPOTENT and not nothing_saved(response):
            return None
        delay = retry_after(response)
        if delay is None:
            delay = self.backoff * 2 ** (attempt - 1)
        return delay if waited + delay <= self.max_wait else None


NO_RETRY = Retry(attempts=1)


def retry_after(response: httpx.Response) -> float | None:
    """The response's `Retry-After` in seconds (RFC 9110: delay-seconds or an HTTP date)."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def nothing_saved(response: httpx.Response) -> bool:
    """Whether the (read) response is one of the service's refusals that saved nothing."""
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("error") in NOTHING_SAVED


@dataclass(frozen=True)
class Request:
    """What an operation sends besides its method and path: the path's values in order, and
    the query (None values left out), JSON body or multipart form."""

    path: tuple[object, ...] = ()
    params: Mapping[str, Any] | None = None
    json: Any = None
    files: Mapping[str, Any] | None = None
    data: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Endpoint(Generic[T]):
    """An operation of the API: `method` on the `path` template, answering `result`: an
    `ApiModel`, `dict` (JSON read as it is), `bytes` (a download) or None (no content)."""

    method: str
    path: str
    result: type[T] | None

    @property
    def path_names(self) -> list[str]:
        """The names of the path template's fields, in order."""
        return [name for _, name, _, _ in string.Formatter().parse(self.path) if name]

    def url(self, request: Request) -> str:
        """The path with the request's values, each percent-encoded."""
        names = self.path_names
        if len(names) != len(request.path):
            raise TypeError(f"{self.path} takes {len(names)} path values")
        values = {
            name: quote(str(value), safe="")
            for name, value in zip(names, request.path, strict=True)
        }
        return self.path.format(**values)

    def read(self, response: httpx.Response) -> T:
        """The result of a successful, read response."""
        if self.result is None:
            return cast(T, None)
        if self.result is bytes:
            return cast(T, response.content)
        try:
            body = response.json()
        except ValueError:  # not JSON: a proxy's page, say
            raise ShortlistError(response.status_code, unexpected(response)) from None
        if issubclass(self.result, BaseModel):
            return cast(T, self.result.model_validate(body))
        if not isinstance(body, self.result):
            raise ShortlistError(response.status_code, unexpected(response))
        return body


def unexpected(response: httpx.Response) -> dict[str, str]:
    """An error body for an answer that is not the service's JSON."""
    return {"error": "unexpected_response", "detail": response.text[:500]}


def error(response: httpx.Response) -> ShortlistError:
    """The error that a failed, read response raises."""
    try:
        body = response.json()
    except ValueError:
        body = unexpected(response)
    return ShortlistError(response.status_code, body if isinstance(body, dict) else {})


class Operation(Generic[P, T]):
    """One operation of the API, defined once, and a method of both clients."""

    def __init__(
        self, endpoint: Endpoint[T], build: Callable[Concatenate[Any, P], Request]
    ) -> None:
        self.endpoint = endpoint
        self.build = build
        self.__name__ = build.__name__
        self.__doc__ = build.__doc__
        # What help() and a notebook's completion show: the arguments, without `self`.
        parameters = list(inspect.signature(build).parameters.values())[1:]
        self.signature = inspect.Signature(parameters, return_annotation=endpoint.result)

    def __repr__(self) -> str:
        return f"<operation {self.__name__}: {self.endpoint.method} {self.endpoint.path}>"

    @overload
    def __get__(self, client: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(self, client: SyncTransport, owner: type[Any]) -> Callable[P, T]: ...

    @overload
    def __get__(
        self, client: AsyncTransport, owner: type[Any]
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...

    def __get__(self, client: object, owner: type[Any]) -> Any:
        if client is None:
            return self
        if not isinstance(client, SyncTransport | AsyncTransport):
            raise TypeError(f"{self.__name__} is an operation of a Shortlist client")
        return client.bind(self)

    def _wrap(self, call: Callable[..., Any]) -> None:
        functools.update_wrapper(call, self.build)
        del call.__wrapped__  # type: ignore[attr-defined]  # show `signature`, not build's
        call.__signature__ = self.signature  # type: ignore[attr-defined]


def operation(
    method: str, path: str, result: type[T] | None
) -> Callable[[Callable[Concatenate[Any, P], Request]], Operation[P, T]]:
    """Declare an operation: `method` on `path` answers `result`; the decorated function
    says what to send."""

    def declare(build: Callable[Concatenate[Any, P], Request]) -> Operation[P, T]:
        return Operation(Endpoint(method, path, result), build)

    return declare


class _Transport:
    """What both transports share: the key, the retry policy, how a request is built."""

    _http: httpx.Client | httpx.AsyncClient

    def __init__(self, api_key: str, retry: Retry | None) -> None:
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self.retry = retry or NO_RETRY

    def _request(self, endpoint: Endpoint[Any], request: Request) -> httpx.Request:
        params = {k: v for k, v in (request.params or {}).items() if v is not None}
        return self._http.build_request(
            endpoint.method,
            endpoint.url(request),
            params=params,
            json=request.json,
            files=request.files,
            data=request.data,
            headers=self._headers,
        )


class SyncTransport(_Transport):
    """Sends operations with an `httpx.Client`."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str,
        timeout: float,
        client: httpx.Client | None,
        retry: Retry | None,
        sleep: Callable[[float], None],
    ) -> None:
        super().__init__(api_key, retry)
        self._owned = client is None
        self._http: httpx.Client = client or httpx.Client(base_url=base_url, timeout=timeout)
        self._sleep = sleep

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections (a client you passed in stays yours to close)."""
        if self._owned:
            self._http.close()

    def bind(self, operation: Operation[P, T]) -> Callable[P, T]:
        """`operation` as a method of this client."""

        def call(*args: P.args, **kwargs: P.kwargs) -> T:
            return self.call(operation.endpoint, operation.build(self, *args, **kwargs))

        operation._wrap(call)
        return call

    def call(self, endpoint: Endpoint[T], request: Request) -> T:
        """Send `request` and read its answer."""
        response = self._send(endpoint, request)
        try:
            response.read()
        finally:
            response.close()
        if response.is_error:
            raise error(response)
        return endpoint.read(response)

    def download(self, endpoint: Endpoint[Any], request: Request, to: Destination) -> int:
        """Stream the answer's body into `to`; the number of bytes written."""
        response = self._send(endpoint, request)
        try:
            if response.is_error:
                response.read()
                raise error(response)
            with _sink(to) as sink:
                return sum(sink.write(chunk) for chunk in response.iter_bytes(CHUNK_BYTES))
        finally:
            response.close()

    def _send(self, endpoint: Endpoint[Any], request: Request) -> httpx.Response:
        attempt, waited = 1, 0.0
        while True:
            response = self._http.send(self._request(endpoint, request), stream=True)
            if response.status_code in self.retry.statuses:
                response.read()  # the policy reads the service's error
            delay = self.retry.wait(response, attempt, waited)
            if delay is None:
                return response
            response.close()
            self._sleep(delay)
            attempt, waited = attempt + 1, waited + delay


class AsyncTransport(_Transport):
    """Sends operations with an `httpx.AsyncClient`: every operation is a coroutine."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str,
        timeout: float,
        client: httpx.AsyncClient | None,
        retry: Retry | None,
        sleep: Callable[[float], Awaitable[None]],
    ) -> None:
        super().__init__(api_key, retry)
        self._owned = client is None
        self._http: httpx.AsyncClient = client or httpx.AsyncClient(
            base_url=base_url, timeout=timeout
        )
        self._sleep = sleep

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections (a client you passed in stays yours to close)."""
        if self._owned:
            await self._http.aclose()

    def bind(self, operation: Operation[P, T]) -> Callable[P, Coroutine[Any, Any, T]]:
        """`operation` as a coroutine method of this client."""

        async def call(*args: P.args, **kwargs: P.kwargs) -> T:
            return await self.call(operation.endpoint, operation.build(self, *args, **kwargs))

        operation._wrap(call)
        return call

    async def call(self, endpoint: Endpoint[T], request: Request) -> T:
        """Send `request` and read its answer."""
        response = await self._send(endpoint, request)
        try:
            await response.aread()
        finally:
            await response.aclose()
        if response.is_error:
            raise error(response)
        return endpoint.read(response)

    async def download(self, endpoint: Endpoint[Any], request: Request, to: Destination) -> int:
        """Stream the answer's body into `to`; the number of bytes written."""
        response = await self._send(endpoint, request)
        try:
            if response.is_error:
                await response.aread()
                raise error(response)
            written = 0
            with _sink(to) as sink:
                async for chunk in response.aiter_bytes(CHUNK_BYTES):
                    written += sink.write(chunk)
            return written
        finally:
            await response.aclose()

    async def _send(self, endpoint: Endpoint[Any], request: Request) -> httpx.Response:
        attempt, waited = 1, 0.0
        while True:
            response = await self._http.send(self._request(endpoint, request), stream=True)
            if response.status_code in self.retry.statuses:
                await response.aread()  # the policy reads the service's error
            delay = self.retry.wait(response, attempt, waited)
            if delay is None:
                return response
            await response.aclose()
            await self._sleep(delay)
            attempt, waited = attempt + 1, waited + delay


@contextmanager
def _sink(to: Destination) -> Iterator[IO[bytes]]:
    """A file object as given; or, for a path, a partial file beside it that replaces the
    path once the download is complete and is removed if it fails."""
    if not isinstance(to, str | os.PathLike):
        yield to
        return
    target = Path(to)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.part")
    try:
        with partial.open("xb") as file:
            yield file
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def last_page(offset: int, received: int, count: int) -> bool:
    """Whether a listing has been read whole once `received` items came from `offset`."""
    return received == 0 or offset + received >= count
