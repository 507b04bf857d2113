"""The client's committed models are those the current OpenAPI document generates."""

from __future__ import annotations

import difflib
from pathlib import Path

from service.client_codegen import MODELS, openapi_document, write_models


def test_the_committed_client_models_match_the_openapi_document(tmp_path: Path) -> None:
    generated = tmp_path / "models.py"
    write_models(openapi_document(), generated)
    fresh, committed = generated.read_text(), MODELS.read_text()
    diff = difflib.unified_diff(committed.splitlines(), fresh.splitlines(), lineterm="", n=1)
    assert fresh == committed, "stale: run `make client-models`\n" + "\n".join(list(diff)[:40])
