"""`shortlist batch INPUT --out OUTPUT`: shortlist the catalog for every client of a file."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from service.batches.profiles import InputFileError, InputRow, input_format_of, iter_rows
from service.batches.runner import Catalog, default_workers, evaluate_rows
from service.batches.template import template as template_bytes
from service.batches.writers import OutputFormat, Summary, open_writer
from service.catalog_cli import read_profiles
from service.cli_support import err, fail
from vendors.files import CATALOG_DIR, CatalogError
from vendors.sqlbase import utc_now

LOG_EVERY_SECONDS = 5.0


class RateColumn(ProgressColumn):
    """Clients evaluated per second."""

    def render(self, task: Task) -> Text:
        """Render the task's speed."""
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} clients/s", style="progress.data.speed")


def batch(
    input_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="INPUT",
            help="Client profiles: .csv, .xlsx or .json (see --template).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Results file: .xlsx, .csv or .json (with --template: the template)."),
    ] = None,
    template: Annotated[
        bool,
        typer.Option(
            "--template", help="Write a documented input template (to --out, else INPUT)."
        ),
    ] = False,
    catalog: Annotated[
        Path, typer.Option(help="Catalog directory of <id>.yaml files, or a JSON export.")
    ] = CATALOG_DIR,
    workers: Annotated[int, typer.Option(min=0, help="Worker processes; 0: one per core.")] = 0,
) -> None:
    """Shortlist the catalog for each client of INPUT; OUTPUT gets a row per client and rank."""
    if template:
        target = out or input_file or Path("clients-template.xlsx")
        try:
            fmt = input_format_of(target.name)
        except InputFileError as exc:
            raise fail(str(exc)) from exc
        _atomic_write(target, template_bytes(fmt))
        typer.echo(f"template written to {target}")
        return
    if input_file is None or out is None:
        raise fail("give INPUT and --out OUTPUT (or --template to write an input template)")
    try:
        output_format = OutputFormat(out.suffix.lstrip(".").lower())
    except ValueError:
        raise fail(
            f"cannot tell the format of {out.name!r}: name it .xlsx, .csv or .json"
        ) from None
    try:
        products = Catalog.of(read_profiles(catalog), version=str(catalog))
    except (CatalogError, OSError, ValueError) as exc:
        raise fail(f"cannot read the catalog {catalog}: {exc}") from exc
    summary = Summary(
        catalog=str(catalog), catalog_products=len(products.profiles), generated_at=utc_now()
    )
    started = time.perf_counter()
    try:
        fmt = input_format_of(input_file.name)
        with input_file.open("rb") as source:
            # The file is read twice as a stream, never held whole: once to check every row
            # (nothing is written if one is refused) and count them, once to evaluate them.
            total = sum(1 for _ in iter_rows(source, fmt, limited=False))
            if total == 0:
                raise InputFileError("the file holds no client row")
            source.seek(0)
            rows = iter_rows(source, fmt, limited=False)
            with _Temporary(out) as stream:
                _write(rows, products, output_format, stream, summary, total, workers, started)
    except OSError as exc:
        raise fail(f"cannot read {input_file}: {exc.strerror}") from exc
    except InputFileError as exc:
        raise fail(f"{input_file}: {exc}") from exc
    typer.echo(
        f"{summary.clients} clients: {summary.ranked} ranked, {summary.without_candidate} "
        f"without a candidate, {summary.errors} with errors; written to {out} in "
        f"{time.perf_counter() - started:.1f} s"
    )
    if summary.errors:
        err.print(f"{summary.errors} row(s) could not be evaluated: see the errors in {out}")


def _write(
    rows: Iterator[InputRow],
    catalog: Catalog,
    fmt: OutputFormat,
    stream: IO[bytes],
    summary: Summary,
    total: int,
    workers: int,
    started: float,
) -> None:
    """Evaluate the rows as they are read and write each outcome as it comes."""
    writer = open_writer(fmt, stream)
    try:
        with _Reporter(total) as report:
            for chunk in evaluate_rows(rows, catalog, workers=workers or default_workers()):
                for outcome in chunk:
                    summary.count(outcome)
                    writer.add(outcome)
                report.advance(len(chunk))
    except BaseException:
        writer.discard()
        raise
    summary.extra["seconds"] = round(time.perf_counter() - started, 3)
    writer.close(summary)


def _atomic_write(target: Path, content: bytes) -> None:
    with _Temporary(target) as stream:
        stream.write(content)


class _Temporary:
    """A temporary file beside `target`, renamed over it only when fully written."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __enter__(self) -> IO[bytes]:
        directory = self.target.resolve().parent
        fd, name = tempfile.mkstemp(prefix=f".{self.target.name}.", dir=directory)
        self.path = Path(name)
        self.stream = os.fdopen(fd, "w+b")
        return self.stream

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.stream.close()
        if kind is None:
            os.replace(self.path, self.target)
        else:
            self.path.unlink(missing_ok=True)


class _Reporter:
    """A progress bar with rate and ETA on a terminal; plain log lines otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.started = time.perf_counter()
        self.logged = self.started
        self.progress: Progress | None = None

    def __enter__(self) -> _Reporter:
        if err.is_terminal:
            self.progress = Progress(
                TextColumn("[bold]clients"),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                console=err,
            )
            self.progress.start()
            self.task = self.progress.add_task("clients", total=self.total)
        else:
            err.print(f"batch: {self.total} clients to evaluate", highlight=False)
        return self

    def advance(self, count: int) -> None:
        """Count `count` more clients done."""
        self.done += count
        if self.progress is not None:
            self.progress.advance(self.task, count)
            return
        now = time.perf_counter()
        if now - self.logged >= LOG_EVERY_SECONDS or self.done == self.total:
            self.logged = now
            elapsed = now - self.started
            rate = self.done / elapsed if elapsed > 0 else 0.0
            eta = (self.total - self.done) / rate if rate > 0 else 0.0
            err.print(
                f"batch: {self.done}/{self.total} clients ({self.done / self.total:.0%}), "
                f"{rate:,.0f} clients/s, ETA {eta:.0f} s",
                highlight=False,
            )

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
