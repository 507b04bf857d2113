"""Batch webhooks on both databases: which URLs are taken, a signed notification a receiver
can verify once the batch is done (deferred as a queue job on PostgreSQL), and a receiver
that refuses it raising for a retry."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from bench.clients import client_rows
from service.batches import processing, webhooks
from service.config import Settings
from service.errors import InvalidInput
from tests.service.batches.conftest import Receiver
from tests.service.batches.test_batches_api import clients_csv, queue_jobs, run
from tests.service.conftest import make_settings
from vendors.schema import ProductProfile

SECRET = "webhook-secret-0123456789"


@pytest.fixture
def settings(engine: Engine) -> Settings:
    return make_settings(engine, webhook_secret=SECRET, webhook_hosts=["127.0.0.1"])


def submit(client: TestClient, webhook_url: str) -> Any:
    return client.post(
        "/api/v1/batches",
        files={"file": ("clients.csv", clients_csv(client_rows(4, seed=21)))},
        data={"webhook_url": webhook_url},
    )


def test_a_done_batch_sends_a_signed_notification(
    client: TestClient,
    session: Session,
    loaded_catalog: list[ProductProfile],
    receiver: Receiver,
) -> None:
    response = submit(client, receiver.url)
    assert response.status_code == 202, response.text
    batch_id = response.json()["id"]
    assert run(session) == processing.DONE
    if session.get_bind().dialect.name == "postgresql":
        assert ("batches.notify", "todo") in queue_jobs(session, batch_id)

    assert webhooks.notify(session, batch_id=uuid.UUID(batch_id), secret=SECRET)
    ((headers, body),) = receiver.received
    timestamp = int(headers["X-Shortlist-Timestamp"])
    assert abs(time.time() - timestamp) < 60
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert hmac.compare_digest(headers["X-Shortlist-Signature"], f"sha256={expected.hexdigest()}")
    assert headers["X-Shortlist-Event"] == "batch.done"
    document = json.loads(body)
    assert document["event"] == "batch.done"
    assert document["batch"]["id"] == batch_id
    assert (document["batch"]["status"], document["batch"]["processed"]) == ("done", 4)
    assert document["batch"]["result_url"] == f"/api/v1/batches/{batch_id}/result"
    # Another secret, or a changed body, gives another signature.
    assert webhooks.signature(SECRET, timestamp, body) == headers["X-Shortlist-Signature"]
    assert (
        webhooks.signature("another-secret-012345", timestamp, body)
        != (headers["X-Shortlist-Signature"])
    )
    assert webhooks.signature(SECRET, timestamp, body + b" ") != headers["X-Shortlist-Signature"]


def test_a_receiver_that_refuses_raises_for_a_retry(
    client: TestClient,
    session: Session,
    loaded_catalog: list[ProductProfile],
    receiver: Receiver,
) -> None:
    receiver.status = 503
    batch_id = submit(client, receiver.url).json()["id"]
    assert run(session) == processing.DONE
    with pytest.raises(webhooks.WebhookFailed, match="503"):
        webhooks.notify(session, batch_id=uuid.UUID(batch_id), secret=SECRET)
    assert len(receiver.received) == 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://hooks.example.com/x", "not a webhook host"),
        ("https://hooks.example.com/x", "not a webhook host"),
        ("ftp://127.0.0.1/x", "https://"),
        ("127.0.0.1/x", "https://"),
    ],
)
def test_webhook_urls_outside_the_allowed_hosts_are_refused(
    client: TestClient, loaded_catalog: list[ProductProfile], url: str, reason: str
) -> None:
    response = submit(client, url)
    assert response.status_code == 422
    assert response.json()["fields"][0]["field"] == "body.webhook_url"
    assert reason in response.json()["detail"]


def test_without_a_secret_no_webhook_is_taken() -> None:
    with pytest.raises(InvalidInput, match="WEBHOOK_SECRET is not set"):
        webhooks.check_url("https://hooks.example.com/x", secret=None, hosts=[])
    assert webhooks.check_url("https://hooks.example.com/x", secret=SECRET, hosts=[])
    with pytest.raises(InvalidInput, match="https://"):
        webhooks.check_url("http://hooks.example.com/x", secret=SECRET, hosts=[])
