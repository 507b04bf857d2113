"""An evaluation as one tidy CSV table: one measurement per row, the columns of `COLUMNS`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from service.exports.common import budget_currency, product_names
from service.selection.catalogue import CRITERIA

COLUMNS: dict[str, str] = {
    "section": "What the row measures: ranking, weight, criterion, contribution, dropped, tco, "
    "tco_total, coverage, knockout, acceptability, stability_low, stability_high, agreement, "
    "missing_fact, risk.",
    "product": "Product id; empty for rows about the project (weights, stability, agreement).",
    "product_name": "The product's name in the catalog.",
    "key": "What in the section: rank or score, a criterion, a cost item, a requirement, "
    "a knock-out constraint, rank_N, a method, a fact path or a change factor.",
    "year": "Year of the horizon (1 is the first) for tco rows; empty otherwise.",
    "value": "The number: rank, score, criterion value, amount, coverage or probability "
    "(0-1), weight (0-1), Kendall tau, readiness score (1-5).",
    "unit": "Unit of value: rank, score, share (0-1), %, 0-5, 1-5, tau, or the budget "
    "currency (ISO 4217) for amounts.",
    "status": "Outcome in one word: budget fit, coverage status, knock-out status, risk "
    "level, the winning product of a method, the criterion of a missing fact.",
    "detail": "Explanation in words (English).",
}


def csv_export(snapshot: Mapping[str, Any]) -> bytes:
    """Render the evaluation as one tidy CSV table (UTF-8, comma-separated, a header row)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    names = product_names(snapshot)
    for row in _rows(snapshot):
        row["product_name"] = names.get(row.get("product") or "", "")
        writer.writerow({column: _text(row.get(column)) for column in COLUMNS})
    return buffer.getvalue().encode("utf-8")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _rows(snapshot: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    result = snapshot["result"]
    matrix = snapshot["matrix"]
    products: list[str] = matrix["products"]
    currency = budget_currency(snapshot)
    for pid in result["ranking"]:
        i = result["alternatives"].index(pid)
        yield {
            "section": "ranking",
            "product": pid,
            "key": "rank",
            "value": result["ranks"][i],
            "unit": "rank",
        }
        yield {
            "section": "ranking",
            "product": pid,
            "key": "score",
            "value": result["scores"][i],
            "unit": "score",
            "detail": f"{result['method']} score",
        }
    for key, weight in snapshot["weights_used"].items():
        yield {"section": "weight", "key": key, "value": weight, "unit": "share"}
    for key, reason in matrix["dropped"].items():
        yield {"section": "dropped", "key": key, "detail": reason}
    for i, pid in enumerate(products):
        a = result["alternatives"].index(pid)
        for j, key in enumerate(matrix["criteria"]):
            yield {
                "section": "criterion",
                "product": pid,
                "key": key,
                "value": matrix["values"][i][j],
                "unit": CRITERIA[key].unit.replace("budget currency", currency),
            }
            yield {
                "section": "contribution",
                "product": pid,
                "key": key,
                "value": result["contributions"][a][j],
                "unit": "score",
            }
    for pid in products:
        cost = snapshot["tco"][pid]
        for year, amounts in enumerate(cost["years"], start=1):
            for item, amount in amounts.items():
                yield {
                    "section": "tco",
                    "product": pid,
                    "key": item,
                    "year": year,
                    "value": amount,
                    "unit": currency,
                }
        basis = cost["basis"]
        yield {
            "section": "tco_total",
            "product": pid,
            "key": "total",
            "value": cost["total"],
            "unit": currency,
            "status": cost.get("budget_fit"),
            "detail": "no usable price" if basis is None else basis["choice"],
        }
        for row in snapshot["coverage"][pid]["rows"]:
            yield {
                "section": "coverage",
                "product": pid,
                "key": row["requirement"],
                "value": row["coverage"],
                "unit": "share",
                "status": row["status"],
                "detail": f"{row['kind']}, priority {row['priority']}",
            }
        for check in snapshot["knockouts"][pid]["checks"]:
            yield {
                "section": "knockout",
                "product": pid,
                "key": check["constraint"],
                "status": check["status"],
                "detail": check["detail"],
            }
    yield from _robustness_rows(snapshot["robustness"])
    for item in snapshot["missing_facts"]:
        yield {
            "section": "missing_fact",
            "product": item["product"],
            "key": item["fact"],
            "status": item["criterion"],
            "detail": item["treatment"],
        }
    for risk in snapshot["risks"]:
        yield {
            "section": "risk",
            "key": risk["factor"],
            "value": risk["score"],
            "unit": "1-5",
            "status": risk["level"],
            "detail": risk["advice_en"],
        }


def _robustness_rows(robustness: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    smaa = robustness["smaa"]
    if smaa is not None:
        for i, pid in enumerate(smaa["alternatives"]):
            for k, share in enumerate(smaa["rank_acceptability"][i], start=1):
                yield {
                    "section": "acceptability",
                    "product": pid,
                    "key": f"rank_{k}",
                    "value": share,
                    "unit": "share",
                }
    stability = robustness["stability"]
    if stability is not None:
        for key, (low, high) in zip(stability["criteria"], stability["intervals"], strict=True):
            yield {"section": "stability_low", "key": key, "value": low, "unit": "share"}
            yield {"section": "stability_high", "key": key, "value": high, "unit": "share"}
    agreement = robustness["agreement"]
    tau = agreement["kendall_tau"]
    for i, method in enumerate(agreement["methods"]):
        yield {
            "section": "agreement",
            "key": method,
            "value": None if tau is None else tau[0][i],
            "unit": "tau",
            "status": agreement["winners"].get(method),
            "detail": " > ".join(agreement["rankings"].get(method, [])),
        }
