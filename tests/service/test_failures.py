"""Failures are reported as what they are: a database that is down or never answers is a 503
with Retry-After within bounded time, a defect is a 500 that keeps the request id, the
security headers and the connection, every log line of a request carries its id, secrets never
reach the log, and a caller without a key hears 401 before anything about its body."""

from __future__ import annotations

import http.client
import io
import json
import logging
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from asgi_correlation_id import CorrelationIdFilter
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service import db
from service.config import Settings
from service.db import create_db_engine
from service.logs import JsonFormatter
from service.main import create_app
from service.middleware import SECURITY_HEADERS
from service.tenancy.apikeys import NewApiKey
from tests.service.live import free_port, serving
from tests.service.web.conftest import created_project, invite

A_KEY = "sl_" + "k" * 43
ANSWER_WITHIN_S = 20


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the service logs meanwhile, as it writes it in production (JSON lines)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(CorrelationIdFilter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous)


def entries(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def answered(app: FastAPI, method: str, path: str, **kwargs: Any) -> Any:
    """The response to one request, which must come within ANSWER_WITHIN_S."""

    def call() -> Any:
        with TestClient(app, raise_server_exceptions=False) as client:
            return client.request(method, path, **kwargs)

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result(timeout=ANSWER_WITHIN_S)


def assert_unavailable(app: FastAPI) -> None:
    api = answered(app, "GET", "/api/v1/me", headers={"Authorization": f"Bearer {A_KEY}"})
    assert api.status_code == 503, api.text
    assert api.json()["error"] == "database_unavailable"
    assert int(api.headers["Retry-After"]) > 0
    page = answered(app, "GET", "/invite/some-token/company", headers={"Accept-Language": "fr"})
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert "momentanément indisponible" in page.text
    assert int(page.headers["Retry-After"]) > 0
    health = answered(app, "GET", "/healthz")
    assert health.status_code == 503
    assert int(health.headers["Retry-After"]) > 0


def assert_unavailable_at(url: str) -> None:
    """The app on the database at `url` answers 503, and its engine is let go after."""
    engine = create_db_engine(url)
    try:
        assert_unavailable(
            create_app(Settings(database_url=url, batch_worker=False), engine=engine)
        )
    finally:
        engine.dispose()


def test_postgresql_refusing_connections_is_503() -> None:
    assert_unavailable_at(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test")


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_database_that_never_answers_is_503_within_the_connect_timeout(
    silent_server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "CONNECT_TIMEOUT_S", 1)
    assert_unavailable_at(f"postgresql+psycopg://postgres@127.0.0.1:{silent_server}/test")


def test_sqlite_that_cannot_be_opened_is_503(tmp_path: Path) -> None:
    assert_unavailable_at(f"sqlite:///{tmp_path / 'missing' / 'shortlist.db'}")


@pytest.fixture
def failing_app(tmp_path: Path) -> Iterator[FastAPI]:
    """The app with one route that fails as a defect would, after logging from its thread."""
    url = f"sqlite:///{tmp_path / 'shortlist.db'}"
    engine = create_db_engine(url)
    app = create_app(Settings(database_url=url, batch_worker=False), engine=engine)

    @app.get("/boom")
    def boom() -> None:
        logging.getLogger("shortlist.tests").info("about to fail")
        raise RuntimeError("a defect")

    yield app
    engine.dispose()


def test_a_500_keeps_the_request_id_the_headers_and_the_connection(
    failing_app: FastAPI, log_lines: io.StringIO
) -> None:
    with serving(failing_app) as base:
        connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
        try:
            connection.request("GET", "/boom", headers={"X-Request-ID": "boom-request-1"})
            failed = connection.getresponse()
            body = json.loads(failed.read())
            assert failed.status == 500
            assert body["error"] == "internal_error"
            assert "a defect" not in body["detail"]
            assert failed.getheader("X-Request-ID") == "boom-request-1"
            for name, value in SECURITY_HEADERS.items():
                assert failed.getheader(name) == value
            # The same keep-alive connection serves the next request.
            connection.request("GET", "/healthz")
            following = connection.getresponse()
            following.read()
            assert following.status == 200
        finally:
            connection.close()
    lines = [e for e in entries(log_lines) if e.get("request_id") == "boom-request-1"]
    messages = {e["msg"] for e in lines}
    assert {"about to fail", "unhandled error", "request"} <= messages
    assert any("RuntimeError: a defect" in e.get("exc", "") for e in lines)


def test_without_a_key_a_malformed_body_is_401(anon_client: TestClient, client: TestClient) -> None:
    broken, json_body = b'{"client_name": ', {"Content-Type": "application/json"}
    missing = anon_client.post("/api/v1/projects", content=broken, headers=json_body)
    assert missing.status_code == 401
    unknown_key = {**json_body, "Authorization": f"Bearer {A_KEY}"}
    assert (
        anon_client.post("/api/v1/projects", content=broken, headers=unknown_key).status_code == 401
    )
    malformed = client.post("/api/v1/projects", content=broken, headers=json_body)
    assert malformed.status_code == 400
    assert malformed.json()["error"] == "malformed_json"


def test_invitation_tokens_and_keys_never_reach_the_log(
    client: TestClient, anon_client: TestClient, firm_key: NewApiKey, log_lines: io.StringIO
) -> None:
    project = created_project(client)
    url = invite(client, project["id"])["url"]
    token = url.rsplit("/", 1)[1]
    assert anon_client.get(f"/invite/{token}").status_code == 200
    assert anon_client.get(f"/invite/{token}/company").status_code == 200
    client.get(f"/api/v1/vendors/{firm_key.secret}")
    text = log_lines.getvalue()
    assert token not in text
    assert firm_key.secret not in text
    paths = [e["path"] for e in entries(log_lines) if e.get("msg") == "request"]
    assert "/invite/[redacted]" in paths
    assert "/invite/[redacted]/company" in paths
    assert "/api/v1/vendors/sl_[redacted]" in paths
