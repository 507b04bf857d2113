"""The `shortlist` command line: migrate, and the API key life cycle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.cli import app as cli
from service.config import Settings, get_settings
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
    (listed,) = json.loads(invoke("apikey", "list", "--json"))
    assert (listed["firm"], listed["label"], listed["prefix"]) == ("Cabinet CLI", "alice", key[:11])
    assert listed["revoked_at"] is not None


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


def test_several_workers_need_a_secret_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env file
    get_settings.cache_clear()
    started: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: started.append(kwargs))
    try:
        refused = runner.invoke(cli, ["serve", "--workers", "3"])
        assert refused.exit_code == 2
        assert "SECRET_KEY" in refused.stderr
        assert "3 workers" in refused.stderr
        assert started == []
        assert runner.invoke(cli, ["serve"]).exit_code == 0
        monkeypatch.setenv("SECRET_KEY", "a-shared-secret-of-the-deployment")
        get_settings.cache_clear()
        assert runner.invoke(cli, ["serve", "--workers", "3"]).exit_code == 0
        assert [kwargs["workers"] for kwargs in started] == [1, 3]
    finally:
        get_settings.cache_clear()


def test_the_asgi_entry_point_refuses_several_workers_without_a_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env |= {"WEB_CONCURRENCY": "4", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    started = subprocess.run(
        [sys.executable, "-c", "import service.asgi"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode != 0
    assert "SECRET_KEY" in started.stderr


def test_version_is_printed_without_a_command() -> None:
    from importlib.metadata import version

    assert invoke("--version").strip() == f"shortlist {version('shortlist')}"


def test_the_worker_needs_postgresql(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'shortlist.db'}")
    monkeypatch.chdir(tmp_path)  # no .env file
    get_settings.cache_clear()
    try:
        result = runner.invoke(cli, ["worker"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "needs PostgreSQL" in result.stderr
    assert "BATCH_WORKER=true" in result.stderr
