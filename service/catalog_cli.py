"""`shortlist catalog ...`: validate, load, export the catalog, check its freshness and
measure its coverage."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from pydantic import JsonValue
from rich.console import Console
from rich.table import Table

from service.cli_support import JsonOption, cli_session, err, fail, print_json
from service.spreadsheet_cells import CsvTable
from vendors import service as catalog
from vendors.coverage import CatalogCoverage, Counts, Family, catalog_coverage, shortfalls
from vendors.files import (
    CATALOG_DIR,
    CatalogError,
    dump_profile,
    dump_profile_yaml,
    load_catalog_dir,
    profile_from_data,
    validate_catalog,
)
from vendors.freshness import stale_facts
from vendors.schema import ProductProfile, iter_facts
from vendors.sqlbase import utc_now

app = typer.Typer(help="Validate, load and export the vendor catalog.", no_args_is_help=True)

DirOption = Annotated[
    Path, typer.Option("--dir", help="Catalog directory of <id>.yaml files, or a JSON export.")
]


class ExportFormat(StrEnum):
    """Catalog export formats."""

    yaml = "yaml"
    json = "json"
    csv = "csv"


class CoverageFormat(StrEnum):
    """Coverage report formats."""

    table = "table"
    markdown = "markdown"
    json = "json"


CSV_COLUMNS = (
    "product",
    "path",
    "alternative",
    "value",
    "source",
    "as_of",
    "as_of_precision",
    "confidence",
    "rated_by",
    "inferred",
    "note",
)


def read_profiles(source: Path) -> list[ProductProfile]:
    """Read profiles from a catalog directory or from a JSON export (a list of profiles)."""
    if source.is_file():
        data = json.loads(source.read_text(encoding="utf-8"))
        return sorted((profile_from_data(item) for item in data), key=lambda p: p.id)
    return load_catalog_dir(source)


@app.command()
def validate(directory: DirOption = CATALOG_DIR) -> None:
    """Check every file: schema, vocabularies, currencies, sources, no dates in the future."""
    problems = validate_catalog(directory, today=utc_now().date())
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        raise fail(f"{len(problems)} problem(s) in {directory}")
    count = len(list(directory.glob("*.yaml")))
    typer.echo(f"{count} product files valid in {directory}")


@app.command()
def load(directory: DirOption = CATALOG_DIR) -> None:
    """Upsert the public catalog into the database; a change of content makes a new version."""
    problems = validate_catalog(directory, today=utc_now().date()) if directory.is_dir() else []
    if problems:
        for problem in problems:
            err.print(str(problem), highlight=False)
        raise fail(f"{len(problems)} problem(s) in {directory}; nothing loaded")
    try:
        profiles = read_profiles(directory)
    except (CatalogError, ValueError) as exc:
        raise fail(f"cannot read {directory}: {exc}") from exc
    with cli_session() as session:
        result = catalog.load_catalog(session, profiles)
    state = "new version" if result.created_version else "unchanged, version"
    typer.echo(
        f"catalog {state} {result.version.id} ({result.version.content_hash[:12]}): "
        f"{len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.retired)} retired, {result.unchanged} unchanged"
    )


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="yaml, json or csv.")],
    out: Annotated[
        Path | None,
        typer.Option(help="yaml: a directory (one file per product); json/csv: a file (stdout)."),
    ] = None,
) -> None:
    """Export the public catalog from the database (yaml and json load back unchanged)."""
    with cli_session() as session:
        rows = catalog.public_products(session)
    profiles = [profile_from_data(row.profile) for row in rows]
    if fmt is ExportFormat.yaml:
        if out is None:
            raise fail("--out DIRECTORY is required for the yaml export")
        out.mkdir(parents=True, exist_ok=True)
        for profile in profiles:
            (out / f"{profile.id}.yaml").write_text(dump_profile_yaml(profile), encoding="utf-8")
        typer.echo(f"{len(profiles)} files written to {out}")
        return
    stream = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt is ExportFormat.json:
            json.dump([dump_profile(p) for p in profiles], stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        else:
            write_facts_csv(profiles, stream)
    finally:
        if out:
            stream.close()


def write_facts_csv(profiles: list[ProductProfile], stream: TextIO) -> None:
    """Write one row per fact and alternative: values as JSON (a number as itself), text
    kept as text (`service.spreadsheet_cells`)."""
    table = CsvTable(stream, CSV_COLUMNS)
    for profile in profiles:
        for fact in iter_facts(profile, alternatives=True):
            table.row(
                [
                    profile.id,
                    fact.path,
                    fact.alternative,
                    _json_cell(fact.value),
                    fact.source or "",
                    fact.as_of.isoformat() if fact.as_of else "",
                    fact.as_of_precision.value,
                    fact.confidence.value if fact.confidence else "",
                    fact.rated_by or "",
                    str(fact.inferred).lower(),
                    fact.note or "",
                ]
            )


def _json_cell(value: JsonValue) -> Any:
    """A fact's value as JSON; a number as itself, so that a negative one stays a number."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return json.dumps(value, ensure_ascii=False)


@app.command()
def freshness(
    months: Annotated[int, typer.Option(min=1, help="Report facts older than this.")] = 12,
    directory: DirOption = CATALOG_DIR,
    as_json: JsonOption = False,
) -> None:
    """List the known facts older than N months, undated, or without a source."""
    try:
        profiles = read_profiles(directory)
    except (CatalogError, ValueError) as exc:
        raise fail(f"cannot read {directory}: {exc}") from exc
    stale = list(stale_facts(profiles, today=utc_now().date(), months=months))
    if as_json:
        print_json(
            [
                {
                    "product": item.product,
                    "fact": item.path,
                    "as_of": item.as_of,
                    "why": item.reason,
                    "source": item.source,
                }
                for item in stale
            ]
        )
        return
    table = Table("product", "fact", "as of", "why", "source")
    for item in stale:
        table.add_row(
            item.product,
            item.path,
            item.as_of.isoformat() if item.as_of else "",
            item.reason,
            item.source or "",
        )
    Console(width=240).print(table)
    known = sum(1 for p in profiles for f in iter_facts(p) if f.value is not None)
    typer.echo(f"{len(stale)} of {known} known facts to re-check (older than {months} months)")


def _cell(counts: Counts) -> str:
    """`answered/total`, with the negatives and the prices on request among the answered."""
    text = f"{counts.answered}/{counts.total}"
    details = [f"{counts.negative} no"] if counts.negative else []
    details += [f"{counts.quote_only} on request"] if counts.quote_only else []
    return f"{text} ({', '.join(details)})" if details else text


def coverage_rows(coverage: CatalogCoverage) -> tuple[list[str], list[list[str]]]:
    """The coverage table's header and rows, the catalog's totals last."""
    header = ["product", *(family.value for family in Family), "capabilities %", "overall %"]
    rows = [
        [
            product.product,
            *(_cell(product.families[family]) for family in Family),
            f"{product.families[Family.CAPABILITIES].share:.0%}",
            f"{product.overall.share:.0%}",
        ]
        for product in coverage.products
    ]
    rows.append(
        [
            f"all {len(coverage.products)} products",
            *(_cell(coverage.total(family)) for family in Family),
            f"{coverage.total(Family.CAPABILITIES).share:.0%}",
            f"{coverage.total().share:.0%}",
        ]
    )
    return header, rows


@app.command()
def coverage(
    fmt: Annotated[
        CoverageFormat, typer.Option("--format", help="table, markdown or json.")
    ] = CoverageFormat.table,
    directory: DirOption = CATALOG_DIR,
    as_json: JsonOption = False,
) -> None:
    """Count, per product and fact family, the facts known, known to be absent, quoted on
    request and unknown; then list the coverage targets the catalog misses. `--json` is
    `--format json`."""
    if as_json:
        if fmt not in (CoverageFormat.table, CoverageFormat.json):
            raise fail(f"give --json or --format {fmt.value}, not both", code=2)
        fmt = CoverageFormat.json
    try:
        profiles = read_profiles(directory)
    except (CatalogError, ValueError) as exc:
        raise fail(f"cannot read {directory}: {exc}") from exc
    report = catalog_coverage(profiles)
    missed = shortfalls(report)
    if fmt is CoverageFormat.json:
        found = [{"product": m.product, "target": m.target.value, "text": m.text} for m in missed]
        typer.echo(json.dumps({**report.as_dict(), "shortfalls": found}, indent=2))
        return
    header, rows = coverage_rows(report)
    if fmt is CoverageFormat.markdown:
        lines = [header, ["---"] + ["---:"] * (len(header) - 1), *rows]
        typer.echo("\n".join(f"| {' | '.join(line)} |" for line in lines))
    else:
        table = Table(*header)
        for row in rows:
            table.add_row(*row)
        Console(width=240).print(table)
    typer.echo(f"\n{len(missed)} coverage target(s) missed" + (":" if missed else ""))
    for shortfall in missed:
        typer.echo(f"- {shortfall}")
