"""Each compared product's return on investment for one project: the client's stated gains
(:mod:`service.selection.gains`) against the product's TCO, with the engine's
:func:`criteria.roi.roi_of_options`.

The cost side is the TCO model as ranged for the grid: each price option (an edition or a
deployment mode still to choose) a schedule from its cheapest to its dearest completion. The
gain side is the stated ranges, a line relying on capabilities counting 0 for a product known
to lack one and 0 to its high for a product not known to offer them (each case equally likely,
as for functional fit). A project without gain lines has no ROI: no gain is ever assumed.
"""

from __future__ import annotations

from criteria.roi import Ranged, roi_of_options
from service.i18n import LANGS, Text
from service.selection.costs import ProductCost
from service.selection.facts import ProductFacts
from service.selection.gains import (
    GainLine,
    Gains,
    LineValue,
    Span,
    adds_nothing,
    line_value,
    offered,
    product_spans,
    stated,
)
from service.selection.gains import yearly_value as full_year
from service.selection.inputs import Project
from service.selection.snapshot import GainLineOut, RoiOut, RoiYear, Spread
from service.selection.wording import percent


def line_name(line: GainLine, lang: str) -> str:
    """A line's name in `lang`: its own label, else its suggestion's or its kind's."""
    if line.label is not None:
        return line.label
    key = f"gain_{line.suggestion.value}" if line.suggestion else f"gain_kind_{line.kind.value}"
    return Text("analysis", key).in_lang(lang)


def method(gains: Gains) -> Text:
    """How the figures are computed, in a sentence for whoever shows them."""
    if gains.discount_rate_pct:
        rate = percent(gains.discount_rate_pct / 100)
        return Text("analysis", "roi_method_discounted", {"rate": rate})
    return Text("analysis", "roi_method_undiscounted")


def product_roi(
    facts: ProductFacts, cost: ProductCost, project: Project, currency: str
) -> RoiOut | None:
    """The product's ROI, or None when the project states no gain."""
    gains = stated(project.gains)
    if gains is None:
        return None
    users = project.users.model_dump()
    hourly = project.tco.internal_hourly_cost
    full = [full_year(line, gains, users, hourly) for line in gains.lines]
    valued = [
        (line, line_value(line, span, {k: offered(facts.coverage(k)) for k in line.requires}))
        for line, span in zip(gains.lines, full, strict=True)
    ]
    yearly = product_spans(valued, cost.horizon)
    spans = [(low, high) for low, _, high in yearly]
    expected_gains = [expected for _, expected, _ in yearly]
    lines = [
        _line_out(k, line, value, span)
        for k, ((line, value), span) in enumerate(zip(valued, full, strict=True))
    ]
    rate = gains.discount_rate_pct / 100
    known = not cost.unknowns and all(
        value.status != "unknown"
        for (line, value), span in zip(valued, full, strict=True)
        if not adds_nothing(line, span, cost.horizon)
    )
    if cost.unbounded:
        return RoiOut(
            product=cost.product,
            currency=currency,
            discount_rate=rate,
            computed=False,
            known=False,
            years=[],
            gains=None,
            costs=None,
            net_benefit=None,
            roi=None,
            payback_years=None,
            lines=lines,
        )
    low_pct, high_pct = cost.maintenance_pct("low"), cost.maintenance_pct("high")
    options = [
        list(
            zip(
                cost.breakdown(option.low, low_pct, k).year_totals,
                cost.breakdown(option.high, high_pct, k).year_totals,
                strict=True,
            )
        )
        for k, option in enumerate(cost.options)
    ]
    expected_years, _, _ = cost.expected()
    result = roi_of_options(
        options,
        spans,
        expected_costs=expected_years,
        expected_gains=expected_gains,
        discount_rate=rate,
    )
    return RoiOut(
        product=cost.product,
        currency=currency,
        discount_rate=rate,
        computed=True,
        known=known,
        years=[
            RoiYear(
                year=t + 1,
                gains_low=spans[t][0],
                gains_high=spans[t][1],
                net=_spread(result.net_by_year[t]),
                cumulative=_spread(result.cumulative[t]),
            )
            for t in range(cost.horizon)
        ],
        gains=_spread(result.gains),
        costs=_spread(result.costs),
        net_benefit=_spread(result.cumulative[-1]),
        roi=_spread(result.roi),
        payback_years=_spread(result.payback_years),
        lines=lines,
    )


def _spread(figure: Ranged) -> Spread:
    return Spread(pessimistic=figure.low, expected=figure.expected, optimistic=figure.high)


def _line_out(index: int, line: GainLine, value: LineValue, stated: Span) -> GainLineOut:
    return GainLineOut(
        line=index,
        kind=line.kind.value,
        suggestion=line.suggestion.value if line.suggestion else None,
        **{f"label_{lang}": line_name(line, lang) for lang in LANGS},
        basis=line.basis,
        from_year=line.from_year,
        stated_low=stated[0],
        stated_high=stated[1],
        per_year_low=value.low,
        per_year_expected=value.expected,
        per_year_high=value.high,
        status=value.status,
        capabilities=list(value.missing),
    )
