"""An evaluation as an XLSX workbook: Summary, Criteria, TCO, Requirements, Robustness, Sources
and Missing facts; typed cells with number formats, frozen header rows and charts."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

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

SHEETS = (
    "Summary",
    "Criteria",
    "TCO",
    "Requirements",
    "Robustness",
    "Sources",
    "Missing facts",
)
MONEY = "#,##0"
SCORE = "0.0000"
PERCENT = "0.0%"
NUMBER = "#,##0.00"


class _Writer:
    """Formats shared by the sheets, and a typed-cell writer."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.header = book.add_format(
            {"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF", "text_wrap": True}
        )
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.formats = {
            fmt: book.add_format({"num_format": fmt})
            for fmt in (MONEY, SCORE, PERCENT, NUMBER, "yyyy-mm-dd", "yyyy-mm-dd hh:mm")
        }
        self.gap = book.add_format({"bg_color": "#F8D7DA", "font_color": "#842029"})
        self.gap_percent = book.add_format(
            {"bg_color": "#F8D7DA", "font_color": "#842029", "num_format": PERCENT}
        )
        self.partial_percent = book.add_format({"bg_color": "#FFF3CD", "num_format": PERCENT})

    def cell(
        self, sheet: Worksheet, row: int, col: int, value: Any, fmt: str | None = None
    ) -> None:
        """Write `value` with the cell type its Python type calls for."""
        style = self.formats.get(fmt) if fmt else None
        if value is None:
            sheet.write_blank(row, col, None, style)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, style)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, style)
        elif isinstance(value, datetime):
            sheet.write_datetime(
                row, col, value.replace(tzinfo=None), self.formats["yyyy-mm-dd hh:mm"]
            )
        elif isinstance(value, date):
            sheet.write_datetime(row, col, value, self.formats["yyyy-mm-dd"])
        else:
            sheet.write_string(row, col, str(value), style)

    def table(
        self,
        sheet: Worksheet,
        top: int,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        formats: Sequence[str | None] = (),
    ) -> int:
        """Write a header row and `rows` from `top`; return the first free row after them."""
        sheet.write_row(top, 0, headers, self.header)
        for r, values in enumerate(rows, start=top + 1):
            for c, value in enumerate(values):
                self.cell(sheet, r, c, value, formats[c] if c < len(formats) else None)
        return top + len(rows) + 2


def xlsx_export(snapshot: Mapping[str, Any], meta: EvaluationMeta, *, lang: Lang) -> bytes:
    """Render the evaluation as an XLSX workbook."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    writer = _Writer(book)
    names = product_names(snapshot)
    order = ranked_products(snapshot)
    _summary(writer, snapshot, meta, names, order, lang)
    _criteria(writer, snapshot, names, order, lang)
    _tco(writer, snapshot, names, order, lang)
    _requirements(writer, snapshot, names, order, lang)
    _robustness(writer, snapshot, names, order, lang)
    _sources(writer, snapshot, names, lang)
    _missing(writer, snapshot, names, lang)
    book.close()
    return buffer.getvalue()


def _summary(
    w: _Writer,
    snapshot: Mapping[str, Any],
    meta: EvaluationMeta,
    names: Mapping[str, str],
    order: Sequence[str],
    lang: Lang,
) -> None:
    sheet = w.book.add_worksheet("Summary")
    currency = budget_currency(snapshot)
    headers = [
        t("rank", lang),
        t("product", lang),
        "id",
        t("score", lang),
        t("tco", lang),
        t("currency", lang),
        t("budget_fit", lang),
        t("mode", lang),
        t("gaps", lang),
    ]
    rows = []
    for pid in order:
        cost = snapshot["tco"][pid]
        gaps = snapshot["coverage"][pid]["gaps"]
        rows.append(
            [
                rank_of(snapshot, pid),
                names[pid],
                pid,
                score_of(snapshot, pid),
                cost["total"],
                currency,
                word(cost.get("budget_fit"), lang) if cost.get("budget_fit") else None,
                word(cost["mode"], lang),
                ", ".join(gaps),
            ]
        )
    end = w.table(sheet, 0, headers, rows, [None, None, None, SCORE, MONEY])
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 7)
    sheet.set_column(1, 2, 24)
    sheet.set_column(3, 7, 14)
    sheet.set_column(8, 8, 40)
    sheet.write_string(end, 0, t("why", lang), w.title)
    sheet.merge_range(end + 1, 0, end + 6, 8, snapshot["summary"][lang.value], w.wrap)
    info_top = end + 8
    project = snapshot["inputs"]["project"]
    info: list[tuple[str, Any]] = [
        (t("client", lang), project["client_name"]),
        (t("context", lang), word(project["context"], lang)),
        (t("evaluation", lang), str(meta.id)),
        (t("method", lang), meta.method.upper()),
        (t("date", lang), meta.created_at),
        (t("made_by", lang), meta.created_by),
        (t("catalog_version", lang), str(meta.catalog_version or "")),
        (t("input_hash", lang), snapshot["input_hash"]),
    ]
    for offset, (label, value) in enumerate(info):
        sheet.write_string(info_top + offset, 0, label, w.bold)
        w.cell(sheet, info_top + offset, 1, value)
    chart = w.book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": t("score", lang),
            "categories": ["Summary", 1, 1, len(order), 1],
            "values": ["Summary", 1, 3, len(order), 3],
            "data_labels": {"value": True, "num_format": "0.000"},
        }
    )
    chart.set_title({"name": t("scores_chart", lang)})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    sheet.insert_chart(0, 10, chart)


def _criteria(
    w: _Writer,
    snapshot: Mapping[str, Any],
    names: Mapping[str, str],
    order: Sequence[str],
    lang: Lang,
) -> None:
    sheet = w.book.add_worksheet("Criteria")
    matrix = snapshot["matrix"]
    products: list[str] = matrix["products"]
    result = snapshot["result"]
    headers = [t("key", lang), t("criterion", lang), t("objective", lang), t("weight", lang)]
    headers += [names[pid] for pid in order]
    headers += [f"{names[pid]} – {t('contribution', lang)}" for pid in order]
    rows = []
    for j, key in enumerate(matrix["criteria"]):
        values = [matrix["values"][products.index(pid)][j] for pid in order]
        contributions = [
            result["contributions"][result["alternatives"].index(pid)][j] for pid in order
        ]
        rows.append(
            [
                key,
                criterion_label(key, lang),
                word(matrix["objectives"][j], lang),
                snapshot["weights_used"][key],
                *values,
                *contributions,
            ]
        )
    n = len(order)
    formats: list[str | None] = [None, None, None, PERCENT, *[NUMBER] * n, *[SCORE] * n]
    end = w.table(sheet, 0, headers, rows, formats)
    sheet.freeze_panes(1, 2)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 3 + 2 * n, 16)
    dropped = [[key, criterion_label(key, lang), why] for key, why in matrix["dropped"].items()]
    if dropped:
        sheet.write_string(end, 0, t("dropped", lang), w.title)
        w.table(sheet, end + 1, [t("key", lang), t("criterion", lang), t("reason", lang)], dropped)


def _tco(
    w: _Writer,
    snapshot: Mapping[str, Any],
    names: Mapping[str, str],
    order: Sequence[str],
    lang: Lang,
) -> None:
    sheet = w.book.add_worksheet("TCO")
    items: list[str] = []
    for pid in order:
        for item in snapshot["tco"][pid]["item_totals"]:
            if item not in items:
                items.append(item)
    headers = [t("product", lang), "id", t("year", lang), *items]
    headers += [t("year_total", lang), t("cumulative", lang)]
    rows: list[list[Any]] = []
    spans: dict[str, tuple[int, int]] = {}
    for pid in order:
        cost = snapshot["tco"][pid]
        first = len(rows) + 1
        cumulative = 0.0
        for year, (amounts, total) in enumerate(
            zip(cost["years"], cost["year_totals"], strict=True), start=1
        ):
            cumulative += total
            rows.append(
                [names[pid], pid, year, *[amounts.get(i) for i in items], total, cumulative]
            )
        if cost["years"]:
            spans[pid] = (first, len(rows))
    formats: list[str | None] = [None, None, None, *[MONEY] * (len(items) + 2)]
    end = w.table(sheet, 0, headers, rows, formats)
    sheet.freeze_panes(1, 3)
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, 2, 7)
    sheet.set_column(3, len(headers), 15)
    total_col = len(headers) - 2
    chart = w.book.add_chart({"type": "column"})
    for pid, (first, last) in spans.items():
        chart.add_series(
            {
                "name": names[pid],
                "categories": ["TCO", first, 2, last, 2],
                "values": ["TCO", first, total_col, last, total_col],
            }
        )
    chart.set_title({"name": t("tco_chart", lang)})
    chart.set_x_axis({"name": t("year", lang)})
    chart.set_y_axis({"num_format": MONEY, "name": budget_currency(snapshot)})
    sheet.insert_chart(end, 0, chart, {"x_scale": 1.4})
    basis_top = end + 17
    sheet.write_string(basis_top, 0, t("list_price", lang), w.title)
    basis_headers = [
        t("product", lang),
        "id",
        t("mode", lang),
        t("edition", lang),
        t("list_price", lang),
        t("currency", lang),
        t("price_unit", lang),
        t("seats", lang),
        t("total", lang),
        t("source", lang),
        t("as_of", lang),
        t("confidence", lang),
        t("reason", lang),
    ]
    basis_rows = []
    for pid in order:
        cost = snapshot["tco"][pid]
        basis = cost["basis"] or {}
        basis_rows.append(
            [
                names[pid],
                pid,
                word(cost["mode"], lang),
                basis.get("edition_name"),
                basis.get("amount"),
                basis.get("currency"),
                basis.get("unit"),
                basis.get("seats_billed"),
                cost["total"],
                basis.get("source"),
                _date(basis.get("as_of")),
                basis.get("confidence"),
                basis.get("choice") or t("no_price", lang),
            ]
        )
    w.table(
        sheet,
        basis_top + 1,
        basis_headers,
        basis_rows,
        [None, None, None, None, NUMBER, None, None, None, MONEY],
    )


def _requirements(
    w: _Writer,
    snapshot: Mapping[str, Any],
    names: Mapping[str, str],
    order: Sequence[str],
    lang: Lang,
) -> None:
    sheet = w.book.add_worksheet("Requirements")
    coverage = snapshot["coverage"]
    headers = [t("key", lang), t("requirement", lang), t("kind", lang), t("priority", lang)]
    for pid in order:
        headers += [f"{names[pid]} – {t('coverage', lang)}", f"{names[pid]} – {t('status', lang)}"]
    sheet.write_row(0, 0, headers, w.header)
    first = coverage[order[0]]["rows"] if order else []
    for r, base in enumerate(first, start=1):
        sheet.write_string(r, 0, base["requirement"])
        sheet.write_string(r, 1, requirement_label(base["requirement"], base["kind"], lang))
        sheet.write_string(r, 2, word(base["kind"], lang))
        sheet.write_string(r, 3, word(base["priority"], lang))
        for p, pid in enumerate(order):
            row = next(
                item for item in coverage[pid]["rows"] if item["requirement"] == base["requirement"]
            )
            col = 4 + 2 * p
            gap = row["status"] in {"gap", "unknown"} and row["priority"] in {"must", "should"}
            style = (
                w.gap_percent
                if gap
                else w.partial_percent
                if row["status"] == "partial"
                else w.formats[PERCENT]
            )
            if row["coverage"] is None:
                sheet.write_blank(r, col, None, style)
            else:
                sheet.write_number(r, col, row["coverage"], style)
            sheet.write_string(r, col + 1, word(row["status"], lang), w.gap if gap else None)
    sheet.freeze_panes(1, 2)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 3 + 2 * len(order), 15)
    top = len(first) + 2
    sheet.write_string(top, 0, t("knockouts", lang), w.title)
    rows = [
        [names[pid], check["constraint"], word(check["status"], lang), check["detail"]]
        for pid in order
        for check in snapshot["knockouts"][pid]["checks"]
    ]
    headers = [t("product", lang), t("criterion", lang), t("status", lang), t("reason", lang)]
    w.table(sheet, top + 1, headers, rows)


def _robustness(
    w: _Writer,
    snapshot: Mapping[str, Any],
    names: Mapping[str, str],
    order: Sequence[str],
    lang: Lang,
) -> None:
    sheet = w.book.add_worksheet("Robustness")
    robustness = snapshot["robustness"]
    smaa = robustness["smaa"]
    top = 0
    if smaa is not None:
        alternatives: list[str] = smaa["alternatives"]
        m = len(alternatives)
        headers = [t("product", lang)] + [t("rank_n", lang, n=k) for k in range(1, m + 1)]
        headers.append(t("confidence", lang))
        rows = []
        for pid in order:
            i = alternatives.index(pid)
            rows.append([names[pid], *smaa["rank_acceptability"][i], smaa["confidence"][i]])
        top = w.table(sheet, 0, headers, rows, [None, *[PERCENT] * (m + 1)])
        chart = w.book.add_chart({"type": "bar", "subtype": "percent_stacked"})
        for k in range(m):
            chart.add_series(
                {
                    "name": t("rank_n", lang, n=k + 1),
                    "categories": ["Robustness", 1, 0, len(order), 0],
                    "values": ["Robustness", 1, 1 + k, len(order), 1 + k],
                }
            )
        chart.set_title({"name": t("acceptability", lang)})
        chart.set_y_axis({"reverse": True})
        sheet.insert_chart(0, m + 3, chart)
    sheet.freeze_panes(1, 0)
    stability = robustness["stability"]
    if stability is not None:
        sheet.write_string(top, 0, t("stability", lang), w.title)
        rows = [
            [criterion_label(key, lang), weight, low, high]
            for key, weight, (low, high) in zip(
                stability["criteria"], stability["weights"], stability["intervals"], strict=True
            )
        ]
        headers = [t("criterion", lang), t("weight", lang), t("low", lang), t("high", lang)]
        top = w.table(sheet, top + 1, headers, rows, [None, PERCENT, PERCENT, PERCENT])
        sentence = stability_sentence(stability, names, lang)
        sheet.write_string(top - 1, 0, sentence)
        top += 1
    agreement = robustness["agreement"]
    if agreement["methods"]:
        sheet.write_string(top, 0, t("agreement", lang), w.title)
        primary = agreement["methods"][0]
        tau = agreement["kendall_tau"]
        rows = []
        for i, method in enumerate(agreement["methods"]):
            ranking = agreement["rankings"].get(method, [])
            rows.append(
                [
                    method.upper(),
                    names.get(agreement["winners"].get(method, ""), ""),
                    " > ".join(names.get(pid, pid) for pid in ranking),
                    None if tau is None else tau[0][i],
                ]
            )
        headers = [
            t("method", lang),
            t("winner", lang),
            t("ranking", lang),
            t("kendall", lang, m=primary.upper()),
        ]
        top = w.table(sheet, top + 1, headers, rows, [None, None, None, NUMBER])
        for method, why in agreement["not_applicable"].items():
            sheet.write_string(top - 1, 0, f"{method.upper()}: {why}")
            top += 1
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 2, 22)


def _sources(w: _Writer, snapshot: Mapping[str, Any], names: Mapping[str, str], lang: Lang) -> None:
    sheet = w.book.add_worksheet("Sources")
    headers = [
        t("product", lang),
        "id",
        t("fact", lang),
        t("value", lang),
        t("source", lang),
        t("as_of", lang),
        t("precision", lang),
        t("confidence", lang),
        t("rated_by", lang),
        t("inferred", lang),
        t("note", lang),
    ]
    rows = [
        [
            names[row.product],
            row.product,
            row.fact,
            value_text(row.value),
            row.source,
            row.as_of,
            row.as_of_precision,
            row.confidence,
            row.rated_by,
            row.inferred,
            row.note,
        ]
        for row in sources(snapshot)
    ]
    w.table(sheet, 0, headers, rows)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 2, 44)
    sheet.set_column(3, 3, 30)
    sheet.set_column(4, 4, 50)
    sheet.set_column(5, 9, 13)
    sheet.set_column(10, 10, 50)


def _missing(w: _Writer, snapshot: Mapping[str, Any], names: Mapping[str, str], lang: Lang) -> None:
    sheet = w.book.add_worksheet("Missing facts")
    headers = [
        t("kind", lang),
        t("product", lang),
        t("fact", lang),
        t("criterion", lang),
        t("treatment", lang),
        t("confidence", lang),
        t("source", lang),
    ]
    rows: list[list[Any]] = [
        [
            t("missing", lang),
            names.get(item["product"], item["product"]),
            item["fact"],
            item["criterion"],
            item["treatment"],
            None,
            None,
        ]
        for item in snapshot["missing_facts"]
    ]
    rows += [
        [
            t("low_confidence", lang),
            names.get(item["product"], item["product"]),
            item["fact"],
            None,
            t("inferred", lang) if item["inferred"] else None,
            item["confidence"],
            item["source"],
        ]
        for item in snapshot["low_confidence_inputs"]
    ]
    w.table(sheet, 0, headers, rows)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 2, 44)
    sheet.set_column(3, 6, 30)


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
