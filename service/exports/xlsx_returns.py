"""The workbook's return-on-investment and vigilance sheets: every figure a number cell with
its status, the ends of each range in their own columns, the stated gains as the client gave
them and the method, the vigilance points with their advice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from service.exports.values import roi_certainty
from service.exports.xlsx_formats import MONEY, PERCENT, YEARS
from service.i18n.messages import Text
from service.selection.snapshot import RoiOut, Spread

if TYPE_CHECKING:
    from service.exports.xlsx import SheetWriter

ENDS = ("pessimistic", "expected", "optimistic")


def roi_sheet(w: SheetWriter) -> None:
    """One row per product, then its years, then the gain lines and the method."""
    snapshot = w.snapshot
    found = [(pid, snapshot.roi[pid]) for pid in w.order if pid in snapshot.roi]
    if not found:
        return
    sheet = w.sheet("roi")
    figures = ("roi_gains", "roi_costs", "roi_net", "roi_ratio", "roi_payback")
    headers = [w.t("product"), "id", w.t("status")]
    headers += [f"{w.t(key)}, {w.t('end_' + end)}" for key in figures for end in ENDS]
    formats: list[str | None] = [None, None, None]
    formats += [MONEY] * 9 + [PERCENT] * 3 + [YEARS] * 3
    rows = [_product_row(w, pid, out) for pid, out in found]
    end = w.table(sheet, 0, headers, rows, formats)
    w.mark(sheet, 0, rows, 2)
    year_headers = [
        w.t("product"),
        "id",
        w.t("year"),
        w.t("roi_year_gains_low"),
        w.t("roi_year_gains_high"),
    ]
    year_headers += [f"{w.t('roi_net_year')}, {w.t('end_' + e)}" for e in ENDS]
    year_headers += [f"{w.t('cumulative')}, {w.t('end_' + e)}" for e in ENDS]
    year_rows = [
        [
            w.names[pid],
            pid,
            year.year,
            year.gains_low,
            year.gains_high,
            *_ends(year.net),
            *_ends(year.cumulative),
        ]
        for pid, out in found
        for year in out.years
    ]
    end = w.table(sheet, end, year_headers, year_rows, [None, None, None, *[MONEY] * 8])
    end = _lines(w, sheet, found, end)
    method = snapshot.roi_method_fr if w.lang.value == "fr" else snapshot.roi_method_en
    w.cell(sheet, end, 0, w.t("roi_intro"))
    w.cell(sheet, end + 1, 0, method or "")
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 2, 14)
    sheet.set_column(3, len(headers), 15)


def vigilance_sheet(w: SheetWriter) -> None:
    """The vigilance points, highest first."""
    points = w.snapshot.vigilance
    if not points:
        return
    sheet = w.sheet("vigilance")
    french = w.lang.value == "fr"
    headers = [
        w.t("vigilance_requirement"),
        "id",
        w.t("customer_impact"),
        w.t("habit_change"),
        w.t("level"),
        w.t("reconsider_flag"),
        w.t("populations"),
        w.t("advice"),
    ]
    rows = [
        [
            p.label_fr if french else p.label_en,
            p.requirement,
            p.customer_impact,
            p.habit_change,
            w.t({"high": "high_risk", "watch": "watch"}[p.level]),
            p.reconsider,
            ", ".join(Text("pages", f"pop_{code}").in_lang(w.lang) for code in p.populations),
            p.advice_fr if french else p.advice_en,
        ]
        for p in points
    ]
    w.table(sheet, 0, headers, rows)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 1, 24)
    sheet.set_column(2, 6, 14)
    sheet.set_column(7, 7, 90, w.wrap)


def _product_row(w: SheetWriter, pid: str, out: RoiOut) -> list[Any]:
    status = roi_certainty(out)
    row: list[Any] = [w.names[pid], pid, w.t(status.value)]
    for figure in (out.gains, out.costs, out.net_benefit, out.roi):
        row += _ends(figure)
    horizon = w.snapshot.inputs.project.horizon_years
    beyond = w.t("payback_beyond", years=horizon)
    row += [
        beyond if out.computed and value is None else value for value in _ends(out.payback_years)
    ]
    return row


def _ends(figure: Spread | None) -> list[float | None]:
    if figure is None:
        return [None, None, None]
    return [figure.pessimistic, figure.expected, figure.optimistic]


def _lines(w: SheetWriter, sheet: Any, found: list[tuple[str, RoiOut]], top: int) -> int:
    french = w.lang.value == "fr"
    headers = [
        w.t("gain_line"),
        w.t("gain_basis"),
        w.t("year"),
        w.t("gain_stated_low"),
        w.t("gain_stated_high"),
    ]
    for pid, _ in found:
        headers += [
            f"{w.names[pid]}, {w.t('status')}",
            f"{w.names[pid]}, {w.t('low')}",
            f"{w.names[pid]}, {w.t('high')}",
        ]
    rows = []
    for k, line in enumerate(found[0][1].lines):
        row: list[Any] = [
            line.label_fr if french else line.label_en,
            line.basis,
            line.from_year,
            line.stated_low,
            line.stated_high,
        ]
        for _, out in found:
            own = out.lines[k]
            row += [w.t(f"gain_status_{own.status}"), own.per_year_low, own.per_year_high]
        rows.append(row)
    formats: list[str | None] = [None, None, None, MONEY, MONEY]
    formats += [None, MONEY, MONEY] * len(found)
    return w.table(sheet, top, headers, rows, formats)
