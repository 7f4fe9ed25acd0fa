"""The SVG charts (jiangmen_edu/charts.py), without the database: well-formed XML, escaped text,
round scales, one palette and one font for both kinds, the target line, gaps for missing values
and the marks the pages and their tests look for."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction

import pytest

from jiangmen_edu.charts import (
    FONT_FAMILY,
    PALETTE,
    Bar,
    Scale,
    Series,
    bar_chart,
    line_chart,
    number,
    percent,
    scale,
)

SVG = "{http://www.w3.org/2000/svg}"
PAYLOAD = "台山<市>&\"县\" 'B' </svg><script>"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises ParseError unless well formed


def texts(chart: ET.Element) -> list[str]:
    return [text.text or "" for text in chart.iter(f"{SVG}text")]


def line(**overrides) -> ET.Element:
    arguments = {
        "title": "小学本科以上学历占比",
        "target": Fraction(93, 100),
        "target_label": "目标 93.00%",
        "value_format": percent,
        "ceiling": 1,
    }
    series = [Series("小学", [Fraction(80, 100), Fraction(85, 100), Fraction(90, 100)])]
    return parse(line_chart(["2021", "2022", "2023"], series, **arguments | overrides))


# ---------------------------------------------------------------------------------------------
# Scale


def test_a_scale_encloses_the_values_with_round_bounds_and_steps():
    assert scale([0.89, 0.93]) == Scale(0.88, 0.94, 0.02)
    assert scale([0.0424, 0.05]).step == 0.005  # 1, 2 or 5 × 10ⁿ, never 2.5
    assert scale([1, 3, 7]).step == 2
    assert scale([0.89, 0.93]).ticks == [0.88, 0.9, 0.92, 0.94]  # no 0.9000000001
    low, high, _step = (axis := scale([0.02, 0.05])).low, axis.high, axis.step
    assert 0 <= low <= 0.02 and high >= 0.05


def test_a_scale_stops_at_the_ceiling_and_does_not_go_below_zero():
    assert scale([0.9, 0.98], ceiling=1).high == 1  # a share's axis stops at 100 %
    assert scale([0.96, 1.0], ceiling=1).high == 1
    assert scale([1, 84, 97], ceiling=97) == Scale(0, 100, 20)  # counties' totals
    # a county's totals with its maximum score: up to the round value above the maximum
    assert scale([85, 93, 97], ceiling=97) == Scale(80, 100, 5)
    assert scale([40, 97], ceiling=97) == Scale(20, 100, 20)
    assert scale([0.5, 10]).low == 0  # the margin does not take the axis below zero


def test_scale_edge_cases():
    assert scale([]) == Scale(0, 1, 0.2)  # nothing to draw
    assert scale([None, None]) == Scale(0, 1, 0.2)
    assert scale([0, 0, 0]) == Scale(0, 1, 0.2)  # all zeros: not a band around 0
    assert scale([0, 0], ceiling=97) == Scale(0, 100, 20)
    one = scale([Decimal("0.5")])  # one point: a narrow band around it
    assert one.low < 0.5 < one.high and one.high - one.low < 0.2
    negative = scale([-5, 3])
    assert negative.low < -5 and negative.high > 3 and 0 in negative.ticks
    assert scale([-3, -3]).high < 0
    assert scale([40, 120], ceiling=100).high >= 120  # a value above the ceiling still shows
    assert scale([0.981, 0.982], finest=0.001).step >= 0.001


def test_axis_labels_are_never_repeated_when_the_format_is_coarser_than_the_step():
    svg = line_chart(
        ["2024", "2025"], [Series("a", [0.981, 0.982])], title="t", value_format=percent
    )
    labels = [text for text in texts(parse(svg)) if text.endswith("%")]
    assert len(labels) >= 3 and len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    "values", [[], [0, 0], [1.0], [-2.5, -1, 4], [Decimal("33.3"), None, Fraction(1, 3)], [1e-9]]
)
def test_every_scale_is_usable(values):
    axis = scale(values)
    assert axis.high > axis.low and axis.step > 0
    assert axis.ticks[0] == axis.low and axis.ticks[-1] == axis.high
    assert all(axis.low <= float(v) <= axis.high for v in values if v is not None)


def test_formats():
    assert percent(0.931) == "93.1%" and percent(Fraction(93, 100), 2) == "93.00%"
    assert number(Decimal("34.48")) == "34.48" and number(50.30) == "50.3"
    assert number(100.0) == "100" and number(-0.001) == "0"


# ---------------------------------------------------------------------------------------------
# Line charts


def test_a_line_chart_is_well_formed_svg_with_the_target_line():
    chart = line()
    assert chart.tag == f"{SVG}svg"
    assert chart.get("role") == "img" and chart.get("class") == "chart"
    assert chart.get("aria-label") == "小学本科以上学历占比"
    assert chart.find(f"{SVG}title").text == "小学本科以上学历占比"
    target = chart.find(f".//{SVG}line[@class='target']")
    assert target.get("data-value") == "0.93"
    assert target.get("y1") == target.get("y2")
    assert chart.find(f".//{SVG}text[@class='target-label']").text == "目标 93.00%"
    points = chart.find(f".//{SVG}polyline").get("points").split()
    assert len(points) == 3
    # Higher values are drawn higher: the target (93 %) above the last point (90 %).
    assert float(target.get("y1")) < float(points[-1].split(",")[1])
    tooltips = [title.text for title in chart.iter(f"{SVG}title")][1:]
    assert tooltips == ["小学 2021: 80.0%", "小学 2022: 85.0%", "小学 2023: 90.0%"]
    assert "100.0%" not in texts(chart)  # the axis fits the shares, it does not run to 100 %


def test_the_title_is_drawn_unless_the_page_captions_the_chart():
    assert "小学本科以上学历占比" in texts(line())
    assert "小学本科以上学历占比" not in texts(line(heading=False))
    assert line(heading=False).find(f"{SVG}title").text == "小学本科以上学历占比"


def test_a_missing_value_breaks_the_line():
    svg = line_chart(["2021", "2022", "2023", "2024"], [Series("x", [1, 2, None, 3])], title="x")
    chart = parse(svg)
    assert len(chart.findall(f".//{SVG}polyline")) == 1  # 2021–2022; 2024 is a lone dot
    assert len(chart.findall(f".//{SVG}circle")) == 3
    assert chart.find(f".//{SVG}line[@class='target']") is None


def test_several_series_get_a_legend_with_the_target_and_values_when_asked():
    series = [Series("a", [Decimal("50.3"), Decimal("34.48")]), Series("b", [60, 70])]
    chart = parse(line_chart(["2024", "2025"], series, title="t", target=55, show_values=True))
    legend = chart.find(f".//{SVG}g[@class='legend']")
    assert [text.text for text in legend.iter(f"{SVG}text")] == ["a", "b", "55"]
    assert [g.get("data-name") for g in chart.findall(f".//{SVG}g[@class='series']")] == ["a", "b"]
    assert {"50.3", "34.48", "60", "70"} <= set(texts(chart))
    one = parse(line_chart(["2024"], [Series("a", [1])], title="t"))
    assert one.find(f".//{SVG}g[@class='legend']") is None  # one series: nothing to tell apart


def test_a_maximum_score_keeps_the_axis_up_to_it():
    svg = line_chart(
        ["2024", "2025"], [Series("台山市", [93, 85])], title="t", ceiling=97, include=[97]
    )
    assert {"80", "100"} <= set(texts(parse(svg)))


@pytest.mark.parametrize(
    ("categories", "series"),
    [
        ([], []),
        (["2025"], [Series("a", [None])]),
        (["2025"], [Series("a", [0.5])]),
        (["2024", "2025"], [Series("a", [0, 0])]),
        (["2024", "2025"], [Series("a", [-3, 2])]),
        (["2024", "2025"], [Series("a", [1, 2, 3])]),  # more values than categories
    ],
)
def test_degenerate_line_charts_still_draw(categories, series):
    chart = parse(line_chart(categories, series, title="t", target=0.05))
    assert chart.tag == f"{SVG}svg"
    for circle in chart.iter(f"{SVG}circle"):
        assert 0 <= float(circle.get("cy")) <= float(chart.get("height"))


def test_a_long_legend_wraps_inside_the_chart():
    series = [Series(f"县{i}区名称很长", [i]) for i in range(7)]
    chart = parse(line_chart(["2025"], series, title="t", width=360))
    for text in chart.findall(f".//{SVG}g[@class='legend']/{SVG}text"):
        assert float(text.get("x")) < 360


# ---------------------------------------------------------------------------------------------
# Bar charts


def test_bars_are_coloured_by_their_share_with_a_marker_for_last_year():
    bars = [
        Bar("1 压实县级主体责任", Decimal("6.5"), 10, "6.5/10", Decimal(8)),
        Bar("2.1 教师高一级学历占比", None, 16, "—/16", 12),
        Bar("3.1 公办优质学位增加", 4, 15, "4/15"),
        Bar("3.3 寄宿制学校建设", 5, 5, "5/5", 5),
        Bar("2.2 教研员队伍配置", 0, 0, "0/0"),
    ]
    chart = parse(bar_chart(bars, title="各项", marker_label="上一年度"))
    rows = chart.findall(f".//{SVG}g[@class='bar']")
    assert [row.find(f"{SVG}text").text for row in rows] == [bar.label for bar in bars]
    fills = [[rect.get("fill") for rect in row.iter(f"{SVG}rect")][1:] for row in rows]
    assert fills == [[PALETTE.partial], [], [PALETTE.low], [PALETTE.full], [PALETTE.low]]
    assert len(chart.findall(f".//{SVG}line[@class='marker']")) == 3
    assert chart.find(f".//{SVG}text[@class='marker-label']").text == "上一年度"
    assert "6.5/10" in texts(chart) and "各项" in texts(chart)
    assert (
        parse(bar_chart(bars[2:3], title="t", marker_label="上一年度")).find(
            f".//{SVG}g[@class='legend']"
        )
        is None
    )  # no marker, nothing to explain


def test_bar_colours_are_explained_in_the_legend_when_asked():
    bars = [Bar("a", 2, 2, "2/2"), Bar("b", 1, 2, "1/2"), Bar("c", 0, 2, "0/2")]
    labels = ("满分", "一半以上", "不足一半")
    chart = parse(bar_chart(bars, title="t", colour_labels=labels))
    legend = chart.find(f".//{SVG}g[@class='legend']")
    swatches = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")]
    assert swatches == [PALETTE.full, PALETTE.partial, PALETTE.low]
    names = [text.text for text in legend.iter(f"{SVG}text") if text.get("class") == "colour-label"]
    assert names == list(labels)
    assert parse(bar_chart(bars, title="t")).find(f".//{SVG}g[@class='legend']") is None


def test_bar_labels_get_the_room_they_need():
    chart = parse(bar_chart([Bar("2.1 教师高一级学历占比", 1, 2, "1/2")], title="t"))
    label = chart.find(f".//{SVG}g[@class='bar']/{SVG}text")
    assert float(label.get("x")) > 11 * 10  # ten CJK characters and the code
    assert parse(bar_chart([], title="t")).tag == f"{SVG}svg"


# ---------------------------------------------------------------------------------------------
# One font and one palette; escaping


def both_kinds(name: str = "台山市") -> list[ET.Element]:
    return [
        parse(
            line_chart(["2024", "2025"], [Series(name, [1, 2]), Series("b", [2, 1])], title=name)
        ),
        parse(bar_chart([Bar(name, 1, 2, "1/2", 1)], title=name, marker_label="上一年度")),
    ]


def test_both_kinds_use_the_one_cjk_font_on_the_svg_element_and_the_one_palette():
    assert FONT_FAMILY.startswith("Noto Sans CJK SC,")
    colours = {
        *PALETTE.series,
        PALETTE.target,
        PALETTE.full,
        PALETTE.partial,
        PALETTE.low,
        PALETTE.marker,
        PALETTE.text,
        PALETTE.muted,
        PALETTE.axis,
        PALETTE.grid,
        "none",
    }
    assert PALETTE.target not in PALETTE.series  # red means a target or a low score
    for chart in both_kinds():
        assert chart.get("font-family") == FONT_FAMILY and chart.get("font-size") == "11"
        for element in chart.iter():
            assert element.get("font-family") in (None, FONT_FAMILY)
            for paint in ("fill", "stroke"):
                assert element.get(paint) in colours | {None}, (element.tag, element.get(paint))


def test_every_text_and_attribute_is_escaped():
    charts = both_kinds(PAYLOAD)
    charts.append(
        parse(
            line_chart(
                [PAYLOAD],
                [Series(PAYLOAD, [1])],
                title=PAYLOAD,
                target=1,
                target_label=PAYLOAD,
                show_values=True,
            )
        )
    )
    charts.append(
        parse(bar_chart([Bar(PAYLOAD, 1, 2, PAYLOAD, 1)], title="t", marker_label=PAYLOAD))
    )
    for chart in charts:
        assert chart.find(f".//{SVG}script") is None
        assert PAYLOAD in texts(chart)
    line_svg = line_chart([], [Series(PAYLOAD, [])], title=PAYLOAD)
    assert "<script>" not in line_svg and "&lt;/svg&gt;" in line_svg
    assert parse(line_svg).get("aria-label") == PAYLOAD
    assert parse(line_svg).find(f".//{SVG}g[@class='series']").get("data-name") == PAYLOAD


def test_characters_xml_forbids_are_dropped():
    chart = parse(bar_chart([Bar("台山\x0b市\x00", 1, 2, "1/2")], title="a\x1fb"))
    assert "台山市" in texts(chart) and chart.find(f"{SVG}title").text == "ab"


def test_the_result_goes_into_a_template_as_it_is():
    from django.template import Context, Template

    svg = line_chart(["2025"], [Series(PAYLOAD, [1])], title=PAYLOAD)
    html = Template("<div>{{ svg }}</div>").render(Context({"svg": svg}))
    assert re.fullmatch(r"<div><svg .*</svg></div>", html, re.S)
    parse(html[5:-6])
