"""The teachers selectors on small data sets built with the ORM (docs/rules.md#teachers, items
2.1–2.3).

County A is 台山市 (440781), county B 开平市 (440783). Figures are checked per county and
city-wide, and the number of queries must not grow with the data.
"""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiangmen_edu.models import School, Stage, Unit
from jiangmen_edu.permissions import counties_for_user
from teachers.dashboard.selectors import dashboard
from teachers.models import (
    Degree,
    Employment,
    Post,
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    Staff,
    StaffYear,
    Subject,
    TalentTitle,
    Title,
    TrainingRecord,
)
from teachers.rules.degrees import (
    PRINCIPALS_KINDERGARTEN,
    PRINCIPALS_SCHOOL,
    SENIOR_STAGE,
    stages_below_target,
)
from teachers.rules.headlines import Headline
from teachers.rules.principals import PrincipalFinding
from teachers.rules.researchers import REQUIRED_COVERAGE, CoverageCategory, ResearcherFinding
from teachers.rules.temporary import TempRatioCategory
from teachers.rules.training import QualificationStatus, training_progress
from teachers.selectors.base import tenths_to_hours
from teachers.selectors.degrees import degree_shares, principal_degrees
from teachers.selectors.principals import principal_alerts
from teachers.selectors.researchers import researcher_checks, researcher_coverage
from teachers.selectors.talents import talent_counts
from teachers.selectors.temporary import temp_teacher_figures
from teachers.selectors.training import (
    city_training,
    staff_behind_on_training,
    training_people,
    training_status,
)
from tests.teachers.factories import (
    YEAR,
    D,
    make_roster_row,
    make_school,
    make_staff,
    make_training,
    populate,
    schools_of_every_kind,
)

Type = School.Type
PUBLIC, PRIVATE = School.Ownership.PUBLIC, School.Ownership.PRIVATE


def roster(
    unit: Unit,
    school: School | None,
    *,
    staff: Staff | None = None,
    hired_year: int | None = None,
    stage: str = Stage.PRIMARY,
    post: str = Post.TEACHER,
    annual_pay: str | None = None,
    **fields,
) -> StaffYear:
    """A roster row of `unit` with plain defaults: a primary teacher, pay not recorded."""
    return make_roster_row(
        staff or make_staff(unit, hired_year=hired_year),
        school,
        unit=unit,
        stage=stage,
        post=post,
        annual_pay=None if annual_pay is None else Decimal(annual_pay),
        **fields,
    )


def rosters(count: int, unit: Unit, school: School | None, **fields) -> list[StaffYear]:
    return [roster(unit, school, **fields) for _ in range(count)]


def train(row: StaffYear, day: datetime.date, hours: str, level: str = "county") -> None:
    make_training(row.staff, date=day, hours=Decimal(hours), level=level)


def by_key(results) -> dict:
    return {result.key: result for result in results}


# --- degrees ---------------------------------------------------------------------------------


def test_degree_shares_per_county_and_city_wide(county_a, county_b):
    primary = make_school(county_a)
    kindergarten = make_school(county_a, school_type=Type.KINDERGARTEN, ownership=PRIVATE)
    senior = make_school(county_a, school_type=Type.SENIOR)
    vocational = make_school(county_a, school_type=Type.VOCATIONAL)
    rosters(13, county_a, primary)
    rosters(1, county_a, primary, degree=Degree.ASSOCIATE)
    rosters(49, county_a, kindergarten, stage=Stage.KINDERGARTEN, degree=Degree.ASSOCIATE)
    rosters(1, county_a, kindergarten, stage=Stage.KINDERGARTEN, degree=Degree.HIGH_SCHOOL)
    rosters(1, county_a, senior, stage=Stage.SENIOR, degree=Degree.MASTER)
    rosters(3, county_a, vocational, stage=Stage.VOCATIONAL)
    # Neither last year's roster nor principals count among this year's full-time teachers.
    rosters(5, county_a, primary, year=YEAR - 1, degree=Degree.ASSOCIATE)
    roster(county_a, primary, post=Post.PRINCIPAL, degree=Degree.ASSOCIATE)
    rosters(2, county_b, make_school(county_b), degree=Degree.ASSOCIATE)

    a = by_key(degree_shares([county_a.pk], YEAR))
    assert (a[Stage.PRIMARY].count, a[Stage.PRIMARY].total) == (13, 14)
    assert (a[Stage.PRIMARY].passed, a[Stage.PRIMARY].people_needed) == (False, 1)
    assert a[Stage.KINDERGARTEN].share == Fraction(98, 100)
    assert a[Stage.KINDERGARTEN].passed is True
    assert a[SENIOR_STAGE].share == Fraction(1, 4)  # senior and vocational together
    assert a[SENIOR_STAGE].passed is True
    assert a[Stage.JUNIOR].passed is None  # I-1
    assert stages_below_target(a.values()) == 1

    city = by_key(degree_shares(Unit.objects.all(), YEAR))
    assert (city[Stage.PRIMARY].count, city[Stage.PRIMARY].total) == (13, 16)
    assert city[Stage.PRIMARY].people_needed == 2  # 16 × 93 % = 14.88 → 15 holders


def test_principal_degrees_by_school_type(county_a):
    roster(
        county_a,
        make_school(county_a, school_type=Type.KINDERGARTEN),
        post=Post.PRINCIPAL,
        stage=Stage.KINDERGARTEN,
        degree=Degree.ASSOCIATE,
    )
    roster(county_a, make_school(county_a), post=Post.PRINCIPAL, degree=Degree.ASSOCIATE)
    roster(county_a, make_school(county_a, school_type=Type.NINE_YEAR), post=Post.PRINCIPAL)
    roster(
        county_a,
        make_school(county_a, school_type=Type.VOCATIONAL),
        post=Post.PRINCIPAL,
        stage=Stage.VOCATIONAL,
        degree=Degree.ASSOCIATE,
    )
    results = by_key(principal_degrees([county_a.pk], YEAR))
    schools = results[PRINCIPALS_SCHOOL]
    assert (schools.count, schools.total, schools.passed, schools.people_needed) == (
        1,
        2,
        False,
        1,
    )
    heads = results[PRINCIPALS_KINDERGARTEN]
    assert (heads.count, heads.total, heads.passed) == (1, 1, True)


# --- temporary teachers ----------------------------------------------------------------------


def test_temporary_teachers_within_five_percent_and_pay_at_seventy_percent(county_a):
    public = make_school(county_a)
    rosters(18, county_a, public, annual_pay="100000.00")
    roster(county_a, public)  # on staff, pay not recorded: out of the average only
    roster(county_a, public, post=Post.OTHER, annual_pay="10000.00")  # staff, not a teacher
    roster(county_a, public, employment=Employment.TEMPORARY, annual_pay="70000.00")
    private = make_school(county_a, ownership=PRIVATE)
    rosters(3, county_a, private, employment=Employment.TEMPORARY, annual_pay="1000.00")
    roster(county_a, None, post=Post.RESEARCHER)  # the bureau's, not a school's

    figures = temp_teacher_figures([county_a.pk], YEAR)
    assert (figures.ratio.temporary_teachers, figures.ratio.on_staff_staff) == (1, 20)
    assert figures.ratio.ratio == Fraction(5, 100)
    assert figures.ratio.category is TempRatioCategory.WITHIN
    assert (figures.pay.temp_paid, figures.pay.on_staff_paid) == (1, 18)
    assert figures.pay.ratio == Fraction(7, 10)
    assert figures.pay.passed is True


def test_temporary_teachers_above_five_percent_against_last_year(county_a, county_b):
    public = make_school(county_a)
    rosters(20, county_a, public)
    rosters(2, county_a, public, employment=Employment.TEMPORARY)
    rosters(20, county_a, public, year=YEAR - 1)
    rosters(3, county_a, public, year=YEAR - 1, employment=Employment.TEMPORARY)
    school_b = make_school(county_b)
    rosters(10, county_b, school_b)
    rosters(1, county_b, school_b, employment=Employment.TEMPORARY)

    a = temp_teacher_figures([county_a.pk], YEAR).ratio
    assert (a.temporary_teachers, a.last_year_temporary_teachers) == (2, 3)
    assert a.ratio == Fraction(1, 10)
    assert a.category is TempRatioCategory.FELL_AT_LEAST_THRESHOLD
    assert a.teachers_over == 1

    b = temp_teacher_figures([county_b.pk], YEAR).ratio
    assert (b.last_year_temporary_teachers, b.category, b.flagged) == (
        None,
        TempRatioCategory.NO_LAST_YEAR,
        True,
    )
    # City-wide, one county without a last-year roster leaves no last-year figure (I-3).
    city = temp_teacher_figures(Unit.objects.all(), YEAR).ratio
    assert (city.temporary_teachers, city.on_staff_staff) == (3, 30)
    assert city.category is TempRatioCategory.NO_LAST_YEAR


def test_pay_sums_are_exact_in_fen(county_a):
    public = make_school(county_a)
    # In floating point 0.10 + 0.20 and 0.07 + 0.14 are not 0.30 and 0.21; in fen they are,
    # and the ratio of the averages is 70 % exactly.
    rosters(1, county_a, public, annual_pay="0.10")
    rosters(1, county_a, public, annual_pay="0.20")
    roster(county_a, public, employment=Employment.TEMPORARY, annual_pay="0.07")
    roster(county_a, public, employment=Employment.TEMPORARY, annual_pay="0.14")
    pay = temp_teacher_figures([county_a.pk], YEAR).pay
    assert (pay.on_staff_pay_total, pay.temp_pay_total) == (Decimal("0.30"), Decimal("0.21"))
    assert (pay.ratio, pay.passed) == (Fraction(7, 10), True)


# --- training --------------------------------------------------------------------------------


@pytest.fixture
def training_data(county_a):
    """Year 2023, the third of the 2021–2025 cycle: 270 hours due for a full-cycle teacher."""
    school = make_school(county_a)
    year = 2023
    on_time = roster(county_a, school, year=year)
    for day, hours in (
        (D(2021, 5, 1), "30.1"),
        (D(2022, 5, 1), "30.2"),
        (D(2023, 12, 31), "209.7"),
    ):
        train(on_time, day, hours)
    train(on_time, D(2023, 4, 1), "8", level="city")
    train(on_time, D(2023, 4, 2), "1", level="county")
    behind = roster(county_a, school, year=year)
    train(behind, D(2023, 1, 1), "269.9")
    train(behind, D(2020, 12, 31), "100")  # the previous cycle
    train(behind, D(2024, 1, 1), "100")  # after the statistical year
    hired = roster(county_a, school, year=year, hired_year=2023)
    train(hired, D(2023, 6, 1), "90")
    train(hired, D(2022, 6, 1), "5", level="city")  # city level, but last year
    hired_behind = roster(county_a, school, year=year, hired_year=2022)
    train(hired_behind, D(2022, 9, 1), "179.9")
    principal = roster(county_a, school, year=year, post=Post.PRINCIPAL)
    PrincipalAppointment.objects.create(
        staff=principal.staff, school=school, start_date=D(2023, 3, 1)
    )
    late = make_staff(county_a)
    PrincipalAppointment.objects.create(staff=late, school=school, start_date=D(2022, 2, 1))
    TrainingRecord.objects.create(
        staff=late, date=D(2023, 3, 1), hours=40, level="provincial", is_qualification=True
    )
    seasoned = make_staff(county_a)
    PrincipalAppointment.objects.create(staff=seasoned, school=school, start_date=D(2020, 9, 1))
    full = roster(county_a, None, year=year, post=Post.RESEARCHER)
    train(full, D(2023, 2, 1), "45.5")
    train(full, D(2023, 11, 1), "44.5")
    short = roster(county_a, None, year=year, post=Post.RESEARCHER)
    train(short, D(2023, 2, 1), "89.9")
    train(short, D(2022, 2, 1), "50")
    return {
        "year": year,
        "behind": {behind.pk, hired_behind.pk, principal.pk},
        "rows": {"behind": behind, "on_time": on_time},
    }


def test_training_status(county_a, training_data):
    status = training_status([county_a.pk], 2023, as_of=D(2023, 12, 31))
    assert status.cycle == (2021, 2025)
    assert status.hours_due_for_full_cycle_staff == 270
    assert (status.people, status.behind) == (5, 3)
    assert (status.researchers, status.researchers_below_hours) == (2, 1)
    assert status.new_principals.checked == 2
    assert status.new_principals.statuses == {
        QualificationStatus.PENDING: 1,
        QualificationStatus.LATE: 1,
    }
    assert (status.city_level.count, status.city_level.total) == (1, 4)
    assert status.city_level.passed is True


def test_staff_behind_on_training_is_a_queryset_for_drill_down(
    county_a, training_data, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = list(staff_behind_on_training([county_a.pk], 2023))
    assert {row.pk for row in rows} == training_data["behind"]
    behind = next(row for row in rows if row.pk == training_data["rows"]["behind"].pk)
    assert tenths_to_hours(behind.cycle_hours_tenths) == Decimal("269.9")
    assert tenths_to_hours(behind.required_hours_tenths) == 270
    assert behind.staff.name  # loaded with the row


def test_the_database_and_the_rule_agree_on_every_row(county_a, training_data):
    rows = training_people([county_a.pk], 2023).select_related("staff")
    for row in rows:
        progress = training_progress(
            tenths_to_hours(row.cycle_hours_tenths), 2023, row.staff.hired_year
        )
        assert progress.required * 10 == row.required_hours_tenths
        assert progress.on_schedule is (row.pk not in training_data["behind"])


def test_city_level_training_at_ten_percent_exactly(county_a, county_b):
    school = make_school(county_a)
    teachers = rosters(10, county_a, school)
    train(teachers[0], D(YEAR, 3, 1), "8", level="city")
    train(teachers[0], D(YEAR, 4, 1), "8", level="city")  # one person, counted once
    train(teachers[1], D(YEAR, 3, 1), "8", level="county")
    assert city_training([county_a.pk], YEAR).passed is True
    rosters(1, county_a, school)
    share = city_training([county_a.pk], YEAR)
    assert (share.count, share.total, share.passed, share.people_needed) == (1, 11, False, 1)
    assert city_training([county_b.pk], YEAR).passed is None


# --- principals ------------------------------------------------------------------------------


def test_principal_alerts(county_a, county_b):
    high = make_school(county_a, school_type=Type.COMPLETE_SECONDARY)
    new = roster(
        county_a,
        high,
        post=Post.PRINCIPAL,
        stage=Stage.SENIOR,
        teaching_years=4,
        title=Title.INTERMEDIATE,
        management_years=3,
    )
    first = PrincipalAppointment.objects.create(
        staff=new.staff, school=high, start_date=D(YEAR, 3, 1)
    )
    PrincipalSemester.objects.create(staff=new.staff, year=YEAR, semester=2, lessons_observed=49)

    primary = make_school(county_a)
    veteran = make_staff(county_a)
    PrincipalAppointment.objects.create(
        staff=veteran, school=primary, start_date=D(2011, 9, 1), end_date=D(2016, 8, 31)
    )
    third = PrincipalAppointment.objects.create(
        staff=veteran,
        school=primary,
        start_date=D(2021, 9, 1),
        consecutive_term=3,
        probation_passed=True,
    )
    for semester in (1, 2):
        PrincipalSemester.objects.create(
            staff=veteran, year=YEAR, semester=semester, lessons_observed=50
        )

    clean = make_staff(county_a)
    PrincipalAppointment.objects.create(
        staff=clean, school=primary, start_date=D(2015, 9, 1), end_date=D(2020, 8, 31)
    )
    PrincipalAppointment.objects.create(
        staff=clean, school=make_school(county_a), start_date=D(2023, 9, 1), consecutive_term=1
    )
    for semester in (1, 2):
        PrincipalSemester.objects.create(
            staff=clean, year=YEAR, semester=semester, lessons_observed=60
        )
    left = make_staff(county_a)
    PrincipalAppointment.objects.create(
        staff=left, school=primary, start_date=D(2019, 9, 1), end_date=D(2024, 8, 31)
    )
    PrincipalAppointment.objects.create(
        staff=make_staff(county_b), school=make_school(county_b), start_date=D(YEAR, 3, 1)
    )

    alerts = {
        alert.appointment.pk: alert
        for alert in principal_alerts([county_a.pk], YEAR, as_of=D(YEAR, 12, 31))
    }
    assert set(alerts) == {first.pk, third.pk}
    assert alerts[first.pk].findings == (
        PrincipalFinding.TEACHING_YEARS,
        PrincipalFinding.TITLE,  # a complete secondary school: senior title required
        PrincipalFinding.ON_PROBATION,
        PrincipalFinding.QUALIFICATION_PENDING,
        PrincipalFinding.LESSONS_BELOW,  # autumn; spring began before the appointment
    )
    assert alerts[third.pk].findings == (
        PrincipalFinding.THIRD_TERM,
        PrincipalFinding.TERM_LAST_YEAR,
    )
    assert alerts[third.pk].violations == (PrincipalFinding.THIRD_TERM,)
    assert alerts[third.pk].appointment.school.name == primary.name


def test_a_principal_who_left_owes_no_later_semester(county_a):
    school = make_school(county_a)

    def principal(end_date: datetime.date | None) -> PrincipalAppointment:
        staff = make_staff(county_a)
        PrincipalSemester.objects.create(staff=staff, year=YEAR, semester=1, lessons_observed=60)
        return PrincipalAppointment.objects.create(
            staff=staff,
            school=school,
            start_date=D(2022, 9, 1),
            end_date=end_date,
            probation_passed=True,
        )

    left_before = principal(D(YEAR, 8, 31))
    left_on_start = principal(D(YEAR, 9, 1))
    left_after = principal(D(YEAR, 10, 15))
    staying = principal(None)

    lessons = {PrincipalFinding.LESSONS_BELOW, PrincipalFinding.LESSONS_NOT_REPORTED}
    findings = {
        alert.appointment.pk: [f for f in alert.findings if f in lessons]
        for alert in principal_alerts([county_a.pk], YEAR, as_of=D(YEAR, 12, 31))
    }
    assert findings.get(left_before.pk, []) == []  # spring reported, autumn not owed
    owed = [PrincipalFinding.LESSONS_NOT_REPORTED]  # the autumn semester
    assert findings[left_on_start.pk] == owed
    assert findings[left_after.pk] == owed
    assert findings[staying.pk] == owed


# --- teaching researchers --------------------------------------------------------------------


def test_researcher_checks(county_a):
    def researcher(**fields) -> StaffYear:
        return roster(county_a, None, post=Post.RESEARCHER, **fields)

    good = researcher(title=Title.SENIOR, teaching_years=6)
    train(good, D(YEAR, 5, 1), "90")
    ResearcherDuty.objects.create(
        staff=good.staff,
        year=YEAR,
        level="county",
        guidance_days=80,
        lessons_observed=80,
        public_lessons=5,
        in_post_since=2021,
    )
    weak = researcher(teaching_years=5, title=Title.INTERMEDIATE, degree=Degree.BACHELOR)
    due = researcher(degree=Degree.MASTER)
    train(due, D(YEAR, 5, 1), "95")
    ResearcherDuty.objects.create(
        staff=due.staff,
        year=YEAR,
        level="county",
        guidance_days=79,
        lessons_observed=80,
        public_lessons=6,
        in_post_since=YEAR - 5,
    )
    ResearcherDuty.objects.create(  # last year's duties are not this year's
        staff=weak.staff,
        year=YEAR - 1,
        level="county",
        guidance_days=80,
        lessons_observed=80,
        public_lessons=5,
        in_post_since=2021,
    )
    checks = {check.roster.pk: check for check in researcher_checks([county_a.pk], YEAR)}
    assert checks[good.pk].findings == ()
    assert checks[good.pk].training_hours == Decimal("90")
    assert checks[weak.pk].findings == (
        ResearcherFinding.TEACHING_YEARS,
        ResearcherFinding.TITLE_OR_DEGREE,
        ResearcherFinding.TRAINING_HOURS,
        ResearcherFinding.DUTIES_NOT_REPORTED,
    )
    assert checks[due.pk].findings == (
        ResearcherFinding.GUIDANCE_DAYS,
        ResearcherFinding.SCHOOL_PRACTICE_DUE,
    )


def test_researcher_coverage(county_a, county_b):
    for stage, subject in REQUIRED_COVERAGE:
        if (stage, subject) != (Stage.JUNIOR, Subject.CHINESE):
            roster(county_a, None, post=Post.RESEARCHER, stage=stage, subject=subject)
    roster(county_b, None, post=Post.RESEARCHER, stage=Stage.JUNIOR, subject=Subject.CHINESE)
    roster(county_a, make_school(county_a), stage=Stage.JUNIOR, subject=Subject.CHINESE)

    a = researcher_coverage([county_a.pk], YEAR)
    assert a.category is CoverageCategory.SUBJECTS_ONLY
    assert a.missing == ((Stage.JUNIOR, Subject.CHINESE),)
    assert researcher_coverage([county_b.pk], YEAR).category is CoverageCategory.NONE
    city = researcher_coverage([county_a.pk, county_b.pk], YEAR)
    assert city.category is CoverageCategory.ALL_STAGES_AND_SUBJECTS


# --- headline counts -------------------------------------------------------------------------


def test_talent_counts(county_a, county_b):
    kind = TalentTitle.Kind

    def title(staff: Staff, kind_: str, year: int, level: str = "city") -> None:
        TalentTitle.objects.create(staff=staff, kind=kind_, level=level, year=year)

    s1, s2, s3, s4, s5 = (make_staff(county_a) for _ in range(5))
    title(s1, kind.FAMOUS_TEACHER, 2021)
    title(s1, kind.BACKBONE_TEACHER, 2022)  # the same person: counted once
    title(s2, kind.KEY_PRINCIPAL, 2024)
    title(s3, kind.CITY_EXCELLENT_TEACHER, YEAR)
    title(s4, kind.COUNTY_FAMOUS_TEACHER, YEAR, "county")
    title(s4, kind.COUNTY_FAMOUS_TEACHER, YEAR - 1, "county")
    title(s5, kind.FAMOUS_TEACHER, 2020)  # before the plan period
    title(make_staff(county_b), kind.CITY_EXCELLENT_TEACHER, YEAR)
    for hired, moe in ((2021, True), (2023, True), (2024, True), (2022, False)):
        make_staff(county_a, hired_year=hired, moe=moe)
    rosters(3, county_a, make_school(county_a))
    rosters(2, county_a, make_school(county_a), year=YEAR - 1)

    a = {result.key: result for result in talent_counts([county_a.pk], YEAR)}
    assert {key: result.value for key, result in a.items()} == {
        Headline.FAMOUS_TEACHERS: 4,
        Headline.KEY_PRINCIPALS: 1,
        Headline.CITY_EXCELLENT_TEACHERS: 1,
        Headline.COUNTY_FAMOUS_TEACHERS: 1,
        Headline.MOE_NORMAL_GRADUATES: 2,
        Headline.STAFF: 3,
    }
    assert all(result.passed is None for result in a.values())  # a county's contribution

    city = {result.key: result for result in talent_counts(Unit.objects.all(), YEAR)}
    assert city[Headline.CITY_EXCELLENT_TEACHERS].value == 2
    assert (city[Headline.CITY_EXCELLENT_TEACHERS].passed, city[Headline.STAFF].people_needed) == (
        False,
        20001 - 3,
    )
    assert city[Headline.FAMOUS_TEACHERS].people_needed == 8000 - 5  # B adds one


# --- the dashboard ---------------------------------------------------------------------------


def test_dashboard_for_an_editor_is_their_county(county_a, county_b, editor):
    primary = make_school(county_a)
    rosters(13, county_a, primary, annual_pay="100000.00")
    rosters(1, county_a, primary, degree=Degree.ASSOCIATE)
    rosters(5, county_b, make_school(county_b), degree=Degree.ASSOCIATE)
    board = dashboard(counties_for_user(editor), YEAR, as_of=D(YEAR, 12, 31))
    assert board.city_wide is False
    primary_figure = board.figure(f"degree.{Stage.PRIMARY}")
    assert (primary_figure.value, primary_figure.target) == (Fraction(13, 14), Fraction(93, 100))
    assert (primary_figure.passed, primary_figure.gap_people) == (False, 1)
    assert primary_figure.message  # a sentence for the page; its wording is translated
    assert board.figure(f"degree.{Stage.JUNIOR}").passed is None  # I-1
    assert "I-1" in board.figure(f"degree.{Stage.JUNIOR}").notes
    assert board.stages_below_target == 1
    assert board.figure("temp.ratio").passed is True
    assert board.figure("temp.pay").passed is None  # no temporary teachers
    assert board.figure("coverage").gap_people == len(REQUIRED_COVERAGE)
    assert board.coverage.category is CoverageCategory.NONE
    assert board.figure("talent.staff").passed is None
    assert board.figure("talent.staff").value == 14
    assert board.training.people == 14


def test_dashboard_city_wide(county_a, county_b):
    rosters(2, county_a, make_school(county_a))
    rosters(1, county_b, make_school(county_b))
    board = dashboard(Unit.objects.all(), YEAR, as_of=D(YEAR, 12, 31))
    assert board.city_wide is True
    staff = board.figure("talent.staff")
    assert (staff.value, staff.target, staff.passed, staff.gap_people) == (3, 20000, False, 19998)
    keys = [figure.key for figure in board.figures]
    assert len(keys) == len(set(keys))


# --- the number of queries does not grow with the data ---------------------------------------


def every_selector(units) -> None:
    dashboard(units, YEAR, as_of=D(YEAR, 12, 31))
    training_status(units, YEAR, as_of=D(YEAR, 12, 31))
    list(staff_behind_on_training(units, YEAR))
    principal_alerts(units, YEAR, as_of=D(YEAR, 12, 31))


def count_queries(units) -> int:
    with CaptureQueriesContext(connection) as context:
        every_selector(units)
    return len(context.captured_queries)


@pytest.fixture
def schools(county_a, county_b) -> dict[int, list[School]]:
    return {unit.pk: schools_of_every_kind(unit) for unit in (county_a, county_b)}


# The dashboard takes 12 queries, training_status 4, the drill-down 1, principal_alerts 1.
MAX_QUERIES = 18


@pytest.mark.parametrize("size", [20, 200])
def test_queries_are_bounded_at_every_size(
    size, county_a, county_b, schools, django_assert_max_num_queries
):
    populate(county_a, schools[county_a.pk], size)
    populate(county_b, schools[county_b.pk], size // 2)
    for units in ([county_a.pk], Unit.objects.all()):
        with django_assert_max_num_queries(MAX_QUERIES):
            every_selector(units)


def test_queries_do_not_grow_with_the_data(county_a, county_b, schools):
    populate(county_a, schools[county_a.pk], 20)
    populate(county_b, schools[county_b.pk], 10)
    small = count_queries(Unit.objects.all()), count_queries([county_a.pk])
    populate(county_a, schools[county_a.pk], 200)
    populate(county_b, schools[county_b.pk], 100)
    large = count_queries(Unit.objects.all()), count_queries([county_a.pk])
    assert small == large
    board = dashboard(Unit.objects.all(), YEAR, as_of=D(YEAR, 12, 31))
    assert (
        board.training.people
        == StaffYear.objects.filter(year=YEAR, post__in=[Post.TEACHER, Post.PRINCIPAL]).count()
    )
