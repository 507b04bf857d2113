"""The whole evidence loop on a real database of each backend, as a consultant, a vendor and a
client's key user go through it: evaluate finalists with unknowns; ask the vendor the top
questions; the vendor answers on its page and, for the rest, in the Excel questionnaire
(exported and imported with the CLI); the consultant accepts the answers; a consultant and a
key user score two scripted demonstrations; the project is evaluated again; the comparison
shows the facts that changed and their effect; another firm sees none of it."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import openpyxl
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service import migrate
from service.cli import app as cli
from service.config import Settings
from service.db import create_db_engine, session_scope
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from tests.service.exports.test_report_words import ENGLISH, INTERNAL, readable_text
from tests.service.web.conftest import csrf_of
from tests.service.web.test_vendor_requests import (
    API,
    FINALISTS,
    PRODUCT,
    PROJECT,
    REQUIREMENTS,
)
from vendors.schema import ProductProfile
from vendors.service import load_catalog

runner = CliRunner()


@contextmanager
def three_parties(
    database_url: str, profiles: list[ProductProfile]
) -> Iterator[tuple[TestClient, TestClient, TestClient]]:
    """The consultant's and another firm's API clients, and a browser without a key."""
    migrate.upgrade(database_url)
    engine = create_db_engine(database_url)
    try:
        for session in session_scope(engine):
            load_catalog(session, profiles)
            ours = create_api_key(session, firm_name="Cabinet Alpha").secret
            theirs = create_api_key(session, firm_name="Cabinet Beta").secret
        app = create_app(Settings(database_url=database_url, batch_worker=False), engine=engine)
        with (
            TestClient(app, headers={"Authorization": f"Bearer {ours}"}) as consultant,
            TestClient(app, headers={"Authorization": f"Bearer {theirs}"}) as other,
            TestClient(app) as browser,
        ):
            yield consultant, other, browser
    finally:
        engine.dispose()


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def test_from_unknowns_to_a_changed_verdict(
    database_url: str, shipped_profiles: list[ProductProfile], tmp_path: Path
) -> None:
    with three_parties(database_url, shipped_profiles) as (consultant, other, browser):
        pid = ok(consultant.post(f"{API}/projects", json=PROJECT), 201)["id"]
        url = f"{API}/projects/{pid}/requirements"
        ok(consultant.put(url, json={**REQUIREMENTS, "version": 1}))
        evaluations = f"{API}/projects/{pid}/evaluations"
        before = ok(consultant.post(evaluations, json={"products": FINALISTS}), 201)
        asked = [
            u
            for u in before["snapshot"]["unknowns"]
            if u["product"] == PRODUCT and u["question"]["ask"] == "vendor"
        ]
        assert len(asked) >= 2, "the finalists leave questions to the vendor"

        # The vendor request asks the top questions; the vendor answers the first on its page.
        request = ok(
            consultant.post(
                f"{API}/projects/{pid}/vendor-requests", json={"product": PRODUCT, "limit": 2}
            ),
            201,
        )
        rid = request["id"]
        assert [q["key"] for q in request["questions"]] == [u["path"] for u in asked[:2]]
        first, second = request["questions"]
        page = urlsplit(request["url"]).path
        form = {
            "csrf_token": csrf_of(browser.get(page).text),
            "answered_by": "Camille Martin, monday.com",
            f"q0-{first['paths'][0]}": _answer_of(first),
            "q0-evidence": "https://support.monday.com/hc/fr",
            "submit": "1",
        }
        sent = browser.post(page, data=form)
        assert sent.status_code == 200, sent.text
        assert browser.get(page).status_code == 404  # submitted: the link is closed

        # The second comes back in the Excel questionnaire, through the CLI.
        out = tmp_path / "questionnaire.xlsx"
        result = runner.invoke(cli, ["vendor-request", "export", rid, "--out", str(out)])
        assert result.exit_code == 0, result.output
        book = openpyxl.load_workbook(out)
        sheet = book["Questionnaire"]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == second["key"] and row[1].value == second["paths"][0]:
                row[4].value = "non disponible" if second["kind"] == "availability" else "oui"
        book.save(out)
        result = runner.invoke(
            cli,
            ["vendor-request", "import", rid, str(out), "--answered-by", "Camille Martin"],
        )
        assert result.exit_code == 0, result.output
        assert "1 answers kept" in result.stdout

        detail = ok(consultant.get(f"{API}/projects/{pid}/vendor-requests/{rid}"))
        assert {a["question"] for a in detail["answers"]} == {first["key"], second["key"]}
        for answer in detail["answers"]:
            review = f"{API}/projects/{pid}/vendor-requests/{rid}/answers/{answer['id']}/review"
            ok(consultant.post(review, json={"decision": "accepted"}))

        # Two scripted demonstrations, scored by a consultant (CLI) and a key user (link).
        scenarios = f"{API}/projects/{pid}/demo-scenarios"
        quote = ok(
            consultant.post(
                scenarios,
                json={
                    "title": "Un commercial crée un devis configuré et le fait signer",
                    "criteria": ["ease_of_use", "capability:cpq"],
                    "open_to_clients": True,
                },
            ),
            201,
        )
        setup = ok(
            consultant.post(
                scenarios,
                json={
                    "title": "L'administrateur ajoute un champ et un pipeline",
                    "criteria": ["ease_of_deployment"],
                },
            ),
            201,
        )
        for scenario, scores in (
            (quote, ["monday_crm=4", "pipedrive=3", "zoho_crm=2"]),
            (setup, ["monday_crm=5", "pipedrive=4", "zoho_crm=3"]),
        ):
            result = runner.invoke(
                cli, ["demo", "score", scenario["id"], *scores, "--evaluator", "Julie (cabinet)"]
            )
            assert result.exit_code == 0, result.output
        invitation = ok(consultant.post(f"{API}/projects/{pid}/invitations", json={}), 201)
        link = urlsplit(invitation["url"]).path
        demo_page = browser.get(f"{link}/demo")
        assert demo_page.status_code == 200
        scored = browser.post(
            f"{link}/demo",
            data={
                "csrf_token": csrf_of(demo_page.text),
                "evaluator": "Nadia, ADV",
                f"s{uuid.UUID(quote['id']).hex}-0-score": "5",
                f"s{uuid.UUID(quote['id']).hex}-1-score": "2",
                f"s{uuid.UUID(quote['id']).hex}-2-score": "2",
            },
            follow_redirects=False,
        )
        assert scored.status_code == 303, scored.text
        result = runner.invoke(cli, ["demo", "ratings", pid])
        assert result.exit_code == 0, result.output
        assert "monday_crm  ease_of_use: median 4.5 of 2 scores" in result.stdout
        listed = json.loads(runner.invoke(cli, ["demo", "list", pid, "--json"]).stdout)
        assert [s["id"] for s in listed] == [quote["id"], setup["id"]]
        assert {(s["product"], s["score"]) for s in listed[0]["scores"]} >= {("monday_crm", 4)}
        requests_listed = json.loads(
            runner.invoke(cli, ["vendor-request", "list", pid, "--json"]).stdout
        )
        assert [(r["id"], r["answers"]) for r in requests_listed] == [(rid, {"accepted": 2})]

        # Evaluated again, the comparison shows the facts and their effect.
        after = ok(consultant.post(evaluations, json={"products": FINALISTS}), 201)
        changes = ok(consultant.get(f"{API}/evaluations/{before['id']}/compare/{after['id']}"))
        changed = {(c["product"], c["path"]): c["after"] for c in changes["facts"]}
        assert changed[(PRODUCT, first["paths"][0])]["confidence"] == "vendor_declared"
        assert changed[(PRODUCT, second["paths"][0])]["confidence"] == "vendor_declared"
        for product, median in (("monday_crm", 4.5), ("pipedrive", 2.5), ("zoho_crm", 2.0)):
            rating = changed[(product, "ratings.ease_of_use")]
            assert (rating["value"], rating["confidence"]) == (median, "demo_verified")
            assert quote["id"] in rating["source"]
        assert changed[("monday_crm", "ratings.ease_of_deployment")]["value"] == 5.0
        assert changes["criteria"], "the new facts move the grid"
        assert "ease_of_deployment" in changes["criteria_joined"]
        assert changes["summary_fr"]
        assert changes["summary_en"]
        result = runner.invoke(cli, ["compare", before["id"], after["id"], "--lang", "en"])
        assert result.exit_code == 0, result.output
        assert "vendor_declared" in result.stdout

        # The report a consultant sends: the answers and the ratings in words, no identifier
        # but in its footer, no internal key, no English in the French one.
        report = consultant.get(
            f"{API}/evaluations/{after['id']}/export", params={"format": "html", "lang": "fr"}
        ).text
        text = readable_text(report)
        assert "Questionnaire éditeur" in text
        assert "vu en démonstration" in text
        assert INTERNAL.findall(text) == [], [
            text[max(0, m.start() - 120) : m.end() + 20] for m in INTERNAL.finditer(text)
        ]
        assert ENGLISH.findall(text) == []
        assert (
            re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text) == []
        )

        # Another firm sees none of it.
        for path in (
            f"{API}/projects/{pid}/vendor-requests",
            f"{API}/projects/{pid}/demo-scenarios",
            f"{API}/projects/{pid}/demo-ratings",
            f"{API}/evaluations/{after['id']}",
        ):
            assert other.get(path).status_code == 404, path
        facts = ok(other.get(f"{API}/vendors/{PRODUCT}"))["facts"]
        assert not [f for f in facts if f["confidence"] in ("vendor_declared", "demo_verified")]
        theirs = ok(other.post(f"{API}/projects", json=PROJECT), 201)["id"]
        ok(other.put(f"{API}/projects/{theirs}/requirements", json={**REQUIREMENTS, "version": 1}))
        evaluation = ok(
            other.post(f"{API}/projects/{theirs}/evaluations", json={"products": FINALISTS}), 201
        )
        profile = evaluation["snapshot"]["inputs"]["profiles"][PRODUCT]
        assert profile.get("ratings", {}).get("ease_of_use", {}).get("value") is None


def _answer_of(question: dict[str, Any]) -> str:
    """A valid answer to the first fact of a question on the vendor page."""
    path = question["paths"][0]
    if path.endswith(".availability"):
        return "included"
    if path.startswith("deployment."):
        return "yes"
    raise AssertionError(f"no answer written for {path}")
