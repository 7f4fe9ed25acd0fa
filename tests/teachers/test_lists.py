"""The record lists: filters, search, pagination, the xlsx export of exactly what the list
shows, and a query count that does not grow with the data."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiangmen_edu.workflow import reporting_year_open
from teachers import lists
from tests.conftest import client_for
from tests.teachers import factories
from tests.teachers.conftest import SLUGS, url
from tests.teachers.factories import YEAR

LISTINGS = {listing.slug: listing for listing in lists.LISTINGS}


def staff_numbers(page) -> list[str]:
    return [record.staff.staff_no for record in page.context["page"].object_list]


def exported(client, slug: str, params: dict) -> list[tuple]:
    response = client.get(url(slug, "export"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[0]) == len(LISTINGS[slug].columns)
    return rows[1:]


def column(slug: str, header) -> int:
    return [c.header for c in LISTINGS[slug].columns].index(header)


@pytest.fixture
def last_year(admin_user):
    return reporting_year_open(year=YEAR - 1, due_date=datetime.date(YEAR, 3, 31), user=admin_user)


@pytest.fixture
def roster(county_a, teachers_return, last_year, staff_a, school_a, records_b):
    """Four roster rows in county A over two years, one in county B (from records_b)."""
    kindergarten = factories.make_school(
        county_a, "4407818002", "台山市台城第八幼儿园", school_type="kindergarten"
    )
    make = factories.make_roster_row
    staff = factories.make_staff
    return [
        make(staff_a, school_a, subject="chinese"),
        make(
            staff(county_a, "A0002", "王芳"),
            kindergarten,
            employment="temporary",
            degree=2,
            title=1,
            subject="preschool",
        ),
        make(staff(county_a, "A0003", "张伟"), None, degree=4, title=3, subject="maths"),
        make(
            staff(county_a, "A0004", "李强"),
            school_a,
            year=YEAR - 1,
            post="principal",
            degree=4,
            title=3,
            subject="chinese",
        ),
    ]


ROSTER_FILTERS = [
    ({}, {"A0001", "A0002", "A0003", "A0004"}),
    ({"year": YEAR - 1}, {"A0004"}),
    ({"school": "school_a"}, {"A0001", "A0004"}),
    ({"stage": "kindergarten"}, {"A0002"}),
    ({"post": "researcher"}, {"A0003"}),
    ({"employment": "temporary"}, {"A0002"}),
    ({"degree": 4}, {"A0003", "A0004"}),
    ({"title": 3}, {"A0003", "A0004"}),
    ({"subject": "chinese"}, {"A0001", "A0004"}),
    ({"year": YEAR, "subject": "chinese"}, {"A0001"}),
    ({"q": "李"}, {"A0001", "A0004"}),
    ({"q": "A0002"}, {"A0002"}),
    ({"q": "A000"}, {"A0001", "A0002", "A0003", "A0004"}),
    ({"q": "nobody"}, set()),
    # Values that are not among the user's options are ignored, never widened.
    ({"school": "school_b"}, {"A0001", "A0002", "A0003", "A0004"}),
    ({"unit": "440783"}, {"A0001", "A0002", "A0003", "A0004"}),
    ({"degree": "x"}, {"A0001", "A0002", "A0003", "A0004"}),
]


def resolve(params: dict, request) -> dict:
    return {
        key: request.getfixturevalue(value).pk if value in ("school_a", "school_b") else value
        for key, value in params.items()
    }


@pytest.mark.parametrize("params, expected", ROSTER_FILTERS)
def test_roster_filters_and_search(request, params, expected, editor, roster):
    params = resolve(params, request)
    client = client_for(editor)
    page = client.get(url("roster", "list"), params)
    assert page.status_code == 200
    assert set(staff_numbers(page)) == expected
    # The export holds exactly the rows of the list, in its order.
    rows = exported(client, "roster", params)
    assert [r[column("roster", lists.STAFF_NO)] for r in rows] == staff_numbers(page)


def test_the_export_link_carries_the_filters(editor, roster):
    page = client_for(editor).get(url("roster", "list"), {"year": YEAR, "q": "李", "page": 1})
    export_url = f"{url('roster', 'export')}?year={YEAR}&q=%E6%9D%8E"
    assert page.context["export_url"] == export_url
    href = export_url.replace("&", "&amp;")
    assert f'data-testid="export" href="{href}"' in page.content.decode()


def test_the_export_shows_what_the_columns_show(editor, roster, school_a):
    rows = exported(client_for(editor), "roster", {"q": "A0001"})
    assert rows == [
        (
            YEAR,
            "台山市",
            "A0001",
            "李明",
            school_a.name,
            roster[0].get_stage_display(),
            roster[0].get_post_display(),
            roster[0].get_employment_display(),
            roster[0].get_degree_display(),
            roster[0].get_title_display(),
            roster[0].get_subject_display(),
            10,
            0,
            96000,
        )
    ]


CHOICES = ["stage", "post", "employment", "degree", "title", "subject"]


def test_the_city_filters_by_unit_and_then_school(reviewer, roster, school_a, school_b):
    client = client_for(reviewer)
    page = client.get(url("roster", "list"))
    assert set(staff_numbers(page)) == {"A0001", "A0002", "A0003", "A0004", "B0001"}
    # No school drop-down before a unit is picked.
    assert [f.name for f in page.context["filters"].shown] == ["year", "unit"] + CHOICES
    page = client.get(url("roster", "list"), {"unit": "440783"})
    assert staff_numbers(page) == ["B0001"]
    page = client.get(url("roster", "list"), {"unit": "440781", "school": school_a.pk})
    assert set(staff_numbers(page)) == {"A0001", "A0004"}
    rows = exported(client, "roster", {"unit": "440783"})
    assert [r[column("roster", lists.STAFF_NO)] for r in rows] == ["B0001"]
    page = client.get(url("roster", "list"), {"unit": "440781"})
    assert "school" in [f.name for f in page.context["filters"].shown]


@pytest.mark.parametrize("slug", SLUGS)
def test_a_county_export_never_holds_another_county(slug, editor, record_a, records_b):
    client = client_for(editor)
    for params in ({}, {"unit": "440783"}, {"q": "B0001"}):
        rows = exported(client, slug, params)
        numbers = {r[column(slug, lists.STAFF_NO)] for r in rows}
        assert "B0001" not in numbers
    rows = exported(client, slug, {})
    assert [r[column(slug, lists.STAFF_NO)] for r in rows] == ["A0001"]


def make_records(slug: str, unit, school, count: int, year: int = YEAR, first: int = 1000):
    """`count` records of one kind in `unit`, each for its own staff member."""
    records = []
    for number in range(first, first + count):
        staff = factories.make_staff(unit, f"{unit.code[-2:]}{number}", f"教师{number}")
        if slug == "roster":
            records.append(factories.make_roster_row(staff, school, year=year))
        elif slug == "training":
            date = datetime.date(year, 4, 1)
            records.append(factories.make_training(staff, date=date))
        elif slug == "talent":
            records.append(factories.make_talent_title(staff, year=year))
        elif slug == "appointment":
            date = datetime.date(year, 9, 1)
            records.append(factories.make_appointment(staff, school, start_date=date))
        elif slug == "semester":
            records.append(factories.make_principal_semester(staff, year=year))
        else:
            records.append(factories.make_researcher_duty(staff, year=year))
    return records


@pytest.mark.parametrize("slug", SLUGS)
def test_every_list_filters_by_year_and_searches(
    slug, editor, county_a, reporting_year, last_year, school_a
):
    this_year = make_records(slug, county_a, school_a, 2)
    last_year = make_records(slug, county_a, school_a, 1, year=YEAR - 1, first=2000)
    client = client_for(editor)
    page = client.get(url(slug, "list"), {"year": YEAR - 1})
    assert list(page.context["page"].object_list) == last_year
    page = client.get(url(slug, "list"), {"year": YEAR})
    assert set(page.context["page"].object_list) == set(this_year)
    page = client.get(url(slug, "list"), {"q": this_year[1].staff.name})
    assert list(page.context["page"].object_list) == [this_year[1]]
    rows = exported(client, slug, {"q": this_year[1].staff.name})
    assert [r[column(slug, lists.NAME)] for r in rows] == [this_year[1].staff.name]


@pytest.mark.parametrize(
    "slug, params, matching",
    [
        ("training", {"level": "city"}, {"level": "city"}),
        ("talent", {"kind": "key_principal"}, {"kind": "key_principal"}),
        ("talent", {"level": "provincial"}, {"level": "provincial"}),
        ("semester", {"semester": "2"}, {"semester": 2}),
        ("researcher_duty", {"level": "city"}, {"level": "city", "year": YEAR - 1}),
    ],
)
def test_choice_filters_of_the_other_lists(slug, params, matching, editor, reporting_year, staff_a):
    make = {
        "training": factories.make_training,
        "talent": factories.make_talent_title,
        "semester": factories.make_principal_semester,
        "researcher_duty": factories.make_researcher_duty,
    }[slug]
    make(staff_a)
    wanted = make(staff_a, **matching)
    page = client_for(editor).get(url(slug, "list"), params)
    assert list(page.context["page"].object_list) == [wanted]


def test_appointments_filter_by_school(editor, county_a, reporting_year, staff_a, school_a):
    other = factories.make_school(county_a, "4407818003", "台山市第八中学", school_type="junior")
    factories.make_appointment(staff_a, school_a)
    wanted = factories.make_appointment(staff_a, other, start_date=datetime.date(2021, 9, 1))
    page = client_for(editor).get(url("appointment", "list"), {"school": other.pk})
    assert list(page.context["page"].object_list) == [wanted]


def test_lists_are_paginated_by_50(editor, county_a, reporting_year, school_a):
    make_records("roster", county_a, school_a, 51)
    client = client_for(editor)
    first = client.get(url("roster", "list"))
    assert len(first.context["page"].object_list) == 50
    second = client.get(url("roster", "list"), {"page": 2})
    assert len(second.context["page"].object_list) == 1
    assert len(exported(client, "roster", {})) == 51


# A list page: session, user, the second factor (the verified device, or whether there is one),
# the filters' options (years, units, schools), the count, the page's rows and, for an editor,
# the locked years. Whatever the number of rows.
MAX_LIST_QUERIES = 10
MAX_EXPORT_QUERIES = 7
# The researchers' page also reads the statements of no researchers and the editable years.
EXTRA_LIST_QUERIES = {"researcher_duty": 2}


@pytest.mark.parametrize("size", [2, 60])
@pytest.mark.parametrize("role", ["editor", "reviewer"])
@pytest.mark.parametrize("slug", SLUGS)
def test_the_query_count_does_not_grow_with_the_rows(
    slug,
    role,
    size,
    users,
    county_a,
    county_b,
    reporting_year,
    school_a,
    school_b,
    django_assert_max_num_queries,
):
    make_records(slug, county_a, school_a, size)
    make_records(slug, county_b, school_b, size)
    client = client_for(users[role])
    with django_assert_max_num_queries(MAX_LIST_QUERIES + EXTRA_LIST_QUERIES.get(slug, 0)):
        page = client.get(url(slug, "list"), {"unit": county_a.code})
    assert len(page.context["page"].object_list) == min(size, 50)
    with django_assert_max_num_queries(MAX_EXPORT_QUERIES):
        rows = exported(client, slug, {"unit": county_a.code})
    assert len(rows) == size


def test_the_query_count_is_the_same_at_both_sizes(editor, county_a, reporting_year, school_a):
    client = client_for(editor)
    counts = []
    for size in (1, 40):
        make_records("roster", county_a, school_a, size, first=1000 + 100 * size)
        with CaptureQueriesContext(connection) as queries:
            client.get(url("roster", "list"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
