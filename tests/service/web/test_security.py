"""What protects the client pages: CSRF tokens, escaping, unknown/expired/revoked links, a link
reaching only its own questionnaire, and the security headers."""

from __future__ import annotations

import html
import re
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.invitations.models import Invitation
from service.web import csrf
from tests.service.web.conftest import (
    COMPANY,
    Questionnaire,
    created_project,
    csrf_of,
    invite,
)

SECRET = "test-secret-key-0123456789"  # the `settings` fixture's


def version(client: TestClient, project: dict[str, Any]) -> int:
    body: dict[str, Any] = client.get(f"/api/v1/projects/{project['id']}").json()
    return int(body["version"])


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "garbage",
        "123.abc",
        f"{int(time.time())}.{'0' * 64}",
        csrf.issue(SECRET, uuid.uuid4()),  # another invitation's
        csrf.issue("another-secret-entirely-0123", uuid.uuid4()),
    ],
)
def test_a_post_without_a_valid_csrf_token_is_refused(
    client: TestClient, form: Questionnaire, project: dict[str, Any], token: str | None
) -> None:
    data = dict(COMPANY) if token is None else {"csrf_token": token, **COMPANY}
    response = form.web.post(f"{form.path}/company", data=data, follow_redirects=False)
    assert response.status_code == 403
    assert "Page expirée" in response.text
    assert "Rien n'a été enregistré" in html.unescape(response.text)
    assert f'href="{form.path}/company?lang=fr"' in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert version(client, project) == 1


def test_a_stale_csrf_token_is_refused(
    client: TestClient, form: Questionnaire, project: dict[str, Any], invitation: dict[str, Any]
) -> None:
    issued = time.time() - csrf.MAX_AGE - 60
    old = csrf.issue(SECRET, uuid.UUID(invitation["id"]), now=issued)
    assert form.post("company", COMPANY, csrf=old).status_code == 403
    fresh = csrf.issue(SECRET, uuid.UUID(invitation["id"]))
    assert form.post("company", COMPANY, csrf=fresh).status_code == 303
    assert version(client, project) == 2


def test_a_cross_site_post_is_refused_even_with_a_token(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    token = csrf_of(form.get("company").text)
    response = form.web.post(
        f"{form.path}/company",
        data={"csrf_token": token, **COMPANY},
        headers={"Sec-Fetch-Site": "cross-site"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert version(client, project) == 1


def test_every_form_carries_a_csrf_token(form: Questionnaire) -> None:
    for page in ("company", "users", "scope", "constraints", "priorities"):
        text = form.get(page).text
        assert text.count('method="post"') == 1
        assert csrf_of(text)


def test_a_client_name_is_shown_as_text(
    client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    evil = '<script>alert("x")</script>'
    response = form.post("company", {**COMPANY, "client_name": evil, "sector": '"><img src=x>'})
    assert response.status_code == 303
    assert client.get(f"/api/v1/projects/{project['id']}").json()["client_name"] == evil
    for page in ("", "company", "done"):
        text = form.get(page).text
        assert "<script>alert" not in text
        assert "<img src=x>" not in text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text
    rejected = form.post("company", {**COMPANY, "client_name": "", "sector": "<b>bold</b>"})
    assert "<b>bold</b>" not in rejected.text
    assert "&lt;b&gt;bold&lt;/b&gt;" in rejected.text


@pytest.mark.parametrize("path", ["", "/company", "/done", "/results", "/priorities"])
def test_an_unknown_link_gets_a_friendly_404(anon_client: TestClient, path: str) -> None:
    response = anon_client.get(f"/invite/not-a-real-token{path}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Lien introuvable" in response.text
    assert "Demandez un nouveau lien à votre consultant" in response.text
    english = anon_client.get(f"/invite/not-a-real-token{path}", params={"lang": "en"})
    assert "Link not found" in english.text


def test_a_very_long_token_is_just_unknown(anon_client: TestClient) -> None:
    assert anon_client.get(f"/invite/{'a' * 5000}").status_code == 404


def test_an_expired_link_gets_the_same_404(
    form: Questionnaire, invitation: dict[str, Any], session: Session
) -> None:
    token = csrf_of(form.get("company").text)
    row = session.get(Invitation, uuid.UUID(invitation["id"]))
    assert row is not None
    row.expires_at = row.created_at - timedelta(seconds=1)
    session.add(row)
    session.commit()
    for page in ("", "company", "results"):
        response = form.get(page)
        assert response.status_code == 404
        assert "Lien introuvable" in response.text
    assert form.post("company", COMPANY, csrf=token).status_code == 404


def test_a_revoked_link_gets_the_same_404(
    client: TestClient, form: Questionnaire, invitation: dict[str, Any], project: dict[str, Any]
) -> None:
    token = csrf_of(form.get("company").text)
    client.delete(f"/api/v1/projects/{project['id']}/invitations/{invitation['id']}")
    assert form.get().status_code == 404
    assert form.post("company", COMPANY, csrf=token).status_code == 404
    assert version(client, project) == 1


def test_a_token_reaches_nothing_else(
    client: TestClient, anon_client: TestClient, form: Questionnaire, project: dict[str, Any]
) -> None:
    other = created_project(client, client_name="Société Voisine")
    as_bearer = {"Authorization": f"Bearer {form.token}"}
    for path in (
        f"/api/v1/projects/{project['id']}",
        f"/api/v1/projects/{project['id']}/history",
        f"/api/v1/projects/{project['id']}/invitations",
        f"/api/v1/projects/{other['id']}",
        "/api/v1/projects",
        "/api/v1/me",
    ):
        response = anon_client.get(path, headers=as_bearer)
        assert response.status_code == 401, path
    assert (
        anon_client.get(f"/api/v1/projects/{project['id']}?token={form.token}").status_code == 401
    )

    # The pages of one link only ever show their own project.
    other_link = Questionnaire(anon_client, invite(client, other["id"])["url"])
    assert "Société Voisine" in other_link.get().text
    for page in ("", "company", "done"):
        assert "Société Voisine" not in form.get(page).text
    # A CSRF token of one invitation does not open another's forms.
    token = csrf_of(form.get("company").text)
    refused = other_link.post("company", COMPANY, csrf=token)
    assert refused.status_code == 403
    assert version(client, other) == 1


def test_the_pages_carry_strict_security_headers(form: Questionnaire) -> None:
    response = form.get("priorities")
    headers = response.headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "form-action 'self'" in policy
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert "noindex" in headers["x-robots-tag"]


def test_no_inline_script_or_style_and_nothing_from_elsewhere(form: Questionnaire) -> None:
    for page in ("", "company", "scope", "constraints", "priorities", "done"):
        text = form.get(page).text
        assert not re.search(r"<script(?![^>]*\ssrc=)", text), page
        assert "<style" not in text
        assert " style=" not in text
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", text), page
        for url in re.findall(r'(?:src|href)="([^"]+)"', text):
            assert url.startswith(("/", "#")), url


def test_the_stylesheet_and_script_are_served_locally(anon_client: TestClient) -> None:
    css = anon_client.get("/static/web.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    script = anon_client.get("/static/web.js")
    assert script.status_code == 200
    assert "innerHTML" not in script.text
    assert anon_client.get("/static/favicon.svg").status_code == 200
    assert anon_client.get("/static/../main.py").status_code == 404
