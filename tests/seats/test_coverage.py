"""Township coverage (docs/rules.md#township-coverage): each town and subdistrict, with the schools
that satisfy it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiangmen_edu.models import Township
from jiangmen_edu.workflow import ReturnLocked
from seats import selectors, services
from seats.models import BoardingSchool
from tests.conftest import client_for
from tests.seats.conftest import submit
from tests.seats.factories import make_boarding_school, make_enrolment, make_school


@pytest.fixture
def places(county_a):
    town = Township.objects.filter(unit=county_a, kind="town").order_by("name").first()
    subdistrict = Township.objects.filter(unit=county_a, kind="subdistrict").first()
    return town, subdistrict


def checklist(unit, year=2025):
    (row,) = selectors.coverage(units=[unit], year=year)
    return row


def line(row, township, requirement):
    item = next(t for t in row.townships if t.township == township)
    return item.line(requirement)


def test_an_empty_county_has_every_line_open(db, county_a, places):
    row = checklist(county_a)
    towns = Township.objects.filter(unit=county_a, kind="town").count()
    subdistricts = Township.objects.filter(unit=county_a, kind="subdistrict").count()
    assert len(row.towns) == towns and len(row.subdistricts) == subdistricts
    assert all(len(t.lines) == 2 for t in row.towns)
    assert all(len(t.lines) == 1 for t in row.subdistricts)
    assert row.special.required is None  # no population entered
    assert row.gaps == 2 * towns + subdistricts


def test_lines_list_the_schools_that_satisfy_them(db, county_a, places):
    town, subdistrict = places
    boarding = make_boarding_school(county_a, "4407818801", township=town).school
    make_school(county_a, "4407818802", "走读小学", "primary", township=town)
    central = make_school(
        county_a, "4407818803", "中心幼儿园", "kindergarten", township=town, is_central=True
    )
    make_school(
        county_a,
        "4407818804",
        "民办中心园",
        "kindergarten",
        township=town,
        is_central=True,
        ownership="private",
    )
    plain = make_school(county_a, "4407818805", "街道幼儿园", "kindergarten", township=subdistrict)
    row = checklist(county_a)
    assert line(row, town, "boarding_school").schools == [boarding]
    assert line(row, town, "central_kindergarten").schools == [central]
    assert line(row, subdistrict, "public_kindergarten").schools == [plain]
    item = next(t for t in row.townships if t.township == town)
    assert item.complete


@pytest.mark.parametrize(
    "population, required, met",
    [(200_000, False, True), (200_001, True, False), (None, None, None)],
)
def test_special_school_rule_over_200000(db, county_a, population, required, met):
    make_enrolment(county_a, population=population)
    check = checklist(county_a).special
    assert (check.required, check.met) == (required, met)


def test_a_special_school_meets_the_rule_and_the_latest_population_counts(db, county_a):
    make_enrolment(county_a, 2023, population=150_000)
    make_enrolment(county_a, 2025, population=910_000)
    assert checklist(county_a, 2024).special.required is False
    assert checklist(county_a, 2025).special.required is True
    school = make_school(county_a, "4407818890", "台山市特殊教育学校", "special")
    assert checklist(county_a, 2025).special.schools == [school]
    assert checklist(county_a, 2025).special.met is True


def test_editors_record_boarding_schools_of_their_own_unit(
    reporting_year, editor, county_a, county_b, places
):
    town, _subdistrict = places
    school = make_school(county_a, "4407818806", "寄宿小学", "primary", township=town)
    services.boarding_school_set(user=editor, school=school, boarding_places=120)
    assert line(checklist(county_a), town, "boarding_school").schools == [school]
    other = make_school(county_b, "4407838806", "开平寄宿小学", "primary")
    senior = make_school(county_a, "4407818807", "台山高中", "senior", township=town)
    for refused in (other, senior):
        with pytest.raises(ValidationError):
            services.boarding_school_set(user=editor, school=refused, boarding_places=1)
    submit(county_a, 2025, editor)
    with pytest.raises(ReturnLocked):
        services.boarding_school_remove(user=editor, boarding=BoardingSchool.objects.get())


def test_coverage_pages(reporting_year, editor, other_editor, reviewer, county_a, places):
    town, _subdistrict = places
    make_boarding_school(county_a, township=town)
    page = client_for(reviewer).get(reverse("seats:coverage"))
    assert len(page.context["rows"]) == 7  # the seven counties; 市直 has no townships
    own = client_for(editor).get(reverse("seats:coverage"))
    assert [row.unit for row in own.context["rows"]] == [county_a]
    detail = client_for(editor).get(reverse("seats:coverage_unit", kwargs={"code": county_a.code}))
    assert detail.status_code == 200 and detail.context["can_edit"]
    response = client_for(other_editor).get(
        reverse("seats:coverage_unit", kwargs={"code": county_a.code})
    )
    assert response.status_code == 404
