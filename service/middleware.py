"""ASGI middleware: JSON-only request bodies on the API, no input a route cannot take (NUL
characters, JSON nested too deep), security headers on every response, and the boundary that
answers whatever a route lets escape."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import (
    AppError,
    ErrorPage,
    FieldError,
    InternalError,
    database_failure,
    error_response,
    field_path,
    invalid_fields,
)

logger = logging.getLogger("shortlist.errors")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _none(path: str) -> bool:
    """No route is exempt."""
    return False


def is_json_media_type(content_type: str) -> bool:
    """Tell whether a Content-Type header names JSON (`application/json`, `...+json`)."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


class JsonBodyMiddleware:
    """Answer 415 when a body sent to the API is not declared as JSON.

    Routes that take other media types (file uploads) are those `exempt` says.
    """

    def __init__(
        self, app: ASGIApp, *, prefix: str = "/api/", exempt: Callable[[str], bool] = _none
    ) -> None:
        self.app = app
        self.prefix = prefix
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in _BODY_METHODS
            and scope["path"].startswith(self.prefix)
            and not self.exempt(scope["path"])
        ):
            headers = Headers(scope=scope)
            has_body = headers.get("content-length", "0") != "0" or "transfer-encoding" in headers
            content_type = headers.get("content-type")
            if has_body and not (content_type and is_json_media_type(content_type)):
                sent = content_type or "no Content-Type"
                response = error_response(
                    415,
                    "unsupported_media_type",
                    f"Send the request body as JSON with `Content-Type: application/json` "
                    f"(got {sent}).",
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyTooLarge(HTTPException):
    """The request body is larger than its route allows.

    An HTTPException, so FastAPI re-raises it from its body reading instead of turning it into
    a generic 400, and the common error handler renders it.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body exceeds the limit of {limit} bytes.")

    def response(self) -> Response:
        """The error in the common format, for middleware that reads the body itself."""
        return error_response(413, "payload_too_large", str(self.detail))


class BodyLimitMiddleware:
    """Answer 413 when a request body exceeds `max_bytes` (or a larger limit for some routes).

    A declared Content-Length over the limit is refused before anything is read; a chunked
    body is counted as it arrives.
    """

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, overrides: tuple[tuple[str, int], ...] = ()
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.overrides = overrides

    def limit_for(self, path: str) -> int:
        """Return the body limit of `path`."""
        for prefix, limit in self.overrides:
            if path.startswith(prefix):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await BodyTooLarge(limit).response()(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted_receive, send)


#: Nesting of arrays and objects a JSON body may have; the API's inputs need fewer than ten
#: levels, and Python's JSON parser and validation recurse once per level.
MAX_JSON_DEPTH = 64
NUL_MESSAGE = "must not contain the NUL character (\\u0000)"
# A string token; one left open runs to the end of the body (which is then malformed), so that
# the scan never starts again inside it, which would make it quadratic.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_OPENING = frozenset(b"[{")
_FIELDS_SHOWN = 20  # a body full of NULs gets a short answer


class InputGuardMiddleware:
    """Answer 422 for input no route can take, before any route parses it: a NUL character in
    the path, the query string or a JSON body (PostgreSQL cannot store it in text, SQLite
    stores it silently: refused on both), and a JSON body nested deeper than `max_depth`.

    A JSON body is read whole to be checked (BodyLimitMiddleware, outside this one, bounds it)
    and handed on unchanged; routes `exempt` names (file uploads) read their own.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_depth: int = MAX_JSON_DEPTH,
        exempt: Callable[[str], bool] = _none,
    ) -> None:
        self.app = app
        self.max_depth = max_depth
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fields = _nul_in_path(scope) + _nul_in_query(scope)
        if fields:
            await _refused(fields)(scope, receive, send)
            return
        if not self._reads_body(scope):
            await self.app(scope, receive, send)
            return
        try:
            body = await _read_body(receive)
        except BodyTooLarge as exc:
            await exc.response()(scope, receive, send)
            return
        if body is None:  # the client left before sending it all
            return
        fields = json_problems(body, self.max_depth)
        if fields:
            await _refused(fields)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _reads_body(self, scope: Scope) -> bool:
        content_type = Headers(scope=scope).get("content-type")
        return (
            scope["method"] in _BODY_METHODS
            and content_type is not None
            and is_json_media_type(content_type)
            and not self.exempt(scope["path"])
        )


def json_problems(body: bytes, max_depth: int) -> list[FieldError]:
    """What a JSON body holds that no route can take: nesting deeper than `max_depth`, NUL
    characters (each with the path of its string). Malformed JSON is left to the route."""
    if json_deeper_than(body, max_depth):
        message = f"arrays and objects nested deeper than {max_depth} levels"
        return [FieldError(field="body", message=message)]
    if b"\\u0000" not in body:  # JSON writes NUL only as this escape; a raw one is malformed
        return []
    try:
        data = json.loads(body)
    except ValueError:
        return []
    return [
        FieldError(field=field_path(["body", *loc]), message=NUL_MESSAGE)
        for loc in islice(_nul_locations(data), _FIELDS_SHOWN)
    ]


def json_deeper_than(body: bytes, max_depth: int) -> bool:
    """Tell whether a JSON text nests arrays and objects deeper than `max_depth`, in one pass
    that skips strings (brackets in them do not count), without parsing it."""
    if body.count(b"[") + body.count(b"{") <= max_depth:
        return False
    depth = 0
    for byte in _STRING.sub(b'""', body).translate(None, _NOT_BRACKETS):
        depth += 1 if byte in _OPENING else -1
        if depth > max_depth:
            return True
    return False


def _nul_locations(data: Any, loc: tuple[int | str, ...] = ()) -> Iterator[tuple[int | str, ...]]:
    """The location of every string (value or key) that holds a NUL; keys are shown escaped."""
    if isinstance(data, str):
        if "\0" in data:
            yield loc
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _nul_locations(item, (*loc, index))
    elif isinstance(data, dict):
        for key, value in data.items():
            if "\0" in key:
                yield (*loc, _escaped(key))
            else:
                yield from _nul_locations(value, (*loc, key))


def _escaped(name: str) -> str:
    """A name as a field path shows it: a NUL written as its JSON escape."""
    return name.replace("\0", "\\u0000")


def _nul_in_path(scope: Scope) -> list[FieldError]:
    """The path, when it holds a NUL. (Its parameters have no names before routing; the
    router would hand the NUL to a route, or a static file lookup, as it is.)"""
    if "\0" not in scope["path"]:
        return []
    return [FieldError(field="path", message=NUL_MESSAGE)]


def _nul_in_query(scope: Scope) -> list[FieldError]:
    """The query parameters whose name or value holds a NUL (decoded as Starlette does)."""
    raw: bytes = scope.get("query_string", b"")
    if b"%00" not in raw and b"\0" not in raw:
        return []
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    return [
        FieldError(field=f"query.{_escaped(name)}", message=NUL_MESSAGE)
        for name, value in pairs
        if "\0" in name or "\0" in value
    ]


def _refused(fields: list[FieldError]) -> Response:
    error = invalid_fields(fields)
    return error_response(error.status_code, error.error, error.detail, fields=error.fields)


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None when the client disconnects first."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body read already, then waits as the original does."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


class SecurityHeadersMiddleware:
    """Add conservative security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ErrorBoundary:
    """Answer an exception that escaped the app: an AppError as itself, a database that is busy
    or down as 503 with Retry-After, anything else as a logged 500.

    It sits inside the middleware adding the request id and the security headers, so those are
    on every error response too; and it does not re-raise, so the server keeps the connection
    open for the next request. Paths under a prefix of `pages` get that renderer's page instead
    of JSON.
    """

    def __init__(self, app: ASGIApp, *, pages: tuple[tuple[str, ErrorPage], ...] = ()) -> None:
        self.app = app
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except Exception as exc:
            if started:  # too late for another response: the server closes the connection
                raise
            await self._respond(scope, exc)(scope, receive, send)

    def _respond(self, scope: Scope, exc: Exception) -> Response:
        error = exc if isinstance(exc, AppError) else database_failure(exc)
        if error is None:
            logger.exception("unhandled error", extra={"path": scope["path"]})
            error = InternalError("An unexpected error occurred; it has been logged.")
        elif error.status_code >= 500:
            # The driver's message, never SQLAlchemy's (which quotes the statement's parameters).
            reason = str(getattr(exc, "orig", None) or type(exc).__name__).strip().splitlines()
            logger.warning(
                "database failure: %s", reason[0] if reason else "", extra={"path": scope["path"]}
            )
        for prefix, page in self.pages:
            if scope["path"].startswith(prefix):
                return page(Request(scope), error)
        return error_response(
            error.status_code, error.error, error.detail, fields=error.fields, headers=error.headers
        )
