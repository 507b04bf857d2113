"""The example notebook runs from top to bottom against a live server: the engine on a
DataFrame, then a whole selection with the Python client and its rank acceptability chart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from sqlmodel import Session

from service import migrate
from service.config import Settings
from service.db import create_db_engine
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from tests.service.live import serving
from vendors.files import load_catalog_dir
from vendors.service import load_catalog

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "selection.ipynb"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A live server on a migrated SQLite database with the catalog; its URL and an API key."""
    url = f"sqlite:///{tmp_path / 'shortlist.db'}"
    migrate.upgrade(url)
    engine = create_db_engine(url)
    with Session(engine) as session:
        key = create_api_key(session, firm_name="Cabinet notebook", label="notebook")
        load_catalog(session, load_catalog_dir())
        session.commit()
    settings = Settings(database_url=url, batch_worker=False)
    try:
        with serving(create_app(settings, engine=engine)) as base_url:
            yield base_url, key.secret
    finally:
        engine.dispose()


def test_the_example_notebook_runs(
    server: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url, key = server
    monkeypatch.setenv("SHORTLIST_URL", base_url)
    monkeypatch.setenv("SHORTLIST_API_KEY", key)
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    assert not [output for output in outputs if output.output_type == "error"]
    text = "\n".join(
        str(output.get("data", {}).get("text/plain", output.get("text", ""))) for output in outputs
    )
    assert "Pipedrive" in text  # the engine's ranking, by name
    assert any("image/png" in output.get("data", {}) for output in outputs)  # the chart
