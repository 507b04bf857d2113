"""An evaluation as one tidy CSV table: one measurement per row, the columns of `COLUMNS`.

A measurement whose facts are not all known has ``status`` ``estimated``: ``value`` is then its
expected value and ``low``/``high`` bound it; ``unknown`` leaves all three empty. A text that a
spreadsheet could read as a formula starts with ``'`` (`service.spreadsheet_cells`)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from service.exports.common import budget_currency
from service.exports.values import (
    Ranged,
    cost_total,
    criterion_value,
    option_price,
    roi_certainty,
    year_cost,
)
from service.i18n import Lang
from service.selection.registry import CRITERIA
from service.selection.snapshot import (
    CostOut,
    PriceOptionOut,
    Robustness,
    RoiOut,
    Snapshot,
    Spread,
)
from service.spreadsheet_cells import CsvTable

COLUMNS: dict[str, str] = {
    "section": "What the row measures: ranking, weight, left_out, criterion, contribution, "
    "tco, tco_year, tco_total, price, coverage, knockout, p_first, verdict, acceptability, "
    "stability_low, stability_high, agreement, unknown_fact, question, low_confidence, risk, "
    "roi, roi_year, gain_line, vigilance.",
    "product": "Product id; empty for rows about the project (weights, stability, agreement).",
    "product_name": "The product's name in the catalog.",
    "key": "What in the section: rank, score, best_rank, worst_rank or evidence (ranking); "
    "a criterion; a cost item or total; an edition (price); a requirement; a knock-out "
    "constraint; joint, to_weights or to_facts (p_first); rank_N; a method; a fact path "
    "(unknown_fact, question, low_confidence); a change factor.",
    "year": "Year of the horizon (1 is the first) for tco and tco_year rows; empty otherwise.",
    "value": "The number: rank, score, criterion value, amount, probability or share (0-1), "
    "weight (0-1), Kendall tau, readiness score (1-5), a question's influence (0-1). For an "
    "estimated measurement, its expected value under the stated policies (empty for a price "
    "between catalog bounds: it is drawn log-uniformly, with no single expected list price).",
    "low": "Lowest value the unknown facts allow (equal to value when known): of a criterion, "
    "a cost, a price, a score (over the completions of the unknown facts), an unknown fact.",
    "high": "Highest value the unknown facts allow (equal to value when known).",
    "unit": "Unit of value: rank, score, share (0-1), %, 0-5, 1-5, tau; the budget currency "
    "(ISO 4217) for amounts; that currency and the price unit (EUR user_month) for list "
    "prices; the kind of fact (availability, price...) for unknown_fact rows.",
    "status": "For a number that rests on vendor facts (criterion, tco, tco_year, tco_total, "
    "price, unknown_fact): known, estimated (a range) or unknown (no bound). Otherwise the "
    "outcome in one word: eliminated (ranking), budget fit, coverage status (covered, "
    "partial, gap = known missing, unknown = to confirm), knock-out status (pass, fail, "
    "to_confirm), verdict, who answers a question (vendor, demo), confidence, risk level, "
    "the winning product of a method.",
    "detail": "Explanation in words, in English; the questions (section question) are in the "
    "export's language.",
}


def csv_export(snapshot: Snapshot, lang: Lang = Lang.EN) -> bytes:
    """Render the evaluation as one tidy CSV table (UTF-8, comma-separated, a header row)."""
    buffer = io.StringIO()
    table = CsvTable(buffer, COLUMNS)
    names = snapshot.names
    for row in _rows(snapshot, lang):
        row["product_name"] = names.get(row.get("product") or "", "")
        table.row(_cell(row.get(column)) for column in COLUMNS)
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value  # the csv module writes a float as its repr: every digit kept
    return str(value)


def _ranged(value: Ranged) -> dict[str, Any]:
    return {
        "value": value.mean,
        "low": value.low,
        "high": value.high,
        "status": value.certainty.value,
    }


def _rows(snapshot: Snapshot, lang: Lang) -> Iterator[dict[str, Any]]:
    yield from _ranking_rows(snapshot)
    for key, weight in snapshot.weights_used.items():
        yield {"section": "weight", "key": key, "value": weight, "unit": "share"}
    for item in snapshot.left_out:
        yield {
            "section": "left_out",
            "key": item.criterion,
            "value": item.weight_share,
            "unit": "share",
            "detail": item.reason,
        }
    yield from _criterion_rows(snapshot)
    currency = budget_currency(snapshot)
    for pid in snapshot.matrix.products:
        yield from _cost_rows(pid, snapshot.tco[pid], currency)
        yield from _coverage_rows(snapshot, pid)
    yield from _robustness_rows(snapshot.robustness)
    yield from _unknown_rows(snapshot, lang)
    for weak in snapshot.low_confidence_inputs:
        yield {
            "section": "low_confidence",
            "product": weak.product,
            "key": weak.fact,
            "status": weak.confidence,
            "detail": ("inferred; " if weak.inferred else "") + (weak.source or ""),
        }
    for risk in snapshot.risks:
        yield {
            "section": "risk",
            "key": risk.factor,
            "value": risk.score,
            "unit": "1-5",
            "status": risk.level,
            "detail": risk.advice_en,
        }
    for pid, out in snapshot.roi.items():
        yield from _roi_rows(pid, out)
    for point in snapshot.vigilance:
        yield {
            "section": "vigilance",
            "key": point.requirement,
            "value": point.habit_change,
            "unit": "1-5",
            "status": point.level,
            "detail": f"customer impact {point.customer_impact}/5"
            + ("; to reconsider" if point.reconsider else "")
            + f". {point.advice_en}",
        }


_ROI_UNITS = {"roi": "share", "payback_years": "years"}


def _roi_rows(pid: str, out: RoiOut) -> Iterator[dict[str, Any]]:
    """A product's ROI figures, its years and how each stated gain line counts for it."""
    status = roi_certainty(out).value
    figures = {
        "gains": out.gains,
        "costs": out.costs,
        "net_benefit": out.net_benefit,
        "roi": out.roi,
        "payback_years": out.payback_years,
    }
    for key, figure in figures.items():
        yield {
            "section": "roi",
            "product": pid,
            "key": key,
            "unit": _ROI_UNITS.get(key, out.currency),
            **_spread(figure, status),
            "detail": _ROI_DETAILS.get(key, "") if status != "unknown" else "cost not ranged",
        }
    for year in out.years:
        for key, figure in (("net", year.net), ("cumulative", year.cumulative)):
            yield {
                "section": "roi_year",
                "product": pid,
                "key": key,
                "year": year.year,
                "unit": out.currency,
                **_spread(figure, status),
            }
    for line in out.lines:
        yield {
            "section": "gain_line",
            "product": pid,
            "key": f"line_{line.line}",
            "value": line.per_year_expected,
            "low": line.per_year_low,
            "high": line.per_year_high,
            "unit": out.currency,
            "status": line.status,
            "detail": f"{line.label_en}, from year {line.from_year}"
            + (f"; basis: {line.basis}" if line.basis else "")
            + (f"; capabilities: {', '.join(line.capabilities)}" if line.capabilities else ""),
        }


_ROI_DETAILS = {
    "gains": "stated by the client, over the horizon",
    "costs": "the TCO over the horizon",
    "payback_years": "years until the cumulative net benefit stays at or above 0; empty low "
    "or high: beyond the horizon",
}


def _spread(figure: Spread | None, status: str) -> dict[str, Any]:
    """A figure's expected value and its range from lowest to highest (a payback's missing
    end, beyond the horizon, stays empty)."""
    if figure is None:
        return {"status": "unknown"}
    ends = [v for v in (figure.pessimistic, figure.optimistic) if v is not None]
    low, high = (min(ends), max(ends)) if len(ends) == 2 else (None, None)
    if figure.pessimistic is None and figure.optimistic is not None:
        low = figure.optimistic  # never paid back at worst: the high end stays open
    return {"value": figure.expected, "low": low, "high": high, "status": status}


def _ranking_rows(snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    method = snapshot.result.method
    for outcome in snapshot.products:
        base = {"section": "ranking", "product": outcome.id}
        status = "eliminated" if outcome.eliminated else None
        yield {**base, "key": "rank", "value": outcome.rank, "unit": "rank", "status": status}
        yield {
            **base,
            "key": "score",
            "value": outcome.score,
            "low": outcome.score_low,
            "high": outcome.score_high,
            "unit": "score",
            "detail": f"{method} score at the expected values; low and high over the "
            "completions of the unknown facts",
        }
        yield {**base, "key": "best_rank", "value": outcome.best_rank, "unit": "rank"}
        yield {**base, "key": "worst_rank", "value": outcome.worst_rank, "unit": "rank"}
        yield {
            **base,
            "key": "evidence",
            "value": outcome.evidence.share,
            "unit": "share",
            "detail": f"{outcome.evidence.known} facts known, {outcome.evidence.unknown} unknown",
        }


def _criterion_rows(snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    matrix = snapshot.matrix
    result = snapshot.result
    currency = budget_currency(snapshot)
    for pid in matrix.products:
        a = result.alternatives.index(pid)
        for j, key in enumerate(matrix.criteria):
            unit = CRITERIA[key].unit
            yield {
                "section": "criterion",
                "product": pid,
                "key": key,
                "unit": currency if unit == "currency" else unit,
                **_ranged(criterion_value(matrix, pid, key)),
            }
            yield {
                "section": "contribution",
                "product": pid,
                "key": key,
                "value": result.contributions[a][j],
                "unit": "score",
                "detail": "at the expected values",
            }


def _cost_rows(pid: str, cost: CostOut, currency: str) -> Iterator[dict[str, Any]]:
    certainty = "known" if cost.known else "estimated"
    for number, items in enumerate(cost.items_by_year, start=1):
        for item, amount in items.items():
            yield {
                "section": "tco",
                "product": pid,
                "key": item,
                "year": number,
                "value": amount,
                "unit": currency,
                "status": certainty,
                "detail": None if cost.known else "expected amount",
            }
    for year in cost.years:
        yield {
            "section": "tco_year",
            "product": pid,
            "key": "year_total",
            "year": year.year,
            "unit": currency,
            **_ranged(year_cost(cost, year)),
        }
    yield {
        "section": "tco_total",
        "product": pid,
        "key": "total",
        "unit": currency,
        **_ranged(cost_total(cost)),
        "detail": cost.choice,
    }
    yield {
        "section": "tco_total",
        "product": pid,
        "key": "budget_fit",
        "status": cost.budget_fit,
    }
    for option in cost.options:
        yield _price_row(pid, option, currency)


def _price_row(pid: str, option: PriceOptionOut, currency: str) -> dict[str, Any]:
    return {
        "section": "price",
        "product": pid,
        "key": option.edition or "",
        "unit": f"{currency} {option.unit}",
        **_ranged(option_price(option)),
        "detail": _price_detail(option, currency),
    }


def _price_detail(option: PriceOptionOut, currency: str) -> str:
    if option.known:
        rate = f" at {option.rate.value} {currency}" if option.rate else ""
        return (
            f"list price {option.list_amount} {option.list_currency}{rate}; "
            f"{option.source or 'no source'} ({option.as_of or 'undated'})"
        )
    if not option.bounds:
        return "no published price and no catalog bound"
    return "no published price; catalog bounds: " + "; ".join(
        f"{b.product_name} {b.edition_name} {b.list_amount} {b.currency} "
        f"({b.source or 'no source'}, {b.as_of or 'undated'})"
        for b in option.bounds
    )


def _coverage_rows(snapshot: Snapshot, pid: str) -> Iterator[dict[str, Any]]:
    for row in snapshot.coverage[pid].rows:
        yield {
            "section": "coverage",
            "product": pid,
            "key": row.requirement,
            "value": row.depth,
            "unit": "0-5" if row.depth is not None else None,
            "status": row.status,
            "detail": f"{row.kind}, priority {row.priority}, availability "
            f"{row.availability or 'unknown'}"
            + (f" in {', '.join(row.in_editions)}" if row.in_editions else ""),
        }
    for check in snapshot.knockouts[pid].checks:
        yield {
            "section": "knockout",
            "product": pid,
            "key": check.constraint,
            "status": check.status,
            "detail": check.detail + (f" (facts: {', '.join(check.facts)})" if check.facts else ""),
        }


def _robustness_rows(robustness: Robustness) -> Iterator[dict[str, Any]]:
    for key, shares in (
        ("joint", robustness.joint),
        ("to_weights", robustness.to_weights),
        ("to_facts", robustness.to_facts),
    ):
        for pid, share in (shares or {}).items():
            yield {
                "section": "p_first",
                "product": pid,
                "key": key,
                "value": share,
                "unit": "share",
            }
    yield {
        "section": "verdict",
        "product": robustness.winner,
        "key": "verdict",
        "value": robustness.threshold,
        "unit": "share",
        "status": robustness.verdict,
        "detail": "value is the share of draws the winner must stay first in, both to the "
        "weights and to the facts, to be robust",
    }
    smaa = robustness.joint_smaa or robustness.weights_smaa
    if smaa is not None:
        detail = "joint draws" if robustness.joint_smaa is not None else "weight draws"
        for i, pid in enumerate(smaa.alternatives):
            for k, share in enumerate(smaa.rank_acceptability[i], start=1):
                yield {
                    "section": "acceptability",
                    "product": pid,
                    "key": f"rank_{k}",
                    "value": share,
                    "unit": "share",
                    "detail": detail,
                }
    stability = robustness.stability
    for key, (low, high) in zip(stability.criteria, stability.intervals, strict=True):
        yield {"section": "stability_low", "key": key, "value": low, "unit": "share"}
        yield {"section": "stability_high", "key": key, "value": high, "unit": "share"}
    agreement = robustness.agreement
    tau = agreement.kendall_tau
    for i, method in enumerate(agreement.methods):
        yield {
            "section": "agreement",
            "key": method,
            "value": None if tau is None else tau[0][i],
            "unit": "tau",
            "status": agreement.winners.get(method),
            "detail": " > ".join(agreement.rankings.get(method, [])),
        }


def _unknown_rows(snapshot: Snapshot, lang: Lang) -> Iterator[dict[str, Any]]:
    policies = snapshot.inputs.policies
    for fact in snapshot.unknowns:
        yield {
            "section": "unknown_fact",
            "product": fact.product,
            "key": fact.path,
            "value": fact.mean,
            "low": fact.low,
            "high": fact.high,
            "unit": fact.kind,
            "status": "estimated",
            "detail": policies.get(fact.kind),
        }
        question = fact.question
        yield {
            "section": "question",
            "product": fact.product,
            "key": fact.path,
            "value": question.influence,
            "unit": "share",
            "status": question.ask,
            "detail": question.in_lang(lang),
        }
