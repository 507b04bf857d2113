"""The evaluation report as one self-contained HTML page, in French or English: the comparison
table of the compared solutions, charts, TCO, coverage, robustness, the questions to ask,
change risks and sources. Inline CSS and SVG only, so it renders (and prints to PDF) with no
network access.

A value resting on an unknown fact is printed as its range with an "estimated" marker, an
unknown coverage as "to confirm", and a cost no price bounds as "unknown"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from service import i18n
from service.exports import charts
from service.exports.checks import check_detail, cost_choice
from service.exports.common import (
    EvaluationMeta,
    SourceRow,
    budget_currency,
    criterion_label,
    requirement_label,
    sources,
    value_text,
)
from service.exports.facts import confidence_word, product_fact, product_value
from service.exports.method import glossary, method_paragraphs, rated_by_text, source_parts
from service.exports.returns import roi_view, vigilance_rows
from service.exports.synthesis import synthesis
from service.exports.texts import (
    ask_word,
    assumption_label,
    assumption_unit,
    colon,
    constraint_label,
    coverage_word,
    kind_word,
    number,
    percent,
    product_label,
    robustness_sentences,
    stability_sentence,
    t,
    word,
)
from service.exports.values import Ranged, cost_total, criterion_value, year_cost
from service.i18n import Lang, long_date
from service.i18n.jinja import install
from service.selection.explain import readiness_advice, readiness_label
from service.selection.registry import CRITERIA
from service.selection.snapshot import (
    CostOut,
    CoverageRowOut,
    PriceBoundOut,
    PriceOptionOut,
    RateOut,
    Snapshot,
)


@cache
def _environment() -> Environment:
    """The report's templates, with the `reports` catalogs through Jinja2's i18n extension."""
    environment = Environment(
        loader=PackageLoader("service.exports", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    install(environment, "reports")
    return environment


@dataclass(frozen=True)
class Scale:
    """How the numbers of one unit print: decimals and what follows them."""

    digits: int
    suffix: str


@dataclass(frozen=True)
class Shown:
    """A value as the report prints it: its text, the expected value of an estimate, and the
    marker that says it is not known."""

    text: str
    expected: str | None = None
    marker: str | None = None


class _Report:
    """The report's formatting in one language and currency."""

    def __init__(self, snapshot: Snapshot, lang: Lang) -> None:
        self.snapshot = snapshot
        self.lang = lang
        self.currency = budget_currency(snapshot)
        self.money_scale = Scale(0, f"\u00a0{self.currency}")
        self.names = {p.id: product_label(p.name, p.eliminated, lang) for p in snapshot.products}

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def fact(self, pid: str, path: str, alternative: int | None = None) -> str:
        return product_fact(self.snapshot, pid, path, self.lang, alternative)

    def value(self, pid: str, path: str, value: Any) -> str:
        return product_value(self.snapshot, pid, path, value, self.lang)

    def money(self, value: float | None) -> str:
        return "–" if value is None else i18n.money(value, self.currency, self.lang)

    def percent(self, value: float | None, digits: int = 0) -> str:
        return percent(value, self.lang, digits)

    def scale(self, unit: str) -> Scale:
        if unit == "currency":
            return self.money_scale
        if unit == "%":
            return Scale(0, "\u00a0%" if self.lang is Lang.FR else "%")
        return Scale(2, "\u00a0/\u00a05")

    def shown(self, value: Ranged, scale: Scale) -> Shown:
        """Known: the value. Estimated: the range, its expected value and the marker.
        Unknown: the word."""
        if value.low is None or value.high is None:
            return Shown(self.t("unknown"))
        low = number(value.low, self.lang, scale.digits)
        if value.known:
            return Shown(f"{low}{scale.suffix}")
        marker = self.t("estimated")
        if value.flat:
            return Shown(f"{low}{scale.suffix}", marker=marker)
        text = f"{low}–{number(value.high, self.lang, scale.digits)}{scale.suffix}"
        if value.mean is None:
            return Shown(text, marker=marker)
        mean = f"{number(value.mean, self.lang, scale.digits)}{scale.suffix}"
        return Shown(text, expected=self.t("expected_value", v=mean), marker=marker)


def html_report(snapshot: Snapshot, meta: EvaluationMeta, *, lang: Lang) -> str:
    """Render the evaluation report as a self-contained HTML page."""
    r = _Report(snapshot, lang)
    project = snapshot.inputs.project
    context = {
        "lang": lang.value,
        "colon": colon(lang),
        "word": lambda value: word(value, lang),
        "money": r.money,
        "percent": r.percent,
        "meta": meta,
        "long_date": lambda moment: long_date(moment, lang),
        "synthesis": synthesis(snapshot, lang),
        "project": project,
        "context_label": word(project.context.value, lang),
        "users": project.users.total,
        "budget": project.budget,
        "summary": snapshot.summary.in_lang(lang),
        "products": [
            {"id": p.id, "name": p.name, "label": r.names[p.id], "eliminated": p.eliminated}
            for p in snapshot.products
        ],
        "comparison": _comparison(r),
        "left_out": [
            {
                "label": criterion_label(item.criterion, lang),
                "reason": r.t("left_out_" + item.code),
                "share": r.percent(item.weight_share),
            }
            for item in snapshot.left_out
        ],
        "scores_chart": charts.bars(
            [r.names[p.id] for p in snapshot.products],
            [p.score for p in snapshot.products],
            title=f"{r.t('score_expected')} ({meta.method.upper()})",
            fmt=lambda v: number(v, lang, 3),
        ),
        "tco": _tco(r),
        "roi": roi_view(snapshot, lang, [p.id for p in snapshot.products]),
        "vigilance": vigilance_rows(snapshot, lang),
        "assumptions": _assumptions(r),
        "coverage": _coverage(r),
        "eliminated": _eliminated(r),
        "knockouts": _knockouts(r),
        "robustness": _robustness(r),
        "questions": _questions(r),
        "changes": _changes(r, meta),
        "policies": _policies(r),
        "risks": [
            {
                "label": readiness_label(risk.factor).in_lang(lang),
                "score": risk.score,
                "level": risk.level,
                "advice": readiness_advice(risk.factor).in_lang(lang)
                if risk.level != "low"
                else "",
            }
            for risk in snapshot.risks
        ],
        "low_confidence": [
            {
                "product": r.names.get(weak.product, weak.product),
                "fact": r.fact(weak.product, weak.fact),
                "confidence": confidence_word(weak.confidence, lang),
                "inferred": weak.inferred,
                "source": weak.source or "",
            }
            for weak in snapshot.low_confidence_inputs
        ],
        "sources": [_source(r, row) for row in sources(snapshot)],
        "input_hash": snapshot.input_hash,
        "method": method_paragraphs(snapshot, lang),
        "glossary": glossary(lang),
    }
    return _environment().get_template("report.html").render(context)


def _source(r: _Report, row: SourceRow) -> dict[str, str]:
    """One vendor fact of the sources appendix, in the reader's words."""
    publisher, source = source_parts(row.source, r.lang)
    return {
        "product": r.names.get(row.product, row.product),
        "fact": r.fact(row.product, row.path, row.alternative),
        "value": r.value(row.product, row.path, row.value),
        "source": source,
        "publisher": publisher,
        "as_of": row.as_of.isoformat() if row.as_of else "",
        "confidence": confidence_word(row.confidence, r.lang),
        "rated_by": rated_by_text(row.rated_by, r.lang),
    }


def _changes(r: _Report, meta: EvaluationMeta) -> dict[str, Any] | None:
    """What changed since the previous evaluation: its paragraph and the facts that changed."""
    changes = meta.changes
    if changes is None:
        return None
    return {
        "summary": changes.summary_in(r.lang),
        "facts": [
            {
                "product": r.names.get(change.product, change.product),
                "fact": r.fact(change.product, change.path),
                "before": r.value(change.product, change.path, change.before.value),
                "after": r.value(change.product, change.path, change.after.value),
                "source": " – ".join(
                    part for part in source_parts(change.after.source, r.lang) if part
                ),
                "confidence": confidence_word(change.after.confidence, r.lang),
            }
            for change in changes.facts
        ],
    }


def _row(
    label: str,
    cells: Sequence[Shown],
    *,
    weight: float | None = None,
    numeric: bool = True,
    best: Sequence[bool] | None = None,
) -> dict[str, Any]:
    return {
        "label": label,
        "weight": weight,
        "numeric": numeric,
        "cells": list(cells),
        "best": list(best) if best is not None else [False] * len(cells),
    }


def _comparison(r: _Report) -> list[dict[str, Any]]:
    """Rows of the comparison table (004 §08): place and chances, then each criterion with its
    weight and values, then budget, mode and needs."""
    snapshot = r.snapshot
    products = snapshot.products
    first = [p.rank == 1 for p in products]
    method = snapshot.result.method.upper()
    rows = [
        _row(r.t("rank"), [Shown(str(p.rank)) for p in products], best=first),
        _row(
            f"{r.t('score_expected')} ({method})",
            [Shown(number(p.score, r.lang, 3)) for p in products],
            best=first,
        ),
        _row(r.t("p_first"), [Shown(r.percent(p.p_first)) for p in products]),
        _row(
            r.t("possible_ranks"),
            [Shown(_rank_span(p.best_rank, p.worst_rank)) for p in products],
        ),
    ]
    rows += [_criterion_row(r, key) for key in snapshot.matrix.criteria]
    tco = [snapshot.tco[p.id] for p in products]
    rows.append(_row(r.t("budget_fit"), [Shown(_fit(c, r.lang)) for c in tco], numeric=False))
    rows.append(_row(r.t("mode"), [Shown(word(c.mode, r.lang)) for c in tco], numeric=False))
    coverage = [snapshot.coverage[p.id] for p in products]
    gaps = [Shown(_needs(r, p.id, c.gaps)) for p, c in zip(products, coverage, strict=True)]
    rows.append(_row(r.t("gaps"), gaps, numeric=False))
    open_ = [Shown(_needs(r, p.id, c.to_confirm)) for p, c in zip(products, coverage, strict=True)]
    rows.append(_row(r.t("to_confirm_needs"), open_, numeric=False))
    return rows


def _rank_span(best: int, worst: int) -> str:
    return str(best) if best == worst else f"{best}–{worst}"


def _fit(cost: CostOut, lang: Lang) -> str:
    return word(cost.budget_fit, lang) if cost.budget_fit else t("unknown", lang)


def _needs(r: _Report, pid: str, names: Sequence[str]) -> str:
    kinds = {row.requirement: row.kind for row in r.snapshot.coverage[pid].rows}
    labels = [requirement_label(n, kinds.get(n, "capability"), r.lang) for n in names]
    return ", ".join(labels) or "–"


def _criterion_row(r: _Report, key: str) -> dict[str, Any]:
    snapshot = r.snapshot
    products = snapshot.products
    if key == "tco":
        values = [cost_total(snapshot.tco[p.id]) for p in products]
    else:
        values = [criterion_value(snapshot.matrix, p.id, key) for p in products]
    scale = r.scale(CRITERIA[key].unit)
    return _row(
        criterion_label(key, r.lang),
        [r.shown(v, scale) for v in values],
        weight=snapshot.weights_used.get(key),
        best=_best(r, key, values),
    )


def _best(r: _Report, key: str, values: Sequence[Ranged]) -> list[bool]:
    """Highlight the best value only when it is best whatever the unknown facts are: every
    value known, or a difference the evaluation found certain."""
    products = [p.id for p in r.snapshot.products]
    certain = next((d for d in r.snapshot.differences if d.criterion == key and d.certain), None)
    if certain is not None:
        return [pid == certain.best for pid in products]
    if not all(v.known for v in values):
        return [False] * len(values)
    means = [v.mean for v in values if v.mean is not None]
    top = min(means) if CRITERIA[key].objective == "min" else max(means)
    return [v.mean == top for v in values]


def _tco(r: _Report) -> dict[str, Any]:
    snapshot = r.snapshot
    years = max((len(c.years) for c in snapshot.tco.values()), default=0)
    rows = []
    for p in snapshot.products:
        cost = snapshot.tco[p.id]
        rows.append(
            {
                "product": r.names[p.id],
                "years": [r.shown(year_cost(cost, y), r.money_scale) for y in cost.years]
                + [Shown("–")] * (years - len(cost.years)),
                "total": r.shown(cost_total(cost), r.money_scale),
                "fit": _fit(cost, r.lang),
                "choice": cost_choice(cost, r.lang),
                "options": [_option(r, option) for option in cost.options],
            }
        )
    return {"years": list(range(1, years + 1)), "rows": rows, "chart": _tco_chart(r, years)}


def _tco_chart(r: _Report, years: int) -> Any:
    """Expected cost per year with its range; drawn only for the products with a bounded
    cost, and not at all when no product has one."""
    costs = [(p.id, r.snapshot.tco[p.id]) for p in r.snapshot.products]
    drawn = [(pid, cost) for pid, cost in costs if cost.years]
    if not drawn:
        return None
    return charts.grouped_columns(
        [f"{r.t('year')} {y}" for y in range(1, years + 1)],
        [(r.names[pid], [y.mean for y in cost.years]) for pid, cost in drawn],
        ranges=[None if cost.known else [(y.low, y.high) for y in cost.years] for _, cost in drawn],
        title=f"{r.t('tco_chart')} ({r.currency})",
        fmt=lambda v: number(v, r.lang),
    )


def _option(r: _Report, option: PriceOptionOut) -> dict[str, Any]:
    """One edition the client may buy: its list price with source and rate, or the catalog
    bounds its unknown price is drawn between, or unknown."""
    unit = word(option.unit, r.lang)
    row: dict[str, Any] = {
        "edition": option.edition_name or option.edition or "–",
        "seats": option.seats_billed,
        "known": option.known,
        "converted": "",
        "source": option.source or "",
        "as_of": option.as_of or "",
        "confidence": confidence_word(option.confidence, r.lang),
        "bounds": [_bound(r, b, k) for k, b in enumerate(option.bounds)],
    }
    if option.known:
        amount = number(option.list_amount, r.lang, 2)
        row["price"] = f"{amount} {option.list_currency or ''} {unit}"
        row["converted"] = _converted(r, option.low, option.rate)
    elif option.bounds:
        row["price"] = r.t(
            "unpublished_price",
            low=f"{number(option.low, r.lang, 2)} {r.currency}",
            high=f"{number(option.high, r.lang, 2)} {r.currency}",
            unit=unit,
        )
    else:
        row["price"] = r.t("unpublished_unbounded")
    return row


def _converted(r: _Report, amount: float | None, rate: RateOut | None) -> str:
    if rate is None or amount is None:
        return ""
    value = f"{number(amount, r.lang, 2)} {r.currency}"
    return f"{value} ({_rate_text(r, rate)})"


def _rate_text(r: _Report, rate: RateOut) -> str:
    text = r.t("rate_value", c=rate.currency, v=_plain(rate.value, r.lang), into=rate.into)
    source = r.t("rate_source_project") if rate.source == "project" else rate.source
    return f"{text}, {source}" + (f" {rate.as_of}" if rate.as_of else "")


def _bound(r: _Report, bound: PriceBoundOut, index: int) -> str:
    which = r.t("bound_low" if index == 0 else "bound_high")
    price = f"{number(bound.list_amount, r.lang, 2)} {bound.currency}"
    where = ", ".join(x for x in (bound.source or "", bound.as_of or "") if x)
    return f"{which}{colon(r.lang)} {bound.product_name} {bound.edition_name}, {price} ({where})"


def _plain(value: float, lang: Lang) -> str:
    """A number with no more decimals than it has (rates, days, hours)."""
    text = f"{value:.6g}" if not float(value).is_integer() else str(int(value))
    return text.replace(".", ",") if lang is Lang.FR else text


def _assumptions(r: _Report) -> list[dict[str, str]]:
    """The project's cost assumptions, each labelled with its unit."""
    tco = r.snapshot.inputs.project.tco
    rows = []
    for name in type(tco).model_fields:
        value = getattr(tco, name)
        rows.append({"label": assumption_label(name, r.lang), "value": _assumption(r, name, value)})
    return rows


def _assumption(r: _Report, name: str, value: Any) -> str:
    if value is None and name == "implementation_days":
        return r.t("implementation_per_product")
    if name == "exchange_rates":
        return _rates(r, value)
    if name == "editions":
        return _editions(r, value)
    unit = assumption_unit(name)
    if unit == "money":
        return r.money(float(value))
    if unit == "pct":
        return r.percent(float(value) / 100, 1)
    if unit in {"days", "hours"}:
        return f"{_plain(float(value), r.lang)} {r.t(unit)}"
    return value_text(value)


def _rates(r: _Report, rates: Mapping[str, float]) -> str:
    texts = [
        r.t("rate_value", c=code, v=_plain(rate, r.lang), into=r.currency)
        for code, rate in sorted(rates.items())
    ]
    return "; ".join(texts) or "–"


def _editions(r: _Report, editions: Mapping[str, str]) -> str:
    texts = [
        f"{r.names.get(pid, pid)}{colon(r.lang)} {_edition_name(r, pid, edition)}"
        for pid, edition in sorted(editions.items())
    ]
    return "; ".join(texts) or "–"


def _edition_name(r: _Report, pid: str, edition: str) -> str:
    cost = r.snapshot.tco.get(pid)
    options = cost.options if cost else []
    return next(
        (o.edition_name for o in options if o.edition == edition and o.edition_name), edition
    )


def _coverage(r: _Report) -> list[dict[str, Any]]:
    snapshot = r.snapshot
    products = snapshot.products
    if not products:
        return []
    rows = []
    for base in snapshot.coverage[products[0].id].rows:
        cells = []
        for p in products:
            row = next(x for x in snapshot.coverage[p.id].rows if x.requirement == base.requirement)
            cells.append(_coverage_cell(r, row))
        rows.append(
            {
                "label": requirement_label(base.requirement, base.kind, r.lang),
                "priority": word(base.priority, r.lang),
                "cells": cells,
            }
        )
    return rows


def _coverage_cell(r: _Report, row: CoverageRowOut) -> dict[str, str]:
    important = row.priority in {"must", "should"}
    css = {"gap": "gap" if important else "", "partial": "partial", "unknown": "confirm"}
    detail = []
    if row.availability not in {None, "included"}:
        detail.append(word(row.availability, r.lang))
    if row.depth is not None:
        detail.append(f"{number(row.depth, r.lang, 1)}\u00a0/\u00a05")
    text = coverage_word(row.status, r.lang)
    if detail:
        text += f" ({', '.join(detail)})"
    return {"text": text, "css": css.get(row.status, "")}


def _eliminated(r: _Report) -> list[str]:
    out = []
    for p in r.snapshot.products:
        if not p.eliminated:
            continue
        failed = [c for c in r.snapshot.knockouts[p.id].checks if c.status == "fail"]
        why = "; ".join(
            f"{constraint_label(c.constraint, r.lang)} "
            f"({check_detail(c, r.snapshot, p.id, r.lang)})"
            for c in failed
        )
        out.append(r.t("eliminated_by", p=p.name, c=colon(r.lang), why=why))
    return out


def _knockouts(r: _Report) -> list[dict[str, str]]:
    rows = []
    for p in r.snapshot.products:
        for check in r.snapshot.knockouts[p.id].checks:
            css = {"fail": "gap", "to_confirm": "confirm"}.get(check.status, "")
            rows.append(
                {
                    "product": r.names[p.id],
                    "constraint": constraint_label(check.constraint, r.lang),
                    "status": word(check.status, r.lang),
                    "css": css,
                    "detail": check_detail(check, r.snapshot, p.id, r.lang),
                    "facts": ", ".join(r.fact(p.id, path) for path in check.facts),
                }
            )
    return rows


def _robustness(r: _Report) -> dict[str, Any]:
    snapshot = r.snapshot
    robustness = snapshot.robustness
    smaa = robustness.joint_smaa or robustness.weights_smaa
    chart = None
    if smaa is not None:
        alternatives = smaa.alternatives
        ordered = [p.id for p in snapshot.products if p.id in alternatives]
        chart = charts.stacked_shares(
            [r.names[pid] for pid in ordered],
            [smaa.rank_acceptability[alternatives.index(pid)] for pid in ordered],
            [r.t("rank_n", n=k) for k in range(1, len(alternatives) + 1)],
            title=r.t("acceptability"),
            fmt=r.percent,
        )
    note = r.t("acceptability_note" if robustness.joint_smaa else "acceptability_weights_note")
    stability = robustness.stability
    intervals = [
        {
            "label": criterion_label(key, r.lang),
            "weight": r.percent(weight, 1),
            "low": r.percent(low, 1),
            "high": r.percent(high, 1),
        }
        for key, weight, (low, high) in zip(
            stability.criteria, stability.weights, stability.intervals, strict=True
        )
    ]
    agreement = robustness.agreement
    methods = [
        {
            "method": method.upper(),
            "ranking": " > ".join(r.names.get(p, p) for p in agreement.rankings.get(method, [])),
        }
        for method in agreement.methods
    ]
    return {
        "sentences": robustness_sentences(snapshot, r.lang),
        "products": _chances(r),
        "chart": chart,
        "chart_note": note if chart is not None else "",
        "stability": stability_sentence(stability, r.names, r.lang),
        "intervals": intervals,
        "methods": methods,
        "not_applicable": agreement.not_applicable,
    }


def _chances(r: _Report) -> list[dict[str, str]]:
    robustness = r.snapshot.robustness

    def share(shares: Mapping[str, float] | None, pid: str) -> str:
        return "–" if shares is None else r.percent(shares.get(pid))

    return [
        {
            "product": r.names[p.id],
            "rank": str(p.rank),
            "joint": r.percent(p.p_first),
            "weights": share(robustness.to_weights, p.id),
            "facts": share(robustness.to_facts, p.id),
            "ranks": _rank_span(p.best_rank, p.worst_rank),
            "likely": "–" if p.most_probable_rank is None else str(p.most_probable_rank),
            "evidence": r.percent(p.evidence.share),
        }
        for p in r.snapshot.products
    ]


def _questions(r: _Report) -> list[dict[str, Any]]:
    """Per product, the questions that settle its most influential unknown facts."""
    return [
        {
            "product": r.names[p.id],
            "questions": [
                {
                    "text": q.in_lang(r.lang),
                    "ask": ask_word(q.ask, r.lang),
                    "influence": r.percent(q.influence),
                }
                for q in p.questions
            ],
        }
        for p in r.snapshot.products
    ]


def _policies(r: _Report) -> list[dict[str, str]]:
    """How each kind of unknown fact this evaluation met is estimated."""
    kinds = sorted({u.kind for u in r.snapshot.unknowns})
    inputs = r.snapshot.inputs
    policies = inputs.policies_in(r.lang)
    return [{"kind": kind_word(k, r.lang), "text": policies[k]} for k in kinds if k in policies]
