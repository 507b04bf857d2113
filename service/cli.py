"""The `shortlist` command line: serve, migrate, and manage API keys."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.table import Table

from service import __version__, batch_cli, catalog_cli, evidence_cli, exports_cli, worker_cli
from service import migrate as migrations
from service.cli_support import JsonOption, cli_session, err, fail, print_json
from service.config import get_settings, several_workers_problem
from service.errors import AppError
from service.tenancy import apikeys
from vendors.files import CATALOG_DIR

#: How long an idle connection stays open. Longer than the clients' own keep-alive (httpx,
#: and so the Python client, drop an idle connection after 5 s, uvicorn's default): a client
#: reusing a connection the server is closing at that very moment loses its request.
KEEP_ALIVE_S = 75

app = typer.Typer(help="Shortlist: CRM selection and benchmarking.", no_args_is_help=True)
apikey_app = typer.Typer(
    help="Create, list and revoke consultants' API keys.", no_args_is_help=True
)
app.add_typer(apikey_app, name="apikey")
app.add_typer(catalog_cli.app, name="catalog")
app.add_typer(evidence_cli.vendor_app, name="vendor-request")
app.add_typer(evidence_cli.demo_app, name="demo")
app.command("export")(exports_cli.export)
app.command("compare")(exports_cli.compare)
app.command("batch")(batch_cli.batch)
app.command("worker")(worker_cli.worker)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"shortlist {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Shortlist: CRM selection and benchmarking."""


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    migrate_first: Annotated[
        bool, typer.Option("--migrate/--no-migrate", help="Apply the migrations before serving.")
    ] = False,
    load_catalog: Annotated[
        bool,
        typer.Option(
            "--load-catalog/--no-load-catalog",
            help="Load the shipped catalog before serving (a no-op when it is unchanged).",
        ),
    ] = False,
) -> None:
    """Serve the API and the web form with uvicorn."""
    problem = several_workers_problem(workers)
    if problem:
        raise fail(problem, code=2)
    if migrate_first:
        migrate()
    if load_catalog:
        catalog_cli.load(CATALOG_DIR)
    uvicorn.run(
        "service.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        proxy_headers=True,
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE_S,
    )


@app.command()
def migrate(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = migrations.HEAD,
) -> None:
    """Apply the database migrations up to REVISION (the latest by default)."""
    migrations.upgrade(get_settings().database_url, revision=revision)
    err.print(
        "database migrated to the latest revision"
        if revision == migrations.HEAD
        else f"database migrated to {revision}"
    )


@apikey_app.command("create")
def apikey_create(
    firm: Annotated[str, typer.Option(help="Firm name; created if it does not exist.")],
    label: Annotated[str | None, typer.Option(help="A note, e.g. the consultant's name.")] = None,
) -> None:
    """Create an API key; the key itself is printed once, as the last line of stdout."""
    try:
        with cli_session() as session:
            new = apikeys.create_api_key(session, firm_name=firm, label=label)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"firm: {new.firm.name} ({new.firm.id})")
    typer.echo(f"key id: {new.key.id}  prefix: {new.key.prefix}")
    typer.echo("Store this key now: it is not stored and cannot be shown again.")
    typer.echo(new.secret)


@apikey_app.command("list")
def apikey_list(
    firm: Annotated[str | None, typer.Option(help="Only this firm's keys.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List API keys (prefixes only; keys are never stored in clear)."""
    with cli_session() as session:
        rows = apikeys.list_api_keys(session, firm_name=firm)
    if as_json:
        print_json(
            [
                {
                    "id": key.id,
                    "firm": key_firm.name,
                    "prefix": key.prefix,
                    "label": key.label,
                    "created_at": key.created_at.isoformat(),
                    "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
                }
                for key, key_firm in rows
            ]
        )
        return
    table = Table("id", "firm", "prefix", "label", "created", "revoked")
    for key, key_firm in rows:
        table.add_row(
            str(key.id),
            key_firm.name,
            key.prefix,
            key.label or "",
            key.created_at.isoformat(timespec="seconds"),
            key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else "",
        )
    Console(width=200).print(table)


@apikey_app.command("revoke")
def apikey_revoke(
    key: Annotated[str, typer.Argument(help="The key's id or its display prefix.")],
) -> None:
    """Revoke an API key: requests with it get 401 from now on."""
    try:
        with cli_session() as session:
            revoked = apikeys.revoke_api_key(session, id_or_prefix=key)
    except AppError as exc:
        raise fail(exc.detail) from exc
    typer.echo(f"revoked {revoked.id} ({revoked.prefix})")
