"""Every client page passes axe-core's checks in Chromium, on a phone and a desktop: no
violation of impact "serious" or "critical" (WCAG 2.x A and AA rules and axe's best practices).

axe-core is pinned by `tests/service/web/axe/package-lock.json` and installed with npm
(`make axe`, which `make test` and `.ci/run` run; this module runs `npm ci` itself when npm is
there and axe-core is not yet installed). Without npm the check is skipped, saying so, except
under CI=true, where it fails.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.service.web.browser import (
    PHONE,
    VIEWPORTS,
    LiveServer,
    evaluated_project,
    in_ci,
    opened_tab,
)

pytestmark = pytest.mark.browser

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.split("\\n")[1]),
  }));
}"""


def unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, installed from the lock file first if need be."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            unavailable(
                "npm not found: the accessibility check (axe-core) did not run "
                "(install npm with `apt-get install npm`, then run `make axe`)"
            )
        assert npm is not None
        command = [npm, "ci", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund"]
        installed = subprocess.run(
            [*command, "--ignore-scripts"], capture_output=True, text=True, timeout=300
        )
        if installed.returncode != 0 or not AXE.is_file():
            unavailable(f"axe-core could not be installed with npm: {installed.stderr[-500:]}")
    return AXE.read_text(encoding="utf-8")


def seeded(server: LiveServer) -> dict[str, str]:
    """A project with an evaluation, an open demonstration and a vendor request: the links of
    every page a client or a vendor opens."""
    with server.api() as api:
        pid = evaluated_project(api)
        invitation = api.post(f"/api/v1/projects/{pid}/invitations", json={"show_results": True})
        assert invitation.status_code == 201, invitation.text
        scenario = {
            "title": "Un commercial crée un devis sur mobile",
            "description": "1. Ouvrir la fiche client\n2. Créer le devis",
            "criteria": ["ease_of_use", "capability:mobile_app"],
            "open_to_clients": True,
        }
        assert api.post(f"/api/v1/projects/{pid}/demo-scenarios", json=scenario).is_success
        body = {"product": "pipedrive", "paths": ["ui_languages", "hosting.certifications"]}
        vendor = api.post(f"/api/v1/projects/{pid}/vendor-requests", json=body)
        assert vendor.status_code == 201, vendor.text
    return {
        "invitation": invitation.json()["url"],
        "vendor": vendor.json()["url"],
        "base": server.base_url,
    }


def violations(tab: Page, axe: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it stands."""
    tab.evaluate(axe)  # run through the debugging protocol: the page's CSP still holds
    found: list[dict[str, Any]] = tab.evaluate(RUN_AXE)
    return [v for v in found if v["impact"] in BLOCKING]


def with_errors(tab: Page) -> None:
    """The company step sent back with an error."""
    tab.get_by_label("Nom de l'entreprise").fill("")
    tab.get_by_role("button", name="Enregistrer et continuer").click()
    expect(tab.locator(".error-summary")).to_be_visible()


def with_inconsistent_pairs(tab: Page) -> None:
    """The pairwise questions answered at odds, with the live feedback and notes shown."""
    for index, answer in enumerate(["9", "1/9", "9", "9", "1/9", "9"]):
        tab.locator("fieldset.pair").nth(index).locator(f"input[value='{answer}']").check()
    expect(tab.locator(".revisit-note")).to_have_count(2)


@VIEWPORTS
def test_no_page_has_a_serious_accessibility_violation(
    chromium: Browser, live_server: LiveServer, viewport: ViewportSize, axe_source: str
) -> None:
    links = seeded(live_server)
    invite = links["invitation"]
    pages: list[tuple[str, str, Callable[[Page], None] | None]] = [
        ("welcome", invite, None),
        ("company", f"{invite}/company", None),
        ("company with errors", f"{invite}/company", with_errors),
        ("users", f"{invite}/users", None),
        ("scope", f"{invite}/scope", None),
        ("constraints", f"{invite}/constraints", None),
        ("gains", f"{invite}/gains", None),
        ("priorities, sliders", f"{invite}/priorities", None),
        ("priorities, pairwise", f"{invite}/priorities?mode=ahp", with_inconsistent_pairs),
        ("done", f"{invite}/done", None),
        ("results", f"{invite}/results", None),
        ("demonstration scores", f"{invite}/demo", None),
        ("vendor questionnaire", links["vendor"], None),
        ("link not found", f"{links['base']}/invite/no-such-link", None),
        ("results in English", f"{invite}/results?lang=en", None),
    ]
    found: dict[str, list[dict[str, Any]]] = {}
    with opened_tab(chromium, live_server, viewport=viewport) as tab:
        for name, url, action in pages:
            response = tab.goto(url)
            assert response is not None
            assert response.status == (404 if name == "link not found" else 200), name
            if action is not None:
                action(tab)
            problems = violations(tab, axe_source)
            if problems:
                found[name] = problems
    assert found == {}


def test_the_check_finds_what_it_is_for(
    chromium: Browser, live_server: LiveServer, axe_source: str
) -> None:
    """The same check on a page given a field without a label and a button without a name."""
    with opened_tab(chromium, live_server, viewport=PHONE) as tab:
        tab.goto(f"{live_server.base_url}/invite/no-such-link")
        assert violations(tab, axe_source) == []
        tab.evaluate(
            """() => document.querySelector("main").insertAdjacentHTML(
                "beforeend", '<input type="text"><button type="button"></button>')"""
        )
        assert {v["id"] for v in violations(tab, axe_source)} >= {"label", "button-name"}
