"""The staff behind each dashboard figure: exactly the people the figure counts, scoped like
the dashboard, 50 to a page (docs/rules.md#training, docs/rules.md#scope)."""

import re

import pytest
from django.urls import reverse

from jiangmen_edu.models import School, Unit
from teachers.dashboard.drilldowns import DRILLDOWNS
from teachers.dashboard.selectors import dashboard
from teachers.models import Degree, Employment, Post
from tests.conftest import COUNTY_A, COUNTY_B, client_for
from tests.teachers.dashboard.conftest import drilldown_staff_numbers, drilldown_url
from tests.teachers.factories import (
    YEAR,
    D,
    make_school,
    populate,
    rosters,
    schools_of_every_kind,
    staff_numbers,
    train,
)


def get(user, url: str) -> str:
    response = client_for(user).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def count(page: str) -> int:
    return int(re.search(r'data-testid="count" data-count="(\d+)"', page).group(1))


def test_degree_drilldown_lists_the_teachers_without_the_degree(reviewer, county_a, county_b):
    school = make_school(county_a)
    rosters(county_a, school, 3, prefix="H")
    below = rosters(county_a, school, 2, prefix="L", degree=Degree.ASSOCIATE)
    rosters(county_a, school, 1, prefix="X", degree=Degree.ASSOCIATE, year=YEAR - 1)
    rosters(county_a, school, 1, prefix="X", degree=Degree.ASSOCIATE, post=Post.PRINCIPAL)
    rosters(county_b, make_school(county_b), 1, prefix="X", degree=Degree.ASSOCIATE)
    page = get(reviewer, drilldown_url("degree_primary", unit=COUNTY_A))
    assert set(drilldown_staff_numbers(page)) == staff_numbers(below)
    assert count(page) == 2


def test_training_drilldown_lists_who_is_behind_with_their_hours(reviewer, county_a, county_b):
    """2025 is the last year of the 2021–2025 cycle: 450 hours due, pro rata from a later
    year of hire."""
    school = make_school(county_a)
    on_time = rosters(county_a, school, 1, prefix="T")
    train(on_time, D(2021, 3, 1), "200")
    train(on_time, D(2025, 3, 1), "250")
    behind = rosters(county_a, school, 1, prefix="B")
    train(behind, D(2025, 3, 1), "449.9")
    train(behind, D(2020, 12, 31), "100")  # the previous cycle
    hired = rosters(county_a, school, 1, prefix="T", hired_year=2025)
    train(hired, D(2025, 6, 1), "90")
    hired_behind = rosters(county_a, school, 1, prefix="B", hired_year=2024)
    train(hired_behind, D(2024, 6, 1), "179.9")
    untrained_principal = rosters(county_a, school, 1, prefix="B", post=Post.PRINCIPAL)
    rosters(county_b, make_school(county_b), 1, prefix="X")

    page = get(reviewer, drilldown_url("training_behind", unit=COUNTY_A))
    expected = staff_numbers(behind + hired_behind + untrained_principal)
    assert set(drilldown_staff_numbers(page)) == expected
    row = page[page.index(behind[0].staff.staff_no) :].split("</tr>")[0]
    assert re.findall(r'<td class="num">([\d.]+)</td>', row) == ["449.9", "450", "0.1"]
    row = page[page.index(hired_behind[0].staff.staff_no) :].split("</tr>")[0]
    assert re.findall(r'<td class="num">([\d.]+)</td>', row) == ["179.9", "180", "0.1"]

    city = get(reviewer, drilldown_url("training_behind"))
    assert len(drilldown_staff_numbers(city)) == 4  # county B's teacher too


def test_temporary_drilldown_lists_public_schools_temporary_teachers(reviewer, county_a):
    public = make_school(county_a)
    temps = rosters(
        county_a, public, 2, prefix="T", employment=Employment.TEMPORARY, annual_pay="50000"
    )
    rosters(county_a, public, 5, prefix="X")
    private = make_school(county_a, ownership=School.Ownership.PRIVATE)
    rosters(county_a, private, 1, prefix="X", employment=Employment.TEMPORARY)
    rosters(county_a, public, 1, prefix="X", employment=Employment.TEMPORARY, post=Post.OTHER)
    page = get(reviewer, drilldown_url("temporary", unit=COUNTY_A))
    assert set(drilldown_staff_numbers(page)) == staff_numbers(temps)
    assert '<td class="num">50000.00</td>' in page


def test_fifty_to_a_page(reviewer, county_a):
    rosters(county_a, make_school(county_a), 107, prefix="L", degree=Degree.ASSOCIATE)
    first = get(reviewer, drilldown_url("degree_primary", unit=COUNTY_A))
    assert (count(first), len(drilldown_staff_numbers(first))) == (107, 50)
    last = get(reviewer, drilldown_url("degree_primary", unit=COUNTY_A, page=3))
    assert len(drilldown_staff_numbers(last)) == 7


@pytest.mark.parametrize("slug", sorted(DRILLDOWNS))
def test_a_county_editor_gets_404_for_another_county(editor, county_a, slug):
    assert client_for(editor).get(drilldown_url(slug, unit=COUNTY_B)).status_code == 404
    assert client_for(editor).get(drilldown_url(slug, unit=COUNTY_A)).status_code == 200
    assert client_for(editor).get(drilldown_url(slug)).status_code == 200


def test_a_county_editor_sees_only_their_county(editor, county_a, county_b):
    rosters(county_a, make_school(county_a), 1, prefix="A", degree=Degree.ASSOCIATE)
    rosters(county_b, make_school(county_b), 1, prefix="B", degree=Degree.ASSOCIATE)
    page = get(editor, drilldown_url("degree_primary"))
    assert [number[0] for number in drilldown_staff_numbers(page)] == ["A"]


def test_an_unknown_figure_is_404(reviewer):
    url = reverse("teachers:drilldown", args=["nothing"]) + f"?year={YEAR}"
    assert client_for(reviewer).get(url).status_code == 404


# Each drill-down's length is the figure's own count of the people behind it.
EXPECTED = {
    **{
        f"degree_{share_key}": lambda board, key=share_key: next(
            share.total - share.count for share in board.degree_shares if share.key == key
        )
        for share_key in ("kindergarten", "primary", "junior", "senior_stage")
    },
    "principal_degree_school": lambda board: (
        board.principal_degrees[0].total - board.principal_degrees[0].count
    ),
    "principal_degree_kindergarten": lambda board: (
        board.principal_degrees[1].total - board.principal_degrees[1].count
    ),
    "temporary": lambda board: board.temp.ratio.temporary_teachers,
    "training_behind": lambda board: board.training.behind,
    "researcher_training": lambda board: board.training.researchers_below_hours,
    "new_principals": lambda board: (
        board.training.new_principals.late + board.training.new_principals.overdue
    ),
    "city_training": lambda board: board.training.city_level.count,
    "principal_alerts": lambda board: len(board.principal_alerts),
    "researchers": lambda board: sum(1 for check in board.researcher_checks if check.findings),
    **{
        f"talent_{headline}": lambda board, key=headline: board.figure(f"talent.{key}").value
        for headline in (
            "famous_teachers",
            "key_principals",
            "city_excellent_teachers",
            "county_famous_teachers",
            "moe_normal_graduates",
            "staff",
        )
    },
}


def test_every_drilldown_is_covered():
    assert set(EXPECTED) == set(DRILLDOWNS)


@pytest.mark.parametrize("unit_code", [None, COUNTY_A])
def test_each_drilldown_holds_exactly_what_its_figure_counts(
    reviewer, county_a, county_b, unit_code
):
    populate(county_a, schools_of_every_kind(county_a), 80)
    populate(county_b, schools_of_every_kind(county_b), 40)
    units = Unit.objects.filter(code=unit_code) if unit_code else Unit.objects.all()
    board = dashboard(units, YEAR)
    params = {"unit": unit_code} if unit_code else {}
    for slug, expected in EXPECTED.items():
        page = get(reviewer, drilldown_url(slug, **params))
        assert count(page) == expected(board), slug
        if unit_code is None:
            assert expected(board) > 0, slug  # the data set exercises every list
