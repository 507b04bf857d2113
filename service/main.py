"""The application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from sqlalchemy import Engine

from service import __version__
from service.api.main import api_router
from service.api.routes import health
from service.api.tags import TAGS
from service.batches.embedded import start_embedded_worker
from service.config import Settings, get_settings
from service.db import Sessions, create_db_engine
from service.errors import ErrorResponse, install_error_handlers
from service.exports import apart as exports_apart
from service.gate import Gate
from service.logs import AccessLogMiddleware, request_ids
from service.metrics import install_metrics
from service.middleware import (
    BodyLimitMiddleware,
    ErrorBoundary,
    InputGuardMiddleware,
    JsonBodyMiddleware,
    SecurityHeadersMiddleware,
)
from service.ratelimits import RateLimits
from service.web import ERROR_PAGES, install_web
from vendors.schema import ProductProfile

BATCHES_PREFIX = "/api/v1/batches"  # multipart uploads, up to batch_max_body_bytes
QUESTIONNAIRE_FILE = "/questionnaire.xlsx"  # a vendor request's questionnaire, sent back


def takes_upload(path: str) -> bool:
    """Whether the route at `path` takes a multipart file upload and reads it itself."""
    return path.startswith(BATCHES_PREFIX) or (
        path.startswith("/api/v1/projects/") and path.endswith(QUESTIONNAIRE_FILE)
    )


DESCRIPTION = """
Shortlist ranks the two or three CRM solutions that fit one client best, explains why, and says
how robust the winner is. Every `/api/v1` route needs a consultant's API key:
`Authorization: Bearer <key>`. Errors always have the shape `{"error", "detail", "fields"}`.
"""


def operation_id(route: APIRoute) -> str:
    """`{tag}-{name}` (`batches-read_batch`, `vendor_requests-create_vendor_request`): the
    names generated clients give the methods."""
    if not route.tags:
        return route.name
    return f"{str(route.tags[0]).replace(' ', '_')}-{route.name}"


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the app; `engine` lets tests and the CLI share an existing engine."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = engine is None
        if owned:
            app.state.engine = create_db_engine(settings.database_url)
            app.state.sessions = Sessions(app.state.engine)
        # On PostgreSQL batches are the job queue's (`shortlist worker`); the embedded
        # SQLite database has no queue, so the service processes them itself.
        embedded = settings.batch_worker and app.state.engine.dialect.name == "sqlite"
        app.state.batch_worker = (
            start_embedded_worker(
                app.state.engine,
                poll_seconds=settings.batch_poll_seconds,
                stale_seconds=settings.batch_stale_seconds,
                webhook_secret=settings.webhook_secret,
                export_processes=settings.export_processes,
            )
            if embedded
            else None
        )
        try:
            yield
        finally:
            if app.state.batch_worker is not None:
                app.state.batch_worker.stop()
            exports_apart.shutdown()
            if owned:
                app.state.engine.dispose()

    app = FastAPI(
        title="Shortlist",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        openapi_tags=TAGS,
    )
    app.state.settings = settings
    # Also set before the lifespan runs, for callers that do not start it (TestClient without
    # a `with` block).
    if engine is not None:
        app.state.engine = engine
        app.state.sessions = Sessions(engine)
    install_error_handlers(app, pages=ERROR_PAGES)
    app.include_router(health.router)
    app.include_router(api_router)
    install_web(app)

    # Outermost last: the request id, the access log and the security headers wrap everything,
    # errors included; the gate authenticates before any body is read. Innermost, the input
    # guard reads JSON bodies that the two after it have bounded and typed.
    app.add_middleware(InputGuardMiddleware, exempt=takes_upload)
    app.add_middleware(JsonBodyMiddleware, exempt=takes_upload)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        overrides=((BATCHES_PREFIX, settings.batch_max_body_bytes),),
    )
    app.add_middleware(Gate, limits=RateLimits(settings))
    app.add_middleware(ErrorBoundary, pages=ERROR_PAGES)
    if settings.allowed_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.allowed_origins,
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(request_ids)
    install_metrics(app, stale_seconds=settings.batch_stale_seconds)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """Publish the common error format for every error a route can answer."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(
        ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")["$defs"]
    )
    error_schema = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
    error_schema.pop("$defs", None)
    components["ErrorResponse"] = error_schema
    profile_schema = ProductProfile.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(profile_schema.pop("$defs", {}))
    components["ProductProfile"] = profile_schema
    error_ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    body_errors = {
        "400": "Malformed JSON body",
        "413": "Request body too large",
        "415": "Request body is not JSON",
    }
    gate_errors = {
        "429": "Rate limit reached: retry after the `Retry-After` header's seconds",
        "503": "Database busy or unavailable: retry after the `Retry-After` header's seconds",
    }
    for path, path_item in schema.get("paths", {}).items():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            if path.startswith("/api/v1"):
                for code, description in gate_errors.items():
                    responses.setdefault(code, {"description": description, "content": error_ref})
            if "422" in responses:
                responses["422"] = {"description": "Invalid input", "content": error_ref}
            if "requestBody" in operation:
                for code, description in body_errors.items():
                    responses.setdefault(code, {"description": description, "content": error_ref})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    app.openapi_schema = schema
    return schema
