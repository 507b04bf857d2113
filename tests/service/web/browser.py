"""What the browser tests share: Debian's Chromium driven by Playwright (never a downloaded
browser), a live Shortlist server, and tabs that fail the test on any console error, dialog or
request to another site.

Without /usr/bin/chromium the browser tests are skipped, saying so, except under CI=true,
where they fail: CI installs Chromium (`.ci/run`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Page,
    ViewportSize,
    sync_playwright,
)
from sqlmodel import Session

from service import migrate
from service.config import Settings
from service.db import create_db_engine
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from tests.service.api.test_projects import PROJECT, REQUIREMENTS
from tests.service.exports.test_returns_exports import GAINS, IMPACTS
from tests.service.live import serving
from vendors.files import load_catalog_dir
from vendors.service import load_catalog

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FINALISTS = ["pipedrive", "hubspot_sales_hub", "zoho_crm"]
PHONE = ViewportSize(width=375, height=740)
DESKTOP = ViewportSize(width=1280, height=900)
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


def in_ci() -> bool:
    """Tell whether the suite runs in CI, where nothing it needs may be missing."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_chromium() -> None:
    """Skip without Chromium, plainly; fail instead under CI, which must run this test."""
    if CHROMIUM.is_file():
        return
    reason = (
        f"Chromium not found at {CHROMIUM}: the browser end-to-end test did not run "
        "(install it with `apt-get install chromium`)"
    )
    if in_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class LiveServer:
    """A Shortlist server listening on 127.0.0.1, and a consultant's API key for it."""

    base_url: str
    api_key: str

    def api(self) -> httpx.Client:
        """An HTTP client of the consultant."""
        headers = {"Authorization": f"Bearer {self.api_key}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=60)


@contextmanager
def live_shortlist(folder: Path) -> Iterator[LiveServer]:
    """uvicorn serving the app on a migrated SQLite database in `folder`, catalog loaded."""
    url = f"sqlite:///{folder / 'shortlist.db'}"
    migrate.upgrade(url)
    engine = create_db_engine(url)
    with Session(engine) as session:
        key = create_api_key(session, firm_name="Cabinet E2E", label="browser test")
        load_catalog(session, load_catalog_dir())
        session.commit()
    settings = Settings(database_url=url, secret_key="browser-test-secret-0123456789")
    try:
        with serving(create_app(settings, engine=engine)) as base_url:
            yield LiveServer(base_url, key.secret)
    finally:
        engine.dispose()


@contextmanager
def chromium_browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def is_problem(message: ConsoleMessage) -> bool:
    """A console error, except Chromium's note on a step sent back with errors (422) or a
    page not found (the friendly 404 page)."""
    expected = "status of 422" in message.text or "status of 404" in message.text
    return message.type == "error" and not expected


@contextmanager
def opened_tab(
    browser: Browser,
    server: LiveServer,
    *,
    viewport: ViewportSize,
    javascript: bool = True,
    locale: str = "fr-FR",
) -> Iterator[Page]:
    """A visitor's tab; every console error, dialog or request to another site fails."""
    problems: list[str] = []
    context = browser.new_context(locale=locale, viewport=viewport, java_script_enabled=javascript)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.on("console", lambda m: problems.append(m.text) if is_problem(m) else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))

    def on_dialog(dialog: Dialog) -> None:
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(server.base_url)
            else problems.append(f"request to {request.url}")
        ),
    )
    try:
        yield tab
    finally:
        context.close()
    assert problems == []


def evaluated_project(api: httpx.Client) -> str:
    """A project with requirements, stated gains and decision-impact ratings, and an
    evaluation of the finalists; its id."""
    pid: str = api.post("/api/v1/projects", json={**PROJECT, "gains": GAINS}).json()["id"]
    requirements = {**REQUIREMENTS, "impacts": IMPACTS, "version": 1}
    response = api.put(f"/api/v1/projects/{pid}/requirements", json=requirements)
    assert response.status_code == 200, response.text
    response = api.post(f"/api/v1/projects/{pid}/evaluations", json={"products": FINALISTS})
    assert response.status_code == 201, response.text
    return pid


def invitation_url(server: LiveServer, **body: Any) -> str:
    """A new project with an evaluation, and an invitation to it; the invitation's link."""
    with server.api() as api:
        pid = evaluated_project(api)
        response = api.post(f"/api/v1/projects/{pid}/invitations", json=body)
        assert response.status_code == 201, response.text
        url: str = response.json()["url"]
    return url


def no_page_scroll(tab: Page) -> bool:
    """Tell whether the page fits the window's width (nothing to scroll sideways)."""
    fits: bool = tab.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    return fits
