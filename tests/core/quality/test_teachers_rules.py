"""The teachers return's data-quality rules T01–T07 (teachers/quality.py).

County A is 台山市 (440781), county B 开平市 (440783); the open year is 2025. Each rule is
checked at its boundary, with the city's settings (disabled, another threshold), across
counties, and for a query count that does not grow with the data.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from jiangmen_edu.models import (
    QualityRuleSetting,
    School,
    Section,
    Severity,
    Stage,
    Unit,
    YearlyReturn,
)
from jiangmen_edu.quality import registry
from jiangmen_edu.quality import services as quality
from jiangmen_edu.quality.registry import Context
from teachers.models import Degree, Employment, NoResearchersStatement, Post, Staff, StaffYear
from tests.teachers import factories
from tests.teachers.factories import YEAR

pytestmark = pytest.mark.usefixtures("reporting_year")

D = datetime.date
Type = School.Type


def school(unit: Unit, school_type: str = Type.PRIMARY, **fields) -> School:
    return factories.make_school(unit, school_type=school_type, **fields)


def staff(unit: Unit, name: str = "") -> Staff:
    return factories.make_staff(unit, name=name or None)


def rows(count: int, unit: Unit, at: School | None, **fields) -> list[StaffYear]:
    return [factories.make_roster_row(staff(unit), at, **fields) for _ in range(count)]


def findings(unit: Unit, code: str, year: int = YEAR):
    """What the rule finds now in the unit's teachers return, with the city's settings."""
    yearly_return = YearlyReturn.objects.get(
        unit=unit, reporting_year__year=year, section=Section.TEACHERS
    )
    return [finding for finding in quality.findings_compute(yearly_return) if finding.code == code]


def keys(unit: Unit, code: str, year: int = YEAR) -> set[str]:
    return {finding.key for finding in findings(unit, code, year)}


def check(unit: Unit, code: str, threshold: str | None = None, year: int = YEAR) -> list:
    """The rule's own check, without the settings: for counting its queries."""
    rule = registry.get(code)
    limit = rule.default_threshold if threshold is None else Decimal(threshold)
    return list(rule.check(Context(unit=unit, year=year, threshold=limit)))


def setting(reporting_year, code: str, *, enabled: bool = True, threshold: str | None = None):
    QualityRuleSetting.objects.create(
        reporting_year=reporting_year,
        code=code,
        enabled=enabled,
        threshold=None if threshold is None else Decimal(threshold),
    )


def test_the_rules_are_registered_for_the_teachers_section():
    rules = {rule.code: rule for rule in registry.rules_for_section(Section.TEACHERS)}
    assert set(rules) >= {"T01", "T02", "T03", "T04", "T05", "T06", "T07"}
    severities = {code: rules[code].severity for code in ("T01", "T02", "T03", "T04", "T05")}
    assert severities == {
        "T01": Severity.ERROR,
        "T02": Severity.ERROR,
        "T03": Severity.WARNING,
        "T04": Severity.WARNING,
        "T05": Severity.WARNING,
    }
    assert rules["T06"].severity == Severity.WARNING
    assert rules["T07"].severity == Severity.ERROR
    defaults = {code: rules[code].default_threshold for code in ("T03", "T04", "T05", "T06")}
    assert defaults == {"T03": 10, "T04": 5, "T05": 200, "T06": 2}


# --- T01: staff at a school of another county ------------------------------------------------


def test_t01_flags_a_row_whose_school_was_moved_to_another_county(county_a, county_b):
    moved = school(county_a)
    person = staff(county_a, "张三")
    factories.make_roster_row(person, moved)
    rows(2, county_a, school(county_a))
    factories.make_roster_row(staff(county_a), None, post=Post.RESEARCHER)
    assert findings(county_a, "T01") == []

    moved.unit = county_b
    moved.save()

    [finding] = findings(county_a, "T01")
    assert finding.severity == Severity.ERROR
    assert finding.key == f"staff:{person.pk}"
    assert finding.label == f"张三（{person.staff_no}）"
    assert finding.params["school_unit"] == "开平市"
    assert finding.params["unit"] == "台山市"
    assert "开平市" in quality.describe(finding)
    assert finding.url.startswith(reverse("teachers:roster_list"))
    assert f"q={person.staff_no}" in finding.url and "unit=440781" in finding.url


def test_t01_reads_only_the_year_and_the_county(county_a, county_b):
    moved = school(county_a)
    factories.make_roster_row(staff(county_a), moved, year=YEAR - 1)
    b_moved = school(county_b)
    b_person = staff(county_b)
    factories.make_roster_row(b_person, b_moved)
    moved.unit = county_b
    moved.save()
    b_moved.unit = county_a
    b_moved.save()

    assert findings(county_a, "T01") == []
    assert keys(county_b, "T01") == {f"staff:{b_person.pk}"}


def test_t01_disabled_finds_nothing(county_a, county_b, reporting_year):
    moved = school(county_a)
    rows(1, county_a, moved)
    moved.unit = county_b
    moved.save()
    assert len(findings(county_a, "T01")) == 1
    setting(reporting_year, "T01", enabled=False)
    assert findings(county_a, "T01") == []


@pytest.mark.parametrize("count", [1, 6])
def test_t01_queries_do_not_grow(county_a, county_b, count, django_assert_num_queries):
    moved = school(county_a)
    rows(count, county_a, moved)
    moved.unit = county_b
    moved.save()
    with django_assert_num_queries(1):
        assert len(check(county_a, "T01")) == count


# --- T02: impossible figures ---------------------------------------------------------------


def researcher(unit: Unit, name: str = "") -> Staff:
    person = staff(unit, name)
    factories.make_roster_row(person, None, post=Post.RESEARCHER)
    return person


@pytest.mark.parametrize(
    ("days", "flagged"), [(364, False), (365, False), (366, True), (400, True)]
)
def test_t02_guidance_days_beyond_the_days_of_the_year(county_a, days, flagged):
    person = researcher(county_a, "李四")
    duty = factories.make_researcher_duty(person, guidance_days=days)
    found = findings(county_a, "T02")
    assert [f.key for f in found] == ([f"duty:{duty.pk}:guidance_days"] if flagged else [])
    if flagged:
        assert found[0].severity == Severity.ERROR
        assert found[0].label == f"李四（{person.staff_no}）"
        assert found[0].params["value"] == days
        assert found[0].params["maximum"] == 365
        assert "365" in quality.describe(found[0])
        assert found[0].url.startswith(reverse("teachers:researcher_duty_list"))


def test_t02_a_leap_year_has_366_days(county_a):
    duty = factories.make_researcher_duty(researcher(county_a), year=2024, guidance_days=366)
    assert check(county_a, "T02", year=2024) == []
    duty.guidance_days = 367
    duty.save()
    [hit] = check(county_a, "T02", year=2024)
    assert hit.params["maximum"] == 366


@pytest.mark.parametrize(("since", "flagged"), [(YEAR - 1, False), (YEAR, False), (YEAR + 1, True)])
def test_t02_in_post_since_a_later_year(county_a, since, flagged):
    duty = factories.make_researcher_duty(researcher(county_a), in_post_since=since)
    expected = {f"duty:{duty.pk}:in_post_since"} if flagged else set()
    assert keys(county_a, "T02") == expected


def test_t02_one_hit_per_impossible_figure(county_a):
    duty = factories.make_researcher_duty(
        researcher(county_a), guidance_days=500, in_post_since=YEAR + 3
    )
    assert keys(county_a, "T02") == {
        f"duty:{duty.pk}:guidance_days",
        f"duty:{duty.pk}:in_post_since",
    }


def test_t02_reads_only_the_year_and_the_county(county_a, county_b, reporting_year):
    factories.make_researcher_duty(researcher(county_a), year=YEAR - 1, guidance_days=400)
    b_duty = factories.make_researcher_duty(researcher(county_b), guidance_days=400)
    assert findings(county_a, "T02") == []
    assert keys(county_b, "T02") == {f"duty:{b_duty.pk}:guidance_days"}
    setting(reporting_year, "T02", enabled=False)
    assert findings(county_b, "T02") == []


@pytest.mark.parametrize("count", [1, 6])
def test_t02_queries_do_not_grow(county_a, count, django_assert_num_queries):
    for _ in range(count):
        factories.make_researcher_duty(researcher(county_a), guidance_days=400)
    with django_assert_num_queries(1):
        assert len(check(county_a, "T02")) == count


# --- T03: a stage's degree share moving sharply --------------------------------------------


def teachers(unit: Unit, at: School, holders: int, others: int, year: int) -> None:
    """Full-time teachers of the school's stage: `holders` with the target degree."""
    degree, below = {
        Stage.KINDERGARTEN: (Degree.ASSOCIATE, Degree.HIGH_SCHOOL),
        Stage.PRIMARY: (Degree.BACHELOR, Degree.ASSOCIATE),
        Stage.SENIOR: (Degree.MASTER, Degree.BACHELOR),
    }[at.stages[0]]
    rows(holders, unit, at, year=year, degree=degree)
    rows(others, unit, at, year=year, degree=below)


def test_t03_one_hit_per_stage_up_or_down(county_a):
    kindergarten, primary, senior = (
        school(county_a, Type.KINDERGARTEN),
        school(county_a),
        school(county_a, Type.SENIOR),
    )
    teachers(county_a, kindergarten, 5, 5, YEAR - 1)  # 50 % → 100 %
    teachers(county_a, kindergarten, 4, 0, YEAR)
    teachers(county_a, primary, 4, 0, YEAR - 1)  # 100 % → 50 %
    teachers(county_a, primary, 2, 2, YEAR)
    teachers(county_a, senior, 1, 3, YEAR - 1)  # 25 % → 25 %
    teachers(county_a, senior, 2, 6, YEAR)
    assert keys(county_a, "T03") == {"stage:kindergarten", "stage:primary"}


def test_t03_no_hit_without_last_years_teachers_of_the_stage(county_a):
    primary, senior = school(county_a), school(county_a, Type.SENIOR)
    teachers(county_a, senior, 4, 0, YEAR - 1)
    teachers(county_a, primary, 1, 9, YEAR)
    teachers(county_a, senior, 4, 0, YEAR)
    assert findings(county_a, "T03") == []


# --- T04: the temporary-teacher ratio moving sharply ----------------------------------------


def temp_ratio(unit: Unit, at: School, temps: int, on_staff: int, year: int) -> None:
    rows(temps, unit, at, year=year, employment=Employment.TEMPORARY)
    rows(on_staff, unit, at, year=year, employment=Employment.ON_STAFF)


def test_t04_a_fall_counts_too_and_private_schools_do_not(county_a):
    public, private = school(county_a), school(county_a, ownership=School.Ownership.PRIVATE)
    temp_ratio(county_a, public, 4, 20, YEAR - 1)  # 20 % → 0 %
    temp_ratio(county_a, public, 0, 20, YEAR)
    temp_ratio(county_a, private, 10, 1, YEAR)
    assert keys(county_a, "T04") == {"temp_ratio"}


def test_t04_no_hit_without_last_years_roster(county_a):
    temp_ratio(county_a, school(county_a), 10, 10, YEAR)
    assert findings(county_a, "T04") == []


# --- T03 and T04 alike: a move from last year, the city's threshold, per county -------------

# The figures each rule compares year on year: T03 (holders of the target degree, others) of
# the school's stage, T04 (temporary, on-staff teachers); the key of a primary school's hit.
FIGURES = {"T03": teachers, "T04": temp_ratio}
KEYS = {"T03": "stage:primary", "T04": "temp_ratio"}


def move(code: str, unit: Unit, at: School, before: tuple[int, int], now: tuple[int, int]):
    FIGURES[code](unit, at, *before, YEAR - 1)
    FIGURES[code](unit, at, *now, YEAR)


@pytest.mark.parametrize(
    ("code", "now", "flagged"),
    [
        ("T03", (9, 1), False),  # 100 % → 90 %: exactly 10 points
        ("T03", (17, 2), True),  # 100 % → 89.47 %: 10.53 points
        ("T03", (11, 1), False),  # 100 % → 91.67 %: 8.33 points
        ("T04", (2, 20), False),  # 5 % → 10 %: exactly 5 points
        ("T04", (2, 19), True),  # 5 % → 10.53 %: 5.53 points
        ("T04", (2, 21), False),  # 5 % → 9.52 %: 4.52 points
    ],
)
def test_t03_t04_at_the_threshold_no_hit_above_a_hit(county_a, code, now, flagged):
    before = {"T03": (10, 0), "T04": (1, 20)}[code]
    move(code, county_a, school(county_a), before, now)
    found = findings(county_a, code)
    assert [f.key for f in found] == ([KEYS[code]] if flagged else [])
    if flagged:
        params, drilldown = {
            "T03": (
                {"previous": "100.00%", "current": "89.47%", "change": "-10.53", "threshold": "10"},
                "degree_primary",
            ),
            "T04": ({"previous": "5.00%", "current": "10.53%", "change": "+5.53"}, "temporary"),
        }[code]
        assert found[0].severity == Severity.WARNING
        assert found[0].params.items() >= params.items()
        assert params["current"] in quality.describe(found[0])
        assert found[0].url.startswith(reverse("teachers:drilldown", args=[drilldown]))


@pytest.mark.parametrize(
    ("code", "before", "now", "threshold"),
    [
        ("T03", (10, 0), (9, 1), "9.99"),  # 100 % → 90 %: 10 points
        ("T04", (1, 20), (2, 20), "4.99"),  # 5 % → 10 %: 5 points
    ],
)
def test_t03_t04_use_the_citys_threshold(county_a, reporting_year, code, before, now, threshold):
    move(code, county_a, school(county_a), before, now)
    assert findings(county_a, code) == []
    setting(reporting_year, code, threshold=threshold)
    [finding] = findings(county_a, code)
    assert (finding.key, finding.params["threshold"]) == (KEYS[code], threshold)
    QualityRuleSetting.objects.filter(code=code).update(enabled=False)
    assert findings(county_a, code) == []


@pytest.mark.parametrize(
    ("code", "steady", "b_before", "b_now"),
    [("T03", (10, 0), (10, 0), (0, 10)), ("T04", (1, 20), (0, 10), (10, 10))],
)
def test_t03_t04_another_countys_roster_does_not_count(
    county_a, county_b, code, steady, b_before, b_now
):
    a_school, b_school = school(county_a), school(county_b)
    move(code, county_a, a_school, steady, steady)
    FIGURES[code](county_b, b_school, *b_now, YEAR)
    assert findings(county_a, code) == []
    FIGURES[code](county_b, b_school, *b_before, YEAR - 1)
    assert keys(county_b, code) == {KEYS[code]}


@pytest.mark.parametrize("count", [1, 5])
@pytest.mark.parametrize(
    ("code", "before", "now"), [("T03", (1, 0), (0, 1)), ("T04", (0, 2), (1, 1))]
)
def test_t03_t04_queries_do_not_grow(county_a, count, code, before, now, django_assert_num_queries):
    before, now = (tuple(count * n for n in figures) for figures in (before, now))
    move(code, county_a, school(county_a), before, now)
    with django_assert_num_queries(1):
        assert len(check(county_a, code)) == 1


# --- T05: more than 200 training hours in a year ---------------------------------------------


def trained(unit: Unit, *hours: str, year: int = YEAR, name: str = "") -> Staff:
    person = staff(unit, name)
    for n, amount in enumerate(hours):
        factories.make_training(person, date=D(year, 1 + n % 12, 10), hours=Decimal(amount))
    return person


@pytest.mark.parametrize(
    ("hours", "flagged"),
    [(("120", "79.9"), False), (("120", "80"), False), (("120", "80.1"), True)],
)
def test_t05_at_200_hours_no_hit_above_a_hit(county_a, hours, flagged):
    person = trained(county_a, *hours, name="王五")
    trained(county_a, "150")
    found = findings(county_a, "T05")
    assert [f.key for f in found] == ([f"staff:{person.pk}"] if flagged else [])
    if flagged:
        assert found[0].severity == Severity.WARNING
        assert found[0].label == f"王五（{person.staff_no}）"
        assert found[0].params["hours"] == "200.1"
        assert "200.1" in quality.describe(found[0])
        assert found[0].url.startswith(reverse("teachers:training_list"))
        assert f"q={person.staff_no}" in found[0].url


def test_t05_leaves_out_principal_qualification_training(county_a):
    person = trained(county_a, "150")
    factories.make_training(person, date=D(YEAR, 9, 1), hours=Decimal("300"), is_qualification=True)
    assert findings(county_a, "T05") == []
    factories.make_training(person, date=D(YEAR, 10, 1), hours=Decimal("50.1"))
    assert keys(county_a, "T05") == {f"staff:{person.pk}"}


def test_t05_counts_only_the_years_records(county_a):
    person = trained(county_a, "150")
    factories.make_training(person, date=D(YEAR - 1, 12, 31), hours=Decimal("100"))
    factories.make_training(person, date=D(YEAR + 1, 1, 1), hours=Decimal("100"))
    assert findings(county_a, "T05") == []
    factories.make_training(person, date=D(YEAR, 12, 31), hours=Decimal("60"))
    assert keys(county_a, "T05") == {f"staff:{person.pk}"}


def test_t05_uses_the_citys_threshold_exactly(county_a, reporting_year):
    at, above = trained(county_a, "150.5"), trained(county_a, "150.6")
    assert findings(county_a, "T05") == []
    setting(reporting_year, "T05", threshold="150.55")
    assert keys(county_a, "T05") == {f"staff:{above.pk}"}
    QualityRuleSetting.objects.filter(code="T05").update(threshold=Decimal("150.5"))
    assert keys(county_a, "T05") == {f"staff:{above.pk}"}
    QualityRuleSetting.objects.filter(code="T05").update(threshold=Decimal("150.4"))
    assert keys(county_a, "T05") == {f"staff:{at.pk}", f"staff:{above.pk}"}
    QualityRuleSetting.objects.filter(code="T05").update(enabled=False)
    assert findings(county_a, "T05") == []


def test_t05_another_countys_staff_do_not_appear(county_a, county_b):
    b_person = trained(county_b, "300")
    assert findings(county_a, "T05") == []
    assert keys(county_b, "T05") == {f"staff:{b_person.pk}"}


@pytest.mark.parametrize("count", [1, 6])
def test_t05_queries_do_not_grow(county_a, count, django_assert_num_queries):
    for _ in range(count):
        trained(county_a, "150", "60")
    with django_assert_num_queries(1):
        assert len(check(county_a, "T05")) == count


# --- T06: a principal beyond the consecutive terms allowed -----------------------------------


def principal(unit: Unit, term: int, start: datetime.date, end: datetime.date | None = None):
    person = staff(unit, "赵六")
    return factories.make_appointment(
        person, school(unit), start_date=start, end_date=end, consecutive_term=term
    )


@pytest.mark.parametrize(("term", "flagged"), [(1, False), (2, False), (3, True), (4, True)])
def test_t06_a_third_term_is_flagged(county_a, term, flagged):
    appointment = principal(county_a, term, D(2022, 9, 1))
    found = findings(county_a, "T06")
    assert [f.key for f in found] == ([f"appointment:{appointment.pk}"] if flagged else [])
    if flagged:
        assert found[0].severity == Severity.WARNING
        assert found[0].label == str(appointment.staff)
        assert found[0].params["term"] == term
        assert found[0].params["threshold"] == "2"
        assert appointment.school.name in quality.describe(found[0])
        assert found[0].url.startswith(reverse("teachers:appointment_list"))


@pytest.mark.parametrize(
    ("start", "end", "flagged"),
    [
        (D(2020, 9, 1), D(2024, 12, 31), False),  # ended before the year
        (D(2020, 9, 1), D(YEAR, 1, 1), True),  # ended on its first day
        (D(YEAR, 12, 31), None, True),  # began on its last day
        (D(YEAR + 1, 1, 1), None, False),  # begins after it
    ],
)
def test_t06_only_appointments_current_in_the_year(county_a, start, end, flagged):
    principal(county_a, 3, start, end)
    assert len(findings(county_a, "T06")) == int(flagged)


def test_t06_uses_the_citys_threshold(county_a, reporting_year):
    principal(county_a, 3, D(2022, 9, 1))
    fourth = principal(county_a, 4, D(2022, 9, 1))
    setting(reporting_year, "T06", threshold="3")
    assert keys(county_a, "T06") == {f"appointment:{fourth.pk}"}
    QualityRuleSetting.objects.filter(code="T06").update(enabled=False)
    assert findings(county_a, "T06") == []


def test_t06_another_countys_principals_do_not_appear(county_a, county_b):
    b_appointment = principal(county_b, 3, D(2022, 9, 1))
    assert findings(county_a, "T06") == []
    assert keys(county_b, "T06") == {f"appointment:{b_appointment.pk}"}


@pytest.mark.parametrize("count", [1, 5])
def test_t06_queries_do_not_grow(county_a, count, django_assert_num_queries):
    for _ in range(count):
        principal(county_a, 3, D(2022, 9, 1))
    with django_assert_num_queries(1):
        assert len(check(county_a, "T06")) == count


# --- T07: figures the assessment needs ---------------------------------------------------------


def complete_roster(unit: Unit, *, temps: int = 0) -> School:
    """Everything items 2.1–2.3 read: teachers, a researcher, on-staff staff, pay."""
    public = school(unit)
    rows(2, unit, public, annual_pay=Decimal("90000"))
    rows(temps, unit, public, employment=Employment.TEMPORARY, annual_pay=Decimal("60000"))
    researcher(unit)
    return public


def test_t07_an_empty_roster_is_one_missing_figure(county_a):
    [finding] = findings(county_a, "T07")
    assert finding.severity == Severity.ERROR
    assert finding.key == "figure:roster"
    assert finding.params["item"] == "2.1, 2.2, 2.3b, 2.3c"
    assert "2025" in quality.describe(finding)
    assert finding.url.startswith(reverse("teachers:roster_list"))


def test_t07_a_complete_roster_misses_nothing(county_a):
    complete_roster(county_a, temps=1)
    assert findings(county_a, "T07") == []


def test_t07_names_each_missing_figure(county_a):
    public = school(county_a)
    rows(1, county_a, public, post=Post.OTHER)
    rows(1, county_a, public, employment=Employment.TEMPORARY, annual_pay=None)
    found = {finding.key: finding for finding in findings(county_a, "T07")}
    assert set(found) == {
        "figure:researchers",
        "figure:on_staff_pay",
        "figure:temp_pay",
    }
    assert found["figure:researchers"].params["item"] == "2.2"
    # The researchers' page: researchers are on the roster, or the county states it has none.
    assert found["figure:researchers"].url.startswith(reverse("teachers:researcher_duty_list"))


def test_t07_no_full_time_teachers_or_on_staff_staff(county_a):
    public = school(county_a)
    rows(1, county_a, public, post=Post.OTHER, employment=Employment.TEMPORARY)
    researcher(county_a)
    assert keys(county_a, "T07") == {"figure:teachers", "figure:on_staff"}


def test_t07_pay_is_needed_only_with_temporary_teachers(county_a):
    public = complete_roster(county_a)
    StaffYear.objects.update(annual_pay=None)
    assert findings(county_a, "T07") == []
    rows(1, county_a, public, employment=Employment.TEMPORARY, annual_pay=Decimal("50000"))
    assert keys(county_a, "T07") == {"figure:on_staff_pay"}


def test_t07_only_for_assessed_units():
    city_direct = Unit.objects.get(code="440700")
    assert not city_direct.is_assessed
    assert findings(city_direct, "T07") == []


def test_t07_reads_only_the_year_and_the_county(county_a, county_b, reporting_year):
    complete_roster(county_b)
    researcher(county_a)
    StaffYear.objects.filter(unit=county_a).update(year=YEAR - 1)
    assert keys(county_a, "T07") == {"figure:roster"}
    assert findings(county_b, "T07") == []
    setting(reporting_year, "T07", enabled=False)
    assert findings(county_a, "T07") == []


def test_t07_accepts_the_countys_statement_of_no_researchers(county_a, county_b, editor):
    """A county that truly has no researchers says so (docs/rules.md#i-11): the zero is then a
    figure, and the return can be submitted; another county's statement does not count."""
    complete_roster(county_a)
    StaffYear.objects.filter(unit=county_a, post=Post.RESEARCHER).delete()
    assert keys(county_a, "T07") == {"figure:researchers"}
    NoResearchersStatement.objects.create(unit=county_b, year=YEAR, stated_by=editor)
    NoResearchersStatement.objects.create(unit=county_a, year=YEAR - 1, stated_by=editor)
    assert keys(county_a, "T07") == {"figure:researchers"}
    NoResearchersStatement.objects.create(unit=county_a, year=YEAR, stated_by=editor)
    assert findings(county_a, "T07") == []


@pytest.mark.parametrize("count", [1, 6])
def test_t07_queries_do_not_grow(county_a, count, django_assert_num_queries):
    public = school(county_a)
    rows(count, county_a, public, employment=Employment.TEMPORARY, annual_pay=None)
    # The roster, its shares and pay, and (without researchers) the county's statement.
    with django_assert_num_queries(4):
        found = check(county_a, "T07")
    assert {hit.key for hit in found} == {
        "figure:researchers",
        "figure:on_staff",
        "figure:temp_pay",
        "figure:on_staff_pay",
    }
