"""The client's comparison view, read from the project's latest evaluation snapshot."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlmodel import Session

from service.projects import runs
from service.projects.models import Evaluation
from service.selection.registry import CRITERIA
from service.web.charts import Series, bar_chart
from service.web.i18n import Translator
from vendors import service as catalog

SHOWN = 3  # the client sees the two or three solutions shortlisted (004 §08)


@dataclass(frozen=True)
class ProductColumn:
    """One compared solution."""

    id: str
    name: str
    rank: int
    tco: str
    budget_fit: str
    years: list[str]


@dataclass(frozen=True)
class CriterionRow:
    """One criterion: its weight and each solution's value."""

    label: str
    weight: str
    cells: list[str]


@dataclass(frozen=True)
class Comparison:
    """Everything the comparison page shows."""

    products: list[ProductColumn]
    rows: list[CriterionRow]
    horizon: int
    compared: int
    date: str
    summary: str
    charts: list[tuple[str, str, Markup]]


def latest_evaluation(session: Session, *, project_id: uuid.UUID) -> Evaluation | None:
    """The project's most recent evaluation, if any."""
    rows, _count = runs.list_evaluations(session, project_id=project_id, limit=1, offset=0)
    return rows[0] if rows else None


def product_names(session: Session, *, firm_id: uuid.UUID, ids: Sequence[str]) -> dict[str, str]:
    """The products' names as the firm sees them; the id for one no longer in the catalog."""
    names = {}
    for slug in ids:
        try:
            names[slug] = catalog.get_product(session, firm_id=firm_id, slug=slug).product.name
        except catalog.ProductNotFound:
            names[slug] = slug
    return names


def comparison(evaluation: Evaluation, *, names: Mapping[str, str], tr: Translator) -> Comparison:
    """The comparison of the best solutions of `evaluation`, in the client's language."""
    snapshot = evaluation.snapshot
    ranking: list[str] = snapshot["result"]["ranking"]
    ranks = dict(zip(snapshot["result"]["alternatives"], snapshot["result"]["ranks"], strict=True))
    shown = ranking[:SHOWN]
    project = snapshot["inputs"]["project"]
    currency = (project.get("budget") or {}).get("currency", "EUR")
    horizon = int(project["horizon_years"])
    criteria: list[str] = snapshot["matrix"]["criteria"]
    raw: Mapping[str, Mapping[str, float | None]] = snapshot["matrix"]["raw"]
    weights: Mapping[str, float] = snapshot["weights_used"]
    tco: Mapping[str, Mapping[str, Any]] = snapshot["tco"]

    def value(key: str, number: float | None) -> str:
        if number is None:
            return tr("unknown")
        unit = CRITERIA[key].unit
        if unit == "%":
            return f"{tr.number(number)}\u00a0%"
        if unit == "0-5":
            return f"{tr.number(number, 1)}\u00a0/\u00a05"
        return tr.money(number, currency)

    products = []
    for pid in shown:
        cost = tco.get(pid, {})
        totals = cost.get("year_totals") or [None] * horizon
        fit = cost.get("budget_fit")
        products.append(
            ProductColumn(
                id=pid,
                name=names.get(pid, pid),
                rank=int(ranks[pid]),
                tco=value("tco", cost.get("total")),
                budget_fit=tr(f"fit_{fit}") if fit else tr("unknown"),
                years=[value("tco", t) for t in totals],
            )
        )
    rows = [
        CriterionRow(
            label=tr.criterion(key),
            weight=tr.percent(weights.get(key, 0.0)),
            cells=[value(key, raw[pid].get(key)) for pid in shown],
        )
        for key in criteria
    ]
    scored = [key for key in criteria if CRITERIA[key].unit in {"%", "0-5"}]
    charts = []
    if scored:
        charts.append(
            (
                tr("chart_scores_heading"),
                tr("chart_scores_desc"),
                bar_chart(
                    ident="chart-scores",
                    title=tr("chart_scores_heading"),
                    description=tr("chart_scores_desc"),
                    categories=[tr.criterion(key) for key in scored],
                    series=[
                        Series(
                            names.get(pid, pid),
                            [_out_of_100(key, raw[pid].get(key)) for key in scored],
                        )
                        for pid in shown
                    ],
                    value_label=lambda v: tr("score_out_of", value=tr.number(v)),
                    missing=tr("unknown"),
                    max_value=100.0,
                ),
            )
        )
    charts.append(
        (
            tr("chart_tco_heading"),
            tr("chart_tco_desc"),
            bar_chart(
                ident="chart-tco",
                title=tr("chart_tco_heading"),
                description=tr("chart_tco_desc"),
                categories=[tr("year_n", n=year) for year in range(1, horizon + 1)],
                series=[
                    Series(
                        names.get(pid, pid),
                        list(tco.get(pid, {}).get("year_totals") or [None] * horizon),
                    )
                    for pid in shown
                ],
                value_label=lambda v: tr.money(v, currency),
                missing=tr("unknown"),
            ),
        )
    )
    return Comparison(
        products=products,
        rows=rows,
        horizon=horizon,
        compared=len(ranking),
        date=tr.date(evaluation.created_at),
        summary=_named(snapshot["summary"][tr.lang], names),
        charts=charts,
    )


def _out_of_100(key: str, value: float | None) -> float | None:
    if value is None:
        return None
    return value * 20 if CRITERIA[key].unit == "0-5" else value


def _named(text: str, names: Mapping[str, str]) -> str:
    """The summary with product names instead of ids (longest ids first, whole words)."""
    for pid in sorted(names, key=len, reverse=True):
        text = re.compile(rf"\b{re.escape(pid)}\b").sub(_literal(names[pid]), text)
    return text


def _literal(replacement: str) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement that inserts `replacement` as is (no backslash escapes)."""
    return lambda _match: replacement
