"""An evaluation as an XLSX workbook: Summary, Criteria, TCO, Requirements, Robustness,
Questions, Sources and Low confidence; typed cells with number formats, frozen header rows,
charts where there is data, no formulas: every text, a product's or client's name included, is
a string cell (`service.spreadsheet_cells`).

A value that rests on vendor facts comes with a status (known, estimated, unknown) and its
low, expected and high values: equal when known, empty when unknown."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from xlsxwriter.chart import Chart
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from service.exports.checks import check_detail, cost_choice
from service.exports.common import (
    EvaluationMeta,
    budget_currency,
    criterion_label,
    requirement_label,
    sources,
)
from service.exports.facts import confidence_word, product_fact, product_value
from service.exports.synthesis import synthesis
from service.exports.texts import (
    ask_word,
    assumption_label,
    assumption_unit,
    colon,
    constraint_label,
    cost_item_label,
    coverage_word,
    kind_word,
    product_label,
    robustness_sentences,
    stability_sentence,
    t,
    word,
)
from service.exports.values import (
    Certainty,
    Ranged,
    cost_total,
    criterion_value,
    cumulative_costs,
    option_price,
    year_cost,
)
from service.exports.xlsx_formats import MONEY, NUMBER, PERCENT, PRICE, RANK, SCORE
from service.exports.xlsx_returns import roi_sheet, vigilance_sheet
from service.i18n import Lang
from service.selection.registry import CRITERIA
from service.selection.snapshot import CostOut, CoverageRowOut, PriceOptionOut, Snapshot
from service.spreadsheet_cells import TextCells, workbook

# The workbook's sheets by key; each is named in the export's language (`sheet_<key>` in the
# reports catalogs). ROI follows TCO when the client stated gains, Vigilance follows Low
# confidence when a requirement is rated a strong change of habits, and Changes follows when
# there is a previous evaluation.
SHEETS = (
    "summary",
    "criteria",
    "tco",
    "requirements",
    "robustness",
    "questions",
    "sources",
    "low_confidence",
)
# A paragraph spans the first 12 columns of the Summary sheet: about 180 characters wide,
# of which a line holds 150 in a proportional font, to be safe.
PARAGRAPH_COLUMNS = 12
PARAGRAPH_CHARS = 150
# Rows a chart takes: XlsxWriter's default 288 px over 20 px rows, and a spare one.
CHART_ROWS = 16


class SheetWriter:
    """Formats shared by the sheets, and a typed-cell writer: text always as text."""

    def __init__(self, book: Workbook, snapshot: Snapshot, lang: Lang) -> None:
        self.book = book
        self.cells = TextCells(book)
        self.snapshot = snapshot
        self.lang = lang
        self.names = {p.id: product_label(p.name, p.eliminated, lang) for p in snapshot.products}
        self.order = [p.id for p in snapshot.products]
        self.page_breaks: dict[str, list[int]] = {}
        self.header = self.cells.format(
            {"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF", "text_wrap": True}
        )
        self.title = self.cells.format({"bold": True, "font_size": 13})
        self.bold = self.cells.format({"bold": True})
        self.bold_wrap = self.cells.format({"bold": True, "text_wrap": True, "valign": "top"})
        self.wrap = self.cells.format({"text_wrap": True, "valign": "top"})
        self.formats = {
            fmt: self.cells.format({"num_format": fmt})
            for fmt in (MONEY, PRICE, SCORE, PERCENT, NUMBER, "yyyy-mm-dd", "yyyy-mm-dd hh:mm")
        }
        self.styles = {
            "gap": self.cells.format({"bg_color": "#F8D7DA", "font_color": "#842029"}),
            "partial": self.cells.format({"bg_color": "#FFF3CD"}),
            "confirm": self.cells.format({"bg_color": "#E8EEF6", "italic": True}),
            Certainty.ESTIMATED.value: self.cells.format(
                {"bg_color": "#FDF0D5", "font_color": "#7A4B00", "italic": True}
            ),
            Certainty.UNKNOWN.value: self.cells.format({"font_color": "#842029", "italic": True}),
        }

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def fact(self, pid: str, path: str, alternative: int | None = None) -> str:
        return product_fact(self.snapshot, pid, path, self.lang, alternative)

    def value(self, pid: str, path: str, value: Any) -> str:
        return product_value(self.snapshot, pid, path, value, self.lang)

    def sheet_name(self, key: str) -> str:
        """The name of the sheet `key` in the workbook's language."""
        return self.t(f"sheet_{key}")

    def chart(
        self, sheet: Worksheet, row: int, chart: Chart, options: dict[str, Any] | None = None
    ) -> int:
        """Insert `chart` in column A at `row`, which starts a printed page: a printout never
        splits a chart (one is 15 default rows high, a page holds more). The first row after
        it is returned."""
        breaks = self.page_breaks.setdefault(sheet.name, [])
        breaks.append(row)
        sheet.set_h_pagebreaks(breaks)
        sheet.insert_chart(row, 0, chart, options or {})
        return row + CHART_ROWS

    def sheet(self, key: str) -> Worksheet:
        """A new sheet, printed on A4 in landscape, as wide as one page, its first row repeated
        on every page."""
        sheet = self.book.add_worksheet(self.sheet_name(key))
        sheet.set_paper(9)  # A4
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        return sheet

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
            self.cells.write(sheet, row, col, str(value), style)

    def table(
        self,
        sheet: Worksheet,
        top: int,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        formats: Sequence[str | None] = (),
    ) -> int:
        """Write a header row and `rows` from `top`; return the first free row after them."""
        self.cells.write_row(sheet, top, 0, headers, self.header)
        for r, values in enumerate(rows, start=top + 1):
            for c, value in enumerate(values):
                self.cell(sheet, r, c, value, formats[c] if c < len(formats) else None)
        return top + len(rows) + 2

    def status(self, value: Ranged) -> str:
        """The status word of a value, in the workbook's language."""
        return self.t(value.certainty.value)

    def mark(self, sheet: Worksheet, top: int, rows: Sequence[Sequence[Any]], col: int) -> None:
        """Colour the status cells of column `col` that are not known, so that an estimate
        stands out wherever it is read."""
        known = self.t(Certainty.KNOWN.value)
        for r, values in enumerate(rows, start=top + 1):
            text = values[col]
            if text and text != known:
                style = (
                    self.styles[Certainty.UNKNOWN.value]
                    if text == self.t(Certainty.UNKNOWN.value)
                    else self.styles[Certainty.ESTIMATED.value]
                )
                self.cells.write(sheet, r, col, str(text), style)


def _ranged(w: SheetWriter, value: Ranged) -> list[Any]:
    """Status, low, expected, high."""
    return [w.status(value), value.low, value.mean, value.high]


def xlsx_export(snapshot: Snapshot, meta: EvaluationMeta, *, lang: Lang) -> bytes:
    """Render the evaluation as an XLSX workbook."""
    buffer = io.BytesIO()
    book = workbook(buffer, {"in_memory": True})
    w = SheetWriter(book, snapshot, lang)
    _summary(w, meta)
    _criteria(w)
    _tco(w)
    roi_sheet(w)
    _requirements(w)
    _robustness(w)
    _questions(w)
    _sources(w)
    _low_confidence(w)
    vigilance_sheet(w)
    _changes(w, meta)
    book.close()
    return buffer.getvalue()


def _summary(w: SheetWriter, meta: EvaluationMeta) -> None:
    snapshot = w.snapshot
    sheet = w.sheet("summary")
    currency = budget_currency(snapshot)
    headers = [
        w.t("rank"),
        w.t("product"),
        "id",
        w.t("eliminated_flag"),
        w.t("score_expected"),
        w.t("p_first"),
        w.t("best_rank"),
        w.t("worst_rank"),
        f"{w.t('tco')} – {w.t('status')}",
        f"{w.t('tco')} – {w.t('low')}",
        f"{w.t('tco')} – {w.t('expected')}",
        f"{w.t('tco')} – {w.t('high')}",
        w.t("currency"),
        w.t("budget_fit"),
        w.t("mode"),
        w.t("gaps"),
        w.t("to_confirm_needs"),
    ]
    rows = []
    for p in snapshot.products:
        cost = snapshot.tco[p.id]
        coverage = snapshot.coverage[p.id]
        rows.append(
            [
                p.rank,
                w.names[p.id],
                p.id,
                w.t("yes") if p.eliminated else w.t("no"),
                p.score,
                p.p_first,
                p.best_rank,
                p.worst_rank,
                *_ranged(w, cost_total(cost)),
                currency,
                word(cost.budget_fit, w.lang) if cost.budget_fit else w.t("unknown"),
                word(cost.mode, w.lang),
                _needs(w, p.id, coverage.gaps),
                _needs(w, p.id, coverage.to_confirm),
            ]
        )
    formats = [None, None, None, None, SCORE, PERCENT, None, None, None, MONEY, MONEY, MONEY]
    end = w.table(sheet, 0, headers, rows, formats)
    w.mark(sheet, 0, rows, 8)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 7)
    sheet.set_column(1, 2, 24)
    sheet.set_column(3, 14, 14)
    sheet.set_column(15, 16, 36)
    end = _executive_summary(w, sheet, end + 1)
    w.cells.write(sheet, end, 0, w.t("why"), w.title)
    summary = snapshot.summary.in_lang(w.lang)
    w.cells.merge(sheet, (end + 1, 0, end + 9, 11), summary, w.wrap)
    _about(w, sheet, meta, end + 11)
    if rows:
        _score_chart(w, sheet, len(rows), row=end + 20)


def _executive_summary(w: SheetWriter, sheet: Worksheet, top: int) -> int:
    """The report's executive summary, a paragraph a row; the first row after it is returned."""
    summary = synthesis(w.snapshot, w.lang)
    differences = summary.differences or [w.t("synthesis_no_difference")]
    w.cells.write(sheet, top, 0, w.t("synthesis_section"), w.title)
    lines: list[tuple[str, Format]] = [
        (summary.headline, w.bold_wrap),
        (f"{summary.compared} {summary.confidence}", w.wrap),
        (w.t("synthesis_differences"), w.bold),
        *[(f"• {line}", w.wrap) for line in differences],
        (w.t("synthesis_could_change"), w.bold),
        *[(f"• {line}", w.wrap) for line in summary.could_change],
    ]
    row = top + 1
    for text, fmt in lines:
        w.cells.merge(sheet, (row, 0, row, PARAGRAPH_COLUMNS - 1), text, fmt)
        # Excel does not size a merged row to its text: as many lines as it needs.
        sheet.set_row(row, 15 * max(1, math.ceil(len(text) / PARAGRAPH_CHARS)))
        row += 1
    return row + 1


def _needs(w: SheetWriter, pid: str, names: Sequence[str]) -> str:
    kinds = {row.requirement: row.kind for row in w.snapshot.coverage[pid].rows}
    return ", ".join(requirement_label(n, kinds.get(n, "capability"), w.lang) for n in names)


def _about(w: SheetWriter, sheet: Worksheet, meta: EvaluationMeta, top: int) -> None:
    project = w.snapshot.inputs.project
    info: list[tuple[str, Any]] = [
        (w.t("client"), project.client_name),
        (w.t("context"), word(project.context.value, w.lang)),
        (w.t("evaluation"), str(meta.id)),
        (w.t("method"), meta.method.upper()),
        (w.t("date"), meta.created_at),
        (w.t("made_by"), meta.author),
        (w.t("catalog_version"), str(meta.catalog_version or "")),
        (w.t("input_hash"), w.snapshot.input_hash),
    ]
    for offset, (label, value) in enumerate(info):
        w.cells.write(sheet, top + offset, 0, label, w.bold)
        w.cell(sheet, top + offset, 1, value)


def _score_chart(w: SheetWriter, sheet: Worksheet, count: int, *, row: int) -> None:
    chart = w.book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": w.t("score_expected"),
            "categories": [w.sheet_name("summary"), 1, 1, count, 1],
            "values": [w.sheet_name("summary"), 1, 4, count, 4],
            "data_labels": {"value": True, "num_format": "0.000"},
        }
    )
    chart.set_title({"name": f"{w.t('scores_chart')} ({w.snapshot.result.method.upper()})"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    w.chart(sheet, row, chart)


def _criteria(w: SheetWriter) -> None:
    """One row per criterion and product: a long table that filters and sorts, and that gives
    every estimate its bounds."""
    snapshot = w.snapshot
    sheet = w.sheet("criteria")
    matrix = snapshot.matrix
    result = snapshot.result
    currency = budget_currency(snapshot)
    headers = [
        w.t("key"),
        w.t("criterion"),
        w.t("objective"),
        w.t("weight"),
        w.t("unit"),
        w.t("product"),
        "id",
        w.t("status"),
        w.t("low"),
        w.t("expected"),
        w.t("high"),
        f"{w.t('contribution')} ({w.t('expected').lower()})",
    ]
    rows = []
    for j, key in enumerate(matrix.criteria):
        unit = CRITERIA[key].unit
        for pid in w.order:
            a = result.alternatives.index(pid)
            rows.append(
                [
                    key,
                    criterion_label(key, w.lang),
                    word(matrix.objectives[j], w.lang),
                    snapshot.weights_used.get(key),
                    currency if unit == "currency" else unit,
                    w.names[pid],
                    pid,
                    *_ranged(w, criterion_value(matrix, pid, key)),
                    result.contributions[a][j],
                ]
            )
    formats = [None, None, None, PERCENT, None, None, None, None, NUMBER, NUMBER, NUMBER, SCORE]
    end = w.table(sheet, 0, headers, rows, formats)
    w.mark(sheet, 0, rows, 7)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 4, 14)
    sheet.set_column(5, 6, 22)
    sheet.set_column(7, 11, 14)
    left_out = [
        [
            item.criterion,
            criterion_label(item.criterion, w.lang),
            w.t("left_out_" + item.code),
            item.weight_share,
        ]
        for item in snapshot.left_out
    ]
    if left_out:
        w.cells.write(sheet, end, 0, w.t("left_out"), w.title)
        headers = [w.t("key"), w.t("criterion"), w.t("reason"), w.t("weight_share")]
        w.table(sheet, end + 1, headers, left_out, [None, None, None, PERCENT])


def _tco(w: SheetWriter) -> None:
    snapshot = w.snapshot
    sheet = w.sheet("tco")
    items: list[str] = []
    for pid in w.order:
        for item in snapshot.tco[pid].items:
            if item not in items:
                items.append(item)
    expected = w.t("expected").lower()
    headers = [w.t("product"), "id", w.t("year"), w.t("status")]
    headers += [f"{cost_item_label(i, w.lang)} ({expected})" for i in items]
    headers += [f"{w.t('year_total')} – {w.t(k)}" for k in ("low", "expected", "high")]
    headers += [f"{w.t('cumulative')} – {w.t(k)}" for k in ("low", "expected", "high")]
    rows: list[list[Any]] = []
    spans: dict[str, tuple[int, int]] = {}
    for pid in w.order:
        first = len(rows) + 1
        rows += _year_rows(w, pid, snapshot.tco[pid], items)
        if snapshot.tco[pid].years:
            spans[pid] = (first, len(rows))
    formats: list[str | None] = [None, None, None, None, *[MONEY] * (len(items) + 6)]
    end = w.table(sheet, 0, headers, rows, formats)
    w.mark(sheet, 0, rows, 3)
    sheet.freeze_panes(1, 3)
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, 3, 9)
    sheet.set_column(4, len(headers), 15)
    if spans:
        end = _tco_chart(w, sheet, spans, column=4 + len(items) + 1, row=end + 1)
    end = _tco_totals(w, sheet, end)
    end = _price_basis(w, sheet, end)
    _assumptions(w, sheet, end)


def _year_rows(w: SheetWriter, pid: str, cost: CostOut, items: Sequence[str]) -> list[list[Any]]:
    if not cost.years:
        return [[w.names[pid], pid, None, w.t("unknown")]]
    rows = []
    totals = cumulative_costs(cost)
    for year, by_item, total in zip(cost.years, cost.items_by_year, totals, strict=True):
        value = year_cost(cost, year)
        rows.append(
            [
                w.names[pid],
                pid,
                year.year,
                w.status(value),
                *[by_item.get(i) for i in items],
                value.low,
                value.mean,
                value.high,
                total.low,
                total.mean,
                total.high,
            ]
        )
    return rows


def _tco_chart(
    w: SheetWriter, sheet: Worksheet, spans: dict[str, tuple[int, int]], *, column: int, row: int
) -> int:
    """Expected cost per year, with the range as error bars (none for a known cost), at `row`;
    the first row after it is returned."""
    chart = w.book.add_chart({"type": "column"})
    for pid, (first, last) in spans.items():
        cost = w.snapshot.tco[pid]
        series: dict[str, Any] = {
            # The name cell, not its text: XlsxWriter takes a name like `=Sheet!A1` for a
            # reference, which a product name must not become.
            "name": [w.sheet_name("tco"), first, 0],
            "categories": [w.sheet_name("tco"), first, 2, last, 2],
            "values": [w.sheet_name("tco"), first, column, last, column],
        }
        if not cost.known:
            series["y_error_bars"] = {
                "type": "custom",
                "plus_values": [y.high - y.mean for y in cost.years],
                "minus_values": [y.mean - y.low for y in cost.years],
            }
        chart.add_series(series)
    chart.set_title({"name": w.t("tco_chart")})
    chart.set_x_axis({"name": w.t("year")})
    chart.set_y_axis({"num_format": MONEY, "name": budget_currency(w.snapshot)})
    return w.chart(sheet, row, chart, {"x_scale": 1.4})


def _tco_totals(w: SheetWriter, sheet: Worksheet, top: int) -> int:
    snapshot = w.snapshot
    w.cells.write(sheet, top, 0, w.t("total"), w.title)
    headers = [
        w.t("product"),
        "id",
        w.t("mode"),
        w.t("status"),
        w.t("low"),
        w.t("expected"),
        w.t("high"),
        w.t("currency"),
        w.t("budget_fit"),
        w.t("seats"),
        w.t("edition_choice"),
    ]
    rows = []
    for pid in w.order:
        cost = snapshot.tco[pid]
        rows.append(
            [
                w.names[pid],
                pid,
                word(cost.mode, w.lang),
                *_ranged(w, cost_total(cost)),
                cost.currency,
                word(cost.budget_fit, w.lang) if cost.budget_fit else w.t("unknown"),
                cost.seats,
                cost_choice(cost, w.lang),
            ]
        )
    formats = [None, None, None, None, MONEY, MONEY, MONEY]
    end = w.table(sheet, top + 1, headers, rows, formats)
    w.mark(sheet, top + 1, rows, 3)
    return end


def _price_basis(w: SheetWriter, sheet: Worksheet, top: int) -> int:
    """Each edition the client may buy: its list price with source, date and rate, or the
    catalog bounds its unknown price is drawn between."""
    currency = budget_currency(w.snapshot)
    w.cells.write(sheet, top, 0, w.t("price_basis"), w.title)
    headers = [
        w.t("product"),
        "id",
        w.t("edition"),
        w.t("status"),
        w.t("list_price"),
        w.t("currency"),
        w.t("price_unit"),
        w.t("billed"),
        w.t("rate"),
        f"{w.t('price_in', c=currency)} – {w.t('low')}",
        f"{w.t('price_in', c=currency)} – {w.t('high')}",
        w.t("seats"),
        w.t("source"),
        w.t("as_of"),
        w.t("confidence"),
        w.t("bounds"),
    ]
    rows = [
        _option_row(w, pid, option) for pid in w.order for option in w.snapshot.tco[pid].options
    ]
    formats = [None, None, None, None, PRICE, None, None, None, None, PRICE, PRICE]
    end = w.table(sheet, top + 1, headers, rows, formats)
    w.mark(sheet, top + 1, rows, 3)
    return end


def _option_row(w: SheetWriter, pid: str, option: PriceOptionOut) -> list[Any]:
    price = option_price(option)
    rate = option.rate
    bounds = "; ".join(
        f"{b.product_name} – {b.edition_name}: {b.list_amount:g} {b.currency} "
        f"({b.source or ''}, {b.as_of or ''})"
        for b in option.bounds
    )
    return [
        w.names[pid],
        pid,
        option.edition_name or option.edition,
        w.status(price),
        option.list_amount,
        option.list_currency,
        word(option.unit, w.lang),
        word(option.billed, w.lang) if option.billed else None,
        None if rate is None else f"1 {rate.currency} = {rate.value:g} {rate.into} ({rate.source})",
        price.low,
        price.high,
        option.seats_billed,
        option.source,
        _date(option.as_of),
        confidence_word(option.confidence, w.lang),
        bounds or None,
    ]


def _assumptions(w: SheetWriter, sheet: Worksheet, top: int) -> None:
    """The project's cost assumptions, one labelled row each (a row per rate and per
    edition set)."""
    tco = w.snapshot.inputs.project.tco
    currency = budget_currency(w.snapshot)
    rows: list[list[Any]] = []
    for code, rate in sorted(tco.exchange_rates.items()):
        rows.append([f"{assumption_label('exchange_rates', w.lang)} {code}", rate, currency])
    for pid, edition in sorted(tco.editions.items()):
        label = f"{assumption_label('editions', w.lang)}: {w.names.get(pid, pid)}"
        rows.append([label, edition, None])
    units = {"money": currency, "pct": "%", "days": w.t("days"), "hours": w.t("hours")}
    for name in type(tco).model_fields:
        if name in {"exchange_rates", "editions"}:
            continue
        unit = assumption_unit(name)
        value = getattr(tco, name)
        if value is None:  # implementation days: each product's estimate, else the default
            rows.append([assumption_label(name, w.lang), w.t("implementation_per_product"), None])
            continue
        rows.append([assumption_label(name, w.lang), value, units.get(unit, unit)])
    w.cells.write(sheet, top, 0, w.t("assumptions"), w.title)
    w.table(sheet, top + 1, [w.t("assumption"), w.t("value"), w.t("unit")], rows)


def _requirements(w: SheetWriter) -> None:
    snapshot = w.snapshot
    sheet = w.sheet("requirements")
    headers = [w.t("key"), w.t("requirement"), w.t("kind"), w.t("priority")]
    for pid in w.order:
        headers += [
            f"{w.names[pid]} – {w.t('status')}",
            f"{w.names[pid]} – {w.t('availability')}",
        ]
    w.cells.write_row(sheet, 0, 0, headers, w.header)
    first = snapshot.coverage[w.order[0]].rows if w.order else []
    for r, base in enumerate(first, start=1):
        w.cells.write(sheet, r, 0, base.requirement)
        w.cells.write(sheet, r, 1, requirement_label(base.requirement, base.kind, w.lang))
        w.cells.write(sheet, r, 2, word(base.kind, w.lang))
        w.cells.write(sheet, r, 3, word(base.priority, w.lang))
        for p, pid in enumerate(w.order):
            row = next(x for x in snapshot.coverage[pid].rows if x.requirement == base.requirement)
            important = row.priority in {"must", "should"}
            style = {
                "gap": w.styles["gap"] if important else None,
                "partial": w.styles["partial"],
                "unknown": w.styles["confirm"],
            }.get(row.status)
            w.cells.write(sheet, r, 4 + 2 * p, coverage_word(row.status, w.lang), style)
            w.cells.write(sheet, r, 5 + 2 * p, _availability(w, row))
    sheet.freeze_panes(1, 2)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 3 + 2 * len(w.order), 16)
    _knockouts(w, sheet, len(first) + 2)


def _availability(w: SheetWriter, row: CoverageRowOut) -> str:
    text = word(row.availability, w.lang)
    if row.depth is not None:
        text += f", {w.t('depth').lower()} {row.depth:g}/5"
    if row.in_editions:
        text += f" ({', '.join(row.in_editions)})"
    return text


def _knockouts(w: SheetWriter, sheet: Worksheet, top: int) -> None:
    w.cells.write(sheet, top, 0, w.t("knockouts"), w.title)
    headers = [
        w.t("product"),
        w.t("constraint"),
        w.t("status"),
        w.t("reason"),
        w.t("facts_to_confirm"),
    ]
    w.cells.write_row(sheet, top + 1, 0, headers, w.header)
    r = top + 2
    for pid in w.order:
        for check in w.snapshot.knockouts[pid].checks:
            style = {"fail": w.styles["gap"], "to_confirm": w.styles["confirm"]}.get(check.status)
            w.cells.write(sheet, r, 0, w.names[pid])
            w.cells.write(sheet, r, 1, constraint_label(check.constraint, w.lang))
            w.cells.write(sheet, r, 2, word(check.status, w.lang), style)
            w.cells.write(sheet, r, 3, check_detail(check, w.snapshot, pid, w.lang))
            w.cells.write(sheet, r, 4, ", ".join(w.fact(pid, path) for path in check.facts))
            r += 1


def _robustness(w: SheetWriter) -> None:
    sheet = w.sheet("robustness")
    top = _chances(w, sheet)
    for sentence in robustness_sentences(w.snapshot, w.lang):
        w.cells.write(sheet, top, 0, sentence)
        top += 1
    top = _acceptability(w, sheet, top + 1)
    top = _stability(w, sheet, top)
    _agreement(w, sheet, top)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 9, 16)


def _chances(w: SheetWriter, sheet: Worksheet) -> int:
    robustness = w.snapshot.robustness
    headers = [
        w.t("product"),
        w.t("rank"),
        w.t("p_first_joint"),
        w.t("p_first_weights"),
        w.t("p_first_facts"),
        w.t("best_rank"),
        w.t("worst_rank"),
        w.t("most_probable_rank"),
        w.t("mean_rank"),
        w.t("evidence"),
    ]
    rows = [
        [
            w.names[p.id],
            p.rank,
            p.p_first,
            None if robustness.to_weights is None else robustness.to_weights.get(p.id),
            None if robustness.to_facts is None else robustness.to_facts.get(p.id),
            p.best_rank,
            p.worst_rank,
            p.most_probable_rank,
            p.mean_rank,
            p.evidence.share,
        ]
        for p in w.snapshot.products
    ]
    formats = [None, None, PERCENT, PERCENT, PERCENT, None, None, None, RANK, PERCENT]
    return w.table(sheet, 0, headers, rows, formats)


def _acceptability(w: SheetWriter, sheet: Worksheet, top: int) -> int:
    robustness = w.snapshot.robustness
    smaa = robustness.joint_smaa or robustness.weights_smaa
    if smaa is None:
        return top
    note = "acceptability_note" if robustness.joint_smaa else "acceptability_weights_note"
    w.cells.write(sheet, top, 0, w.t("acceptability"), w.title)
    w.cells.write(sheet, top + 1, 0, w.t(note))
    m = len(smaa.alternatives)
    headers = [w.t("product")] + [w.t("rank_n", n=k) for k in range(1, m + 1)]
    ordered = [pid for pid in w.order if pid in smaa.alternatives]
    rows = [
        [w.names[pid], *smaa.rank_acceptability[smaa.alternatives.index(pid)]] for pid in ordered
    ]
    first = top + 3
    end = w.table(sheet, top + 2, headers, rows, [None, *[PERCENT] * m])
    if rows:
        chart = w.book.add_chart({"type": "bar", "subtype": "percent_stacked"})
        for k in range(m):
            chart.add_series(
                {
                    "name": w.t("rank_n", n=k + 1),
                    "categories": [w.sheet_name("robustness"), first, 0, first + len(rows) - 1, 0],
                    "values": [
                        w.sheet_name("robustness"),
                        first,
                        1 + k,
                        first + len(rows) - 1,
                        1 + k,
                    ],
                }
            )
        chart.set_title({"name": w.t("acceptability")})
        chart.set_y_axis({"reverse": True})
        end = w.chart(sheet, end + 1, chart)
    return end


def _stability(w: SheetWriter, sheet: Worksheet, top: int) -> int:
    stability = w.snapshot.robustness.stability
    w.cells.write(sheet, top, 0, w.t("stability"), w.title)
    rows = [
        [criterion_label(key, w.lang), weight, low, high]
        for key, weight, (low, high) in zip(
            stability.criteria, stability.weights, stability.intervals, strict=True
        )
    ]
    headers = [w.t("criterion"), w.t("weight"), w.t("low"), w.t("high")]
    top = w.table(sheet, top + 1, headers, rows, [None, PERCENT, PERCENT, PERCENT])
    w.cells.write(sheet, top - 1, 0, stability_sentence(stability, w.names, w.lang))
    return top + 1


def _agreement(w: SheetWriter, sheet: Worksheet, top: int) -> None:
    agreement = w.snapshot.robustness.agreement
    if not agreement.methods:
        return
    names = w.names
    w.cells.write(sheet, top, 0, w.t("agreement"), w.title)
    tau = agreement.kendall_tau
    rows = [
        [
            method.upper(),
            names.get(agreement.winners.get(method, ""), ""),
            " > ".join(names.get(pid, pid) for pid in agreement.rankings.get(method, [])),
            None if tau is None else tau[0][i],
        ]
        for i, method in enumerate(agreement.methods)
    ]
    headers = [
        w.t("method"),
        w.t("winner"),
        w.t("ranking"),
        w.t("kendall", m=agreement.methods[0].upper()),
    ]
    top = w.table(sheet, top + 1, headers, rows, [None, None, None, NUMBER])
    for method, why in agreement.not_applicable.items():
        w.cells.write(sheet, top - 1, 0, f"{method.upper()}: {why}")
        top += 1


def _questions(w: SheetWriter) -> None:
    """Every unknown fact, most influential first, with the question that settles it."""
    snapshot = w.snapshot
    sheet = w.sheet("questions")
    policies = snapshot.inputs.policies_in(w.lang)
    headers = [
        w.t("product"),
        "id",
        w.t("fact"),
        w.t("kind"),
        w.t("low"),
        w.t("high"),
        w.t("expected"),
        w.t("influence"),
        w.t("ask"),
        w.t("question_fr"),
        w.t("question_en"),
        w.t("treatment"),
    ]
    rows = [
        [
            w.names.get(u.product, u.product),
            u.product,
            u.path,
            kind_word(u.kind, w.lang),
            u.low,
            u.high,
            u.mean,
            u.influence,
            ask_word(u.question.ask, w.lang),
            u.question.fr,
            u.question.en,
            policies.get(u.kind),
        ]
        for u in snapshot.unknowns
    ]
    formats = [None, None, None, None, NUMBER, NUMBER, NUMBER, PERCENT]
    w.table(sheet, 0, headers, rows, formats)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 2, 40)
    sheet.set_column(3, 8, 13)
    sheet.set_column(9, 10, 60)
    sheet.set_column(11, 11, 60)


def _sources(w: SheetWriter) -> None:
    sheet = w.sheet("sources")
    headers = [
        w.t("product"),
        "id",
        w.t("fact"),
        w.t("value"),
        w.t("source"),
        w.t("as_of"),
        w.t("precision"),
        w.t("confidence"),
        w.t("rated_by"),
        w.t("inferred"),
        w.t("note"),
        w.t("key"),
    ]
    rows = [
        [
            w.names.get(row.product, row.product),
            row.product,
            w.fact(row.product, row.path, row.alternative),
            w.value(row.product, row.path, row.value),
            row.source,
            row.as_of,
            row.as_of_precision,
            confidence_word(row.confidence, w.lang),
            row.rated_by,
            row.inferred,
            row.note,
            row.fact,
        ]
        for row in sources(w.snapshot)
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
    sheet.set_column(11, 11, 36)


def _changes(w: SheetWriter, meta: EvaluationMeta) -> None:
    """What changed since the previous evaluation: the paragraph, then the facts."""
    changes = meta.changes
    if changes is None:
        return
    sheet = w.sheet("changes")
    w.cell(sheet, 0, 0, f"{w.t('previous_evaluation')}{colon(w.lang)} {meta.previous_id}")
    w.cell(sheet, 1, 0, changes.summary_in(w.lang))
    headers = [
        w.t("product"),
        "id",
        w.t("fact"),
        w.t("before"),
        w.t("after"),
        w.t("source"),
        w.t("as_of"),
        w.t("confidence"),
    ]
    rows = [
        [
            w.names.get(change.product, change.product),
            change.product,
            w.fact(change.product, change.path),
            w.value(change.product, change.path, change.before.value),
            w.value(change.product, change.path, change.after.value),
            change.after.source,
            change.after.as_of,
            confidence_word(change.after.confidence, w.lang),
        ]
        for change in changes.facts
    ]
    w.table(sheet, 3, headers, rows)
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 2, 40)
    sheet.set_column(3, 4, 24)
    sheet.set_column(5, 5, 50)
    sheet.set_column(6, 7, 14)


def _low_confidence(w: SheetWriter) -> None:
    sheet = w.sheet("low_confidence")
    headers = [
        w.t("product"),
        "id",
        w.t("fact"),
        w.t("confidence"),
        w.t("inferred"),
        w.t("source"),
    ]
    rows = [
        [
            w.names.get(weak.product, weak.product),
            weak.product,
            w.fact(weak.product, weak.fact),
            confidence_word(weak.confidence, w.lang),
            weak.inferred,
            weak.source,
        ]
        for weak in w.snapshot.low_confidence_inputs
    ]
    w.table(sheet, 0, headers, rows)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 2, 44)
    sheet.set_column(3, 4, 16)
    sheet.set_column(5, 5, 60)


def _date(text: str | None) -> date | str | None:
    """A fact's date as a date cell; a partial date (a month) stays text."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text
