"""Return on investment and vigilance points as the report and the client's page show them,
in one language: each figure known, estimated (its range and expected value) or unknown, the
method in a sentence, the gain lines as the client stated them and how each counts for each
product. The figures come from the snapshot (:mod:`service.selection.returns`); nothing here
computes one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from service.exports.texts import number, percent, t, word
from service.i18n import Lang, money, money_range
from service.selection.snapshot import RoiOut, Snapshot, Spread

State = Literal["known", "estimate", "unknown"]


@dataclass(frozen=True)
class Figure:
    """A figure in words: its value or range, the expected value of a range, and its state."""

    text: str
    state: State
    expected: str | None = None


@dataclass(frozen=True)
class RoiRow:
    """One product's figures over the horizon."""

    product: str
    gains: Figure
    costs: Figure
    net: Figure
    roi: Figure
    payback: Figure


@dataclass(frozen=True)
class GainRow:
    """One stated gain line: as stated, and what it is worth a year for each product."""

    label: str
    basis: str
    from_year: int
    stated: str
    per_product: list[str]


@dataclass(frozen=True)
class RoiView:
    """The return-on-investment section."""

    method: str
    currency: str
    horizon: int
    rows: list[RoiRow]
    lines: list[GainRow]


@dataclass(frozen=True)
class VigilanceRow:
    """A vigilance point in words."""

    label: str
    customer_impact: int
    habit_change: int
    level: str
    level_word: str
    reconsider: bool
    advice: str


def roi_view(snapshot: Snapshot, lang: Lang, products: Sequence[str]) -> RoiView | None:
    """The section for `products` (in this order), or None when no gain is stated."""
    found = [(pid, snapshot.roi[pid]) for pid in products if pid in snapshot.roi]
    if not found:
        return None
    method = snapshot.roi_method_fr if lang is Lang.FR else snapshot.roi_method_en
    horizon = snapshot.inputs.project.horizon_years
    currency = found[0][1].currency
    names = snapshot.names
    return RoiView(
        method=method or "",
        currency=currency,
        horizon=horizon,
        rows=[
            RoiRow(
                product=names.get(pid, pid),
                gains=_money(out, out.gains, lang),
                costs=_money(out, out.costs, lang),
                net=_money(out, out.net_benefit, lang),
                roi=_figure(out, out.roi, lang, lambda v: percent(v, lang)),
                payback=_payback(out, lang, horizon),
            )
            for pid, out in found
        ],
        lines=_lines(found, lang),
    )


def vigilance_rows(snapshot: Snapshot, lang: Lang) -> list[VigilanceRow]:
    """The vigilance points, highest first."""
    return [
        VigilanceRow(
            label=point.label_fr if lang is Lang.FR else point.label_en,
            customer_impact=point.customer_impact,
            habit_change=point.habit_change,
            level=point.level,
            level_word=word(point.level, lang),
            reconsider=point.reconsider,
            advice=point.advice_fr if lang is Lang.FR else point.advice_en,
        )
        for point in snapshot.vigilance
    ]


def _money(out: RoiOut, spread: Spread | None, lang: Lang) -> Figure:
    return _figure(out, spread, lang, lambda v: money(v, out.currency, lang))


def _figure(out: RoiOut, spread: Spread | None, lang: Lang, fmt: Callable[[float], str]) -> Figure:
    """A range from its lowest to its highest value, with the expected value, whenever the
    ends differ (the client's own ranges make one even when every fact is known); one value
    when they meet, known only when no unknown fact is behind it; unknown when the cost
    cannot be ranged (or a ROI has no cost to divide)."""
    if spread is None or None in (spread.pessimistic, spread.expected, spread.optimistic):
        return Figure(t("unknown", lang), "unknown")
    assert spread.pessimistic is not None
    assert spread.optimistic is not None
    assert spread.expected is not None
    low, high = sorted((spread.pessimistic, spread.optimistic))
    if low == high:
        return Figure(fmt(spread.expected), "known" if out.known else "estimate")
    return Figure(f"{fmt(low)} – {fmt(high)}", "estimate", fmt(spread.expected))


def _payback(out: RoiOut, lang: Lang, horizon: int) -> Figure:
    """Years until the cumulative net benefit stays at or above 0: from the optimistic to the
    pessimistic end, "beyond the horizon" where it does not happen within it."""
    spread = out.payback_years
    if spread is None or not out.computed:
        return Figure(t("unknown", lang), "unknown")
    never = t("payback_beyond", lang, years=horizon)

    def years(value: float | None) -> str:
        return never if value is None else number(value, lang, 1)

    expected = years(spread.expected)
    if spread.optimistic is None:  # not even when all goes well
        return Figure(never, "known" if out.known else "estimate")
    if spread.pessimistic == spread.optimistic:
        return Figure(expected, "known" if out.known else "estimate")
    return Figure(f"{years(spread.optimistic)} – {years(spread.pessimistic)}", "estimate", expected)


def _lines(found: Sequence[tuple[str, RoiOut]], lang: Lang) -> list[GainRow]:
    currency = found[0][1].currency
    rows = []
    for k, stated in enumerate(found[0][1].lines):
        per_product = []
        for _, out in found:
            own = out.lines[k]
            if own.status == "lacks":
                per_product.append(t("gain_lacks", lang))
                continue
            value = _span(own.per_year_low, own.per_year_high, currency, lang)
            per_product.append(
                value if own.status == "counts" else t("gain_unknown", lang, value=value)
            )
        rows.append(
            GainRow(
                label=stated.label_fr if lang is Lang.FR else stated.label_en,
                basis=stated.basis or "",
                from_year=stated.from_year,
                stated=_span(stated.stated_low, stated.stated_high, currency, lang),
                per_product=per_product,
            )
        )
    return rows


def _span(low: float, high: float, currency: str, lang: Lang) -> str:
    return money(low, currency, lang) if low == high else money_range(low, high, currency, lang)
