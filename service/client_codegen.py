"""Regenerate the Python client's models (`service/client/models.py`) from the OpenAPI
document: `make client-models` (or `python -m service.client_codegen`).

A development tool (datamodel-code-generator is a dev dependency): the client itself never
imports this module. `tests/service/test_client_models.py` fails while the committed models
differ from what this writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "service" / "client" / "models.py"
HEADER = (
    "# Generated from the service's OpenAPI document by datamodel-code-generator: do not edit.\n"
    "# Regenerate with `make client-models`; the models' base is service/client/base.py."
)
OPTIONS = [
    "--input-file-type=openapi",
    "--output-model-type=pydantic_v2.BaseModel",
    "--base-class=service.client.base.ApiModel",
    "--target-python-version=3.11",
    # Plain Python types on the attributes: constrained values as type aliases rather than
    # wrapper models, enumerations as Literal strings (compared with "within", not an enum).
    "--collapse-root-models",
    "--use-type-alias",
    "--enum-field-as-literal=all",
    "--use-annotated",
    "--use-standard-collections",
    "--use-union-operator",
    "--use-schema-description",
    "--use-field-description",
    "--use-double-quotes",
    "--disable-timestamp",
    "--formatters=builtin",
    f"--custom-file-header={HEADER}",
]


def openapi_document() -> dict[str, Any]:
    """The service's OpenAPI document, as `/openapi.json` serves it."""
    from service.config import Settings
    from service.main import create_app

    return create_app(Settings(database_url="sqlite://", batch_worker=False)).openapi()


def write_models(document: Mapping[str, Any], output: Path) -> None:
    """Generate the models of `document` into `output`, formatted as the repository is.

    Generated in an empty directory whatever `output` is: the generator reads settings from
    the `pyproject.toml` it finds, so the same document always gives the same file."""
    with tempfile.TemporaryDirectory() as tmp:
        source, models = Path(tmp) / "openapi.json", Path(tmp) / "models.py"
        source.write_text(json.dumps(document, indent=1), encoding="utf-8")
        generate = [sys.executable, "-m", "datamodel_code_generator", f"--input={source}"]
        subprocess.run(
            [*generate, f"--output={models}", *OPTIONS], check=True, capture_output=True, cwd=tmp
        )
        config = f"--config={ROOT / 'pyproject.toml'}"
        ruff = [sys.executable, "-m", "ruff"]
        subprocess.run([*ruff, "check", config, "--fix-only", "-q", str(models)], check=True)
        subprocess.run([*ruff, "format", config, "-q", str(models)], check=True)
        output.write_text(models.read_text(encoding="utf-8"), encoding="utf-8")


def main() -> None:
    """Rewrite the committed models from the current OpenAPI document."""
    write_models(openapi_document(), MODELS)
    print(f"wrote {MODELS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
