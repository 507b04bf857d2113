"""Rate limits: per API key, per client address on the client pages, and on failed attempts
(unknown keys, unknown invitation links) per address; a limit reached is a 429 with
Retry-After. Counted in memory, or in Redis shared by several workers."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session

from service.batches.profiles import InputFormat
from service.batches.template import template
from service.config import Settings
from service.main import create_app
from service.tenancy.apikeys import NewApiKey, create_api_key
from tests.conftest import unavailable
from tests.service.conftest import JoinedSessions, make_settings
from tests.service.web.conftest import created_project, invite
from vendors.schema import ProductProfile

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
UNKNOWN_KEY = "sl_" + "u" * 43

AppFactory = Callable[..., FastAPI]


@pytest.fixture
def make_app(engine: Engine, session: Session) -> AppFactory:
    """An app on the test transaction with the given rate limits."""

    def make(**limits: Any) -> FastAPI:
        app = create_app(make_settings(engine, **limits), engine=engine)
        app.state.sessions = JoinedSessions(session)
        return app

    return make


def caller(app: FastAPI, key: str | None = None) -> TestClient:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return TestClient(app, headers=headers, raise_server_exceptions=False)


def assert_too_many(response: Any, *, window_s: int = 60) -> None:
    assert response.status_code == 429, response.text
    assert 1 <= int(response.headers["Retry-After"]) <= window_s


def test_an_api_key_past_its_limit_is_429_and_other_keys_go_on(
    make_app: AppFactory, firm_key: NewApiKey, session: Session
) -> None:
    other = create_api_key(session, firm_name="Cabinet Beta").secret
    app = make_app(rate_limit_per_key="3/minute")
    with caller(app, firm_key.secret) as mine, caller(app, other) as theirs:
        assert [mine.get("/api/v1/me").status_code for _ in range(3)] == [200] * 3
        refused = mine.get("/api/v1/me")
        assert_too_many(refused)
        assert refused.json()["error"] == "too_many_requests"
        assert "3 per 1 minute" in refused.json()["detail"]
        assert theirs.get("/api/v1/me").status_code == 200


def test_batch_uploads_past_their_limit_are_429_before_the_file_is_read(
    make_app: AppFactory,
    firm_key: NewApiKey,
    session: Session,
    loaded_catalog: list[ProductProfile],
) -> None:
    other = create_api_key(session, firm_name="Cabinet Beta").secret
    app = make_app(rate_limit_uploads="2/hour")
    files = {"file": ("clients.csv", template(InputFormat.CSV))}
    with caller(app, firm_key.secret) as mine, caller(app, other) as theirs:
        sent = [mine.post("/api/v1/batches", files=files).status_code for _ in range(2)]
        assert sent == [202, 202]
        refused = mine.post("/api/v1/batches", files=files)
        assert_too_many(refused, window_s=3600)
        assert "batch uploads from this API key" in refused.json()["detail"]
        assert "2 per 1 hour" in refused.json()["detail"]
        assert mine.get("/api/v1/batches").json()["count"] == 2  # the third stored nothing
        assert theirs.post("/api/v1/batches", files=files).status_code == 202


def test_an_address_trying_unknown_keys_is_refused_even_with_a_good_one(
    make_app: AppFactory, firm_key: NewApiKey
) -> None:
    app = make_app(rate_limit_failures="3/minute")
    with (
        caller(app, UNKNOWN_KEY) as guesser,
        caller(app) as keyless,
        caller(app, firm_key.secret) as genuine,
    ):
        assert guesser.get("/api/v1/me").status_code == 401
        assert guesser.get("/api/v1/me").status_code == 401
        assert keyless.get("/api/v1/me").status_code == 401
        assert_too_many(guesser.get("/api/v1/me"))
        # The address is refused before any key is looked up: a guess cannot be confirmed.
        assert_too_many(genuine.get("/api/v1/me"))


def test_client_pages_are_limited_per_address_with_a_page(
    make_app: AppFactory, firm_key: NewApiKey
) -> None:
    app = make_app(rate_limit_per_address="3/minute")
    with caller(app, firm_key.secret) as consultant, caller(app) as visitor:
        path = (
            "/invite/"
            + invite(consultant, created_project(consultant)["id"])["url"].rsplit("/", 1)[1]
        )
        assert [visitor.get(path).status_code for _ in range(3)] == [200] * 3
        refused = visitor.get(path, headers={"Accept-Language": "en"})
        assert_too_many(refused)
        assert refused.headers["content-type"].startswith("text/html")
        assert "Too many requests" in refused.text
        # The API is counted per key, not per address.
        assert consultant.get("/api/v1/me").status_code == 200


def test_unknown_invitation_links_count_as_failed_attempts(
    make_app: AppFactory, firm_key: NewApiKey
) -> None:
    app = make_app(rate_limit_failures="3/minute")
    with caller(app, firm_key.secret) as consultant, caller(app) as visitor:
        url = invite(consultant, created_project(consultant)["id"])["url"]
        for _ in range(3):
            assert visitor.get(f"/invite/{uuid.uuid4().hex}").status_code == 404
        assert_too_many(visitor.get("/invite/" + url.rsplit("/", 1)[1]))


@pytest.fixture
def redis_url() -> str:
    """The local Redis (database 15), or a skip (a failure under CI=true)."""
    host, port = REDIS.removeprefix("redis://").split("/", 1)[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError as exc:
        unavailable(f"Redis at {REDIS}: {exc}")
    return REDIS


def test_workers_sharing_redis_share_the_counts(
    make_app: AppFactory, firm_key: NewApiKey, redis_url: str
) -> None:
    """Two apps stand for two worker processes: the key's fourth request is refused by
    whichever serves it."""
    limits = {"rate_limit_per_key": "3/minute", "rate_limit_storage": redis_url}
    first, second = make_app(**limits), make_app(**limits)
    with caller(first, firm_key.secret) as one, caller(second, firm_key.secret) as two:
        assert one.get("/api/v1/me").status_code == 200
        assert two.get("/api/v1/me").status_code == 200
        assert one.get("/api/v1/me").status_code == 200
        assert_too_many(two.get("/api/v1/me"))


def test_a_storage_that_fails_lets_requests_through_with_a_warning(
    make_app: AppFactory, firm_key: NewApiKey, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = make_app(rate_limit_per_key="1/minute", rate_limit_storage=f"redis://127.0.0.1:{port}")
    with caller(app, firm_key.secret) as client:
        assert [client.get("/api/v1/me").status_code for _ in range(2)] == [200, 200]
    assert any("rate limit storage failed" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "setting",
    [
        {"rate_limit_per_key": "many"},
        {"rate_limit_failures": "10 per fortnight"},
        {"rate_limit_uploads": "lots"},
        {"rate_limit_storage": "memcached://127.0.0.1:11211"},
    ],
)
def test_a_bad_limit_is_refused_at_start(setting: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Settings(**setting)  # type: ignore[arg-type]
