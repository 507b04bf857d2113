"""The evaluation report as one self-contained HTML page, in French or English: the comparison
table of the compared solutions, charts, TCO, coverage, robustness, change risks and sources.
Inline CSS and SVG only, so it renders (and prints to PDF) with no network access."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from service.exports import charts
from service.exports.common import (
    EvaluationMeta,
    Lang,
    budget_currency,
    criterion_label,
    product_names,
    rank_of,
    ranked_products,
    requirement_label,
    score_of,
    sources,
    value_text,
)
from service.exports.texts import stability_sentence, t, word
from service.selection.registry import CRITERIA


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("service.exports", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def number(value: float | None, lang: Lang, digits: int = 0) -> str:
    """A number with the thousands separator and decimal mark of `lang`."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang is Lang.FR:
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(value: float | None, lang: Lang, digits: int = 0) -> str:
    """A share (0-1) as a percentage in the typography of `lang`."""
    if value is None:
        return "–"
    text = number(100 * value, lang, digits)
    return f"{text}\u202f%" if lang is Lang.FR else f"{text}%"


def html_report(snapshot: Mapping[str, Any], meta: EvaluationMeta, *, lang: Lang) -> str:
    """Render the evaluation report as a self-contained HTML page."""
    names = product_names(snapshot)
    order = ranked_products(snapshot)
    currency = budget_currency(snapshot)
    project = snapshot["inputs"]["project"]

    def money(value: float | None) -> str:
        return "–" if value is None else f"{number(value, lang)} {currency}"

    def text(key: str, **values: object) -> str:
        return t(key, lang, **values)

    context = {
        "lang": lang.value,
        "colon": "\u00a0:" if lang is Lang.FR else ":",
        "t": text,
        "word": lambda value: word(value, lang),
        "money": money,
        "percent": lambda value, digits=0: percent(value, lang, digits),
        "number": lambda value, digits=0: number(value, lang, digits),
        "meta": meta,
        "project": project,
        "context_label": word(project["context"], lang),
        "users": sum(project.get("users", {}).values()),
        "budget": project.get("budget"),
        "currency": currency,
        "summary": snapshot["summary"][lang.value],
        "products": [{"id": pid, "name": names[pid]} for pid in order],
        "comparison": _comparison(snapshot, order, lang, money),
        "scores_chart": charts.bars(
            [names[pid] for pid in order],
            [score_of(snapshot, pid) for pid in order],
            title=f"{text('scores_chart')} ({meta.method.upper()})",
            fmt=lambda v: number(v, lang, 3),
        ),
        "tco": _tco(snapshot, order, names, lang, money),
        "assumptions": project.get("tco", {}),
        "coverage": _coverage(snapshot, order, lang),
        "knockouts": [
            {"product": names[pid], "checks": snapshot["knockouts"][pid]["checks"]} for pid in order
        ],
        "robustness": _robustness(snapshot, order, names, lang),
        "risks": snapshot["risks"],
        "missing": snapshot["missing_facts"],
        "low_confidence": snapshot["low_confidence_inputs"],
        "sources": [
            {
                "product": names[row.product],
                "fact": row.fact,
                "value": value_text(row.value),
                "source": row.source,
                "as_of": row.as_of.isoformat() if row.as_of else "",
                "confidence": row.confidence or "",
                "rated_by": row.rated_by or "",
            }
            for row in sources(snapshot)
        ],
        "names": names,
        "input_hash": snapshot["input_hash"],
    }
    return _environment().get_template("report.html").render(context)


def _comparison(
    snapshot: Mapping[str, Any], order: Sequence[str], lang: Lang, money: Any
) -> list[dict[str, Any]]:
    """Rows of the comparison table (004 §08): each criterion with its weight and values."""
    matrix = snapshot["matrix"]
    products: list[str] = matrix["products"]
    rows: list[dict[str, Any]] = [
        {
            "label": t("rank", lang),
            "weight": None,
            "numeric": True,
            "cells": [str(rank_of(snapshot, pid)) for pid in order],
            "best": [rank_of(snapshot, pid) == 1 for pid in order],
        },
        {
            "label": f"{t('score', lang)} ({snapshot['result']['method'].upper()})",
            "weight": None,
            "numeric": True,
            "cells": [number(score_of(snapshot, pid), lang, 3) for pid in order],
            "best": [rank_of(snapshot, pid) == 1 for pid in order],
        },
    ]
    for j, key in enumerate(matrix["criteria"]):
        values = [matrix["values"][products.index(pid)][j] for pid in order]
        best = min(values) if matrix["objectives"][j] == "min" else max(values)
        unit = CRITERIA[key].unit
        cells = [
            money(v)
            if key == "tco"
            else f"{number(v, lang)}\u202f%"
            if unit == "%"
            else f"{number(v, lang, 2)} / 5"
            for v in values
        ]
        rows.append(
            {
                "label": criterion_label(key, lang),
                "weight": snapshot["weights_used"][key],
                "numeric": True,
                "cells": cells,
                "best": [v == best for v in values],
            }
        )
    rows.append(
        {
            "label": t("budget_fit", lang),
            "weight": None,
            "numeric": False,
            "cells": [
                word(snapshot["tco"][pid].get("budget_fit"), lang)
                if snapshot["tco"][pid].get("budget_fit")
                else "–"
                for pid in order
            ],
            "best": [False for _ in order],
        }
    )
    rows.append(
        {
            "label": t("mode", lang),
            "weight": None,
            "numeric": False,
            "cells": [word(snapshot["tco"][pid]["mode"], lang) for pid in order],
            "best": [False for _ in order],
        }
    )
    rows.append(
        {
            "label": t("gaps", lang),
            "weight": None,
            "numeric": False,
            "cells": [
                ", ".join(
                    requirement_label(gap, _kind(snapshot, pid, gap), lang)
                    for gap in snapshot["coverage"][pid]["gaps"]
                )
                or "–"
                for pid in order
            ],
            "best": [False for _ in order],
        }
    )
    return rows


def _kind(snapshot: Mapping[str, Any], pid: str, requirement: str) -> str:
    for row in snapshot["coverage"][pid]["rows"]:
        if row["requirement"] == requirement:
            return str(row["kind"])
    return "capability"


def _tco(
    snapshot: Mapping[str, Any],
    order: Sequence[str],
    names: Mapping[str, str],
    lang: Lang,
    money: Any,
) -> dict[str, Any]:
    years = max((len(snapshot["tco"][pid]["year_totals"]) for pid in order), default=0)
    rows = []
    for pid in order:
        cost = snapshot["tco"][pid]
        basis = cost["basis"]
        rows.append(
            {
                "product": names[pid],
                "years": [money(v) for v in cost["year_totals"]],
                "total": money(cost["total"]),
                "fit": word(cost.get("budget_fit"), lang) if cost.get("budget_fit") else "–",
                "basis": None
                if basis is None
                else {
                    "edition": basis["edition_name"],
                    "price": f"{number(basis['amount'], lang, 2)} {basis['currency']}",
                    "unit": basis["unit"],
                    "seats": basis["seats_billed"],
                    "choice": basis["choice"],
                    "source": basis["source"],
                    "as_of": basis["as_of"],
                },
            }
        )
    chart = charts.grouped_columns(
        [f"{t('year', lang)} {y}" for y in range(1, years + 1)],
        [(names[pid], snapshot["tco"][pid]["year_totals"]) for pid in order],
        title=f"{t('tco_chart', lang)} ({budget_currency(snapshot)})",
        fmt=lambda v: number(v, lang),
    )
    return {"years": list(range(1, years + 1)), "rows": rows, "chart": chart}


def _coverage(
    snapshot: Mapping[str, Any], order: Sequence[str], lang: Lang
) -> list[dict[str, Any]]:
    coverage = snapshot["coverage"]
    if not order:
        return []
    rows = []
    for base in coverage[order[0]]["rows"]:
        cells = []
        for pid in order:
            row = next(r for r in coverage[pid]["rows"] if r["requirement"] == base["requirement"])
            cells.append(
                {
                    "text": word(row["status"], lang)
                    + ("" if row["coverage"] is None else f" ({percent(row['coverage'], lang)})"),
                    "gap": row["status"] in {"gap", "unknown"}
                    and row["priority"] in {"must", "should"},
                    "partial": row["status"] == "partial",
                }
            )
        rows.append(
            {
                "label": requirement_label(base["requirement"], base["kind"], lang),
                "priority": word(base["priority"], lang),
                "cells": cells,
            }
        )
    return rows


def _robustness(
    snapshot: Mapping[str, Any], order: Sequence[str], names: Mapping[str, str], lang: Lang
) -> dict[str, Any]:
    robustness = snapshot["robustness"]
    smaa = robustness["smaa"]
    chart = None
    if smaa is not None:
        alternatives: list[str] = smaa["alternatives"]
        chart = charts.stacked_shares(
            [names[pid] for pid in order],
            [smaa["rank_acceptability"][alternatives.index(pid)] for pid in order],
            [t("rank_n", lang, n=k) for k in range(1, len(alternatives) + 1)],
            title=t("acceptability", lang),
        )
    stability = robustness["stability"]
    intervals = []
    if stability is not None:
        intervals = [
            {
                "label": criterion_label(key, lang),
                "weight": percent(weight, lang, 1),
                "low": percent(low, lang, 1),
                "high": percent(high, lang, 1),
            }
            for key, weight, (low, high) in zip(
                stability["criteria"], stability["weights"], stability["intervals"], strict=True
            )
        ]
    agreement = robustness["agreement"]
    methods = [
        {
            "method": method.upper(),
            "ranking": " > ".join(names.get(p, p) for p in agreement["rankings"].get(method, [])),
        }
        for method in agreement["methods"]
    ]
    return {
        "chart": chart,
        "stability": None if stability is None else stability_sentence(stability, names, lang),
        "intervals": intervals,
        "methods": methods,
        "not_applicable": agreement["not_applicable"],
    }
