"""The assessment-materials return's data-quality rules A01 and A02."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.models import (
    AssessmentYear,
    DevelopmentCentre,
    PreschoolStatus,
    SatisfactionSurvey,
    SchoolResources,
)
from assessment.services import assessment_open
from jiangmen_edu.models import QualityRuleSetting, School, Section, Unit, YearlyReturn
from jiangmen_edu.quality import registry
from jiangmen_edu.quality import services as quality
from jiangmen_edu.quality.registry import Context
from tests.assessment.factories import RESOURCE_FIELDS
from tests.teachers.factories import make_school

YEAR = 2025


@pytest.fixture
def assessment(reporting_year, admin_user):
    return assessment_open(year=YEAR, user=admin_user)


def findings(unit: Unit, code: str):
    yearly_return = YearlyReturn.objects.get(
        unit=unit, reporting_year__year=YEAR, section=Section.ASSESSMENT
    )
    return [finding for finding in quality.findings_compute(yearly_return) if finding.code == code]


def check(code: str, unit: Unit):
    return list(registry.get(code).check(Context(unit=unit, year=YEAR, threshold=None)))


def school(unit: Unit, number: int, school_type=School.Type.NINE_YEAR) -> School:
    return make_school(unit, f"{unit.code}{number:04d}", f"{unit.name}学校{number}", school_type)


def resources(school: School, stage: str = "primary", year: int = YEAR, **values):
    figures = dict.fromkeys(RESOURCE_FIELDS, Decimal("1"))
    figures.update(values)
    return SchoolResources.objects.create(
        school=school, year=year, stage=stage, students=500, **figures
    )


def complete_materials(unit: Unit) -> None:
    DevelopmentCentre.objects.create(
        unit=unit, year=YEAR, venue=Decimal(1), equipment=Decimal(1), training=Decimal(1)
    )
    PreschoolStatus.objects.create(unit=unit, year=YEAR, status="city_check")
    SatisfactionSurvey.objects.create(
        unit=unit, year=YEAR, group="parents", respondents=10, satisfied=9
    )
    both = school(unit, 1)
    resources(both, "primary")
    resources(both, "junior")


# --- A01 figures below zero -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, hit", [(Decimal("0"), False), (Decimal("-0.001"), True), (Decimal("0.001"), False)]
)
def test_a01_flags_a_school_resource_figure_below_zero(reporting_year, county_a, value, hit):
    row = resources(school(county_a, 1), ground_area_per_student=value)
    found = findings(county_a, "A01")
    assert [f.key for f in found] == ([f"resources:{row.pk}"] if hit else [])
    if hit:
        assert found[0].severity == "error"
        assert (found[0].params["count"], found[0].params["values"]) == (1, "-0.001")
        assert found[0].url == f"/assessment/{YEAR}/{county_a.code}/materials/"


def test_a01_lists_every_negative_figure_of_a_row(reporting_year, county_a):
    resources(
        school(county_a, 1),
        qualified_teachers_per_100=Decimal("-1"),
        equipment_value_per_student=Decimal("-20.5"),
    )
    (finding,) = findings(county_a, "A01")
    assert finding.params["count"] == 2
    assert finding.params["values"] == "-1.000, -20.50"


def test_a01_reads_only_the_unit_and_year(reporting_year, county_a, county_b):
    resources(school(county_a, 1), year=YEAR - 1, floor_area_per_student=Decimal("-1"))
    resources(school(county_b, 1), floor_area_per_student=Decimal("-1"))
    assert findings(county_a, "A01") == []
    assert len(findings(county_b, "A01")) == 1


def test_a01_query_count_does_not_grow(reporting_year, county_a, django_assert_num_queries):
    resources(school(county_a, 0), multimedia_rooms_per_100=Decimal("-1"))
    with CaptureQueriesContext(connection) as one:
        assert len(check("A01", county_a)) == 1
    for number in range(1, 12):
        resources(school(county_a, number), multimedia_rooms_per_100=Decimal("-1"))
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(check("A01", county_a)) == 12


# --- A02 materials still empty ----------------------------------------------------------------


def test_a02_lists_every_missing_material(assessment, county_a):
    found = {f.key: f for f in findings(county_a, "A02")}
    assert set(found) == {
        "centre",
        "preschool",
        "survey",
        "resources:primary",
        "resources:junior",
    }
    assert {f.severity for f in found.values()} == {"error"}
    assert found["survey"].params["items"] == "4"
    assert found["centre"].url == f"/assessment/{YEAR}/{county_a.code}/materials/"


def test_a02_finds_nothing_once_the_materials_are_in(assessment, county_a):
    complete_materials(county_a)
    assert findings(county_a, "A02") == []


@pytest.mark.parametrize("respondents, hit", [(0, True), (1, False)])
def test_a02_needs_one_surveyed_group(assessment, county_a, respondents, hit):
    complete_materials(county_a)
    SatisfactionSurvey.objects.filter(unit=county_a).update(respondents=respondents, satisfied=0)
    SatisfactionSurvey.objects.create(
        unit=county_a, year=YEAR, group="teachers", respondents=0, satisfied=0
    )
    assert [f.key for f in findings(county_a, "A02")] == (["survey"] if hit else [])


def test_a02_needs_resources_of_both_stages(assessment, county_a):
    complete_materials(county_a)
    SchoolResources.objects.filter(stage="junior").delete()
    resources(school(county_a, 2), "junior", year=YEAR - 1)
    assert [f.key for f in findings(county_a, "A02")] == ["resources:junior"]


def test_a02_waits_for_the_city_to_open_the_assessment(reporting_year, admin_user, county_a):
    assert findings(county_a, "A02") == []
    assessment = assessment_open(year=YEAR, user=admin_user)
    assert len(findings(county_a, "A02")) == 5
    AssessmentYear.objects.filter(pk=assessment.pk).update(status="published")
    assert findings(county_a, "A02") == []


def test_a02_only_for_assessed_units(assessment):
    assert check("A02", Unit.objects.get(code="440700")) == []


def test_a02_leaves_county_b_out_of_county_a(assessment, county_a, county_b):
    complete_materials(county_b)
    assert len(findings(county_a, "A02")) == 5
    assert findings(county_b, "A02") == []
    complete_materials(county_a)
    DevelopmentCentre.objects.filter(unit=county_b).delete()
    assert findings(county_a, "A02") == []


def test_a02_query_count_does_not_grow(assessment, county_a, django_assert_num_queries):
    complete_materials(county_a)
    with CaptureQueriesContext(connection) as one:
        assert check("A02", county_a) == []
    for number in range(2, 12):
        resources(school(county_a, number), "primary")
    for group in ("teachers", "students", "principals"):
        SatisfactionSurvey.objects.create(
            unit=county_a, year=YEAR, group=group, respondents=10, satisfied=5
        )
    with django_assert_num_queries(len(one.captured_queries)):
        assert check("A02", county_a) == []


# --- both ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["A01", "A02"])
def test_each_rule_finds_nothing_once_disabled(assessment, reporting_year, county_a, code):
    resources(school(county_a, 1), floor_area_per_student=Decimal("-1"))
    assert findings(county_a, code) != []
    QualityRuleSetting.objects.create(reporting_year=reporting_year, code=code, enabled=False)
    assert findings(county_a, code) == []
