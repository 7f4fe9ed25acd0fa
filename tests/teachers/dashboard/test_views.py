"""The teachers dashboard: each figure with its target, pass or fail and the gap to target in
people, the 口径说明 beside it, the city's comparison of units, and the scope rules
(docs/rules.md#teachers, items 2.1–2.3, docs/rules.md#value-added, docs/rules.md#scope)."""

import re
from fractions import Fraction

import pytest
from django.urls import reverse

from jiangmen_edu.charts import FONT_FAMILY
from jiangmen_edu.models import School, Unit
from teachers.dashboard.drilldowns import FIGURE_DRILLDOWNS
from teachers.models import Degree, Employment, Post, Subject
from teachers.rules.researchers import REQUIRED_COVERAGE
from teachers.rules.shares import people_needed
from tests.conftest import COUNTY_A, COUNTY_B, client_for
from tests.teachers.dashboard.conftest import (
    SVG,
    comparison_cells,
    dashboard_url,
    figure_rows,
    svgs,
)
from tests.teachers.factories import YEAR, make_school, rosters

PRIMARY = "degree.primary"


@pytest.fixture
def degree_data(county_a, county_b):
    """County A: 893 of 1000 primary teachers hold a bachelor's, 37 short of 93 %; county B:
    93 of 100, the target exactly (I-7)."""
    school_a, school_b = make_school(county_a), make_school(county_b)
    rosters(county_a, school_a, 893, prefix="A")
    rosters(county_a, school_a, 107, prefix="A", degree=Degree.ASSOCIATE)
    rosters(county_b, school_b, 93, prefix="B")
    rosters(county_b, school_b, 7, prefix="B", degree=Degree.ASSOCIATE)


def get(user, url: str) -> str:
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_county_below_target_shows_the_gap_in_people(reviewer, degree_data):
    page = get(reviewer, dashboard_url(unit=COUNTY_A))
    primary = figure_rows(page)[PRIMARY]
    assert (primary["passed"], primary["gap"]) == ("fail", "37")
    assert "89.30%" in primary["cells"] and "893 / 1000" in primary["cells"]
    assert "≥ 93.00%" in primary["cells"]
    assert ">37" in primary["cells"].replace(" ", "")  # in the gap cell and the sentence


def test_a_county_at_the_target_passes(reviewer, degree_data):
    primary = figure_rows(get(reviewer, dashboard_url(unit=COUNTY_B)))[PRIMARY]
    assert (primary["passed"], primary["gap"]) == ("pass", "")
    assert "93.00%" in primary["cells"] and "93 / 100" in primary["cells"]


def test_stages_without_teachers_are_not_assessed(reviewer, degree_data):
    rows = figure_rows(get(reviewer, dashboard_url(unit=COUNTY_A)))
    assert rows["degree.junior"]["passed"] == "none"  # I-1
    assert rows["degree.kindergarten"]["passed"] == "none"


def test_a_county_editor_sees_their_own_county(editor, degree_data):
    page = get(editor, reverse("teachers:dashboard") + f"?year={YEAR}")
    assert "台山市" in page[page.index('data-testid="dashboard-title"') :][:300]
    assert figure_rows(page)[PRIMARY]["gap"] == "37"
    assert 'data-testid="comparison"' not in page
    assert 'data-testid="unit-select"' not in page
    assert "开平市" not in page[page.index("<main") :]


@pytest.mark.parametrize("code", [COUNTY_B, "440700", "999999"])
def test_a_county_editor_gets_404_for_any_other_unit(editor, degree_data, code):
    assert client_for(editor).get(dashboard_url(unit=code)).status_code == 404


def test_the_own_unit_may_be_named(editor, degree_data):
    assert client_for(editor).get(dashboard_url(unit=COUNTY_A)).status_code == 200


def test_the_city_sees_every_unit_side_by_side(reviewer, degree_data):
    page = get(reviewer, dashboard_url())
    cells = comparison_cells(page)
    assert {code for code, _key in cells} == set(Unit.objects.values_list("code", flat=True))
    assert cells[COUNTY_A, PRIMARY] == "fail"
    assert cells[COUNTY_B, PRIMARY] == "pass"
    assert cells["440703", PRIMARY] == "none"  # no teachers: not assessed (I-1)
    # City-wide: 986 of 1100 hold a bachelor's.
    primary = figure_rows(page)[PRIMARY]
    assert primary["gap"] == str(people_needed(986, 1100, Fraction(93, 100)))
    assert "986 / 1100" in primary["cells"]
    for code in Unit.objects.values_list("code", flat=True):
        assert f'<option value="{code}"' in page


@pytest.mark.parametrize("role", ["reviewer", "assessor", "admin"])
def test_every_city_role_may_pick_a_unit(users, degree_data, role):
    page = get(users[role], dashboard_url(unit=COUNTY_A))
    assert figure_rows(page)[PRIMARY]["gap"] == "37"


def test_notes_stand_next_to_the_figures_they_affect(reviewer, degree_data):
    page = get(reviewer, dashboard_url(unit=COUNTY_A))

    def notes(section: str) -> set[str]:
        block = page[page.index(f'data-testid="notes-{section}"') :]
        block = block[: block.index("</div>")]
        return set(re.findall(r'data-note="(I-\d+)"', block))

    assert notes("degrees") == {"I-1", "I-7"}
    assert notes("temporary") == {"I-2", "I-3", "I-7"}
    assert notes("principal_degrees") == {"I-7"}
    assert notes("training") == {"I-7"}


def test_every_figure_links_to_the_staff_behind_it(reviewer, degree_data):
    rows = figure_rows(get(reviewer, dashboard_url(unit=COUNTY_A)))
    assert set(FIGURE_DRILLDOWNS) <= set(rows)
    for key, slug in FIGURE_DRILLDOWNS.items():
        assert rows[key]["link"] == (
            reverse("teachers:drilldown", args=[slug]) + f"?year={YEAR}&unit={COUNTY_A}"
        ), key
    assert set(rows) - set(FIGURE_DRILLDOWNS) == {"coverage"}  # the matrix on the page


def test_temporary_teachers_with_last_years_count(reviewer, county_a):
    public = make_school(county_a)
    rosters(county_a, public, 20, prefix="A")
    rosters(county_a, public, 2, prefix="A", employment=Employment.TEMPORARY)
    rosters(county_a, public, 20, prefix="A", year=YEAR - 1)
    rosters(county_a, public, 3, prefix="A", year=YEAR - 1, employment=Employment.TEMPORARY)
    page = get(reviewer, dashboard_url(unit=COUNTY_A))
    assert 'data-temporary="2" data-last-year="3"' in page
    ratio = figure_rows(page)["temp.ratio"]
    assert (ratio["passed"], ratio["gap"]) == ("fail", "1")  # 2 of 20 is 10 %; 1 allowed
    assert "10.00%" in ratio["cells"] and "2 / 20" in ratio["cells"]


def test_temporary_pay_gap_is_in_yuan(reviewer, county_a):
    public = make_school(county_a)
    rosters(county_a, public, 2, prefix="A", annual_pay="100000.00")
    rosters(county_a, public, 1, prefix="A", employment=Employment.TEMPORARY, annual_pay="69000.00")
    pay = figure_rows(get(reviewer, dashboard_url(unit=COUNTY_A)))["temp.pay"]
    assert pay["passed"] == "fail"
    assert "1000.00" in pay["cells"]  # 70 % of 100,000 is 70,000: 1,000 yuan a year short


def test_coverage_matrix_and_item_2_2_suggestion(reviewer, county_a):
    def suggestion(page: str) -> str:
        return page.split('data-testid="coverage-suggestion" data-points="')[1].split('"')[0]

    page = get(reviewer, dashboard_url(unit=COUNTY_A))
    assert suggestion(page) == "0"
    assert page.count('data-cell="missing"') == len(REQUIRED_COVERAGE)
    for stage, subject in REQUIRED_COVERAGE:
        rosters(county_a, None, 1, prefix="R", post=Post.RESEARCHER, stage=stage, subject=subject)
    page = get(reviewer, dashboard_url(unit=COUNTY_A))
    assert suggestion(page) == "10"
    assert page.count('data-cell="covered"') == len(REQUIRED_COVERAGE)
    assert figure_rows(page)["coverage"]["passed"] == "pass"


def test_year_over_year_charts_are_svg_with_the_target_line(reviewer, county_a):
    school = make_school(county_a)
    for year, holders in ((2021, 80), (2023, 90), (YEAR, 95)):
        rosters(county_a, school, holders, prefix="A", year=year)
        rosters(county_a, school, 100 - holders, prefix="A", year=year, degree=Degree.ASSOCIATE)
    charts = svgs(get(reviewer, dashboard_url(unit=COUNTY_A)))
    assert len(charts) == 5  # four stage groups and the temporary-teacher ratio
    for chart in charts:
        assert chart.get("font-family") == FONT_FAMILY
        assert len(chart.findall(f".//{SVG}line[@class='target']")) == 1
    primary = charts[1]
    assert primary.find(f".//{SVG}line[@class='target']").get("data-value") == "0.93"
    dots = [title.text for title in primary.iter(f"{SVG}title") if ":" in (title.text or "")]
    assert [dot.split()[-2] for dot in dots] == ["2021:", "2023:", "2025:"]  # 2022, 2024: none
    assert [dot.split()[-1] for dot in dots] == ["80.0%", "90.0%", "95.0%"]
    temp = charts[4]
    assert temp.find(f".//{SVG}line[@class='target']").get("data-value") == "0.05"


def test_an_invalid_year_falls_back_to_the_default(reviewer, degree_data):
    response = client_for(reviewer).get(reverse("teachers:dashboard") + "?year=abc")
    assert response.status_code == 200


def test_the_menu_links_to_the_dashboard(editor):
    page = get(editor, reverse("home"))
    assert f'href="{reverse("teachers:dashboard")}"' in page


def test_private_and_public_schools_both_count_for_degrees(reviewer, county_a):
    rosters(county_a, make_school(county_a, ownership=School.Ownership.PRIVATE), 1, prefix="A")
    rosters(county_a, make_school(county_a), 1, prefix="A", degree=Degree.ASSOCIATE)
    assert "1 / 2" in figure_rows(get(reviewer, dashboard_url(unit=COUNTY_A)))[PRIMARY]["cells"]


def test_subjects_in_the_matrix_follow_the_curriculum(reviewer, county_a):
    rosters(county_a, None, 1, prefix="R", post=Post.RESEARCHER, subject=Subject.SCIENCE)
    page = get(reviewer, dashboard_url(unit=COUNTY_A))
    assert page.count('data-cell="covered"') == 1
