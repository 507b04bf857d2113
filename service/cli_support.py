"""What every `shortlist` command shares: a database session and a way to fail clearly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from sqlmodel import Session

from service.config import get_settings
from service.db import create_db_engine, session_scope

err = Console(stderr=True)

#: `--json` on a listing command: one JSON document on stdout instead of the table.
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document instead of the table.")
]


def print_json(rows: list[dict[str, Any]]) -> None:
    """Print `rows` as one JSON document: dates and ids as ISO text, non-ASCII kept."""
    typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))


@contextmanager
def cli_session() -> Iterator[Session]:
    """Open a session on the configured database, in one transaction for the whole command."""
    engine = create_db_engine(get_settings().database_url)
    try:
        yield from session_scope(engine)
    finally:
        engine.dispose()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `message` on stderr and return the exit to raise."""
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)
