"""The report fits its A4 pages in both languages: nothing runs beyond the page box and no
word is cut without a hyphen, whatever the products compared."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.exports.conftest import COMPARED, STRICT_PROJECT, make_evaluation
from tests.service.exports.layout import layout_problems
from tests.service.exports.test_export_edges import UNPRICED
from vendors.schema import ProductProfile

# Long names, service products, many facts to confirm.
SERVICE = [
    "microsoft_dynamics_365_field_service",
    "salesforce_field_service",
    "microsoft_dynamics_365_customer_service",
]


def report(client: TestClient, evaluation: dict[str, Any], lang: str) -> str:
    response = client.get(
        f"/api/v1/evaluations/{evaluation['id']}/export", params={"format": "html", "lang": lang}
    )
    assert response.status_code == 200, response.text
    text: str = response.text
    return text


@pytest.mark.parametrize("compared", ["strict", "unpriced", "service"])
def test_the_report_fits_its_pages(
    client: TestClient, loaded_catalog: list[ProductProfile], compared: str
) -> None:
    if compared == "strict":
        evaluation = make_evaluation(
            client, COMPARED, project=STRICT_PROJECT, include_eliminated=True
        )
    else:
        evaluation = make_evaluation(client, UNPRICED if compared == "unpriced" else SERVICE)
    for lang in ("fr", "en"):
        assert layout_problems(report(client, evaluation, lang)) == [], lang


def test_the_layout_check_sees_overflows_and_cut_words() -> None:
    """The check above can fail: a table wider than the page, and a column too narrow for a
    word, are both reported."""
    wide = "<table><tr><td>" + "x" * 300 + "</td></tr></table>"
    narrow = (
        '<table style="table-layout: fixed; width: 60pt"><tr>'
        '<td style="overflow-wrap: break-word">indispensable importantissime</td></tr></table>'
    )
    assert any("outside the page" in line for line in layout_problems(wide))
    assert any("cut in <td>" in line for line in layout_problems(narrow))
