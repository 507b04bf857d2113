"""Small SVG charts drawn on the server, inlined in the HTML and PDF reports (no script, no
network): horizontal bars, grouped columns and 100 % stacked bars."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

PALETTE = ("#1F3A5F", "#E07A1F", "#3C8D5A", "#8E44AD", "#C0392B", "#16A085", "#7F8C8D")
FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="11"'


def _svg(width: int, height: int, body: list[str], label: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        + "".join(body)
        + "</svg>"
    )


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    fmt: Callable[[float], str],
    width: int = 640,
) -> Markup:
    """Horizontal bars, one per label, with the value printed at the end of each bar."""
    row, left, right = 26, 190, 90
    height = 30 + row * len(labels)
    top = max((abs(v) for v in values), default=0.0) or 1.0
    body = [f'<text x="0" y="14" {FONT} font-weight="bold">{escape(title)}</text>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 24 + i * row
        length = (width - left - right) * max(value, 0.0) / top
        colour = PALETTE[i % len(PALETTE)]
        body.append(f'<text x="0" y="{y + 15}" {FONT}>{escape(label[:30])}</text>')
        body.append(
            f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{colour}"/>'
        )
        body.append(
            f'<text x="{left + length + 6:.1f}" y="{y + 15}" {FONT}>{escape(fmt(value))}</text>'
        )
    return _svg(width, height, body, title)


def grouped_columns(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    fmt: Callable[[float], str],
    ranges: Sequence[Sequence[tuple[float, float]] | None] = (),
    width: int = 640,
    height: int = 260,
) -> Markup:
    """Columns grouped by category (e.g. years), one colour per series (e.g. products).
    ``ranges`` gives per series the (low, high) of each value, drawn as a whisker, so that an
    estimated value never looks like a known one."""
    left, bottom, top_margin = 80, 40, 28
    legend = 18 * ((len(series) + 2) // 3)
    plot_h = height - bottom - top_margin - legend
    highs = [high for spans in ranges if spans for _, high in spans]
    top = max([v for _, values in series for v in values] + highs, default=0.0) or 1.0
    group = (width - left - 10) / max(len(categories), 1)
    bar = group * 0.8 / max(len(series), 1)
    body = [f'<text x="0" y="14" {FONT} font-weight="bold">{escape(title)}</text>']
    base = top_margin + plot_h
    for k in range(5):
        y = base - plot_h * k / 4
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#DDD"/>')
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT}>'
            f"{escape(fmt(top * k / 4))}</text>"
        )
    for c, category in enumerate(categories):
        x0 = left + c * group + group * 0.1
        for s, (_, values) in enumerate(series):
            value = values[c] if c < len(values) else 0.0
            h = plot_h * max(value, 0.0) / top
            x = x0 + s * bar
            body.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar * 0.92:.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}"/>'
            )
            spans = ranges[s] if s < len(ranges) else None
            if spans and c < len(spans):
                body += _whisker(x + bar * 0.46, spans[c], base=base, plot_h=plot_h, top=top)
        body.append(
            f'<text x="{x0 + group * 0.4:.1f}" y="{base + 16:.1f}" text-anchor="middle" '
            f"{FONT}>{escape(category)}</text>"
        )
    body += _legend([name for name, _ in series], y=base + 30, width=width)
    return _svg(width, height, body, title)


def _whisker(
    x: float, span: tuple[float, float], *, base: float, plot_h: float, top: float
) -> list[str]:
    low, high = span
    if high <= low:
        return []
    y_low = base - plot_h * max(low, 0.0) / top
    y_high = base - plot_h * max(high, 0.0) / top
    style = 'stroke="#222" stroke-width="1.2"'
    return [
        f'<line x1="{x:.1f}" y1="{y_low:.1f}" x2="{x:.1f}" y2="{y_high:.1f}" {style}/>',
        f'<line x1="{x - 4:.1f}" y1="{y_low:.1f}" x2="{x + 4:.1f}" y2="{y_low:.1f}" {style}/>',
        f'<line x1="{x - 4:.1f}" y1="{y_high:.1f}" x2="{x + 4:.1f}" y2="{y_high:.1f}" {style}/>',
    ]


def stacked_shares(
    labels: Sequence[str],
    shares: Sequence[Sequence[float]],
    parts: Sequence[str],
    *,
    title: str,
    width: int = 640,
) -> Markup:
    """One 100 % bar per label, split into `parts` (e.g. the share of each rank)."""
    row, left = 26, 190
    legend = 18 * ((len(parts) + 2) // 3)
    height = 48 + row * len(labels) + legend
    span = width - left - 10
    body = [f'<text x="0" y="14" {FONT} font-weight="bold">{escape(title)}</text>']
    for i, (label, values) in enumerate(zip(labels, shares, strict=True)):
        y = 24 + i * row
        body.append(f'<text x="0" y="{y + 15}" {FONT}>{escape(label[:30])}</text>')
        x = float(left)
        for k, share in enumerate(values):
            w = span * max(share, 0.0)
            if w > 0:
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                    f'fill="{PALETTE[k % len(PALETTE)]}"/>'
                )
                if w > 34:
                    body.append(
                        f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" '
                        f'fill="#FFF" {FONT}>{share:.0%}</text>'
                    )
            x += w
    body += _legend(parts, y=42 + row * len(labels), width=width)
    return _svg(width, height, body, title)


def _legend(names: Sequence[str], *, y: float, width: int) -> list[str]:
    items = []
    column = width / 3
    for i, name in enumerate(names):
        x = (i % 3) * column
        yy = y + 18 * (i // 3)
        items.append(
            f'<rect x="{x:.1f}" y="{yy - 9:.1f}" width="10" height="10" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        items.append(f'<text x="{x + 14:.1f}" y="{yy:.1f}" {FONT}>{escape(name[:34])}</text>')
    return items
