"""The `shortlist` command line: migrate, and the API key life cycle."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.cli import app as cli
from service.config import Settings
from service.main import create_app

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_api_key_life_cycle(database_url: str) -> None:
    invoke("migrate")
    created = invoke("apikey", "create", "--firm", "Cabinet CLI", "--label", "alice")
    key = created.strip().splitlines()[-1]
    assert key.startswith("sl_")
    assert len(key) > 40

    listing = invoke("apikey", "list")
    assert "Cabinet CLI" in listing
    assert "alice" in listing
    assert key[:11] in listing
    assert key not in listing

    app = create_app(Settings(database_url=database_url))
    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {key}"}
        assert client.get("/api/v1/me", headers=headers).json()["name"] == "Cabinet CLI"
        invoke("apikey", "revoke", key[:11])
        assert client.get("/api/v1/me", headers=headers).status_code == 401
    revoked_row = next(line for line in invoke("apikey", "list").splitlines() if key[:11] in line)
    assert revoked_row.count("+00:00") == 2  # created and revoked timestamps
    assert "Cabinet CLI" not in invoke("apikey", "list", "--firm", "nobody")


def test_second_key_joins_the_existing_firm(database_url: str) -> None:
    invoke("migrate")
    invoke("apikey", "create", "--firm", "Cabinet CLI")
    invoke("apikey", "create", "--firm", "Cabinet CLI")
    listing = invoke("apikey", "list", "--firm", "Cabinet CLI")
    assert listing.count("Cabinet CLI") == 2


def test_revoking_an_unknown_key_fails_clearly(database_url: str) -> None:
    invoke("migrate")
    result = runner.invoke(cli, ["apikey", "revoke", "sl_nothing"])
    assert result.exit_code == 1
    assert "no API key" in result.stderr


def test_empty_firm_name_is_refused(database_url: str) -> None:
    invoke("migrate")
    result = runner.invoke(cli, ["apikey", "create", "--firm", "  "])
    assert result.exit_code == 1
    assert "non-empty name" in result.stderr
