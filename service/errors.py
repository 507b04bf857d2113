"""Domain errors and the one error format every 4xx/5xx response uses.

`{"error": "<machine code>", "detail": "<sentence for a person>", "fields": [...]}`; `fields` lists
each invalid input with its path (`body.weights[2]`, `query.limit`) for validation errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from psycopg import errors as psycopg_errors
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from service.selection.costs import CostOutOfRange
from vendors.filters import UnknownFilterValue
from vendors.patching import InvalidFactPatch
from vendors.service import InvalidStoredValue, ProductIdTaken, ProductNotFound


class AppError(Exception):
    """An error the API reports to its caller; subclasses set the status and the code."""

    status_code: int = 400
    error: str = "bad_request"
    headers: Mapping[str, str] | None = None

    def __init__(
        self,
        detail: str,
        *,
        fields: Sequence[FieldError] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.fields = list(fields or [])
        if headers is not None:
            self.headers = {**(self.headers or {}), **headers}


# Renders an error as a page of its own for the paths under a prefix (the pages a link opens).
ErrorPage = Callable[[Request, AppError], Response]


class NotFound(AppError):
    """The addressed resource does not exist for this firm."""

    status_code = 404
    error = "not_found"


class Conflict(AppError):
    """The request clashes with what already exists."""

    status_code = 409
    error = "conflict"


class StoredValueRefused(Conflict):
    """A stored value the schema refuses (stored before its bounds, or edited by hand): what
    reads it cannot be answered until it is corrected."""

    error = "invalid_stored_value"


class Unauthorized(AppError):
    """Missing, unknown or revoked credentials."""

    status_code = 401
    error = "unauthorized"
    headers = {"WWW-Authenticate": 'Bearer realm="shortlist"'}


class InvalidInput(AppError):
    """Input that is well-formed but makes no sense (the domain's own validation)."""

    status_code = 422
    error = "validation_error"


class TooManyRequests(AppError):
    """A rate limit was reached; `Retry-After` says when to try again."""

    status_code = 429
    error = "too_many_requests"


class DatabaseBusy(AppError):
    """A lock on the database could not be had in time: try again shortly."""

    status_code = 503
    error = "database_busy"
    headers = {"Retry-After": "2"}


class DatabaseUnavailable(AppError):
    """The database cannot be reached or does not answer."""

    status_code = 503
    error = "database_unavailable"
    headers = {"Retry-After": "10"}


class InternalError(AppError):
    """A defect: logged with the request id, reported without its details."""

    status_code = 500
    error = "internal_error"


def database_failure(exc: BaseException) -> AppError | None:
    """The 503 a database failure is answered with, or None when `exc` is not one.

    A lock or a pooled connection not had in time, or a statement over its time limit, is
    "busy"; a database that refuses connections, drops them or never answers is "unavailable".
    """
    if isinstance(exc, sqlalchemy_exc.TimeoutError):
        return DatabaseBusy("The database is busy: no connection was free in time. Retry shortly.")
    if not isinstance(exc, sqlalchemy_exc.OperationalError | sqlalchemy_exc.InterfaceError):
        return None
    reason = str(exc.orig).lower()
    if isinstance(exc.orig, psycopg_errors.LockNotAvailable | psycopg_errors.QueryCanceled) or (
        "database is locked" in reason or "database table is locked" in reason
    ):
        return DatabaseBusy(
            "The database is busy with another request's change. Retry shortly; nothing was saved."
        )
    return DatabaseUnavailable(
        "The database is unavailable at the moment; nothing was saved. Retry later."
    )


class FieldError(BaseModel):
    """One invalid input: where it is and why it is rejected."""

    field: str = Field(description="Path of the input, e.g. `body.weights[2]` or `query.limit`.")
    message: str


class ErrorResponse(BaseModel):
    """The body of every error response."""

    error: str = Field(description="Stable machine-readable code, e.g. `validation_error`.")
    detail: str = Field(description="What went wrong, in words.")
    fields: list[FieldError] = Field(default_factory=list)


def documented(**descriptions: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for error statuses, e.g. `documented(e404="No such project")`."""
    return {
        int(key.removeprefix("e")): {"model": ErrorResponse, "description": text}
        for key, text in descriptions.items()
    }


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
}


def error_response(
    status_code: int,
    error: str,
    detail: str,
    *,
    fields: Sequence[FieldError] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Render an error in the common format."""
    body = ErrorResponse(error=error, detail=detail, fields=list(fields))
    return JSONResponse(body.model_dump(), status_code=status_code, headers=dict(headers or {}))


def field_path(loc: Sequence[int | str]) -> str:
    """Turn a pydantic location (`("body", "weights", 2)`) into `body.weights[2]`."""
    path = ""
    for part in loc:
        if part == "[key]":  # pydantic's marker for an invalid dict key: the key names it
            continue
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "body"


def _validation_fields(errors: Sequence[Any]) -> list[FieldError]:
    fields = []
    for err in errors:
        loc = [part for part in err.get("loc", ()) if isinstance(part, int | str)]
        message = str(err.get("msg", "invalid value"))
        fields.append(FieldError(field=field_path(loc), message=message))
    return fields


def invalid_input(exc: ValidationError, *, prefix: str = "body") -> InvalidInput:
    """Turn a pydantic error on data the route validated itself into a 422 naming each field."""
    fields = [
        FieldError(field=field_path([prefix, *err["loc"]]), message=err["msg"])
        for err in exc.errors()
    ]
    return InvalidInput(_summary(fields), fields=fields)


def invalid_fields(fields: Sequence[FieldError]) -> InvalidInput:
    """A 422 naming each field, for input refused outside pydantic."""
    return InvalidInput(_summary(fields), fields=fields)


def _summary(fields: Sequence[FieldError]) -> str:
    shown = "; ".join(f"{f.field}: {f.message}" for f in fields[:5])
    more = f" (and {len(fields) - 5} more)" if len(fields) > 5 else ""
    return f"Invalid input: {shown}{more}."


_STORED_FIXES = {
    "public": "Reload the public catalog from its files (`shortlist catalog load`).",
    "private": "Correct it with PATCH /api/v1/vendors/{slug}, giving a valid value for each of "
    "these facts.",
    "override": "Correct your override with PATCH /api/v1/vendors/{slug}: a valid value for "
    "that fact, or null to remove the override.",
    "snapshot": "The evaluation keeps each product as it was then; run it again to export it.",
}


def _domain_error(exc: Exception) -> AppError:
    """Translate the catalog's own exceptions (which know nothing of HTTP) into API errors."""
    if isinstance(exc, ProductNotFound):
        return NotFound(f"No product {exc.slug!r} in the catalog or among your products.")
    if isinstance(exc, ProductIdTaken):
        return Conflict(f"The id {exc.slug!r} is already used by a product you can see.")
    if isinstance(exc, InvalidFactPatch):
        fields = [FieldError(field=f"body.facts.{path}", message=msg) for path, msg in exc.errors]
        return InvalidInput(_summary(fields), fields=fields)
    if isinstance(exc, InvalidStoredValue):
        shown = "; ".join(f"{path}: {reason}" for path, reason in exc.problems[:5])
        return StoredValueRefused(
            f"Product {exc.slug!r} holds a stored value Shortlist does not accept (stored before "
            f"its current bounds, or edited by hand): {shown}. "
            + _STORED_FIXES[exc.kind].format(slug=exc.slug)
        )
    if isinstance(exc, CostOutOfRange):
        return StoredValueRefused(
            f"Cannot compute a cost: {exc}, which Shortlist does not accept. Correct that fact "
            f"with PATCH /api/v1/vendors/{exc.product} (your own product, or your override of a "
            "public one), or reload the public catalog (`shortlist catalog load`)."
        )
    if isinstance(exc, UnknownFilterValue):
        message = str(exc)
        return InvalidInput(
            message, fields=[FieldError(field=f"query.{exc.name}", message=message)]
        )
    raise TypeError(f"no API error for {type(exc).__name__}")


class Conflicting(Conflict):
    """A concurrent change won the race to a uniqueness constraint."""

    def __init__(self) -> None:
        super().__init__("A concurrent change got there first; read the resource again and retry.")


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(err.get("type") == "json_invalid" for err in errors):
        err = next(err for err in errors if err.get("type") == "json_invalid")
        reason = err.get("ctx", {}).get("error", "invalid JSON")
        return error_response(
            400, "malformed_json", f"The request body is not valid JSON: {reason}."
        )
    fields = _validation_fields(errors)
    summary = "; ".join(f"{f.field}: {f.message}" for f in fields[:5])
    more = f" (and {len(fields) - 5} more)" if len(fields) > 5 else ""
    return error_response(
        422, "validation_error", f"Invalid input: {summary}{more}.", fields=fields
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "error")
    detail = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return error_response(exc.status_code, code, detail, headers=headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method of every route at this path (Starlette reports only the first route's),
    routes of included routers too."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        match, _child = route.matches(request.scope)
        if match is not Match.NONE:
            methods.update(route.methods or ())
    return sorted(methods)


def install_error_handlers(app: FastAPI, pages: tuple[tuple[str, ErrorPage], ...] = ()) -> None:
    """Route every error through the common format; paths under a prefix of `pages` (the
    pages opened by a link) get that renderer's page instead of JSON."""

    def respond(request: Request, error: AppError) -> Response:
        for prefix, page in pages:
            if request.url.path.startswith(prefix):
                return page(request, error)
        return error_response(
            error.status_code, error.error, error.detail, fields=error.fields, headers=error.headers
        )

    async def _app_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AppError)
        return respond(request, exc)

    async def _translated(request: Request, exc: Exception) -> Response:
        return respond(request, _domain_error(exc))

    async def _integrity(request: Request, exc: Exception) -> Response:
        # Uniqueness checks run before writes; a concurrent request can still win the race.
        return respond(request, Conflicting())

    app.add_exception_handler(AppError, _app_error)
    for domain_error in (
        ProductNotFound,
        ProductIdTaken,
        InvalidFactPatch,
        UnknownFilterValue,
        InvalidStoredValue,
        CostOutOfRange,
    ):
        app.add_exception_handler(domain_error, _translated)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity)
    # Any other exception goes on to service.middleware.ErrorBoundary, inside the middleware
    # that add the request id and the security headers: a 500 carries them too.
