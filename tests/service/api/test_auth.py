"""Every /api/v1 route needs a live API key; keys are never stored or logged in clear."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from service.tenancy.apikeys import NewApiKey, create_api_key, revoke_api_key


def test_valid_key_identifies_the_firm(client: TestClient, firm_key: NewApiKey) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {"id": str(firm_key.firm.id), "name": "Cabinet Alpha"}


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer sl_unknown-key-value", "Basic dXNlcjpwYXNz", "Bearer ", "sl_no_scheme"],
)
def test_missing_or_unknown_key_is_401(anon_client: TestClient, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = anon_client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"] == "unauthorized"


def test_revoked_key_is_401(anon_client: TestClient, session: Session, firm_key: NewApiKey) -> None:
    headers = {"Authorization": f"Bearer {firm_key.secret}"}
    assert anon_client.get("/api/v1/me", headers=headers).status_code == 200
    revoke_api_key(session, id_or_prefix=str(firm_key.key.id))
    response = anon_client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"] == "Unknown or revoked API key."


def test_key_of_another_firm_sees_that_firm(anon_client: TestClient, session: Session) -> None:
    other = create_api_key(session, firm_name="Cabinet Beta")
    response = anon_client.get("/api/v1/me", headers={"Authorization": f"Bearer {other.secret}"})
    assert response.json()["name"] == "Cabinet Beta"


def test_key_is_stored_only_as_a_digest(session: Session, firm_key: NewApiKey) -> None:
    rows = session.exec(text("SELECT * FROM api_key")).all()  # type: ignore[call-overload]
    dumped = repr(rows)
    assert firm_key.secret not in dumped
    assert firm_key.secret[len(firm_key.key.prefix) :] not in dumped
    assert firm_key.key.key_hash in dumped


def test_key_never_appears_in_logs(
    client: TestClient, firm_key: NewApiKey, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert client.get("/api/v1/me").status_code == 200
        assert (
            client.get("/api/v1/me", headers={"Authorization": "Bearer sl_wrong"}).status_code
            == 401
        )
    access = [r for r in caplog.records if r.name == "shortlist.access"]
    assert len(access) == 2
    assert all(firm_key.secret not in r.getMessage() + repr(r.__dict__) for r in caplog.records)
    assert all("sl_wrong" not in repr(r.__dict__) for r in caplog.records)


def test_health_is_public_and_reports_the_dialect(
    anon_client: TestClient, session: Session
) -> None:
    response = anon_client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == session.get_bind().dialect.name
    assert body["version"]
