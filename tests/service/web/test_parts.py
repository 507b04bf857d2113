"""The pieces of the client pages that need no database: CSRF tokens, SVG charts, amounts."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

import pytest

from service.i18n import Lang
from service.selection.inputs import Requirements
from service.web import csrf
from service.web.answers import read_amount
from service.web.charts import Series, bar_chart
from service.web.i18n import Translator
from service.web.pairwise import ahp_criteria, relation

SECRET = "a-secret-of-some-length"


def test_a_csrf_token_is_bound_to_its_invitation_secret_and_age() -> None:
    invitation = uuid.uuid4()
    token = csrf.issue(SECRET, invitation, now=1_000_000)
    assert csrf.verify(SECRET, invitation, token, now=1_000_000 + 60)
    assert not csrf.verify(SECRET, uuid.uuid4(), token, now=1_000_000 + 60)
    assert not csrf.verify("another-secret-0123456", invitation, token, now=1_000_060)
    assert not csrf.verify(SECRET, invitation, token, now=1_000_000 + csrf.MAX_AGE + 1)
    issued, mac = token.split(".")
    assert not csrf.verify(SECRET, invitation, f"{int(issued) + 1}.{mac}", now=1_000_060)
    flipped = mac[:-1] + ("1" if mac.endswith("0") else "0")
    assert not csrf.verify(SECRET, invitation, f"{issued}.{flipped}", now=1_000_060)
    for junk in (None, "", ".", "abc.def", "1e9." + mac, "9" * 40 + "." + mac):
        assert not csrf.verify(SECRET, invitation, junk, now=1_000_060)


def chart(names: list[str], values: list[list[float | None]]) -> ET.Element:
    svg = bar_chart(
        ident="c",
        title="Scores <b>",
        description="desc & more",
        categories=["Sales", "Cost"],
        series=[Series(name, v) for name, v in zip(names, values, strict=True)],
        value_label=lambda v: f"{v:.0f}",
        missing="unknown",
        max_value=100.0,
    )
    return ET.fromstring(str(svg))


def test_a_chart_is_well_formed_svg_with_escaped_text() -> None:
    root = chart(['<script>alert("x")</script>', "B & Co"], [[50.0, 100.0], [25.0, None]])
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.get("role") == "img"
    assert root.findtext(f"{ns}title") == "Scores <b>"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert '<script>alert("x")</script>' in texts
    assert "B & Co" in texts
    assert "unknown" in texts
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    widths = [float(r.get("width", "0")) for r in bars]
    assert len(bars) == 3  # the unknown value draws no bar
    # By category, then product: Sales A=50, B=25, Cost A=100 (B unknown).
    assert widths[1] == pytest.approx(widths[0] / 2)
    assert widths[2] == pytest.approx(2 * widths[0])


def test_a_long_category_label_wraps() -> None:
    svg = bar_chart(
        ident="w",
        title="t",
        description="d",
        categories=["Capacités transverses (mobilité, tableaux de bord, intégrations)"],
        series=[Series("A", [10.0])],
        value_label=str,
        missing="?",
    )
    root = ET.fromstring(str(svg))
    lines = [
        t.text
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("class") == "category"
    ]
    assert len(lines) == 2
    assert " ".join(line or "" for line in lines).startswith("Capacités transverses")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("40000", 40000.0),
        ("40 000", 40000.0),
        ("40\u202f000", 40000.0),
        ("40,000", 40000.0),
        ("1,250,000", 1250000.0),
        ("40000,5", 40000.5),
        ("40 000,50", 40000.5),
        ("40,000.50", 40000.5),
        ("40000.5", 40000.5),
        ("40 000 €", 40000.0),
        ("EUR 40 000", 40000.0),
        ("40.000", 40000.0),
        ("1.250.000", 1250000.0),
        ("40.000,50", 40000.5),
        ("40.00", 40.0),
        ("40 000 €€", None),
        ("40,000,5", None),
        ("", None),
        ("-1", None),
        ("1e6", None),
        ("40.000.000", 40000000.0),
        ("40.0000", None),
        ("12,3456", None),
        ("NaN", None),
    ],
)
def test_amounts_are_read_leniently_but_never_guessed(typed: str, amount: float | None) -> None:
    assert read_amount(typed) == amount


def test_the_pairwise_questions_cover_the_most_wanted_areas() -> None:
    none = Requirements()
    assert ahp_criteria(none) == ["fit_platform", "tco", "adoption", "ease_of_deployment"]
    one = Requirements.model_validate({"domains": {"service": "could"}})
    assert ahp_criteria(one) == ["fit_service", "tco", "adoption", "ease_of_deployment"]
    three = Requirements.model_validate(
        {"domains": {"sales": "could", "marketing": "must", "service": "should"}}
    )
    assert ahp_criteria(three) == ["fit_marketing", "fit_service", "tco", "adoption"]


def test_a_judgement_is_said_from_the_side_of_the_more_important() -> None:
    tr = Translator(Lang.EN)
    assert relation("tco", "adoption", 5.0, tr) == (
        "“Total cost of ownership over the horizon” matters clearly more than "
        "“Ease of use and adoption”"
    )
    assert relation("tco", "adoption", 1 / 7, tr).startswith(
        "“Ease of use and adoption” matters much"
    )
    assert "matters as much as" in relation("tco", "adoption", 1.2, tr)
    assert "slightly" in relation("tco", "adoption", 2.1, tr)
