"""Invitations through the API: the link, its expiry and sharing, listing, revoking, tenancy."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from service.invitations.models import Invitation
from service.tenancy.apikeys import create_api_key
from tests.service.web.conftest import Questionnaire, created_project, invite


@pytest.fixture
def other_firm(client: TestClient, session: Session) -> TestClient:
    key = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    headers = {"Authorization": f"Bearer {key.secret}"}
    return TestClient(client.app, headers=headers, raise_server_exceptions=False)


def test_an_invitation_gives_a_link_shown_once_and_stored_as_a_digest(
    client: TestClient, project: dict[str, Any], session: Session
) -> None:
    before = datetime.now().astimezone()
    body = invite(client, project["id"])
    assert body["url"].startswith("http://testserver/invite/")
    token = body["url"].rsplit("/", 1)[1]
    assert len(token) >= 43  # 256 random bits, URL-safe base 64
    assert body["status"] == "active"
    assert body["show_results"] is False
    assert body["answered_steps"] == []
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(days=13, hours=23) < expires - before <= timedelta(days=14, minutes=1)

    row = session.exec(select(Invitation).where(Invitation.id == uuid.UUID(body["id"]))).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(row.model_dump())
    listed = client.get(f"/api/v1/projects/{project['id']}/invitations").json()
    assert listed["count"] == 1
    assert "url" not in listed["data"][0]
    assert token not in str(listed)


def test_each_invitation_has_its_own_token(client: TestClient, project: dict[str, Any]) -> None:
    urls = {invite(client, project["id"])["url"] for _ in range(3)}
    assert len(urls) == 3


def test_expiry_and_sharing_are_chosen(client: TestClient, project: dict[str, Any]) -> None:
    body = invite(client, project["id"], expires_in_days=2, show_results=True)
    expires = datetime.fromisoformat(body["expires_at"])
    created = datetime.fromisoformat(body["created_at"])
    assert expires - created == timedelta(days=2)
    assert body["show_results"] is True


@pytest.mark.parametrize(
    "body",
    [
        {"expires_in_days": 0},
        {"expires_in_days": 91},
        {"expires_in_days": "7"},
        {"expires_in_days": 1.5},
        {"show_results": "yes"},
        {"show_results": 1},
        {"colour": "blue"},
    ],
)
def test_bad_invitation_input_is_422(
    client: TestClient, project: dict[str, Any], body: dict[str, Any]
) -> None:
    response = client.post(f"/api/v1/projects/{project['id']}/invitations", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "validation_error"
    assert client.get(f"/api/v1/projects/{project['id']}/invitations").json()["count"] == 0


def test_revoking_closes_the_link_at_once_and_is_recorded(
    client: TestClient, form: Questionnaire, invitation: dict[str, Any], project: dict[str, Any]
) -> None:
    assert form.get().status_code == 200
    url = f"/api/v1/projects/{project['id']}/invitations/{invitation['id']}"
    revoked = client.delete(url)
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "revoked"
    assert revoked.json()["revoked_at"] is not None
    assert form.get().status_code == 404
    again = client.delete(url)
    assert again.json()["revoked_at"] == revoked.json()["revoked_at"]
    history = client.get(f"/api/v1/projects/{project['id']}/history").json()["data"]
    actions = [event["action"] for event in history]
    assert actions == ["invitation_revoked", "invited", "created"]
    assert history[1]["detail"]["invitation"] == invitation["id"]


def test_sharing_the_results_can_be_changed_later(
    client: TestClient, invitation: dict[str, Any], project: dict[str, Any]
) -> None:
    url = f"/api/v1/projects/{project['id']}/invitations/{invitation['id']}"
    response = client.patch(url, json={"show_results": True})
    assert response.status_code == 200
    assert response.json()["show_results"] is True
    assert client.patch(url, json={"show_results": True}).status_code == 200
    history = client.get(f"/api/v1/projects/{project['id']}/history").json()["data"]
    assert [event["action"] for event in history] == ["invitation_changed", "invited", "created"]
    assert client.patch(url, json={}).status_code == 422
    assert client.patch(url, json={"show_results": None}).status_code == 422


def test_expired_invitations_are_listed_as_such(
    client: TestClient, invitation: dict[str, Any], project: dict[str, Any], session: Session
) -> None:
    row = session.get(Invitation, uuid.UUID(invitation["id"]))
    assert row is not None
    row.expires_at = row.created_at - timedelta(seconds=1)
    session.add(row)
    session.commit()
    listed = client.get(f"/api/v1/projects/{project['id']}/invitations").json()
    assert listed["data"][0]["status"] == "expired"


def test_another_firm_never_reaches_an_invitation(
    client: TestClient,
    other_firm: TestClient,
    invitation: dict[str, Any],
    project: dict[str, Any],
) -> None:
    base = f"/api/v1/projects/{project['id']}/invitations"
    assert other_firm.post(base, json={}).status_code == 404
    assert other_firm.get(base).status_code == 404
    assert (
        other_firm.patch(f"{base}/{invitation['id']}", json={"show_results": True}).status_code
        == 404
    )
    assert other_firm.delete(f"{base}/{invitation['id']}").status_code == 404
    listed = client.get(base).json()
    assert listed["count"] == 1
    assert listed["data"][0]["status"] == "active"
    assert listed["data"][0]["show_results"] is False


def test_an_invitation_belongs_to_one_project(
    client: TestClient, invitation: dict[str, Any], project: dict[str, Any]
) -> None:
    other = created_project(client, client_name="Autre client")
    wrong = f"/api/v1/projects/{other['id']}/invitations/{invitation['id']}"
    assert client.delete(wrong).status_code == 404
    assert client.patch(wrong, json={"show_results": True}).status_code == 404
    unknown = f"/api/v1/projects/{project['id']}/invitations/{uuid.uuid4()}"
    assert client.delete(unknown).status_code == 404
    missing_project = f"/api/v1/projects/{uuid.uuid4()}/invitations"
    assert client.post(missing_project, json={}).status_code == 404
    assert client.get(missing_project).status_code == 404


def test_deleting_a_project_deletes_its_invitations(
    client: TestClient, form: Questionnaire, project: dict[str, Any], session: Session
) -> None:
    version = client.get(f"/api/v1/projects/{project['id']}").json()["version"]
    url = f"/api/v1/projects/{project['id']}?version={version}"
    assert client.delete(url).status_code == 200
    session.expire_all()
    remaining = session.exec(
        select(Invitation).where(Invitation.project_id == uuid.UUID(project["id"]))
    ).all()
    assert remaining == []
    assert form.get().status_code == 404


def test_the_listing_pages(client: TestClient, project: dict[str, Any]) -> None:
    for _ in range(3):
        invite(client, project["id"])
    base = f"/api/v1/projects/{project['id']}/invitations"
    page = client.get(base, params={"limit": 2}).json()
    assert page["count"] == 3
    assert len(page["data"]) == 2
    rest = client.get(base, params={"limit": 2, "offset": 2}).json()
    assert len(rest["data"]) == 1
    assert {i["id"] for i in page["data"]}.isdisjoint({i["id"] for i in rest["data"]})
