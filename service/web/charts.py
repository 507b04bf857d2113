"""Bar charts drawn on the server as inline SVG: no script, no external library or CDN.

One group of horizontal bars per category (a criterion, a year), one bar per series (a
product). Each bar sits under a line giving the product's name and its value in words, so the
chart reads without colour. A known value is a solid bar; an estimated one (a range) is a
lighter, outlined bar up to its expected value with a whisker from its low to its high end,
and its words give the range, never the expected value alone. The page shows the same numbers
in a table for screen readers and printing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Okabe-Ito hues, darkened to reach at least 4.5:1 against white.
PALETTE = ("#0b5fa5", "#a34400", "#1f6f43")
INK = "#1a1a1a"
WIDTH = 360  # drawn at about its size on a phone, so its text stays legible
BAR = 14
TEXT_ROW = 18  # a line of text above a bar
BAR_GAP = 8
GROUP_GAP = 12
LABEL = 20
KEY_ROW = 22
KEY_LINE = 16
KEY_CHARACTERS = 44  # the key's words wrap beyond this
LABEL_CHARACTERS = 42  # a category label wraps beyond this
LINE_CHARACTERS = 46  # a product's name and value share a line up to this many characters
ESTIMATE_OPACITY = 0.3


@dataclass(frozen=True)
class Estimate:
    """A value known only as a range, with its expected value."""

    mean: float
    low: float
    high: float


Value = float | Estimate | None


@dataclass(frozen=True)
class Series:
    """One product's values, one per category: a number when known, an Estimate when only
    its range is known, None when not even a range is."""

    name: str
    values: Sequence[Value]


@dataclass(frozen=True)
class Key:
    """The words of the chart's key: what a solid bar and an estimated bar mean."""

    known: str
    estimate: str


def bar_chart(
    *,
    ident: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_label: Callable[[float], str],
    missing: str,
    max_value: float | None = None,
    range_label: Callable[[Estimate], str] | None = None,
    key: Key | None = None,
) -> Markup:
    """Return an accessible SVG bar chart of `series` over `categories`.

    `value_label` words a known value, `range_label` an estimate (by default its two ends
    worded by `value_label`), `missing` a value without even a range; `key`, when given, is
    drawn above the bars if any value is an estimate.
    """

    def ranged(value: Estimate) -> str:
        if range_label is not None:
            return range_label(value)
        return f"{value_label(value.low)} – {value_label(value.high)}"

    ends = [
        end
        for item in series
        for value in item.values
        if value is not None
        for end in ((value.high,) if isinstance(value, Estimate) else (value,))
    ]
    top = max_value if max_value is not None else max(ends, default=0.0)
    scale = (WIDTH - 4) / top if top > 0 else 0.0
    estimates = any(isinstance(v, Estimate) for item in series for v in item.values)
    parts: list[str] = []
    y = 0
    if key is not None and estimates:
        parts.append(
            f'<rect x="0" y="{y + 4}" width="24" height="{BAR}" fill="{INK}"/>'
            f'<text x="32" y="{y + 16}" class="key">{escape(key.known)}</text>'
        )
        y += KEY_ROW
        parts.append(_estimate_sample(y + 4))
        for line in textwrap.wrap(key.estimate, KEY_CHARACTERS) or [""]:
            parts.append(f'<text x="40" y="{y + 16}" class="key">{escape(line)}</text>')
            y += KEY_LINE
        y += KEY_ROW - KEY_LINE + GROUP_GAP // 2
    for position, category in enumerate(categories):
        for line in textwrap.wrap(category, LABEL_CHARACTERS) or [""]:
            parts.append(f'<text x="0" y="{y + 14}" class="category">{escape(line)}</text>')
            y += LABEL
        for index, item in enumerate(series):
            value = item.values[position]
            colour = PALETTE[index % len(PALETTE)]
            if value is None:
                label = missing
            elif isinstance(value, Estimate):
                label = ranged(value)
            else:
                label = value_label(value)
            y = _caption(parts, item.name, label, y)
            text = f"{escape(item.name)}: {escape(label)}"
            if isinstance(value, Estimate):
                parts.append(
                    f'<rect x="0" y="{y}" width="{max(value.mean * scale, 0.0):.1f}" '
                    f'height="{BAR}" fill="{colour}" fill-opacity="{ESTIMATE_OPACITY}" '
                    f'stroke="{colour}" stroke-width="1.5" class="estimate">'
                    f"<title>{text}</title></rect>"
                )
                parts.append(_whisker(max(value.low * scale, 0.0), max(value.high * scale, 0.0), y))
                y += BAR
            elif value is not None:
                parts.append(
                    f'<rect x="0" y="{y}" width="{max(value * scale, 0.0):.1f}" '
                    f'height="{BAR}" fill="{colour}"><title>{text}</title></rect>'
                )
                y += BAR
            y += BAR_GAP
        y += GROUP_GAP
    height = max(y - GROUP_GAP - BAR_GAP, 0)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )
    return Markup(svg)  # every text above went through escape()


def _caption(parts: list[str], name: str, label: str, y: int) -> int:
    """The product's name on the left and its value on the right, on one line when both fit,
    else the value on a line of its own; returns the y below them."""
    lines = textwrap.wrap(name, LINE_CHARACTERS) or [""]
    for line in lines[:-1]:
        parts.append(f'<text x="0" y="{y + 13}" class="series">{escape(line)}</text>')
        y += TEXT_ROW
    parts.append(f'<text x="0" y="{y + 13}" class="series">{escape(lines[-1])}</text>')
    if len(lines[-1]) + len(label) + 2 > LINE_CHARACTERS:
        y += TEXT_ROW
    parts.append(
        f'<text x="{WIDTH}" y="{y + 13}" text-anchor="end" class="value">{escape(label)}</text>'
    )
    return y + TEXT_ROW


def _whisker(low: float, high: float, y: int) -> str:
    """A range from `low` to `high`: a line with an end cap at each end."""
    mid = y + BAR / 2
    cap_top, cap_bottom = y + 2, y + BAR - 2
    return (
        f'<path d="M{low:.1f} {mid:.1f}H{high:.1f}M{low:.1f} {cap_top}V{cap_bottom}'
        f'M{high:.1f} {cap_top}V{cap_bottom}" stroke="{INK}" stroke-width="2" fill="none" '
        f'class="whisker"/>'
    )


def _estimate_sample(y: int) -> str:
    """The key's sample of an estimated bar: a light bar with a whisker across its end."""
    return (
        f'<rect x="0" y="{y}" width="24" height="{BAR}" fill="{INK}" '
        f'fill-opacity="{ESTIMATE_OPACITY}" stroke="{INK}" stroke-width="1.5"/>'
        + _whisker(12, 32, y)
    )
