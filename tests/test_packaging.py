"""`pip install .` in a fresh virtual environment installs the decision engine alone: it
imports and ranks, without the web stack; the `shortlist` command says what is missing.
`pip install ".[client]"` adds the Python client, which runs on httpx and pydantic alone."""

from __future__ import annotations

import json
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGINE_CHECK = """
import importlib.util, criteria
ranking = criteria.rank([[1, 2], [2, 1]], ["max", "min"], [0.5, 0.5])
assert ranking.ranking == ("A2", "A1"), ranking.ranking
heavy = ["fastapi", "weasyprint", "psycopg", "sqlmodel", "uvicorn", "xlsxwriter"]
print([name for name in heavy if importlib.util.find_spec(name) is not None])
"""
CLIENT_CHECK = """
import importlib.util, json, sys, httpx
from service.client import ShortlistClient, models
firm = {"id": "6f1c2a3b-0000-4000-8000-000000000001", "name": "Cabinet Dupont"}
answer = httpx.MockTransport(lambda request: httpx.Response(200, json=firm))
api = ShortlistClient(api_key="sl_x", client=httpx.Client(base_url="http://x", transport=answer))
me = api.me()
assert isinstance(me, models.FirmPublic) and me["name"] == "Cabinet Dupont", me
heavy = ["fastapi", "starlette", "sqlalchemy", "sqlmodel", "uvicorn", "weasyprint", "openpyxl"]
ours = {"service", "criteria", "vendors", "migrations"}
print(json.dumps({
    "installed": [name for name in heavy if importlib.util.find_spec(name) is not None],
    "imported": sorted(name for name in sys.modules if name.split(".")[0] in ours),
}))
"""


def pip_install(python: Path, requirement: str, cwd: Path) -> None:
    """Install `requirement` with the project's constraints."""
    constraints = str(ROOT / "constraints.txt")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        + ["-c", constraints, requirement],
        check=True,
        capture_output=True,
        timeout=600,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with `pip install .`: the engine alone."""
    environment = tmp_path_factory.mktemp("engine")
    venv.create(environment, with_pip=True)
    pip_install(environment / "bin" / "python", str(ROOT), environment)
    return environment


def test_the_engine_installs_and_ranks_without_the_web_stack(environment: Path) -> None:
    checked = subprocess.run(
        [str(environment / "bin" / "python"), "-c", ENGINE_CHECK],
        capture_output=True,
        text=True,
        cwd=environment,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "[]"  # none of the service's heavy dependencies
    command = subprocess.run(
        [str(environment / "bin" / "shortlist"), "--help"], capture_output=True, text=True
    )
    assert command.returncode == 1
    assert "pip install '.[service]'" in command.stderr


def test_the_client_extra_runs_the_client_on_httpx_and_pydantic(environment: Path) -> None:
    python = environment / "bin" / "python"
    pip_install(python, f"{ROOT}[client]", environment)
    checked = subprocess.run(
        [str(python), "-c", CLIENT_CHECK], capture_output=True, text=True, cwd=environment
    )
    assert checked.returncode == 0, checked.stderr
    result = json.loads(checked.stdout)
    assert result["installed"] == []  # none of the service's dependencies
    outside = [
        m for m in result["imported"] if m != "service" and not m.startswith("service.client")
    ]
    assert outside == []  # the client imports nothing of the service
    assert "service.client.models" in result["imported"]
