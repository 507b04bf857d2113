"""`shortlist catalog ...`: validate, load, export round trips and freshness."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from service.catalog_cli import CSV_COLUMNS, write_facts_csv
from service.cli import app as cli
from tests.service.spreadsheet_checks import HOSTILE, csv_rows
from vendors.files import CATALOG_DIR, content_hash, load_catalog_dir
from vendors.schema import ProductProfile
from vendors.vocabulary import CAPABILITIES

runner = CliRunner()


def invoke(*args: str, code: int = 0) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.stdout


def test_validate_accepts_the_shipped_catalog() -> None:
    assert "product files valid" in invoke("catalog", "validate")


def test_validate_reports_a_broken_file(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "id: bad\nvendor:\n  value: X\n  as_of: 2026-01-01\n  confidence: third_party\n"
    )
    output = invoke("catalog", "validate", "--dir", str(tmp_path), code=1)
    assert "bad.yaml: vendor: a value needs a source" in output


def test_export_and_load_round_trip_keeps_the_hash(
    database_url: str, tmp_path: Path, shipped_profiles: list[ProductProfile]
) -> None:
    invoke("migrate")
    loaded = invoke("catalog", "load")
    assert f"{len(shipped_profiles)} added" in loaded
    original_hash = content_hash(shipped_profiles)
    assert original_hash[:12] in loaded

    exported = tmp_path / "exported"
    invoke("catalog", "export", "--format", "yaml", "--out", str(exported))
    assert content_hash(load_catalog_dir(exported)) == original_hash
    again = invoke("catalog", "load", "--dir", str(exported))
    assert "unchanged" in again
    assert original_hash[:12] in again

    json_file = tmp_path / "catalog.json"
    invoke("catalog", "export", "--format", "json", "--out", str(json_file))
    assert len(json.loads(json_file.read_text())) == len(shipped_profiles)
    assert "unchanged" in invoke("catalog", "load", "--dir", str(json_file))


def test_csv_export_is_one_row_per_fact(
    database_url: str, shipped_profiles: list[ProductProfile]
) -> None:
    invoke("migrate")
    invoke("catalog", "load")
    rows = list(csv.DictReader(io.StringIO(invoke("catalog", "export", "--format", "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {row["product"] for row in rows} == {p.id for p in shipped_profiles}
    known = [row for row in rows if row["value"]]
    assert all(row["source"] for row in known)


def test_csv_export_keeps_text_as_text(shipped_profiles: list[ProductProfile]) -> None:
    """A source or note that starts a formula is marked as text; a number stays a number."""
    profile = shipped_profiles[0]
    vendor = profile.vendor.model_copy(update={"source": "@SUM(A1)", "note": "\r=1"})
    maintenance = profile.deployment.maintenance_pct.model_copy(
        update={"value": -2.5, "source": HOSTILE[0], "note": "-2+3"}
    )
    deployment = profile.deployment.model_copy(update={"maintenance_pct": maintenance})
    hostile = profile.model_copy(update={"vendor": vendor, "deployment": deployment})
    stream = io.StringIO(newline="")
    write_facts_csv([hostile], stream)
    header, *rows = csv_rows(stream.getvalue())
    facts = {row[1]: dict(zip(header, row, strict=True)) for row in rows if row[2] == "0"}
    assert (facts["vendor"]["source"], facts["vendor"]["note"]) == ("'@SUM(A1)", "'\r=1")
    pct = facts["deployment.maintenance_pct"]
    assert (pct["value"], pct["source"], pct["note"]) == ("-2.5", "'" + HOSTILE[0], "'-2+3")


def test_freshness_lists_old_and_undated_facts() -> None:
    output = invoke("catalog", "freshness", "--months", "12", "--dir", str(CATALOG_DIR))
    assert "source gives no date" in output
    assert "known facts to re-check" in output
    listed = json.loads(
        invoke("catalog", "freshness", "--months", "12", "--dir", str(CATALOG_DIR), "--json")
    )
    assert {"product", "fact", "as_of", "why", "source"} == set(listed[0])
    assert sum(1 for item in listed if item["why"] == "source gives no date") == output.count(
        "source gives no date"
    )


def test_coverage_json_counts_every_shipped_product(
    shipped_profiles: list[ProductProfile],
) -> None:
    report = json.loads(invoke("catalog", "coverage", "--format", "json"))
    assert [item["product"] for item in report["products"]] == sorted(
        p.id for p in shipped_profiles
    )
    capabilities = report["totals"]["capabilities"]
    assert capabilities["total"] == len(shipped_profiles) * len(CAPABILITIES)
    assert (
        capabilities["known"] + capabilities["negative"] + capabilities["unknown"]
        == (capabilities["total"])
    )
    for shortfall in report["shortfalls"]:
        assert set(shortfall) == {"product", "target", "text"}
        assert shortfall["product"] in {None, *(p.id for p in shipped_profiles)}


def test_coverage_markdown_is_a_table_with_the_totals_last(
    shipped_profiles: list[ProductProfile],
) -> None:
    output = invoke("catalog", "coverage", "--format", "markdown")
    rows = [line for line in output.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0].startswith("| product | capabilities | domains | prices |")
    assert len(rows) == 1 + len(shipped_profiles) + 1
    assert rows[-1].startswith(f"| all {len(shipped_profiles)} products |")
    assert "coverage target(s) missed" in output
