"""The school-seats return's data-quality rules S01–S05, at their boundaries.

County A is 台山市 (14th FYP quota: preschool 1500, compulsory 9185, high school 0).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiangmen_edu.models import QualityRuleSetting, Section, Unit, YearlyReturn
from jiangmen_edu.quality import registry
from jiangmen_edu.quality import services as quality
from jiangmen_edu.quality.registry import Context
from seats.models import PlanExplanation, PlanPeriod, ProjectYear, SeatQuota
from tests.seats.factories import make_enrolment, make_plan, make_project

YEAR = 2025
QUOTA_A = {"preschool": 1500, "compulsory": 9185, "high_school": 0}


def findings(unit: Unit, code: str, year: int = YEAR):
    yearly_return = YearlyReturn.objects.get(
        unit=unit, reporting_year__year=year, section=Section.SEATS
    )
    return [f for f in quality.findings_compute(yearly_return) if f.code == code]


def check(code: str, unit: Unit, year: int = YEAR, threshold: str | None = None):
    """The rule's hits, straight from its function (for query counts)."""
    rule = registry.get(code)
    value = Decimal(threshold) if threshold else rule.default_threshold
    return list(rule.check(Context(unit=unit, year=year, threshold=value)))


def full_plan(unit: Unit, **stages: int) -> None:
    """A plan of the 14th FYP adding up to the unit's quota, but for the stages given."""
    totals = {**QUOTA_A, **stages}
    make_plan(unit, {(2021, stage): seats for stage, seats in totals.items()})


def project_year(project, year: int = YEAR, **figures) -> ProjectYear:
    return ProjectYear.objects.create(project=project, year=year, **figures)


def len_queries(call) -> int:
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


def setting(reporting_year, code: str, *, enabled: bool = True, threshold=None):
    return QualityRuleSetting.objects.create(
        reporting_year=reporting_year, code=code, enabled=enabled, threshold=threshold
    )


# --- S01 the yearly plan adds up to the quota -------------------------------------------------


def test_s01_does_not_ask_again_about_a_shortfall_explained_on_the_plan_page(
    reporting_year, county_a
):
    full_plan(county_a, compulsory=9184)
    PlanExplanation.objects.create(
        period=PlanPeriod.objects.get(start_year=2021),
        unit=county_a,
        stage="compulsory",
        text="一所学校延至十五五建设",
    )

    assert findings(county_a, "S01") == []


@pytest.mark.parametrize("difference, hit", [(-1, True), (0, False), (1, False)])
def test_s01_flags_a_plan_short_of_the_quota_only(reporting_year, county_a, difference, hit):
    full_plan(county_a, compulsory=9185 + difference)
    found = findings(county_a, "S01")
    assert [f.key for f in found] == (["stage:compulsory"] if hit else [])
    if hit:
        finding = found[0]
        assert finding.severity == "warning"
        period = PlanPeriod.objects.get(start_year=2021)
        assert {k: v for k, v in finding.params.items() if k != "label"} == {
            "period": period.name,
            "planned": 9184,
            "quota": 9185,
            "short": 1,
        }
        assert finding.url == f"/seats/units/{county_a.code}/"


def test_s01_gives_one_finding_per_short_stage_with_its_figures(reporting_year, county_a):
    make_plan(county_a, {(2021, "preschool"): 1000, (2022, "preschool"): 400})
    found = {f.key: f.params for f in findings(county_a, "S01")}
    assert set(found) == {"stage:preschool", "stage:compulsory"}
    preschool = found["stage:preschool"]
    assert (preschool["planned"], preschool["quota"], preschool["short"]) == (1400, 1500, 100)
    assert found["stage:compulsory"]["planned"] == 0


def test_s01_reads_only_the_plan_period_containing_the_year(reporting_year, county_a):
    full_plan(county_a)
    later = PlanPeriod.objects.create(name="十五五", start_year=2026, end_year=2030)
    SeatQuota.objects.create(
        period=later,
        unit=county_a,
        preschool=10,
        compulsory=10,
        private_to_convert=0,
        high_school=0,
    )
    assert findings(county_a, "S01") == []
    assert check("S01", county_a, year=2026) != []
    assert check("S01", county_a, year=2040) == []


def test_s01_leaves_county_b_out_of_county_a(reporting_year, county_a, county_b):
    full_plan(county_a)
    assert findings(county_a, "S01") == []
    assert {f.key for f in findings(county_b, "S01")} == {"stage:preschool", "stage:compulsory"}


# --- S02 delivered beyond planned ---------------------------------------------------------------


@pytest.mark.parametrize("delivered_now, hit", [(399, False), (400, False), (401, True)])
def test_s02_compares_the_seats_delivered_so_far_with_the_plan(
    reporting_year, county_a, delivered_now, hit
):
    project = make_project(county_a, "P1", seats=1000, deliveries={2024: 600, YEAR: delivered_now})
    make_project(county_a, "P2", seats=100, deliveries={2026: 500, YEAR: 100})  # later: unread
    found = findings(county_a, "S02")
    assert [f.key for f in found] == ([f"project:{project.pk}"] if hit else [])
    if hit:
        assert found[0].severity == "warning"
        assert (found[0].params["delivered"], found[0].params["planned"]) == (1001, 1000)
        assert found[0].url == f"/seats/projects/{project.pk}/"


def test_s02_skips_projects_without_figures_in_the_year(reporting_year, county_a):
    make_project(county_a, "OLD", seats=100, deliveries={2023: 300})
    assert findings(county_a, "S02") == []


def test_s02_leaves_county_b_out_of_county_a(reporting_year, county_a, county_b):
    make_project(county_b, "B1", seats=10, deliveries={YEAR: 11})
    assert findings(county_a, "S02") == []
    assert len(findings(county_b, "S02")) == 1


def test_s02_query_count_does_not_grow(reporting_year, county_a, django_assert_num_queries):
    make_project(county_a, "P0", seats=10, deliveries={YEAR: 11})
    queries = len_queries(lambda: check("S02", county_a))
    for number in range(1, 15):
        make_project(county_a, f"P{number}", seats=10, deliveries={2024: 5, YEAR: 6})
    with django_assert_num_queries(queries):
        assert len(check("S02", county_a)) == 15


# --- S03 compulsory enrolment against last year ------------------------------------------------


@pytest.mark.parametrize(
    "this_year, hit",
    [(12000, False), (12001, True), (11999, False), (8000, False), (7999, True)],
)
def test_s03_flags_a_change_of_more_than_20_percent(reporting_year, county_a, this_year, hit):
    make_enrolment(county_a, 2024, public_students=9000, purchased_students=500)  # 10,000
    make_enrolment(county_a, YEAR, public_students=this_year - 1000, purchased_students=500)
    found = findings(county_a, "S03")
    assert [f.key for f in found] == ([f"enrolment:{YEAR}"] if hit else [])
    if hit:
        assert found[0].severity == "warning"
        assert found[0].params["previous"] == 10000
        assert found[0].params["threshold"] == "20"
        assert found[0].params["change"] == ("20.01" if this_year > 10000 else "-20.01")


def test_s03_needs_last_years_figures(reporting_year, county_a):
    make_enrolment(county_a, YEAR)
    assert findings(county_a, "S03") == []
    make_enrolment(
        county_a, 2024, public_students=0, purchased_students=0, private_students=0
    )  # a year with no students gives nothing to compare with
    assert findings(county_a, "S03") == []


def test_s03_uses_the_citys_threshold(reporting_year, county_a):
    make_enrolment(county_a, 2024)  # 10,000
    make_enrolment(county_a, YEAR, public_students=11500)  # 12,500: +25 %
    assert len(findings(county_a, "S03")) == 1
    setting(reporting_year, "S03", threshold=Decimal("25"))
    assert findings(county_a, "S03") == []
    QualityRuleSetting.objects.filter(code="S03").update(threshold=Decimal("24.99"))
    assert findings(county_a, "S03")[0].params["threshold"] == "24.99"


def test_s03_leaves_county_b_out_of_county_a(reporting_year, county_a, county_b):
    make_enrolment(county_a, 2024)
    make_enrolment(county_b, YEAR, public_students=50000)
    assert findings(county_a, "S03") == []


def test_s03_query_count_is_fixed(reporting_year, county_a, django_assert_num_queries):
    make_enrolment(county_a, 2024)
    make_enrolment(county_a, YEAR, public_students=20000)
    with django_assert_num_queries(1):
        assert len(check("S03", county_a)) == 1


# --- S04 parts above their whole ---------------------------------------------------------------


@pytest.mark.parametrize(
    "figures, hit",
    [
        ({"seats_delivered": 100, "boarding_delivered": 100}, False),
        ({"seats_delivered": 100, "boarding_delivered": 101}, True),
        ({"seats_planned": 50, "boarding_planned": 50}, False),
        ({"seats_planned": 50, "boarding_planned": 51}, True),
    ],
)
def test_s04_flags_boarding_seats_above_seats(reporting_year, county_a, figures, hit):
    row = project_year(make_project(county_a, "P1"), **figures)
    found = findings(county_a, "S04")
    assert [f.key for f in found] == ([f"project-year:{row.pk}"] if hit else [])
    if hit:
        assert found[0].severity == "error"
        assert found[0].url == f"/seats/projects/{row.project_id}/"


def test_s04_reads_only_the_year(reporting_year, county_a, county_b):
    project_year(make_project(county_a, "P1"), 2024, seats_delivered=1, boarding_delivered=9)
    project_year(make_project(county_b, "B1"), seats_delivered=1, boarding_delivered=9)
    assert findings(county_a, "S04") == []
    assert len(findings(county_b, "S04")) == 1


def test_s04_query_count_does_not_grow(reporting_year, county_a, django_assert_num_queries):
    project_year(make_project(county_a, "P0"), boarding_delivered=1)
    queries = len_queries(lambda: check("S04", county_a))
    for number in range(1, 12):
        project_year(make_project(county_a, f"P{number}"), boarding_planned=1)
    with django_assert_num_queries(queries):
        assert len(check("S04", county_a)) == 12


# --- S05 figures the assessment needs ----------------------------------------------------------


def test_s05_asks_for_the_years_plan_and_enrolment(reporting_year, county_a):
    found = {f.key: f for f in findings(county_a, "S05")}
    assert set(found) == {f"plan:{YEAR}", f"enrolment:{YEAR}"}
    assert {f.severity for f in found.values()} == {"error"}
    assert found[f"plan:{YEAR}"].params["items"] == "3.1"
    assert found[f"enrolment:{YEAR}"].url == f"/seats/enrolment/?year={YEAR}"


def test_s05_is_satisfied_by_one_plan_row_and_students(reporting_year, county_a):
    make_plan(county_a, {(YEAR, "high_school"): 0})
    make_enrolment(county_a, YEAR, public_students=0, purchased_students=0, private_students=1)
    assert findings(county_a, "S05") == []


def test_s05_counts_an_enrolment_row_without_students_as_empty(reporting_year, county_a):
    make_plan(county_a, {(YEAR, "compulsory"): 100})
    make_plan(county_a, {(2024, "compulsory"): 100})
    make_enrolment(county_a, YEAR, public_students=0, purchased_students=0, private_students=0)
    assert [f.key for f in findings(county_a, "S05")] == [f"enrolment:{YEAR}"]


def test_s05_only_for_assessed_units(reporting_year, county_a, county_b):
    city_direct = Unit.objects.get(code="440700")
    assert findings(city_direct, "S05") == []
    make_plan(county_a, {(YEAR, "compulsory"): 100})
    make_enrolment(county_a, YEAR)
    assert findings(county_a, "S05") == []
    assert len(findings(county_b, "S05")) == 2


def test_s05_query_count_is_fixed(reporting_year, county_a, django_assert_num_queries):
    queries = len_queries(lambda: check("S05", county_a))
    make_plan(county_a, {(year, "compulsory"): 100 for year in range(2021, 2026)})
    make_enrolment(county_a, YEAR)
    for number in range(10):
        make_project(county_a, f"P{number}", deliveries={YEAR: 10})
    with django_assert_num_queries(queries):
        assert check("S05", county_a) == []


# --- every rule ---------------------------------------------------------------------------


def hit_everything(unit: Unit) -> None:
    make_plan(unit, {(YEAR, "compulsory"): 100})  # short of the quota: S01
    make_project(unit, "P1", seats=10, deliveries={YEAR: 11})  # S02
    project_year(make_project(unit, "P2"), boarding_planned=1)  # S04
    # No enrolment of the year: S05.


@pytest.mark.parametrize("code", ["S01", "S02", "S04", "S05"])
def test_each_rule_finds_something_until_the_city_disables_it(reporting_year, county_a, code):
    hit_everything(county_a)
    assert findings(county_a, code) != []
    setting(reporting_year, code, enabled=False)
    assert findings(county_a, code) == []


def test_s03_finds_nothing_once_disabled(reporting_year, county_a):
    make_enrolment(county_a, 2024)
    make_enrolment(county_a, YEAR, public_students=20000)
    assert findings(county_a, "S03") != []
    setting(reporting_year, "S03", enabled=False, threshold=Decimal("20"))
    assert findings(county_a, "S03") == []


def test_s01_query_count_is_fixed(reporting_year, county_a, django_assert_num_queries):
    queries = len_queries(lambda: check("S01", county_a))
    make_plan(county_a, {(y, s): 10 for y in range(2021, 2026) for s in QUOTA_A})
    for number in range(10):
        make_project(county_a, f"P{number}", deliveries={2022: 5, YEAR: 10})
    with django_assert_num_queries(queries):
        assert len(check("S01", county_a)) == 2
