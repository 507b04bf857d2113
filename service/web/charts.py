"""Bar charts drawn on the server as inline SVG: no script, no external library or CDN.

One group of horizontal bars per category (a criterion, a year), one bar per series (a
product), each bar labelled with its value, so the chart reads without colour; the page shows
the same numbers in a table for screen readers and printing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Okabe-Ito hues, darkened to reach at least 4.5:1 against white.
PALETTE = ("#0b5fa5", "#a34400", "#1f6f43")
WIDTH = 360  # drawn at about its size on a phone, so its text stays legible
BAR = 16
BAR_GAP = 4
GROUP_GAP = 14
LABEL = 20
LEGEND_ROW = 22
VALUE_SPACE = 100
LABEL_CHARACTERS = 42  # a category label wraps beyond this


@dataclass(frozen=True)
class Series:
    """One product's values, one per category; None where the value is unknown."""

    name: str
    values: Sequence[float | None]


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
) -> Markup:
    """Return an accessible SVG bar chart of `series` over `categories`."""
    known = [v for s in series for v in s.values if v is not None]
    top = max_value if max_value is not None else max(known, default=0.0)
    scale = (WIDTH - VALUE_SPACE) / top if top > 0 else 0.0
    parts: list[str] = []
    y = 0
    for index, item in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="0" y="{y + 4}" width="14" height="14" fill="{colour}"/>'
            f'<text x="20" y="{y + 16}" class="legend">{escape(item.name)}</text>'
        )
        y += LEGEND_ROW
    y += GROUP_GAP // 2
    for position, category in enumerate(categories):
        for line in textwrap.wrap(category, LABEL_CHARACTERS) or [""]:
            parts.append(f'<text x="0" y="{y + 14}" class="category">{escape(line)}</text>')
            y += LABEL
        for index, item in enumerate(series):
            value = item.values[position]
            colour = PALETTE[index % len(PALETTE)]
            if value is None:
                text = f"{item.name}: {missing}"
                parts.append(
                    f'<text x="0" y="{y + BAR - 3}" class="value">{escape(missing)}'
                    f"<title>{escape(text)}</title></text>"
                )
            else:
                length = max(value * scale, 0.0)
                label = value_label(value)
                parts.append(
                    f'<rect x="0" y="{y}" width="{length:.1f}" height="{BAR}" fill="{colour}">'
                    f"<title>{escape(item.name)}: {escape(label)}</title></rect>"
                    f'<text x="{length + 6:.1f}" y="{y + BAR - 3}" class="value">'
                    f"{escape(label)}</text>"
                )
            y += BAR + BAR_GAP
        y += GROUP_GAP
    height = y
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )
    return Markup(svg)  # every text above went through escape()
