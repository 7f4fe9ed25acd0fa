"""Server-rendered SVG charts of the assessment results: the same markup in the page and the PDF.

No JavaScript and no chart library: a scorecard's trend and its items' attainment are a few
lines and rectangles. `font-family` sits on the `<svg>` element because WeasyPrint's inline
SVG text does not inherit the page's CSS font; without it, Chinese labels
would come out as missing glyphs in the PDF.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import ceil

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
PALETTE = ("#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#6c757d")
AXIS = "#adb5bd"
GRID = "#e9ecef"
TEXT = "#212529"
MUTED = "#6c757d"

Number = int | float | Decimal


@dataclass(frozen=True)
class Series:
    """One line: a name for the legend and one value per category (None: no figure)."""

    name: str
    values: Sequence[Number | None]
    color: str = ""


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart: `value` of `maximum`, an optional earlier value."""

    label: str
    value: Number | None
    maximum: Number
    text: str = ""
    marker: Number | None = None


def _n(value: Number) -> str:
    return f"{float(value):.1f}".removesuffix(".0")


def score_scale(values: Sequence[Number | None], maximum: Number) -> tuple[int, int]:
    """A readable scale for totals: up to `maximum` rounded up to 10 (97 → 100), down to a
    multiple of 20 below the lowest value (so 4 intervals fall on round numbers)."""
    top = int(ceil(float(maximum) / 10) * 10) or 100
    present = [float(v) for v in values if v is not None]
    lowest = min(present, default=0.0)
    span = max(20, int(ceil((top - lowest + 5) / 20) * 20))
    return max(0, top - span), top


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" font-family="{FONT}" font-size="11" fill="{TEXT}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    parts = []
    for index, line in enumerate(series):
        color = line.color or PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y - 8)}" width="10" height="10" fill="{color}"/>'
            f'<text x="{_n(x + 14)}" y="{_n(y + 1)}">{escape(line.name)}</text>'
        )
        x += 22 + 11 * len(line.name)
    return parts


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    y_max: Number,
    y_min: Number = 0,
    title: str,
    width: int = 640,
    height: int = 230,
) -> SafeString:
    """Values per category (years) as lines on a scale from `y_min` to `y_max` (4 intervals),
    with a legend; the values are written next to the points when there are at most two."""
    left, right, top, bottom = 40, 16, 44, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    bottom_value = float(y_min)
    span = (float(y_max) - bottom_value) or 1.0
    body = [f'<text x="{left}" y="14" font-weight="bold">{escape(title)}</text>']
    for step in range(5):
        value = bottom_value + span * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" '
            f'stroke="{GRID if step else AXIS}"/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" text-anchor="end" fill="{MUTED}">'
            f"{_n(value)}</text>"
        )
    count = max(1, len(categories))
    slot = plot_w / count

    def x_of(index: int) -> float:
        return left + slot * (index + 0.5)

    def y_of(value: Number) -> float:
        clipped = min(max(float(value) - bottom_value, 0.0), span)
        return top + plot_h - plot_h * clipped / span

    for index, category in enumerate(categories):
        body.append(
            f'<text x="{_n(x_of(index))}" y="{height - 8}" text-anchor="middle" '
            f'fill="{MUTED}">{escape(category)}</text>'
        )
    labelled = len(series) <= 2
    for number, line in enumerate(series):
        color = line.color or PALETTE[number % len(PALETTE)]
        points = [(x_of(i), y_of(v), v) for i, v in enumerate(line.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _v in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>'
            )
        for x, y, value in points:
            body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{color}"/>')
            if labelled:
                body.append(
                    f'<text x="{_n(x)}" y="{_n(y - 7)}" text-anchor="middle" fill="{color}">'
                    f"{_n(value)}</text>"
                )
    body += _legend(series, left, 30)
    return _svg(width, height, title, body)


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    marker_label: str = "",
    width: int = 640,
    label_width: int = 150,
    row_height: int = 20,
) -> SafeString:
    """Horizontal bars, each the share of its own maximum, with the value written after it and
    an optional marker (a dark tick) at an earlier value, e.g. the previous year's score."""
    top, right = 26, 70
    plot_w = width - label_width - right
    height = top + row_height * len(bars) + 8
    body = [f'<text x="0" y="14" font-weight="bold">{escape(title)}</text>']
    if marker_label and any(bar.marker is not None for bar in bars):
        x = width - right - 11 * len(marker_label) - 20
        body.append(
            f'<line x1="{x}" y1="6" x2="{x}" y2="16" stroke="{TEXT}" stroke-width="2"/>'
            f'<text x="{x + 6}" y="15" fill="{MUTED}">{escape(marker_label)}</text>'
        )
    for index, bar in enumerate(bars):
        y = top + row_height * index
        maximum = float(bar.maximum) or 1.0
        body.append(
            f'<text x="{label_width - 6}" y="{_n(y + row_height * 0.65)}" '
            f'text-anchor="end">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{_n(y + 3)}" width="{_n(plot_w)}" '
            f'height="{row_height - 6}" fill="{GRID}"/>'
        )
        if bar.value is not None:
            share = min(max(float(bar.value) / maximum, 0.0), 1.0)
            color = PALETTE[2] if share >= 1 else PALETTE[0] if share >= 0.5 else PALETTE[1]
            body.append(
                f'<rect x="{label_width}" y="{_n(y + 3)}" width="{_n(plot_w * share)}" '
                f'height="{row_height - 6}" fill="{color}"/>'
            )
        if bar.marker is not None:
            share = min(max(float(bar.marker) / maximum, 0.0), 1.0)
            x = label_width + plot_w * share
            body.append(
                f'<line x1="{_n(x)}" y1="{_n(y + 1)}" x2="{_n(x)}" y2="{_n(y + row_height - 1)}" '
                f'stroke="{TEXT}" stroke-width="2"/>'
            )
        body.append(
            f'<text x="{_n(label_width + plot_w + 6)}" y="{_n(y + row_height * 0.65)}">'
            f"{escape(bar.text)}</text>"
        )
    return _svg(width, height, title, body)
