"""What it costs to refuse a hostile batch upload, against what it costs to accept a legitimate
file of the same size class, measured in one run.

Run: `.venv/bin/python -m bench.bench_uploads [--before DIR]`. Each file is read by
`service.batches.uploads.spooled_rows` (what `POST /api/v1/batches` does with the upload, in its
worker thread, before anything is stored; `profiles.read_rows` for a checkout from before it)
in a fresh process, so that its time and its peak memory are its own: the extra
memory is the process's peak resident set during the call (VmHWM, reset just before it through
/proc/self/clear_refs) less its resident set then. The legitimate files are seeded client
profiles (`bench.clients`), as many as fit the hostile file's size (at most the row limit).
With `--before DIR`, a checkout of the code before a change (e.g. `git archive BASE | tar -x
-C DIR`) reads the same files too, with at most `--timeout` seconds and `--memory-limit` GB
each.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from bench.hostile_files import (
    HEADER_ROW,
    blank_rows,
    numbered_blank_rows,
    sheet_row,
    workbook,
)

MB = 1024 * 1024
SEED = 7
TARGET_SECONDS = 2.0
TARGET_EXTRA_MB = 200.0


@dataclass(frozen=True)
class Case:
    """A hostile file, and the format it is read as."""

    name: str
    fmt: str
    build: Callable[[], bytes]


@dataclass(frozen=True)
class Reading:
    """What reading one file cost, and how it ended."""

    seconds: float
    extra_mb: float
    outcome: str


# The files.


def legit(fmt: str, count: int) -> bytes:
    """`count` seeded client profiles in `fmt`, written as a consultant's tools write them."""
    from bench.clients import client_row, client_rows
    from service.batches.profiles import COLUMN_NAMES

    if fmt == "csv":  # made one at a time: a million of them at once would take gigabytes
        rng, out = random.Random(SEED), io.BytesIO()
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        writer = csv.DictWriter(text, fieldnames=COLUMN_NAMES, lineterminator="\r\n")
        writer.writeheader()
        for number in range(1, count + 1):
            writer.writerow(client_row(rng, number))
        text.flush()
        return out.getvalue()
    rows = client_rows(count, seed=SEED)
    if fmt == "json":
        return json.dumps({"clients": rows}, ensure_ascii=False).encode("utf-8")
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Clients")
    sheet.write_row(0, 0, COLUMN_NAMES)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, [row[name] for name in COLUMN_NAMES])
    book.close()
    return buffer.getvalue()


def legit_of_size(fmt: str, size: int) -> bytes:
    """Legitimate profiles of about `size` bytes, at most the row limit."""
    from service.batches.profiles import InputFormat, row_limit

    sample = 500
    per_row = len(legit(fmt, sample)) / sample
    return legit(fmt, max(1, min(row_limit(InputFormat(fmt)), round(size / per_row))))


def many_parts(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for number in range(count):
            out.writestr(f"{number:x}", b"")
    return buffer.getvalue()


def csv_rows() -> bytes:
    return b"client_name,context\n" + b"A,first_crm\n" * 2_000_000


def csv_cells() -> bytes:
    return b"client_name,context\n" + b"ab," * 6_300_000 + b"\n"


def json_items() -> bytes:
    return b"[" + b"{}," * 6_300_000 + b"{}]"


def json_deep() -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


def json_fat_client() -> bytes:
    return b'[{"hosting": [' + b"1," * 3_000_000 + b"1]}]"


def xlsx_bomb() -> bytes:
    return workbook(chain([HEADER_ROW], blank_rows(1024 * MB // 6)), dimension=None)


def xlsx_blank_rows() -> bytes:
    return workbook(chain([HEADER_ROW], numbered_blank_rows(2, 1_000_000)))


def xlsx_undimensioned() -> bytes:
    return workbook(chain([HEADER_ROW], numbered_blank_rows(2, 3_300_000)), dimension=None)


def xlsx_strings() -> bytes:
    return workbook([HEADER_ROW, sheet_row(2, "A", "first_crm")], strings=1_600_000)


def empty_cells(rows: int, columns: int) -> Callable[[], bytes]:
    """Empty cells, each with its own reference, so that deflate packs them only about 10:1."""

    def build() -> bytes:
        from openpyxl.utils import get_column_letter

        letters = [get_column_letter(c).encode() for c in range(1, columns + 1)]
        sheet = (
            b'<row r="%d">%s</row>' % (n, b"".join(b'<c r="%s%d"/>' % (c, n) for c in letters))
            for n in range(2, rows + 2)
        )
        return workbook(chain([HEADER_ROW], sheet))

    return build


def over_the_limit(fmt: str) -> Callable[[], bytes]:
    """Legitimate profiles, a thousand more than an upload of the format takes."""

    def build() -> bytes:
        from service.batches.profiles import InputFormat, row_limit

        return legit(fmt, row_limit(InputFormat(fmt)) + 1_000)

    return build


CASES = (
    Case("CSV, 1,001,000 client rows", "csv", over_the_limit("csv")),
    Case("CSV, 2,000,000 rows of 2 cells", "csv", csv_rows),
    Case("CSV, one row of 6,300,000 cells", "csv", csv_cells),
    Case("JSON, 6,300,000 empty objects", "json", json_items),
    Case("JSON, nested 100,000 deep", "json", json_deep),
    Case("JSON, one client of 3,000,000 values", "json", json_fat_client),
    Case("XLSX, 51,000 client rows", "xlsx", over_the_limit("xlsx")),
    Case("XLSX, 1 GB sheet of blank rows (zip bomb)", "xlsx", xlsx_bomb),
    Case("XLSX, 1,000,000 numbered blank rows", "xlsx", xlsx_blank_rows),
    Case("XLSX, 3,300,000 blank rows, no dimension", "xlsx", xlsx_undimensioned),
    Case("XLSX, 1,600,000 shared strings, one client", "xlsx", xlsx_strings),
    Case("XLSX, 4,200,000 empty cells in 1,000 rows", "xlsx", empty_cells(1_000, 4_200)),
    Case(
        "XLSX, 3,250,000 empty cells in 50,000 rows (within the limits)",
        "xlsx",
        empty_cells(50_000, 65),
    ),
    Case("XLSX, zip of 200,000 parts", "xlsx", lambda: many_parts(200_000)),
)
# How the API answers each outcome of reading the upload.
STATUS = {"InputTooLarge": "413", "InputFileError": "422", "accepted": "202"}


# Reading, each file in a process of its own.


def child(fmt: str, path: str, code: str | None, memory_limit_gb: float) -> None:
    """Read one file and print what it cost (run in a fresh process)."""
    limit = int(memory_limit_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if code:
        sys.path.insert(0, code)
    from service.batches.profiles import InputFormat

    try:
        from service.batches.uploads import spooled_rows

        def read(data: bytes, fmt: InputFormat) -> int:
            with spooled_rows(data, fmt, chunk_size=1000) as spooled:
                return spooled.total

    except ImportError:  # a checkout from before uploads were spooled
        from service.batches.profiles import read_rows

        def read(data: bytes, fmt: InputFormat) -> int:
            return len(read_rows(data, fmt))

    data = Path(path).read_bytes()
    # Reset the peak resident set to the current one (Linux), then measure from here.
    Path("/proc/self/clear_refs").write_text("5")
    rss_before = _status_kb("VmRSS")
    start = time.perf_counter()
    try:
        outcome = f"accepted: {read(data, InputFormat(fmt))} rows"
    except MemoryError:
        outcome = "MemoryError: over the memory limit"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {str(exc)[:100]}"
    seconds = time.perf_counter() - start
    extra = (_status_kb("VmHWM") - rss_before) / 1024
    print(json.dumps({"seconds": seconds, "extra_mb": extra, "outcome": outcome}))


def _status_kb(field: str) -> int:
    """A memory figure of this process, in kB, from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def measure(fmt: str, path: Path, code: Path | None, args: argparse.Namespace) -> Reading:
    """Read `path` in a fresh process, with this checkout's code or the one in `code`."""
    command = [sys.executable, "-m", "bench.bench_uploads", "--child", fmt, str(path)]
    command += ["--memory-limit", str(args.memory_limit)]
    if code:
        command += ["--code", str(code.resolve())]
    here = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run(
            command, cwd=here, capture_output=True, text=True, timeout=args.timeout
        )
    except subprocess.TimeoutExpired:
        stopped = f"stopped: still reading at {args.timeout:.0f} s"
        return Reading(args.timeout, float("nan"), stopped)
    if done.returncode != 0:
        return Reading(float("nan"), float("nan"), f"died: {done.stderr.strip()[-100:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return Reading(result["seconds"], result["extra_mb"], result["outcome"])


def answer(reading: Reading) -> str:
    """The API's answer to an outcome: its status, or what went wrong."""
    kind, _, detail = reading.outcome.partition(": ")
    status = STATUS.get(kind, "500" if kind in {"RecursionError", "MemoryError"} else kind)
    return f"{status} ({detail})" if kind == "accepted" else status


def main() -> None:
    """Build the files, read each one, and print the figures and a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a checkout of the code before a change")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds, for each reading")
    parser.add_argument("--memory-limit", type=float, default=6.0, help="GB, for each reading")
    parser.add_argument("--only", default="", help="the cases whose name holds this text")
    parser.add_argument("--child", nargs=2, metavar=("FORMAT", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fmt, path = args.child
        child(fmt, path, args.code, args.memory_limit)
        return
    print(
        f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}, Python "
        f"{platform.python_version()}; targets: refused within {TARGET_SECONDS:.0f} s and "
        f"+{TARGET_EXTRA_MB:.0f} MB, or no more than a legitimate file of its size class"
    )
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for case in (case for case in CASES if args.only in case.name):
            hostile = Path(directory) / f"hostile.{case.fmt}"
            hostile.write_bytes(case.build())
            baseline = Path(directory) / f"legit.{case.fmt}"
            baseline.write_bytes(legit_of_size(case.fmt, hostile.stat().st_size))
            now = measure(case.fmt, hostile, None, args)
            legit_reading = measure(case.fmt, baseline, None, args)
            before = measure(case.fmt, hostile, args.before, args) if args.before else None
            sizes = hostile.stat().st_size / MB, baseline.stat().st_size / MB
            rows.append((case, sizes, now, legit_reading, before))
            print(f"{case.name}, {sizes[0]:.1f} MB")
            for label, reading in (("now", now), ("baseline", legit_reading), ("before", before)):
                if reading is not None:
                    print(
                        f"  {label:8} {reading.seconds:7.2f} s  +{reading.extra_mb:6.0f} MB  "
                        f"{reading.outcome}"
                    )
            print(
                f"  ratio to the baseline: time {now.seconds / legit_reading.seconds:.2f}, "
                f"memory {now.extra_mb / max(legit_reading.extra_mb, 1.0):.2f}"
            )
    print()
    print(
        "| hostile file | answer | time | memory | legitimate file of its size class | time "
        "| memory | time ratio |" + (" before the change |" if args.before else "")
    )
    rule = "| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |"
    print(rule + (" --- |" if args.before else ""))
    for case, sizes, now, legit_reading, before in rows:
        line = (
            f"| {case.name}, {sizes[0]:.1f} MB | {answer(now)} | {now.seconds:.2f} s "
            f"| +{now.extra_mb:.0f} MB | {answer(legit_reading)}, {sizes[1]:.1f} MB "
            f"| {legit_reading.seconds:.2f} s | +{legit_reading.extra_mb:.0f} MB "
            f"| {now.seconds / legit_reading.seconds:.2f} |"
        )
        if before is not None:
            line += f" {answer(before)} in {before.seconds:.1f} s, +{before.extra_mb:.0f} MB |"
        print(line)


if __name__ == "__main__":
    main()
