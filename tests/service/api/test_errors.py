"""Bad requests get a clear 4xx in the common error format, never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from service.config import Settings
from service.main import create_app


class Payload(BaseModel):
    name: str
    weights: list[float] = Field(min_length=2)


def echo_app(max_body_bytes: int) -> FastAPI:
    """An app with a JSON route (no database needed)."""
    app: FastAPI = create_app(Settings(database_url="sqlite://", max_body_bytes=max_body_bytes))

    @app.post("/api/echo")
    def echo(payload: Payload) -> Payload:
        return payload

    return app


@pytest.fixture
def echo_client() -> Iterator[TestClient]:
    """The echo app with a 1 KiB body limit."""
    with TestClient(echo_app(1024), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def roomy_echo_client() -> Iterator[TestClient]:
    """The echo app with the default body limit (1 MiB)."""
    with TestClient(echo_app(Settings().max_body_bytes), raise_server_exceptions=False) as client:
        yield client


def assert_error_format(body: dict[str, object], error: str) -> None:
    assert set(body) == {"error", "detail", "fields"}
    assert body["error"] == error
    assert isinstance(body["detail"], str)
    assert body["detail"]


def test_malformed_json_is_400(echo_client: TestClient) -> None:
    response = echo_client.post(
        "/api/echo", content=b'{"name": "x", ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert_error_format(response.json(), "malformed_json")


def test_oversized_body_is_413(echo_client: TestClient) -> None:
    payload = {"name": "x" * 2000, "weights": [1, 2]}
    response = echo_client.post("/api/echo", json=payload)
    assert response.status_code == 413
    assert_error_format(response.json(), "payload_too_large")
    assert "1024" in response.json()["detail"]


def test_oversized_chunked_body_is_413(echo_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"name": "'
        for _ in range(20):
            yield b"x" * 100
        yield b'", "weights": [1, 2]}'

    response = echo_client.post(
        "/api/echo", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert_error_format(response.json(), "payload_too_large")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(echo_client: TestClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = echo_client.post(
        "/api/echo", content=b'{"name": "x", "weights": [1, 2]}', headers=headers
    )
    assert response.status_code == 415
    assert_error_format(response.json(), "unsupported_media_type")


def test_validation_error_names_each_field(echo_client: TestClient) -> None:
    response = echo_client.post("/api/echo", json={"weights": [1, "heavy"]})
    assert response.status_code == 422
    body = response.json()
    assert_error_format(body, "validation_error")
    fields = {f["field"] for f in body["fields"]}
    assert fields == {"body.name", "body.weights[1]"}
    assert "body.weights[1]" in body["detail"]


def test_json_suffix_media_type_is_accepted(echo_client: TestClient) -> None:
    response = echo_client.post(
        "/api/echo",
        content=b'{"name": "x", "weights": [1, 2]}',
        headers={"Content-Type": "application/vnd.shortlist+json; charset=utf-8"},
    )
    assert response.status_code == 200


def test_unknown_route_and_method_use_the_format(echo_client: TestClient) -> None:
    missing = echo_client.get("/api/nowhere")
    assert missing.status_code == 404
    assert_error_format(missing.json(), "not_found")
    wrong_method = echo_client.get("/api/echo")
    assert wrong_method.status_code == 405
    assert_error_format(wrong_method.json(), "method_not_allowed")


def test_every_response_carries_a_request_id(echo_client: TestClient) -> None:
    mine = echo_client.get("/healthz", headers={"X-Request-ID": "req-12345678"})
    assert mine.headers["X-Request-ID"] == "req-12345678"
    forged = echo_client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})
    assert forged.headers["X-Request-ID"] != "bad id\nwith newline"
    assert len(forged.headers["X-Request-ID"]) == 32


def deep(levels: int, inner: bytes = b"1") -> bytes:
    return b"[" * levels + inner + b"]" * levels


@pytest.mark.parametrize("levels", [65, 1_000, 100_000, 400_000])
def test_json_nested_beyond_the_limit_is_422(roomy_echo_client: TestClient, levels: int) -> None:
    body = b'{"name": "x", "weights": ' + deep(levels) + b"}"
    response = roomy_echo_client.post(
        "/api/echo", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert_error_format(response.json(), "validation_error")
    assert response.json()["fields"][0]["field"] == "body"
    assert "64 levels" in response.json()["detail"]


def test_brackets_inside_strings_do_not_count_as_nesting(echo_client: TestClient) -> None:
    name = '\\"[{' * 200  # 400 brackets; the escaped quotes must not end the string early
    body = '{"name": "' + name + '", "weights": [1, 2]}'
    response = echo_client.post(
        "/api/echo", content=body.encode(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["name"] == '"[{' * 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"name": "a\\u0000b", "weights": [1, 2]}', "body.name"),
        (b'{"name": "x", "weights": [1, 2], "extra": {"k\\u0000": 1}}', "body.extra.k\\u0000"),
    ],
)
def test_a_nul_character_in_a_json_body_is_422_naming_the_field(
    echo_client: TestClient, body: bytes, field: str
) -> None:
    response = echo_client.post(
        "/api/echo", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert_error_format(response.json(), "validation_error")
    assert [f["field"] for f in response.json()["fields"]] == [field]


def test_an_escaped_backslash_before_u0000_is_no_nul(echo_client: TestClient) -> None:
    body = b'{"name": "C:\\\\u0000", "weights": [1, 2]}'
    response = echo_client.post(
        "/api/echo", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "C:\\u0000"


@pytest.mark.parametrize(
    ("url", "field"),
    [("/healthz?probe=a%00b", "query.probe"), ("/api/echo%00", "path")],
)
def test_a_nul_character_in_the_url_is_422(echo_client: TestClient, url: str, field: str) -> None:
    response = echo_client.get(url)
    assert response.status_code == 422
    assert_error_format(response.json(), "validation_error")
    assert [f["field"] for f in response.json()["fields"]] == [field]


def test_a_wrong_method_names_every_method_of_the_path(client: TestClient) -> None:
    """The routes of included routers count (RFC 9110: a 405 lists the allowed methods)."""
    response = client.delete("/api/v1/projects")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST"
    assert_error_format(response.json(), "method_not_allowed")
