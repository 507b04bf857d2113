"""Fixtures of the client pages: a project, an invitation to it, a client's browser (a test
client, or Chromium on a live server)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser

from tests.service.api.test_projects import PROJECT
from tests.service.web.browser import (
    LiveServer,
    chromium_browser,
    live_shortlist,
    require_chromium,
)

# Valid answers to each step.
COMPANY = {
    "client_name": "Cave Coopérative du Val",
    "sector": "wine",
    "size": "medium",
    "context": "relaunch",
}
USERS = {
    "sales_field": "14",
    "sales_office": "6",
    "marketing": "3",
    "service": "5",
    "management": "2",
}
SCOPE: dict[str, Any] = {
    "domain_sales": "must",
    "domain_marketing": "could",
    "domain_service": "should",
    "domain_field_service": "none",
    "capabilities": ["mobile_app", "quotes", "ticketing"],
}
CONSTRAINTS: dict[str, Any] = {
    "hosting": ["EU"],
    "deployment_modes": ["saas"],
    "ui_languages": ["fr"],
    "budget_low": "50 000",
    "budget_high": "200000",
    "currency": "EUR",
    "horizon_years": "4",
}
SLIDERS = {
    "method": "direct",
    "points_fit_sales": "9",
    "points_fit_marketing": "2",
    "points_fit_service": "5",
    "points_fit_platform": "3",
    "points_tco": "7",
    "points_adoption": "8",
    "points_ease_of_deployment": "4",
    "points_scalability": "1",
    "points_hosting_compliance": "0",
}
# With SCOPE, the pairwise questions compare sales fit, service fit, cost and adoption.
# Weights 9 : 3 : 3 : 1 give judgements on Saaty's scale that agree exactly (CR = 0).
AHP_CONSISTENT = {
    "method": "ahp",
    "pair_fit_sales__fit_service": "3",
    "pair_fit_sales__tco": "3",
    "pair_fit_sales__adoption": "9",
    "pair_fit_service__tco": "1",
    "pair_fit_service__adoption": "3",
    "pair_tco__adoption": "3",
}
# Sales beats service, service beats cost, yet cost beats sales: a cycle.
AHP_INCONSISTENT = {
    "method": "ahp",
    "pair_fit_sales__fit_service": "9",
    "pair_fit_sales__tco": "1/9",
    "pair_fit_sales__adoption": "9",
    "pair_fit_service__tco": "9",
    "pair_fit_service__adoption": "1/9",
    "pair_tco__adoption": "9",
}
# Hours saved by the field sales, lost quotes no longer lost, and sales rated a strong change.
GAINS = {
    "gain_field_rounds_low": "1",
    "gain_field_rounds_high": "2,5",
    "gain_field_rounds_basis": "deux rendez-vous par tournée au lieu d'un",
    "gain_mobility_low": "5 000",
    "gain_mobility_high": "12 000",
    "impact_domain__sales_customer": "4",
    "impact_domain__sales_habit": "5",
}
ALL_STEPS = [
    ("company", COMPANY),
    ("users", USERS),
    ("scope", SCOPE),
    ("constraints", CONSTRAINTS),
    ("gains", GAINS),
    ("priorities", SLIDERS),
]


def csrf_of(page: str) -> str:
    """The CSRF token of the form on `page`."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def field_error(page: str, name: str) -> str | None:
    """The error shown next to field `name`, checking the field points to it; None if none."""
    match = re.search(rf'<p class="field-error" id="{re.escape(name)}-error">(.*?)</p>', page)
    if match is None:
        return None
    described = re.search(rf'id="{re.escape(name)}"[^>]*aria-describedby="([^"]*)"', page)
    assert described, f"field {name} is not described by its error"
    assert f"{name}-error" in described.group(1).split()
    return html.unescape(match.group(1))


@dataclass
class Questionnaire:
    """A client's browser on one invitation link."""

    web: TestClient
    url: str

    @property
    def path(self) -> str:
        """The link's path, /invite/<token>."""
        return urlsplit(self.url).path

    @property
    def token(self) -> str:
        """The link's token."""
        return self.path.rsplit("/", 1)[1]

    def get(self, page: str = "", **params: str) -> httpx.Response:
        """GET a page of the invitation."""
        response: httpx.Response = self.web.get(f"{self.path}/{page}".rstrip("/"), params=params)
        return response

    def post(
        self, page: str, data: dict[str, Any], *, csrf: str | None = None, **params: str
    ) -> httpx.Response:
        """Send a step's form as a browser would, with the CSRF token of its page."""
        token = csrf if csrf is not None else csrf_of(self.get(page).text)
        response: httpx.Response = self.web.post(
            f"{self.path}/{page}",
            data={"csrf_token": token, **data},
            params=params,
            follow_redirects=False,
        )
        return response

    def answer_all(self) -> None:
        """Answer every step with valid answers."""
        for page, data in ALL_STEPS:
            response = self.post(page, data)
            assert response.status_code == 303, (page, response.text)


def created_project(client: TestClient, **over: Any) -> dict[str, Any]:
    """A new project of the consultant's firm."""
    response = client.post("/api/v1/projects", json={**PROJECT, **over})
    assert response.status_code == 201, response.text
    project: dict[str, Any] = response.json()
    return project


def invite(client: TestClient, project_id: str, **body: Any) -> dict[str, Any]:
    """A new invitation to the project's questionnaire."""
    response = client.post(f"/api/v1/projects/{project_id}/invitations", json=body)
    assert response.status_code == 201, response.text
    invitation: dict[str, Any] = response.json()
    return invitation


@pytest.fixture
def project(client: TestClient) -> dict[str, Any]:
    """A consultant's project."""
    return created_project(client)


@pytest.fixture
def invitation(client: TestClient, project: dict[str, Any]) -> dict[str, Any]:
    """An invitation to the project, results not shown."""
    return invite(client, project["id"])


@pytest.fixture
def form(anon_client: TestClient, invitation: dict[str, Any]) -> Questionnaire:
    """The client's browser (no API key) on the invitation link."""
    return Questionnaire(anon_client, invitation["url"])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A live server for the browser tests of one module."""
    require_chromium()
    with live_shortlist(tmp_path_factory.mktemp("browser")) as server:
        yield server


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium for the browser tests of one module."""
    with chromium_browser() as browser:
        yield browser
