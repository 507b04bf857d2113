"""The client's comparison view, read from the typed snapshot of the project's latest evaluation.

Every value says what is known about it: a known value shows as is; a value whose facts are
not all known shows as its range, from its low to its high end, marked as estimated; a value
without even a range shows as unknown, to confirm. An expected or worst-case value never
shows as if it were known: the charts draw it as a light bar with its range across it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from markupsafe import Markup
from pydantic import ValidationError

from service import i18n
from service.exports.common import budget_currency
from service.exports.returns import RoiView, VigilanceRow, roi_view, vigilance_rows
from service.exports.synthesis import synthesis
from service.exports.texts import t as report_text
from service.projects import runs
from service.projects.models import Evaluation
from service.selection.explain import constraint_label
from service.selection.registry import CRITERIA
from service.selection.snapshot import CostOut, LeftOut, ProductOutcome, Snapshot
from service.web.charts import Estimate, Key, Series, Value, bar_chart
from service.web.i18n import Translator

SHOWN = 3  # the client sees the two or three solutions shortlisted (004 §08)
SCORED = {"%", "0-5"}  # units drawn on the 0-100 scores chart
# French puts a space before ? ! : ; which must not start a line.
_FRENCH_SPACE = re.compile(r" (?=[?!:;])")

State = Literal["known", "estimate", "unknown"]


@dataclass(frozen=True)
class Cell:
    """A value in words, and whether it is known, an estimated range or unknown."""

    text: str
    state: State


@dataclass(frozen=True)
class Pick:
    """One of the leading solutions: its place, its chances and how sure the verdict is."""

    id: str
    name: str
    heading: str
    chance: str | None
    places: str
    holds: str | None
    verdict: str | None
    evidence: str | None
    eliminated: str | None


@dataclass(frozen=True)
class ProductColumn:
    """One compared solution in the table."""

    id: str
    name: str
    rank: int
    eliminated: bool
    tco: Cell
    budget_fit: str
    years: list[Cell]


@dataclass(frozen=True)
class CriterionRow:
    """One criterion: its weight and each solution's value."""

    label: str
    weight: str
    cells: list[Cell]


@dataclass(frozen=True)
class Question:
    """A point the consultant will check, and whether a demonstration settles it."""

    text: str
    demo: bool


@dataclass(frozen=True)
class ToConfirm:
    """What is still to be confirmed for one solution."""

    name: str
    questions: list[Question]


@dataclass(frozen=True)
class Comparison:
    """Everything the comparison page shows."""

    picks: list[Pick]
    most_probable: str | None
    products: list[ProductColumn]
    rows: list[CriterionRow]
    tco_weight: str
    horizon: int
    compared: int
    date: str
    brief: Brief
    summary: str
    charts: list[tuple[str, str, Markup]]
    left_out: list[str]
    to_confirm: list[ToConfirm]
    returns: Returns | None
    vigilance: Vigilance | None


@dataclass(frozen=True)
class Returns:
    """The return-on-investment section as the client reads it: the report's words and
    figures for the solutions shown."""

    heading: str
    intro: str
    headers: list[str]
    view: RoiView
    lines_heading: str
    line_headers: list[str]


@dataclass(frozen=True)
class Vigilance:
    """The vigilance points of the client's decisions (004 §07)."""

    heading: str
    reconsider: str
    rows: list[VigilanceRow]


def _returns(snapshot: Snapshot, shown: Sequence[ProductOutcome], tr: Translator) -> Returns | None:
    gains = snapshot.inputs.project.gains
    view = roi_view(snapshot, tr.lang, [p.id for p in shown])
    if view is None or gains is None or not gains.shown:
        return None

    def words(*keys: str) -> list[str]:
        return [report_text(key, tr.lang) for key in keys]

    return Returns(
        heading=report_text("roi_section", tr.lang),
        intro=_typeset(tr, report_text("roi_intro", tr.lang)),
        headers=words("product", "roi_gains", "roi_costs", "roi_net", "roi_ratio", "roi_payback"),
        view=view,
        lines_heading=report_text("gain_lines", tr.lang),
        line_headers=words("gain_line", "gain_stated"),
    )


def _vigilance(snapshot: Snapshot, tr: Translator) -> Vigilance | None:
    rows = vigilance_rows(snapshot, tr.lang)
    if not rows:
        return None
    return Vigilance(
        heading=report_text("vigilance_section", tr.lang),
        reconsider=report_text("reconsider_flag", tr.lang),
        rows=[replace(row, advice=_typeset(tr, row.advice)) for row in rows],
    )


@dataclass(frozen=True)
class Brief:
    """The report's executive summary, as the client reads it on the page: the
    recommendation, the solutions compared and how sure the verdict is, the decisive
    differences and what could change the verdict."""

    headline: str
    overview: str
    differences_title: str
    differences: list[str]
    could_change_title: str
    could_change: list[str]


def _brief(snapshot: Snapshot, tr: Translator) -> Brief:
    summary = synthesis(snapshot, tr.lang)
    return Brief(
        headline=_typeset(tr, summary.headline),
        overview=_typeset(tr, f"{summary.compared} {summary.confidence}"),
        differences_title=report_text("synthesis_differences", tr.lang),
        differences=[_typeset(tr, line) for line in summary.differences]
        or [report_text("synthesis_no_difference", tr.lang)],
        could_change_title=report_text("synthesis_could_change", tr.lang),
        could_change=[_typeset(tr, line) for line in summary.could_change],
    )


@dataclass(frozen=True)
class Unavailable:
    """No comparison to show yet, and why in the client's words."""

    notice: str


def comparison(evaluation: Evaluation, *, tr: Translator) -> Comparison | Unavailable:
    """The comparison of the best solutions of `evaluation`, in the client's language; an
    evaluation stored by an earlier engine is not shown (the consultant has to run it again)."""
    try:
        snapshot = runs.load_snapshot(evaluation)
    except (runs.LegacyEvaluation, ValidationError):
        return Unavailable(tr("results_outdated"))
    return _comparison(snapshot, evaluation, tr)


def _comparison(snapshot: Snapshot, evaluation: Evaluation, tr: Translator) -> Comparison:
    shown = snapshot.products[:SHOWN]
    project = snapshot.inputs.project
    horizon = int(project.horizon_years)
    matrix = snapshot.matrix
    fmt = _Formats(tr)

    currency = budget_currency(snapshot)

    def criterion_cell(pid: str, key: str) -> Cell:
        i, j = matrix.products.index(pid), matrix.criteria.index(key)
        if matrix.known[i][j]:
            return Cell(fmt.value(key, matrix.values[i][j], currency), "known")
        return fmt.ranged(key, matrix.low[i][j], matrix.high[i][j], currency)

    products = []
    for product in shown:
        cost = snapshot.tco.get(product.id)
        products.append(
            ProductColumn(
                id=product.id,
                name=product.name,
                rank=product.rank,
                eliminated=product.eliminated,
                tco=fmt.total(cost),
                budget_fit=_budget_fit(cost, tr, budgeted=project.budget is not None),
                years=[fmt.year(cost, year) for year in range(horizon)],
            )
        )
    rows = [
        CriterionRow(
            label=tr.criterion(key),
            weight=tr.percent(snapshot.weights_used.get(key, 0.0)),
            cells=[criterion_cell(p.id, key) for p in shown],
        )
        for key in matrix.criteria
        if key != "tco"  # the cost rows below give it over the horizon and year by year
    ]
    return Comparison(
        picks=[_pick(snapshot, product, tr) for product in shown],
        most_probable=_most_probable(snapshot, tr),
        products=products,
        rows=rows,
        tco_weight=tr.percent(snapshot.weights_used["tco"]) if "tco" in matrix.criteria else "",
        horizon=horizon,
        compared=len(snapshot.products),
        date=tr.date(evaluation.created_at),
        brief=_brief(snapshot, tr),
        summary=_typeset(tr, tr.label(snapshot.summary)),
        charts=_charts(snapshot, shown, horizon, fmt),
        left_out=[_left_out(item, tr) for item in snapshot.left_out],
        to_confirm=[
            ToConfirm(
                name=product.name,
                questions=[
                    Question(_typeset(tr, tr.label(q)), demo=q.ask == "demo")
                    for q in product.questions
                ],
            )
            for product in shown
        ],
        returns=_returns(snapshot, shown, tr),
        vigilance=_vigilance(snapshot, tr),
    )


class _Formats:
    """Values in the client's words: units, ranges and their marks."""

    def __init__(self, tr: Translator) -> None:
        self.tr = tr
        self.percent_sign = i18n.percent_sign(tr.lang)

    def value(self, key: str, number: float, currency: str = "EUR") -> str:
        unit = CRITERIA[key].unit
        if unit == "%":
            return f"{self.tr.number(number)}{self.percent_sign}"
        if unit == "0-5":
            return f"{self.tr.number(number, 1)}\u00a0/\u00a05"
        return self.tr.money(number, currency)

    def ranged(self, key: str, low: float, high: float, currency: str = "EUR") -> Cell:
        """An estimate as its range; one figure when both ends read the same."""
        tr = self.tr
        unit = CRITERIA[key].unit
        if unit == "currency":
            ends = (tr.number(low), tr.number(high))
            text = i18n.money_range(low, high, currency, tr.lang)
            single = tr.money(low, currency)
        else:
            decimals = 1 if unit == "0-5" else 0
            ends = (tr.number(low, decimals), tr.number(high, decimals))
            suffix = self.percent_sign if unit == "%" else "\u00a0/\u00a05"
            text = f"{ends[0]}\u00a0– {ends[1]}{suffix}"
            single = f"{ends[0]}{suffix}"
        return Cell(single if ends[0] == ends[1] else text, "estimate")

    def total(self, cost: CostOut | None) -> Cell:
        """The cost over the horizon."""
        if cost is None or cost.unbounded or cost.low is None or cost.high is None:
            return Cell(self.tr("unknown"), "unknown")
        if cost.known:
            return Cell(self.value("tco", cost.low, cost.currency), "known")
        return self.ranged("tco", cost.low, cost.high, cost.currency)

    def year(self, cost: CostOut | None, index: int) -> Cell:
        """The cost of one year of the horizon."""
        if cost is None or cost.unbounded or index >= len(cost.years):
            return Cell(self.tr("unknown"), "unknown")
        year = cost.years[index]
        if cost.known:
            return Cell(self.value("tco", year.mean, cost.currency), "known")
        return self.ranged("tco", year.low, year.high, cost.currency)

    def chart_label(self, cell: Cell) -> str:
        """A value's words in a chart, its mark included."""
        if cell.state == "estimate":
            return self.tr("estimated", value=cell.text)
        if cell.state == "unknown":
            return self.tr("to_confirm", value=cell.text)
        return cell.text


def _budget_fit(cost: CostOut | None, tr: Translator, *, budgeted: bool) -> str:
    if not budgeted:
        return tr("no_budget")
    if cost is None or cost.budget_fit is None:
        return tr("fit_to_confirm")
    return tr(f"fit_{cost.budget_fit}")


def _pick(snapshot: Snapshot, product: ProductOutcome, tr: Translator) -> Pick:
    robustness = snapshot.robustness
    winner = product.id == robustness.winner
    holds = None
    if winner and robustness.to_weights is not None and robustness.to_facts is not None:
        holds = tr(
            "holds",
            weights=tr.percent(robustness.to_weights.get(product.id, 0.0)),
            facts=tr.percent(robustness.to_facts.get(product.id, 0.0)),
        )
    if product.best_rank == product.worst_rank:
        places = tr("places_same", best=tr.ordinal(product.best_rank))
    else:
        places = tr(
            "places_range",
            best=tr.ordinal(product.best_rank),
            worst=tr.ordinal(product.worst_rank),
        )
    evidence = product.evidence
    total = evidence.known + evidence.unknown
    eliminated = None
    if product.eliminated:
        knockout = snapshot.knockouts.get(product.id)
        failed = [c.constraint for c in knockout.checks if c.status == "fail"] if knockout else []
        eliminated = tr(
            "eliminated_note", what=", ".join(tr.label(constraint_label(c)) for c in failed)
        )
    return Pick(
        id=product.id,
        name=product.name,
        heading=tr("place_heading", place=tr.ordinal(product.rank), name=product.name),
        chance=None if product.p_first is None else tr("p_first", p=tr.percent(product.p_first)),
        places=places,
        holds=holds,
        verdict=tr(f"verdict_{robustness.verdict}") if winner else None,
        evidence=tr("evidence", known=evidence.known, total=total) if total else None,
        eliminated=eliminated,
    )


def _most_probable(snapshot: Snapshot, tr: Translator) -> str | None:
    """Who comes first most often, when that is not the ranking's winner alone."""
    most = snapshot.robustness.most_probable
    if not most or most == [snapshot.robustness.winner]:
        return None
    names = [snapshot.names.get(pid, pid) for pid in most]
    if len(names) == 1:
        return tr("most_probable_one", names=names[0])
    return tr("most_probable_many", names=", ".join(names[:-1]) + tr("and") + names[-1])


def _left_out(item: LeftOut, tr: Translator) -> str:
    if item.code == "same_value":
        reason = "left_same"
    elif item.code == "no_bound":
        reason = "left_no_bound"
    else:
        reason = "left_no_facts"
    return tr(
        "left_out_item",
        criterion=tr.criterion(item.criterion),
        share=tr.percent(item.weight_share),
        reason=tr(reason),
    )


def _charts(
    snapshot: Snapshot, shown: Sequence[ProductOutcome], horizon: int, fmt: _Formats
) -> list[tuple[str, str, Markup]]:
    tr = fmt.tr
    matrix = snapshot.matrix
    key = Key(known=tr("chart_key_known"), estimate=tr("chart_key_estimate"))
    charts = []
    scored = [k for k in matrix.criteria if CRITERIA[k].unit in SCORED]

    def score(pid: str, criterion: str) -> Value:
        """A criterion's value out of 100."""
        i, j = matrix.products.index(pid), matrix.criteria.index(criterion)
        factor = 20.0 if CRITERIA[criterion].unit == "0-5" else 1.0
        if matrix.known[i][j]:
            return matrix.values[i][j] * factor
        return Estimate(
            mean=matrix.values[i][j] * factor,
            low=matrix.low[i][j] * factor,
            high=matrix.high[i][j] * factor,
        )

    if scored:
        series = [Series(p.name, [score(p.id, k) for k in scored]) for p in shown]
        charts.append(
            (
                tr("chart_scores_heading"),
                tr("chart_scores_desc"),
                bar_chart(
                    ident="chart-scores",
                    title=tr("chart_scores_heading"),
                    description=tr("chart_scores_desc"),
                    categories=[tr.criterion(k) for k in scored],
                    series=series,
                    value_label=lambda v: tr("score_out_of", value=tr.number(v)),
                    range_label=lambda e: tr(
                        "estimated", value=tr("score_out_of", value=_span(tr, e.low, e.high))
                    ),
                    missing=fmt.chart_label(Cell(tr("unknown"), "unknown")),
                    max_value=100.0,
                    key=key,
                ),
            )
        )

    def yearly(cost: CostOut | None) -> list[Value]:
        values: list[Value] = []
        for index in range(horizon):
            if cost is None or cost.unbounded or index >= len(cost.years):
                values.append(None)
            elif cost.known:
                values.append(cost.years[index].mean)
            else:
                year = cost.years[index]
                values.append(Estimate(mean=year.mean, low=year.low, high=year.high))
        return values

    currency = next((c.currency for c in snapshot.tco.values()), "EUR")
    charts.append(
        (
            tr("chart_tco_heading"),
            tr("chart_tco_desc"),
            bar_chart(
                ident="chart-tco",
                title=tr("chart_tco_heading"),
                description=tr("chart_tco_desc"),
                categories=[tr("year_n", n=year) for year in range(1, horizon + 1)],
                series=[Series(p.name, yearly(snapshot.tco.get(p.id))) for p in shown],
                value_label=lambda v: tr.money(v, currency),
                range_label=lambda e: fmt.chart_label(fmt.ranged("tco", e.low, e.high, currency)),
                missing=fmt.chart_label(Cell(tr("unknown"), "unknown")),
                key=key,
            ),
        )
    )
    return charts


def _span(tr: Translator, low: float, high: float) -> str:
    """Two whole numbers as a range; one when they read the same."""
    ends = tr.number(low), tr.number(high)
    return ends[0] if ends[0] == ends[1] else f"{ends[0]}\u00a0– {ends[1]}"


def _typeset(tr: Translator, text: str) -> str:
    """Text from the evaluation with French's spaces before ? ! : ; made non-breaking."""
    return _FRENCH_SPACE.sub("\u00a0", text) if tr.lang == "fr" else text
