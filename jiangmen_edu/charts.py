"""Server-rendered SVG charts for the pages and the PDFs: line charts over categories (years)
with an optional target line, and horizontal bar charts of scores against their maximum.

Pure: plain numbers in, an SVG string out; no JavaScript, no chart library, no database and no
translation (callers pass translated titles and labels). Every text and attribute value is
escaped here, so the result is marked safe and goes into a template as it is. One font stack
sits on the `<svg>` element because WeasyPrint's inline SVG text does not inherit the page's CSS
font: without it, Chinese labels come out as missing glyphs in the PDFs. One palette serves both
kinds. Values become floats because they are only drawn: figures are judged exactly elsewhere.
"""

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from html import escape

from django.utils.safestring import SafeString, mark_safe

# Unquoted family names are valid CSS and need no escaping in the attribute. Noto Sans CJK SC
# is the font installed for WeasyPrint (fonts-noto-cjk); the others serve office PCs' browsers.
FONT_FAMILY = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, sans-serif"
FONT_SIZE = 11

Number = int | float | Decimal | Fraction


@dataclass(frozen=True)
class Palette:
    """The colours of every chart. Red is kept for targets and low scores, so no series is red."""

    series: tuple[str, ...] = (
        "#0d6efd",  # blue
        "#fd7e14",  # orange
        "#198754",  # green
        "#6f42c1",  # purple
        "#d63384",  # pink
        "#20c997",  # teal
        "#6c757d",  # grey
    )
    target: str = "#dc3545"  # a target or threshold line
    full: str = "#198754"  # a bar at its maximum
    partial: str = "#0d6efd"  # a bar at half its maximum or more
    low: str = "#dc3545"  # a bar below half its maximum
    marker: str = "#212529"  # an earlier value on a bar (the previous year)
    text: str = "#212529"
    muted: str = "#6c757d"
    axis: str = "#adb5bd"
    grid: str = "#e9ecef"

    def colour(self, index: int) -> str:
        """The colour of the `index`-th series."""
        return self.series[index % len(self.series)]


PALETTE = Palette()


@dataclass(frozen=True)
class Series:
    """One line: its name (legend and tooltips) and one value per category of the chart; None
    where there is no figure, which breaks the line."""

    name: str
    values: Sequence[Number | None]


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: `value` of `maximum` (None: not scored), the text written after
    the bar, and an optional marker at an earlier value (the previous year's score)."""

    label: str
    value: Number | None
    maximum: Number
    text: str = ""
    marker: Number | None = None


# ---------------------------------------------------------------------------------------------
# Scale


@dataclass(frozen=True)
class Scale:
    """A value axis from `low` to `high` with a grid line every `step`."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [_tidy(self.low + index * self.step) for index in range(count + 1)]

    def fraction(self, value: Number) -> float:
        """Where `value` lies on the axis: 0 at `low`, 1 at `high`."""
        return (float(value) - self.low) / (self.high - self.low)


def _tidy(value: float) -> float:
    """`value` without the float noise of repeated steps (0.1 + 0.2)."""
    return float(f"{value:.12g}") + 0.0  # + 0.0 turns -0.0 into 0.0


def _rounded(low: float, high: float, ticks: int, finest: float) -> Scale:
    """`low`..`high` widened to multiples of a round step (1, 2 or 5 × 10ⁿ, at least `finest`):
    the step whose number of intervals is nearest `ticks`, the finer one on a tie. Steps of 2.5
    would be closer still, but a percentage to one decimal cannot show 4.25 %."""
    magnitude = 10 ** math.floor(math.log10(max((high - low) / ticks, finest)))
    candidates = []
    for factor in (1, 2, 5, 10, 20):
        step = _tidy(factor * magnitude)
        if step < finest * (1 - 1e-9):
            continue
        # 1e-9: 0.93 − 0.89 is 0.0400…04, which must not take one more step
        bottom = _tidy(math.floor(low / step + 1e-9) * step)
        top = _tidy(math.ceil(high / step - 1e-9) * step)
        count = round((top - bottom) / step)
        candidates.append((abs(count - ticks), step, Scale(bottom, top, step)))
    return min(candidates, key=lambda candidate: candidate[:2])[2]


def scale(
    values: Iterable[Number | None],
    *,
    ceiling: Number | None = None,
    ticks: int = 4,
    finest: float = 0.0,
) -> Scale:
    """Round bounds enclosing `values` (None ignored) in about `ticks` intervals, with a margin
    that keeps the extremes off the frame. The axis does not go below 0 when no value is
    negative, and stops at the first round value at or above `ceiling` (1 for a share, the
    maximum score) when no value exceeds it. No values, or only zeros: 0 to `ceiling` (or 1).
    One value: a narrow band around it. `finest` is the smallest step allowed."""
    present = [float(value) for value in values if value is not None]
    cap = None if ceiling is None else float(ceiling)
    if not any(present):  # nothing to draw, or only zeros
        return _rounded(0.0, cap if cap and cap > 0 else 1.0, ticks, finest)
    least, most = min(present), max(present)
    low, high = least, most
    if low == high:
        low, high = low - abs(low) * 0.05, high + abs(high) * 0.05
    margin = (high - low) * 0.1
    low, high = low - margin, high + margin
    if least >= 0:
        low = max(low, 0.0)
    if cap is not None and most <= cap:
        high = min(high, cap)
    return _rounded(low, high, ticks, finest)


# ---------------------------------------------------------------------------------------------
# Formats of values


def number(value: Number) -> str:
    """A value for an axis, a point or a tooltip: at most two decimals, no trailing zeros."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(value: Number, decimals: int = 1) -> str:
    """A share as a percentage (display only: 0.931 → 93.1%)."""
    return f"{float(value) * 100:.{decimals}f}%"


# ---------------------------------------------------------------------------------------------
# Markup: every text and attribute value goes through `_text`

# Characters XML 1.0 does not allow, even escaped: they would make the whole SVG unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    """Text content or an attribute value: & < > " ' escaped, characters XML forbids dropped."""
    return escape(_NOT_XML.sub("", str(value)), quote=True)


def _n(value: float) -> str:
    """A coordinate, short and locale-free."""
    return f"{value:.1f}".removesuffix(".0")


def _attrs(attributes: dict[str, object]) -> str:
    """Escaped, quoted attributes; a trailing underscore is dropped (class_) and the other
    underscores become hyphens (text_anchor); floats are coordinates; None leaves one out."""
    parts = []
    for name, value in attributes.items():
        if value is not None:
            text = _n(value) if isinstance(value, float) else value
            parts.append(f' {name.rstrip("_").replace("_", "-")}="{_text(text)}"')
    return "".join(parts)


def _element(tag: str, content: str | None = None, **attributes: object) -> str:
    """`<tag …>content</tag>`, or `<tag …/>` without content. `content` is markup: escape
    text with `_text` (or use `_label`)."""
    opening = f"<{tag}{_attrs(attributes)}"
    return f"{opening}/>" if content is None else f"{opening}>{content}</{tag}>"


def _label(text: str, **attributes: object) -> str:
    return _element("text", _text(text), **attributes)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """About how wide `text` is drawn: CJK characters are square, the others about 0.6 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def _svg(width: int, height: float, title: str, body: list[str]) -> SafeString:
    """The chart as an SVG document: its title for screen readers and tooltips, the font."""
    root = _attrs(
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class_": "chart",
            "width": width,
            "height": _n(height),
            "viewBox": f"0 0 {width} {_n(height)}",
            "role": "img",
            "aria_label": title,
            "font_family": FONT_FAMILY,
            "font_size": FONT_SIZE,
            "fill": PALETTE.text,
        }
    )
    # Every piece of the body was built by _element/_label, which escape what they write.
    return mark_safe(f"<svg{root}><title>{_text(title)}</title>{''.join(body)}</svg>")


# ---------------------------------------------------------------------------------------------
# Heading and legend


@dataclass(frozen=True)
class _Key:
    """One legend entry: a mark (a colour swatch, a dashed target line, a marker tick)."""

    mark: str  # "swatch", "dash" or "tick"
    label: str
    colour: str
    class_: str | None = None


LEGEND_ROW = 16


def _header(title: str, keys: Sequence[_Key], width: int) -> tuple[list[str], float]:
    """The visible title (when given) and the legend rows, wrapped to `width`, above the plot;
    and the height they take."""
    parts, y = [], 0.0
    if title:
        parts.append(_label(title, x=0, y=14, font_weight="bold"))
        y = 22.0
    if not keys:
        return parts, y
    parts.append('<g class="legend">')
    x = 0.0
    for key in keys:
        size = 14 + text_width(key.label)
        if x and x + size > width:
            x, y = 0.0, y + LEGEND_ROW
        if key.mark == "swatch":
            parts.append(_element("rect", x=x, y=y + 1, width=10, height=10, fill=key.colour))
        elif key.mark == "dash":
            parts.append(
                _element(
                    "line",
                    x1=x,
                    x2=x + 10,
                    y1=y + 6,
                    y2=y + 6,
                    stroke=key.colour,
                    stroke_width=1.5,
                    stroke_dasharray="3 2",
                )
            )
        else:
            parts.append(
                _element(
                    "line", x1=x + 5, x2=x + 5, y1=y, y2=y + 12, stroke=key.colour, stroke_width=2
                )
            )
        parts.append(_label(key.label, x=x + 14, y=y + 10, class_=key.class_))
        x += size + 12
    parts.append("</g>")
    return parts, y + LEGEND_ROW


# ---------------------------------------------------------------------------------------------
# Charts


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    target: Number | None = None,
    target_label: str = "",
    ceiling: Number | None = None,
    include: Sequence[Number] = (),
    value_format: Callable[[Number], str] = number,
    show_values: bool = False,
    heading: bool = True,
    width: int = 640,
    height: int = 220,
) -> SafeString:
    """A line per series over the categories (years), as an SVG document.

    The value axis is `scale(...)` of the values, the target and `include` (values the axis
    must show, such as the maximum score), capped at `ceiling`. A None value breaks its line.
    Each point has a tooltip "name category: value"; `show_values` also writes the values next
    to the points. The target is a dashed line (`class="target"`, its value in `data-value`)
    explained in the legend (`class="target-label"`, `target_label` or the formatted value);
    the legend names the series when there are several. `heading=False` leaves the visible
    title out, for a page that captions the chart itself; the <title> is always there.
    """
    values = [value for line in series for value in line.values]
    values += [target, *include]
    axis = scale(values, ceiling=ceiling)
    for _coarser in range(6):  # a step finer than the format shows: 98.05 % and 98.1 % both "98.1%"
        if len({value_format(tick) for tick in axis.ticks}) == len(axis.ticks):
            break
        axis = scale(values, ceiling=ceiling, finest=axis.step * 1.5)
    keys = []
    if len(series) > 1:
        keys = [_Key("swatch", line.name, PALETTE.colour(i)) for i, line in enumerate(series)]
    if target is not None:
        label = target_label or value_format(target)
        keys.append(_Key("dash", label, PALETTE.target, "target-label"))
    body, header = _header(title if heading else "", keys, width)
    ticks = [(tick, value_format(tick)) for tick in axis.ticks]
    left = max(text_width(text) for _tick, text in ticks) + 8
    plot_top, plot_bottom = header + 8, height - 22
    slot = (width - left - 4) / max(1, len(categories))

    def x_of(index: int) -> float:
        return left + slot * (index + 0.5)

    def y_of(value: Number) -> float:
        return plot_bottom - (plot_bottom - plot_top) * axis.fraction(value)

    body.append('<g class="grid">')
    for tick, text in ticks:
        y = y_of(tick)
        colour = PALETTE.axis if tick in (axis.low, 0) else PALETTE.grid
        body.append(_element("line", x1=left, x2=width - 4, y1=y, y2=y, stroke=colour))
        body.append(_label(text, x=left - 6, y=y + 4, text_anchor="end", fill=PALETTE.muted))
    for index, category in enumerate(categories):
        body.append(
            _label(category, x=x_of(index), y=height - 6, text_anchor="middle", fill=PALETTE.muted)
        )
    body.append("</g>")
    if target is not None:
        y = y_of(target)
        body.append(
            _element(
                "line",
                class_="target",
                data_value=f"{float(target):g}",
                x1=left,
                x2=width - 4,
                y1=y,
                y2=y,
                stroke=PALETTE.target,
                stroke_width=1.5,
                stroke_dasharray="5 3",
            )
        )
    for index, line in enumerate(series):
        body.append(
            _line(line, PALETTE.colour(index), categories, x_of, y_of, value_format, show_values)
        )
    return _svg(width, height, title, body)


def _line(
    line: Series,
    colour: str,
    categories: Sequence[str],
    x_of: Callable[[int], float],
    y_of: Callable[[Number], float],
    value_format: Callable[[Number], str],
    show_values: bool,
) -> str:
    """One series: a polyline per unbroken run of values, a dot with a tooltip per value."""
    parts = [f'<g class="series"{_attrs({"data_name": line.name})}>']
    runs: list[list[tuple[int, Number]]] = [[]]
    for index, value in enumerate(line.values[: len(categories)]):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((index, value))
    for run in runs:
        if len(run) > 1:
            points = " ".join(f"{_n(x_of(i))},{_n(y_of(value))}" for i, value in run)
            parts.append(
                _element("polyline", points=points, fill="none", stroke=colour, stroke_width=2)
            )
        for index, value in run:
            x, y = x_of(index), y_of(value)
            tooltip = f"{line.name} {categories[index]}: {value_format(value)}"
            parts.append(
                _element("circle", f"<title>{_text(tooltip)}</title>", cx=x, cy=y, r=3, fill=colour)
            )
            if show_values:
                parts.append(
                    _label(value_format(value), x=x, y=y - 7, text_anchor="middle", fill=colour)
                )
    parts.append("</g>")
    return "".join(parts)


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    marker_label: str = "",
    colour_labels: Sequence[str] = (),
    heading: bool = True,
    width: int = 640,
    row_height: int = 20,
) -> SafeString:
    """Horizontal bars, each the share of its own maximum (green when full, blue from half, red
    below), with the text written after it and an optional marker (a dark tick) at an earlier
    value, explained in the legend by `marker_label`. `colour_labels` (full, half or more, less
    than half) explain the colours in the legend. The labels' column and the texts' column
    are as wide as their longest entry."""
    keys = [
        _Key("swatch", str(label), colour, "colour-label")
        for label, colour in zip(
            colour_labels, (PALETTE.full, PALETTE.partial, PALETTE.low), strict=False
        )
    ]
    if marker_label and any(bar.marker is not None for bar in bars):
        keys.append(_Key("tick", marker_label, PALETTE.marker, "marker-label"))
    body, top = _header(title if heading else "", keys, width)
    top += 4
    label_width = min(max((text_width(bar.label) for bar in bars), default=0) + 8, width * 0.4)
    texts_width = max((text_width(bar.text) for bar in bars), default=0) + 8
    plot_width = width - label_width - texts_width
    for index, bar in enumerate(bars):
        y = top + row_height * index
        maximum = float(bar.maximum) or 1.0
        body.append('<g class="bar">')
        body.append(
            _label(bar.label, x=label_width - 6, y=y + row_height * 0.65, text_anchor="end")
        )
        body.append(
            _element(
                "rect",
                x=label_width,
                y=y + 3,
                width=plot_width,
                height=row_height - 6,
                fill=PALETTE.grid,
            )
        )
        if bar.value is not None:
            share = min(max(float(bar.value) / maximum, 0.0), 1.0)
            colour = (
                PALETTE.full if share >= 1 else PALETTE.partial if share >= 0.5 else PALETTE.low
            )
            body.append(
                _element(
                    "rect",
                    x=label_width,
                    y=y + 3,
                    width=plot_width * share,
                    height=row_height - 6,
                    fill=colour,
                )
            )
        if bar.marker is not None:
            x = label_width + plot_width * min(max(float(bar.marker) / maximum, 0.0), 1.0)
            body.append(
                _element(
                    "line",
                    class_="marker",
                    x1=x,
                    x2=x,
                    y1=y + 1,
                    y2=y + row_height - 1,
                    stroke=PALETTE.marker,
                    stroke_width=2,
                )
            )
        body.append(_label(bar.text, x=label_width + plot_width + 6, y=y + row_height * 0.65))
        body.append("</g>")
    return _svg(width, top + row_height * len(bars) + 4, title, body)
