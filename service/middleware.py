"""ASGI middleware: JSON-only request bodies on the API, security headers on every response, and
the boundary that answers whatever a route lets escape."""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import AppError, InternalError, database_failure, error_response

logger = logging.getLogger("shortlist.errors")
# Renders an error as a page of its own for the paths under a prefix (the client pages).
ErrorPage = Callable[[Request, AppError], Response]

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_json_media_type(content_type: str) -> bool:
    """Tell whether a Content-Type header names JSON (`application/json`, `...+json`)."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


class JsonBodyMiddleware:
    """Answer 415 when a body sent to the API is not declared as JSON.

    Routes that take other media types (file uploads) are listed in `exempt_prefixes`.
    """

    def __init__(
        self, app: ASGIApp, *, prefix: str = "/api/", exempt_prefixes: tuple[str, ...] = ()
    ) -> None:
        self.app = app
        self.prefix = prefix
        self.exempt_prefixes = exempt_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in _BODY_METHODS
            and scope["path"].startswith(self.prefix)
            and not scope["path"].startswith(self.exempt_prefixes or ("\0",))
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
            too_large = BodyTooLarge(limit)
            await error_response(413, "payload_too_large", str(too_large.detail))(
                scope, receive, send
            )
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
