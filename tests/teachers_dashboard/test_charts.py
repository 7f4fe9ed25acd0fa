"""Server-rendered SVG charts (teachers/charts.py): well-formed XML, escaped text, the target
line, gaps for missing years, and the CJK font list WeasyPrint needs."""

import xml.etree.ElementTree as ET

from teachers.charts import FONT_FAMILY, line_chart, nice_step, percent, value_range

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises ParseError unless well formed


def test_a_chart_is_well_formed_svg_with_the_target_line():
    chart = parse(
        line_chart(
            {"小学": [(2021, 0.80), (2022, 0.85), (2023, 0.9)]},
            target=0.93,
            y_format=percent,
            title="小学本科以上学历占比",
            target_label="目标 93.00%",
        )
    )
    assert chart.tag == f"{SVG}svg"
    assert chart.get("font-family") == FONT_FAMILY
    assert chart.find(f"{SVG}title").text == "小学本科以上学历占比"
    target = chart.find(f".//{SVG}line[@class='target']")
    assert target.get("data-value") == "0.93"
    assert target.get("y1") == target.get("y2")
    assert chart.find(f".//{SVG}text[@class='target-label']").text == "目标 93.00%"
    points = chart.find(f".//{SVG}polyline").get("points").split()
    assert len(points) == 3
    # Higher values are drawn higher: the target (93 %) above the last point (90 %).
    assert float(target.get("y1")) < float(points[-1].split(",")[1])


def test_text_and_attributes_are_escaped():
    name = '<b>"A" & B</b>'
    svg = line_chart({name: [(2024, 0.1), (2025, 0.2)]}, title=name, target=0.15)
    chart = parse(svg)
    assert "<b>" not in svg
    assert chart.find(f"{SVG}title").text == name
    assert chart.find(f".//{SVG}g[@class='series']").get("data-name") == name


def test_a_missing_year_breaks_the_line():
    chart = parse(line_chart({"x": [(2021, 1.0), (2022, 2.0), (2023, None), (2024, 3.0)]}))
    assert len(chart.findall(f".//{SVG}polyline")) == 1  # 2021–2022; 2024 is a lone dot
    assert len(chart.findall(f".//{SVG}circle")) == 3
    assert chart.find(f".//{SVG}line[@class='target']") is None


def test_several_series_get_a_legend_and_one_year_or_no_data_still_draws():
    chart = parse(line_chart({"a": [(2025, 0.5)], "b": [(2025, 0.6)]}, target=0.05))
    assert [text.text for text in chart.findall(f".//{SVG}g[@class='legend']/{SVG}text")] == [
        "a",
        "b",
    ]
    assert parse(line_chart({}, target=None)).tag == f"{SVG}svg"
    assert parse(line_chart({"a": [(2025, None)]}, target=0.05)).tag == f"{SVG}svg"


def test_axis_ranges_are_round():
    assert nice_step(0.1) == 0.05
    assert nice_step(7) == 2
    assert value_range([0.89, 0.93]) == (0.88, 0.94, 0.02)
    bottom, top, step = value_range([0.02, 0.05])
    assert bottom >= 0 and top >= 0.05
    assert value_range([0.9, 0.98], y_max=1.0)[1] == 1.0  # a share's axis stops at 100 %
    assert percent(0.931) == "93.1%"
