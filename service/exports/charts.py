"""Small SVG charts drawn on the server, inlined in the HTML and PDF reports (no script, no
network): horizontal bars, grouped columns and 100 % stacked bars."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

PALETTE = ("#1F3A5F", "#E07A1F", "#3C8D5A", "#8E44AD", "#C0392B", "#16A085", "#7F8C8D")
FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="11"'
LABEL_WIDTH = 260  # room for a product name and its "(eliminated)" marker
LABEL_CHARS = 42


def _clip(label: str, size: int) -> str:
    """A label cut to `size` characters, with an ellipsis when cut."""
    return label if len(label) <= size else label[: size - 1] + "…"


def _svg(width: int, height: int, body: list[str], title: str, data: list[str]) -> Markup:
    """The chart, named by `title` and described in words by its `data` (read aloud by screen
    readers, and the alternate text of the PDF's figure)."""
    description = f"{title}: {'; '.join(data)}" if data else title
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(description)}</title>" + "".join(body) + "</svg>"
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
    row, left, right = 26, LABEL_WIDTH, 90
    height = 30 + row * len(labels)
    top = max((abs(v) for v in values), default=0.0) or 1.0
    body = [f'<text x="0" y="14" {FONT} font-weight="bold">{escape(title)}</text>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 24 + i * row
        length = (width - left - right) * max(value, 0.0) / top
        colour = PALETTE[i % len(PALETTE)]
        body.append(f'<text x="0" y="{y + 15}" {FONT}>{escape(_clip(label, LABEL_CHARS))}</text>')
        body.append(
            f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{colour}"/>'
        )
        body.append(
            f'<text x="{left + length + 6:.1f}" y="{y + 15}" {FONT}>{escape(fmt(value))}</text>'
        )
    data = [f"{label} {fmt(value)}" for label, value in zip(labels, values, strict=True)]
    return _svg(width, height, body, title, data)


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
    legend = 18 * _legend_rows([name for name, _ in series])
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
    data = [
        f"{name}: " + ", ".join(_described(categories, values, spans, fmt))
        for (name, values), spans in zip(series, _padded(ranges, len(series)), strict=True)
    ]
    return _svg(width, height, body, title, data)


def _padded(
    ranges: Sequence[Sequence[tuple[float, float]] | None], count: int
) -> list[Sequence[tuple[float, float]] | None]:
    return [ranges[s] if s < len(ranges) else None for s in range(count)]


def _described(
    categories: Sequence[str],
    values: Sequence[float],
    spans: Sequence[tuple[float, float]] | None,
    fmt: Callable[[float], str],
) -> list[str]:
    """Each category's value in words, with its low–high range where it has one."""
    words = []
    for c, (category, value) in enumerate(zip(categories, values, strict=False)):
        low, high = spans[c] if spans and c < len(spans) else (value, value)
        span = f" ({fmt(low)}–{fmt(high)})" if high > low else ""
        words.append(f"{category} {fmt(value)}{span}")
    return words


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
    fmt: Callable[[float], str],
    width: int = 640,
) -> Markup:
    """One 100 % bar per label, split into `parts` (e.g. the share of each rank), each share
    written with `fmt`."""
    row, left = 26, LABEL_WIDTH
    legend = 18 * _legend_rows(parts)
    height = 48 + row * len(labels) + legend
    span = width - left - 10
    body = [f'<text x="0" y="14" {FONT} font-weight="bold">{escape(title)}</text>']
    for i, (label, values) in enumerate(zip(labels, shares, strict=True)):
        y = 24 + i * row
        body.append(f'<text x="0" y="{y + 15}" {FONT}>{escape(_clip(label, LABEL_CHARS))}</text>')
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
                        f'fill="#FFF" {FONT}>{escape(fmt(share))}</text>'
                    )
            x += w
    body += _legend(parts, y=42 + row * len(labels), width=width)
    data = [
        f"{label}: "
        + ", ".join(f"{part} {fmt(share)}" for part, share in zip(parts, values, strict=False))
        for label, values in zip(labels, shares, strict=True)
    ]
    return _svg(width, height, body, title, data)


def _legend_columns(names: Sequence[str]) -> int:
    """Three columns of short names, two when a name would not fit a third of the width."""
    return 3 if max((len(name) for name in names), default=0) <= 30 else 2


def _legend_rows(names: Sequence[str]) -> int:
    columns = _legend_columns(names)
    return (len(names) + columns - 1) // columns


def _legend(names: Sequence[str], *, y: float, width: int) -> list[str]:
    items = []
    columns = _legend_columns(names)
    column = width / columns
    for i, name in enumerate(names):
        x = (i % columns) * column
        yy = y + 18 * (i // columns)
        items.append(
            f'<rect x="{x:.1f}" y="{yy - 9:.1f}" width="10" height="10" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        items.append(f'<text x="{x + 14:.1f}" y="{yy:.1f}" {FONT}>{escape(_clip(name, 48))}</text>')
    return items
