"""`pip install .` in a fresh virtual environment installs the decision engine alone: it
imports and ranks, without the web stack; the `shortlist` command says what is missing."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINE_CHECK = """
import importlib.util, criteria
ranking = criteria.rank([[1, 2], [2, 1]], ["max", "min"], [0.5, 0.5])
assert ranking.ranking == ("A2", "A1"), ranking.ranking
heavy = ["fastapi", "weasyprint", "psycopg", "sqlmodel", "uvicorn", "xlsxwriter"]
print([name for name in heavy if importlib.util.find_spec(name) is not None])
"""


def test_the_engine_installs_and_ranks_without_the_web_stack(tmp_path: Path) -> None:
    environment = tmp_path / "engine"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-c",
            str(ROOT / "constraints.txt"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=600,
        cwd=tmp_path,
    )
    checked = subprocess.run(
        [str(python), "-c", ENGINE_CHECK], capture_output=True, text=True, cwd=tmp_path
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "[]"  # none of the service's heavy dependencies
    command = subprocess.run(
        [str(environment / "bin" / "shortlist"), "--help"], capture_output=True, text=True
    )
    assert command.returncode == 1
    assert "pip install '.[service]'" in command.stderr
