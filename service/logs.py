"""Structured (JSON lines) logging: the request id on every line of a request, the access log,
and secrets redacted from every line.

The request id comes from asgi-correlation-id's middleware: kept from the caller's
`X-Request-ID` when well-formed, drawn otherwise, returned on every response and put on every
log record written while the request runs (threads included).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from asgi_correlation_id import CorrelationIdFilter, CorrelationIdMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_STANDARD_ATTRS = set(logging.makeLogRecord({}).__dict__) | {
    "message",
    "asctime",
    "color_message",
    "correlation_id",
}
# Invitation and vendor-request links carry their secret in the path; API keys travel in
# headers, which are never logged, but a key pasted into a path or a message is redacted all
# the same.
_SECRETS = (
    (re.compile(r"(/(?:invite|vendor)/)[^/?#\s\"\\]+"), r"\1[redacted]"),
    (re.compile(r"\bsl_[A-Za-z0-9_-]{8,}"), "sl_[redacted]"),
)

access_logger = logging.getLogger("shortlist.access")


def redact(text: str) -> str:
    """`text` with invitation tokens and API keys replaced by `[redacted]`."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message and any `extra`
    fields, with secrets redacted from the whole line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = getattr(record, "correlation_id", None)
        if request_id:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, default=str, ensure_ascii=False))


def configure_logging(level: str) -> None:
    """Send the service's and uvicorn's logs to stderr as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(CorrelationIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # Our access log replaces uvicorn's, which has no request id.
    logging.getLogger("uvicorn.access").disabled = True


def request_ids(app: ASGIApp) -> CorrelationIdMiddleware:
    """The middleware giving each request its id (see the module docstring)."""
    return CorrelationIdMiddleware(
        app,
        header_name=REQUEST_ID_HEADER,
        generator=lambda: uuid.uuid4().hex,
        validator=lambda value: bool(_SAFE_REQUEST_ID.match(value)),
    )


class AccessLogMiddleware:
    """Log each request once done: method, path, status and duration (the request id is added
    by the log filter); never headers, query strings or bodies, so credentials stay out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            access_logger.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
