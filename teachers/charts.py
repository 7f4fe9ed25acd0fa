"""Year-over-year line charts as server-rendered SVG, for the pages now and PDFs later.

Pure: plain numbers in, an SVG string out; no JavaScript, no database, no translation (the caller
passes translated labels). Every text and attribute is escaped here, so the string can be
inserted into a page as it is. The font list on the <svg> element names the CJK fonts that
WeasyPrint finds on the server (fonts-noto-cjk), so Chinese labels render in the PDFs too.
Values are floats because they are only drawn: figures are judged exactly elsewhere (I-7).
"""

import math
from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

FONT_FAMILY = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"
COLOURS = ("#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#6c757d")
TARGET_COLOUR = "#dc3545"
GRID_COLOUR = "#dee2e6"
TEXT_COLOUR = "#495057"

Series = Mapping[str, Sequence[tuple[int, float | None]]]  # name → (year, value or no value)


def _attrs(**attributes: object) -> str:
    """XML attributes, escaped and quoted; a trailing underscore is dropped (class_)."""
    return " ".join(
        f"{name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
        for name, value in attributes.items()
        if value is not None
    )


def _number(value: float) -> str:
    """A coordinate, short and locale-free."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) that splits `span` into about `ticks` intervals."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude * (1 + 1e-9):  # 0.93 − 0.89 is 0.0400…04
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def value_range(values: Sequence[float], y_max: float | None = None) -> tuple[float, float, float]:
    """The axis range and step for `values`: round bounds enclosing all of them, from 0 when
    none is negative and up to `y_max` (100 % for a share) when none is above it."""
    low, high = min(values), max(values)
    if low == high:
        pad = abs(low) * 0.05 or 0.01
        low, high = low - pad, high + pad
    margin = (high - low) * 0.1  # keep points and the target off the frame
    low, high = low - margin, high + margin
    step = nice_step(high - low)
    bottom = round(math.floor(low / step + 1e-9) * step, 10)
    top = round(math.ceil(high / step - 1e-9) * step, 10)
    if min(values) >= 0 > bottom:
        bottom = 0.0
    if y_max is not None and max(values) <= y_max < top:
        top = y_max
    return bottom, top, step


def line_chart(
    series: Series,
    *,
    target: float | None = None,
    y_format: Callable[[float], str] = str,
    title: str = "",
    target_label: str = "",
    y_max: float | None = None,
    width: int = 360,
    height: int = 200,
) -> str:
    """A line per series over the years, with a dashed target line, as an SVG document.

    A year without a value (None) breaks its line; `y_max` caps the axis (1 for shares). The
    target line carries `class="target"` and its value in `data-value`; each point has a
    <title> tooltip "name year: value".
    """
    years = sorted({year for points in series.values() for year, _value in points})
    values = [value for points in series.values() for _year, value in points if value is not None]
    if target is not None:
        values.append(target)
    left, right, top, bottom = 56, 12, 28 if len(series) > 1 else 12, 24
    plot_width, plot_height = width - left - right, height - top - bottom
    low, high, step = value_range(values or [0.0, 1.0], y_max)

    def x(year: int) -> float:
        if len(years) < 2:
            return left + plot_width / 2
        return left + plot_width * (year - years[0]) / (years[-1] - years[0])

    def y(value: float) -> float:
        return top + plot_height * (high - value) / (high - low)

    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        + _attrs(
            width=width,
            height=height,
            viewBox=f"0 0 {width} {height}",
            font_family=FONT_FAMILY,
            font_size=11,
            role="img",
            aria_label=title or None,
        )
        + ">"
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append('<g class="grid">')
    for index in range(round((high - low) / step) + 1):
        tick = round(low + index * step, 10)
        parts.append(
            "<line "
            + _attrs(x1=left, x2=width - right, y1=_number(y(tick)), y2=_number(y(tick)))
            + f' stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            "<text "
            + _attrs(x=left - 4, y=_number(y(tick) + 4), text_anchor="end", fill=TEXT_COLOUR)
            + f">{escape(y_format(tick))}</text>"
        )
    for year in years:
        parts.append(
            "<text "
            + _attrs(x=_number(x(year)), y=height - 6, text_anchor="middle", fill=TEXT_COLOUR)
            + f">{year}</text>"
        )
    parts.append("</g>")
    if target is not None:
        parts.append(
            "<line "
            + _attrs(
                class_="target",
                data_value=target,
                x1=left,
                x2=width - right,
                y1=_number(y(target)),
                y2=_number(y(target)),
                stroke=TARGET_COLOUR,
                stroke_width=1.5,
                stroke_dasharray="5 3",
            )
            + "/>"
        )
        label = target_label or y_format(target)
        parts.append(
            "<text "
            + _attrs(
                class_="target-label",
                x=width - right,
                y=_number(y(target) - 4),
                text_anchor="end",
                fill=TARGET_COLOUR,
            )
            + f">{escape(label)}</text>"
        )
    for index, (name, points) in enumerate(series.items()):
        parts.append(_series(name, points, COLOURS[index % len(COLOURS)], x, y, y_format))
    if len(series) > 1:
        parts.append(_legend(list(series), left))
    parts.append("</svg>")
    return "".join(parts)


def _series(
    name: str,
    points: Sequence[tuple[int, float | None]],
    colour: str,
    x: Callable[[int], float],
    y: Callable[[float], float],
    y_format: Callable[[float], str],
) -> str:
    """One series: a polyline per unbroken run of years, and a dot with a tooltip per value."""
    parts = ["<g " + _attrs(class_="series", data_name=name) + ">"]
    runs: list[list[tuple[int, float]]] = [[]]
    for year, value in sorted(points):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((year, value))
    for run in runs:
        if len(run) > 1:
            coordinates = " ".join(f"{_number(x(year))},{_number(y(value))}" for year, value in run)
            parts.append(
                "<polyline "
                + _attrs(points=coordinates, fill="none", stroke=colour, stroke_width=2)
                + "/>"
            )
        for year, value in run:
            parts.append(
                "<circle "
                + _attrs(cx=_number(x(year)), cy=_number(y(value)), r=3, fill=colour)
                + f"><title>{escape(f'{name} {year}: {y_format(value)}')}</title></circle>"
            )
    parts.append("</g>")
    return "".join(parts)


def _legend(names: list[str], left: int) -> str:
    parts = ['<g class="legend">']
    offset = left
    for index, name in enumerate(names):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(
            "<rect " + _attrs(x=offset, y=8, width=10, height=10, fill=colour) + "/>"
            "<text " + _attrs(x=offset + 14, y=17, fill=TEXT_COLOUR) + f">{escape(name)}</text>"
        )
        offset += 24 + 12 * len(name)
    parts.append("</g>")
    return "".join(parts)


def percent(value: float, decimals: int = 1) -> str:
    """A share as a percentage for an axis or a tooltip (display only)."""
    return f"{value * 100:.{decimals}f}%"
