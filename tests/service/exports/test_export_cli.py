"""`shortlist export EVALUATION_ID --format ...` on a real database of each backend."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient
from pypdf import PdfReader
from typer.testing import CliRunner

from service import migrate
from service.cli import app as cli
from service.config import Settings
from service.db import create_db_engine, session_scope
from service.main import create_app
from service.projects.models import Evaluation
from service.tenancy.apikeys import create_api_key
from tests.service.exports.conftest import make_evaluation
from tests.service.exports.test_exports import legacy
from vendors.schema import ProductProfile
from vendors.service import load_catalog

runner = CliRunner()


@contextmanager
def consultant(database_url: str, profiles: list[ProductProfile]) -> Iterator[TestClient]:
    """A consultant's API client on the migrated database of `database_url`, with the
    catalog loaded; what it creates stays there for the CLI to read."""
    migrate.upgrade(database_url)
    engine = create_db_engine(database_url)
    try:
        for session in session_scope(engine):
            load_catalog(session, profiles)
            secret = create_api_key(session, firm_name="Cabinet CLI").secret
        settings = Settings(database_url=database_url, batch_worker=False)
        with TestClient(create_app(settings, engine=engine)) as client:
            client.headers["Authorization"] = f"Bearer {secret}"
            yield client
    finally:
        engine.dispose()


def words(text: str) -> str:
    """Text on one line: the console wraps long messages."""
    return " ".join(text.split())


def test_cli_exports_a_stored_evaluation(
    database_url: str, shipped_profiles: list[ProductProfile], tmp_path: Path
) -> None:
    with consultant(database_url, shipped_profiles) as client:
        evaluation = make_evaluation(client)
    eid = evaluation["id"]

    out = tmp_path / "evaluation.xlsx"
    result = runner.invoke(cli, ["export", eid, "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"written to {out}" in result.stdout
    book = openpyxl.load_workbook(out)
    assert book["Synthèse"]["C2"].value == evaluation["snapshot"]["products"][0]["id"]
    assert book["Questions"].max_row == 1 + len(evaluation["snapshot"]["unknowns"])

    result = runner.invoke(
        cli, ["export", eid, "--format", "pdf", "--lang", "en", "--out", str(tmp_path / "r.pdf")]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "Comparison table" in " ".join(text.split())

    result = runner.invoke(cli, ["export", eid, "--format", "json", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert json.load(io.BytesIO(result.stdout_bytes))["snapshot"] == evaluation["snapshot"]

    unknown = "00000000-0000-4000-8000-000000000000"
    result = runner.invoke(cli, ["export", unknown, "--format", "csv"])
    assert result.exit_code == 1
    assert f"no evaluation {unknown}" in result.stderr

    engine = create_db_engine(database_url)
    try:
        for session in session_scope(engine):
            stored = session.get(Evaluation, uuid.UUID(eid))
            assert stored is not None
            stored.snapshot = legacy(evaluation["snapshot"])
    finally:
        engine.dispose()
    result = runner.invoke(cli, ["export", eid, "--format", "pdf", "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "earlier version of Shortlist" in words(result.stderr)
    assert "Run the evaluation again" in words(result.stderr)
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert not (tmp_path / "x").exists()


def test_cli_compares_two_evaluations(
    database_url: str, shipped_profiles: list[ProductProfile]
) -> None:
    with consultant(database_url, shipped_profiles) as client:
        first = make_evaluation(client)
        pid = first["project_id"]
        body = {"products": [p["id"] for p in first["snapshot"]["products"]]}
        second = client.post(f"/api/v1/projects/{pid}/evaluations", json=body).json()
        other = make_evaluation(client)

    result = runner.invoke(cli, ["compare", first["id"], second["id"], "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("No fact changed value.")
    result = runner.invoke(cli, ["compare", first["id"], second["id"], "--json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    assert (changes["facts"], changes["winner_changed"]) == ([], False)
    result = runner.invoke(cli, ["compare", first["id"], other["id"]])
    assert result.exit_code == 1
    assert "different projects" in words(result.stderr)
