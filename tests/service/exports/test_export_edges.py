"""Exports of the evaluations that used to break them: no finalist priced, a single product
left in the running, unknowns everywhere."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from service.exports.xlsx import CHART_ROWS
from tests.service.exports.conftest import STRICT_PROJECT, make_evaluation
from vendors.schema import ProductProfile

UNPRICED = ["efficy", "divalto_weavy", "teamleader_focus"]


def export(client: TestClient, evaluation: dict[str, Any], fmt: str, lang: str = "fr") -> bytes:
    response = client.get(
        f"/api/v1/evaluations/{evaluation['id']}/export", params={"format": fmt, "lang": lang}
    )
    assert response.status_code == 200, response.text
    content: bytes = response.content
    return content


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "csv", "json", "html"])
def test_an_evaluation_without_any_priced_finalist_exports(
    client: TestClient, loaded_catalog: list[ProductProfile], fmt: str
) -> None:
    evaluation = make_evaluation(client, UNPRICED)
    content = export(client, evaluation, fmt)
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(content))
        assert book.sheetnames[0] == "Synthèse"  # sheets named in the export's language
    if fmt == "pdf":
        assert len(PdfReader(io.BytesIO(content)).pages) >= 1


def evaluate(client: TestClient, products: list[str], **constraints: Any) -> dict[str, Any]:
    from tests.service.api.test_projects import PROJECT, REQUIREMENTS

    pid = client.post("/api/v1/projects", json=PROJECT).json()["id"]
    requirements = {**REQUIREMENTS, "constraints": constraints, "version": 1}
    assert client.put(f"/api/v1/projects/{pid}/requirements", json=requirements).status_code == 200
    body = {"products": products, "include_eliminated": True}
    response = client.post(f"/api/v1/projects/{pid}/evaluations", json=body)
    assert response.status_code == 201, response.text
    evaluation: dict[str, Any] = response.json()
    return evaluation


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_an_on_premise_comparison_without_licence_prices_exports(
    client: TestClient, loaded_catalog: list[ProductProfile], fmt: str
) -> None:
    evaluation = evaluate(
        client, ["creatio", "efficy", "divalto_weavy"], deployment_modes=["on_premise"]
    )
    assert all(not cost["years"] for cost in evaluation["snapshot"]["tco"].values())
    export(client, evaluation, fmt)


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "csv", "json", "html"])
def test_products_known_by_name_only_export(
    client: TestClient, loaded_catalog: list[ProductProfile], fmt: str
) -> None:
    sourced = {"source": "consultant's notes", "as_of": "2026-11-29", "confidence": "third_party"}
    for slug, name in (("crm_alpha", "Alpha CRM"), ("crm_beta", "Beta CRM")):
        profile = {"id": slug, "product": {"value": name, **sourced}}
        assert client.post("/api/v1/vendors", json=profile).status_code == 201
    evaluation = evaluate(client, ["crm_alpha", "crm_beta"])
    content = export(client, evaluation, fmt, lang="en")
    if fmt == "pdf":
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
        assert "Alpha CRM" in text


def test_every_sheet_prints_on_a4_as_wide_as_a_page(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    evaluation = make_evaluation(client)
    book = openpyxl.load_workbook(io.BytesIO(export(client, evaluation, "xlsx")))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), sheet.title
        # One page wide (1 is the file format's default, left out), as many pages high as it takes.
        assert setup.fitToWidth in (None, 1), sheet.title
        assert setup.fitToHeight == 0, sheet.title
        fit = sheet.sheet_properties.pageSetUpPr
        assert fit is not None, sheet.title
        assert fit.fitToPage, sheet.title


def test_every_chart_prints_whole_on_one_page(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    """Each chart sits in column A below its tables, where a page break starts a new printed
    page, and no break falls inside it: a printout never splits a chart."""
    evaluation = make_evaluation(client)
    charts = list(chart_anchors(export(client, evaluation, "xlsx")))
    assert len(charts) == 3  # scores, cost per year, rank acceptability
    for sheet, (col, first, last), breaks in charts:
        assert col == 0, sheet
        assert first in breaks, sheet
        assert not any(first < row <= last for row in breaks), sheet
        assert last - first < CHART_ROWS, sheet


def chart_anchors(content: bytes) -> Iterator[tuple[str, tuple[int, int, int], set[int]]]:
    """(sheet part, (column, first row, last row) of a chart's anchor, the sheet's horizontal
    page breaks) for every chart, read from the workbook's XML."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
        "r": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        for part in sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)):
            sheet = ElementTree.fromstring(archive.read(part))
            breaks = {int(b.get("id", "-1")) for b in sheet.iterfind("m:rowBreaks/m:brk", ns)}
            rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
            if rels not in names:
                continue
            for rel in ElementTree.fromstring(archive.read(rels)).iterfind("r:Relationship", ns):
                if not rel.get("Target", "").startswith("../drawings/"):
                    continue
                drawing = ElementTree.fromstring(
                    archive.read("xl/drawings/" + rel.get("Target", "").rsplit("/", 1)[1])
                )
                for anchor in drawing.iterfind("xdr:twoCellAnchor", ns):
                    col = int(anchor.findtext("xdr:from/xdr:col", "-1", ns))
                    first = int(anchor.findtext("xdr:from/xdr:row", "-1", ns))
                    last = int(anchor.findtext("xdr:to/xdr:row", "-1", ns))
                    yield part, (col, first, last), breaks


def test_a_single_finalist_left_in_the_running_exports(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    """Oracle's cheapest cost is above the budget: Pipedrive is the one finalist left, Oracle
    compared as eliminated at the consultant's request."""
    response = client.post("/api/v1/projects", json=STRICT_PROJECT)
    pid = response.json()["id"]
    body = {"products": ["pipedrive", "oracle_cx_sales"], "include_eliminated": True}
    response = client.post(f"/api/v1/projects/{pid}/evaluations", json=body)
    assert response.status_code == 201, response.text
    evaluation = response.json()
    running = [p for p in evaluation["snapshot"]["products"] if not p["eliminated"]]
    assert [p["id"] for p in running] == ["pipedrive"]
    for fmt in ("xlsx", "pdf"):
        for lang in ("fr", "en"):
            export(client, evaluation, fmt, lang)
