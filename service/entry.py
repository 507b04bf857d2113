"""The `shortlist` command: the CLI, or a clear message when the service's dependencies are
not installed (`pip install .` installs the decision engine alone)."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line."""
    try:
        from service.cli import app
    except ModuleNotFoundError as missing:
        sys.exit(
            f"shortlist: the command line needs the service's dependencies ({missing.name} is "
            "not installed): pip install '.[service]'"
        )
    app()
