"""Batch webhooks: when a batch is done or failed, a signed POST to the URL given at upload.

The body is JSON; `X-Shortlist-Timestamp` is the Unix time of sending and
`X-Shortlist-Signature` is `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under
WEBHOOK_SECRET. A receiver recomputes it, compares in constant time, and refuses a timestamp
more than a few minutes old (a replay). A delivery that fails (no answer in 10 s, or a status
other than 2xx) raises, and is retried: by the queue on PostgreSQL, in the embedded worker on
SQLite.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlmodel import Session

from service.batches.models import Batch
from service.db import release
from service.errors import FieldError, InvalidInput

logger = logging.getLogger("shortlist.batches")

TIMEOUT_SECONDS = 10
EVENTS = {"done": "batch.done", "failed": "batch.failed"}


class WebhookFailed(RuntimeError):
    """The receiver did not take the notification."""


def check_url(url: str, *, secret: str | None, hosts: list[str]) -> str:
    """The webhook URL as given, or 422: webhooks need WEBHOOK_SECRET; https, or http to a
    host of WEBHOOK_HOSTS; and when WEBHOOK_HOSTS is set, one of its hosts."""

    def refuse(message: str) -> InvalidInput:
        field = FieldError(field="body.webhook_url", message=message)
        return InvalidInput(f"webhook_url: {message}.", fields=[field])

    if secret is None:
        raise refuse("this service sends no webhooks (its WEBHOOK_SECRET is not set)")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"https", "http"} or not host or len(url) > 2000:
        raise refuse("give an https:// URL of at most 2000 characters")
    if hosts and host not in hosts:
        raise refuse(f"{host} is not a webhook host of this service ({', '.join(hosts)})")
    if parts.scheme == "http" and host not in hosts:
        raise refuse("give an https:// URL")
    return url


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under `secret`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def payload(batch: Batch) -> dict[str, Any]:
    """What the notification says about the batch."""
    return {
        "event": EVENTS.get(batch.status, f"batch.{batch.status}"),
        "batch": {
            "id": str(batch.id),
            "status": batch.status,
            "filename": batch.filename,
            "total": batch.total,
            "processed": batch.processed,
            "ranked": batch.ranked,
            "without_candidate": batch.without_candidate,
            "failed_rows": batch.failed_rows,
            "error": batch.error,
            "result_url": f"/api/v1/batches/{batch.id}/result" if batch.status == "done" else None,
            "finished_at": batch.finished_at.isoformat() if batch.finished_at else None,
        },
    }


def notify(session: Session, *, batch_id: uuid.UUID, secret: str | None) -> bool:
    """Send the finished batch's notification, if it asked for one; tell whether one was
    sent. Raises WebhookFailed when the receiver did not take it."""
    batch = session.get(Batch, batch_id, populate_existing=True)
    release(session)
    if batch is None or not batch.webhook_url or batch.status not in EVENTS:
        return False
    if secret is None:
        raise WebhookFailed("WEBHOOK_SECRET is not set: the notification cannot be signed")
    body = json.dumps(payload(batch), ensure_ascii=False).encode("utf-8")
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Shortlist-Webhook",
        "X-Shortlist-Event": EVENTS[batch.status],
        "X-Shortlist-Timestamp": str(timestamp),
        "X-Shortlist-Signature": signature(secret, timestamp, body),
    }
    try:
        response = httpx.post(
            batch.webhook_url, content=body, headers=headers, timeout=TIMEOUT_SECONDS
        )
    except httpx.HTTPError as exc:
        raise WebhookFailed(f"batch {batch_id}: webhook not delivered: {exc}") from exc
    if not response.is_success:
        raise WebhookFailed(f"batch {batch_id}: webhook answered {response.status_code}")
    logger.info("batch %s: webhook delivered (%s)", batch_id, response.status_code)
    return True
