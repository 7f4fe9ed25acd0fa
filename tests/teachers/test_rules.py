"""The teachers ledger's rules at, just above and just below every threshold
(docs/rules.md#teachers, docs/rules.md#indicator-table).

Pure functions: no database. Boundary words (docs/rules.md#boundary-words): 以上/低于/不少于 include
the number, 超过/不足 exclude it; comparisons are exact (I-7).
"""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from jiangmen_edu.models import Stage
from teachers.models import Degree, Subject, Title
from teachers.rules import degrees, headlines, principals, researchers, shares, temporary, training
from teachers.rules.headlines import Headline
from teachers.rules.principals import PrincipalFinding
from teachers.rules.researchers import CoverageCategory, ResearcherDutyInputs, ResearcherFinding
from teachers.rules.temporary import TempRatioCategory
from teachers.rules.training import QualificationStatus

D = datetime.date

# --- shares and the gap in people ------------------------------------------------------------


@pytest.mark.parametrize(
    "holders, total, target, needed",
    [
        (93, 100, Fraction(93, 100), 0),
        (92, 100, Fraction(93, 100), 1),
        (893, 1000, Fraction(93, 100), 37),  # the example of docs/rules.md#value-added
        (93, 101, Fraction(93, 100), 1),  # 93.93 → 94 holders needed
        (0, 3, Fraction(1, 4), 1),
        (10, 10, Fraction(1), 0),
        (7, 10, Fraction(1), 3),
        (0, 0, Fraction(93, 100), 0),  # I-1: nobody to upgrade
    ],
)
def test_people_needed_keeps_the_total_fixed(holders, total, target, needed):
    assert shares.people_needed(holders, total, target) == needed
    if total:
        assert Fraction(holders + needed, total) >= target
        if needed:
            assert Fraction(holders + needed - 1, total) < target


@pytest.mark.parametrize("holders, total", [(-1, 5), (6, 5), (0, -1)])
def test_impossible_counts_are_refused(holders, total):
    with pytest.raises(ValueError):
        shares.people_needed(holders, total, Fraction(1, 2))


@pytest.mark.parametrize(
    "stage, holders, total, passed",
    [
        (Stage.PRIMARY, 93, 100, True),  # I-7: 93 of 100 meets 93 %
        (Stage.PRIMARY, 92, 100, False),
        (Stage.PRIMARY, 94, 100, True),
        (Stage.KINDERGARTEN, 98, 100, True),
        (Stage.KINDERGARTEN, 97, 100, False),
        (Stage.JUNIOR, 98, 100, True),
        (Stage.JUNIOR, 97, 100, False),
        (degrees.SENIOR_STAGE, 25, 100, True),
        (degrees.SENIOR_STAGE, 24, 100, False),
        (degrees.SENIOR_STAGE, 1, 4, True),
    ],
)
def test_degree_share_at_the_target(stage, holders, total, passed):
    result = degrees.degree_share(stage, holders, total)
    assert result.passed is passed
    assert result.share == Fraction(holders, total)
    assert (result.people_needed == 0) is passed


def test_degree_targets_and_degrees_follow_the_spec():
    targets = degrees.DEGREE_TARGETS
    assert (targets[Stage.KINDERGARTEN].min_degree, targets[Stage.KINDERGARTEN].share) == (
        Degree.ASSOCIATE,
        Fraction(98, 100),
    )
    assert targets[Stage.PRIMARY].min_degree == Degree.BACHELOR
    assert targets[Stage.JUNIOR].share == Fraction(98, 100)
    senior = targets[degrees.SENIOR_STAGE]
    assert senior.stages == (Stage.SENIOR, Stage.VOCATIONAL)
    assert (senior.min_degree, senior.share) == (Degree.MASTER, Fraction(25, 100))


def test_the_gap_of_the_spec_sentence():
    result = degrees.degree_share(Stage.PRIMARY, 893, 1000)
    assert result.passed is False
    assert result.people_needed == 37
    assert result.min_degree == Degree.BACHELOR


def test_a_stage_without_teachers_is_not_assessed_and_loses_nothing():
    """I-1."""
    empty = degrees.degree_share(Stage.JUNIOR, 0, 0)
    assert (empty.share, empty.passed, empty.people_needed, empty.assessed) == (
        None,
        None,
        0,
        False,
    )
    results = [
        empty,
        degrees.degree_share(Stage.PRIMARY, 92, 100),
        degrees.degree_share(Stage.KINDERGARTEN, 98, 100),
        degrees.degree_share(degrees.SENIOR_STAGE, 0, 3),
    ]
    assert degrees.stages_below_target(results) == 2


def test_a_configured_target_overrides_the_default():
    assert degrees.degree_share(Stage.PRIMARY, 90, 100, target=Fraction(9, 10)).passed is True


def test_degree_holders_counts_the_degree_and_above():
    counts = {Degree.HIGH_SCHOOL: 1, Degree.ASSOCIATE: 2, Degree.BACHELOR: 3, Degree.MASTER: 4}
    assert degrees.degree_holders(counts, Degree.BACHELOR) == 7
    assert degrees.degree_holders(counts, Degree.ASSOCIATE) == 9
    assert degrees.degree_holders({}, Degree.MASTER) == 0


@pytest.mark.parametrize(
    "value, text",
    [
        (Fraction(93, 100), "93.00%"),
        (Fraction(1, 3), "33.33%"),
        (Fraction(2, 3), "66.67%"),
        (Fraction(1, 800), "0.13%"),  # 0.125 % rounds half up
        (Fraction(0), "0.00%"),
    ],
)
def test_percent_text_rounds_half_up_for_display_only(value, text):
    assert shares.percent_text(value) == text


# --- principals' degrees ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "stages, group",
    [
        ((Stage.KINDERGARTEN,), degrees.PRINCIPALS_KINDERGARTEN),
        ((Stage.PRIMARY,), degrees.PRINCIPALS_SCHOOL),
        ((Stage.PRIMARY, Stage.JUNIOR), degrees.PRINCIPALS_SCHOOL),
        ((Stage.JUNIOR, Stage.SENIOR), degrees.PRINCIPALS_SCHOOL),
        ((Stage.SENIOR,), degrees.PRINCIPALS_SCHOOL),
        ((Stage.VOCATIONAL,), None),
        ((Stage.SPECIAL,), None),
    ],
)
def test_principal_degree_group_by_school(stages, group):
    assert degrees.principal_degree_group(stages) == group


def test_principals_need_all_of_them_qualified():
    assert degrees.principal_degree_share(degrees.PRINCIPALS_SCHOOL, 10, 10).passed is True
    short = degrees.principal_degree_share(degrees.PRINCIPALS_SCHOOL, 9, 10)
    assert (short.passed, short.people_needed, short.min_degree) == (False, 1, Degree.BACHELOR)
    heads = degrees.principal_degree_share(degrees.PRINCIPALS_KINDERGARTEN, 3, 3)
    assert heads.min_degree == Degree.ASSOCIATE
    assert degrees.principal_degree_share(degrees.PRINCIPALS_KINDERGARTEN, 0, 0).passed is None


# --- temporary teachers: item 2.3c -----------------------------------------------------------


def test_five_percent_exactly_is_within():
    result = temporary.temp_ratio(5, 100, 9)
    assert result.ratio == Fraction(5, 100)
    assert (result.within, result.category, result.teachers_over) == (
        True,
        TempRatioCategory.WITHIN,
        0,
    )


def test_just_above_five_percent_is_not_within():
    result = temporary.temp_ratio(501, 10000, 501)
    assert result.within is False
    assert result.teachers_over == 1


@pytest.mark.parametrize(
    "this_year, last_year, category",
    [
        (80, 100, TempRatioCategory.FELL_AT_LEAST_THRESHOLD),  # a 20 % fall exactly
        (79, 100, TempRatioCategory.FELL_AT_LEAST_THRESHOLD),
        (81, 100, TempRatioCategory.FELL_LESS),  # 19 %
        (99, 100, TempRatioCategory.FELL_LESS),
        (100, 100, TempRatioCategory.UNCHANGED),  # I-2
        (101, 100, TempRatioCategory.ROSE),
        (80, 0, TempRatioCategory.ROSE),  # from none at all
        (80, None, TempRatioCategory.NO_LAST_YEAR),  # I-3
    ],
)
def test_above_five_percent_compares_with_last_year(this_year, last_year, category):
    result = temporary.temp_ratio(this_year, 1000, last_year)
    assert result.within is False
    assert result.category is category
    assert result.flagged is (category is TempRatioCategory.NO_LAST_YEAR)
    assert result.teachers_over == this_year - 50


def test_the_change_is_exact():
    result = temporary.temp_ratio(80, 1000, 100)
    assert result.change == Fraction(-1, 5)


def test_within_wins_over_the_trend():
    result = temporary.temp_ratio(5, 100, None)
    assert result.category is TempRatioCategory.WITHIN
    assert result.flagged is False


def test_no_temporary_teachers_is_within_even_without_staff():
    assert temporary.temp_ratio(0, 0, None).category is TempRatioCategory.WITHIN


def test_temporary_teachers_without_on_staff_staff_have_no_ratio():
    result = temporary.temp_ratio(3, 0, 5)
    assert (result.ratio, result.within, result.category) == (
        None,
        False,
        TempRatioCategory.FELL_AT_LEAST_THRESHOLD,
    )


def test_categories_are_the_configuration_keys():
    assert {c.value for c in TempRatioCategory} == {
        "within_ratio",
        "fell_at_least_threshold",
        "fell_less",
        "unchanged",
        "rose",
        "no_last_year",
    }


# --- temporary teachers' pay: item 2.3b ------------------------------------------------------


def test_seventy_percent_pay_exactly_passes():
    result = temporary.temp_pay_ratio(Decimal("140000.00"), 2, Decimal("300000.00"), 3)
    assert result.ratio == Fraction(7, 10)
    assert result.passed is True
    assert result.pay_short == 0


def test_a_fen_below_seventy_percent_fails():
    result = temporary.temp_pay_ratio(Decimal("69999.99"), 1, Decimal("100000.00"), 1)
    assert result.passed is False
    assert result.pay_short == Decimal("0.01")


def test_pay_ratio_is_exact_with_awkward_averages():
    # Averages of 100000/3 and 70000/3 yuan: exactly 70 %, which a rounded average would miss.
    exact = temporary.temp_pay_ratio(Decimal("70000.00"), 3, Decimal("100000.00"), 3)
    assert (exact.ratio, exact.passed) == (Fraction(7, 10), True)
    rounded = temporary.temp_pay_ratio(Decimal("23333.33"), 1, Decimal("100000.00"), 3)
    assert rounded.passed is False
    assert rounded.pay_short == Decimal("0.01")


def test_no_temporary_teachers_means_pay_is_not_assessed():
    result = temporary.temp_pay_ratio(Decimal(0), 0, Decimal("100000"), 2)
    assert (result.ratio, result.passed) == (None, None)
    assert temporary.temp_pay_ratio(Decimal(5), 1, Decimal(0), 0).passed is None


# --- training --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "year, period",
    [
        (2021, (2021, 2025)),
        (2025, (2021, 2025)),
        (2026, (2026, 2030)),
        (2030, (2026, 2030)),
        (2020, (2016, 2020)),
    ],
)
def test_cycles_follow_the_plan_periods(year, period):
    assert training.plan_period(year) == period


@pytest.mark.parametrize(
    "year, hired, required",
    [
        (2021, None, 90),
        (2023, None, 270),
        (2025, None, 450),
        (2026, None, 90),
        (2025, 2024, 180),  # hired during the cycle: counted from the year of hire
        (2025, 2025, 90),
        (2025, 2018, 450),  # hired before the cycle
        (2025, 2027, 90),  # a hire year after the statistical year is capped
    ],
)
def test_pro_rata_share_of_450_hours(year, hired, required):
    assert training.required_training_hours(year, hired) == required


@pytest.mark.parametrize(
    "hours, year, on_schedule",
    [
        ("450.0", 2025, True),
        ("449.9", 2025, False),
        ("450.1", 2025, True),
        ("270", 2023, True),
        ("269.9", 2023, False),
        ("90", 2021, True),
        ("89.9", 2021, False),
    ],
)
def test_training_progress_at_the_pro_rata_boundary(hours, year, on_schedule):
    progress = training.training_progress(Decimal(hours), year)
    assert progress.on_schedule is on_schedule
    assert progress.hours_short == max(0, progress.required - Fraction(Decimal(hours)))


@pytest.mark.parametrize("hours, met", [("90", True), ("89.9", False), ("90.5", True)])
def test_researchers_need_90_hours_a_year(hours, met):
    assert training.researcher_training_met(Decimal(hours)) is met


def test_city_level_training_reaches_ten_percent():
    assert training.city_training_share(10, 100).passed is True
    short = training.city_training_share(9, 100)
    assert (short.passed, short.people_needed) == (False, 1)
    assert training.city_training_share(11, 100).passed is True
    assert training.city_training_share(0, 0).passed is None
    assert training.city_training_share(1, 11).people_needed == 1  # 11 × 10 % = 1.1 → 2 people


@pytest.mark.parametrize(
    "trained_on, as_of, status",
    [
        (D(2023, 3, 1), D(2023, 6, 1), QualificationStatus.DONE),  # 365 days: on time
        (D(2023, 3, 2), D(2023, 6, 1), QualificationStatus.LATE),  # 366 days
        (D(2021, 12, 1), D(2023, 6, 1), QualificationStatus.DONE),  # before appointment
        (None, D(2023, 3, 1), QualificationStatus.PENDING),
        (None, D(2023, 3, 2), QualificationStatus.OVERDUE),
    ],
)
def test_new_principals_qualification_training_within_a_year(trained_on, as_of, status):
    appointed = D(2022, 3, 1)
    assert training.qualification_training_status(appointed, trained_on, as_of) is status


def test_the_year_runs_to_the_anniversary_across_a_leap_day():
    assert training.qualification_deadline(D(2023, 3, 1)) == D(2024, 3, 1)  # 366 days
    assert training.qualification_deadline(D(2024, 2, 29)) == D(2025, 2, 28)


# --- principals ------------------------------------------------------------------------------

PRIMARY = (Stage.PRIMARY,)
HIGH = (Stage.JUNIOR, Stage.SENIOR)


@pytest.mark.parametrize(
    "teaching, title, management, stages, findings",
    [
        (5, Title.INTERMEDIATE, 3, PRIMARY, []),
        (4, Title.INTERMEDIATE, 3, PRIMARY, [PrincipalFinding.TEACHING_YEARS]),
        (5, Title.JUNIOR, 3, PRIMARY, [PrincipalFinding.TITLE]),
        (5, Title.INTERMEDIATE, 2, PRIMARY, [PrincipalFinding.MANAGEMENT_YEARS]),
        (5, Title.INTERMEDIATE, 3, HIGH, [PrincipalFinding.TITLE]),
        (5, Title.SENIOR, 3, HIGH, []),
        (5, Title.INTERMEDIATE, 3, (Stage.VOCATIONAL,), []),
    ],
)
def test_requirements_of_a_new_appointment(teaching, title, management, stages, findings):
    assert principals.appointment_findings(teaching, title, management, stages) == findings


@pytest.mark.parametrize(
    "as_of, findings",
    [
        (D(2024, 8, 31), []),
        (D(2024, 9, 1), [PrincipalFinding.TERM_LAST_YEAR]),
        (D(2025, 8, 31), [PrincipalFinding.TERM_LAST_YEAR]),
        (D(2025, 9, 1), [PrincipalFinding.TERM_EXPIRED]),
    ],
)
def test_term_of_five_years_with_an_alert_in_its_last_year(as_of, findings):
    assert principals.term_findings(D(2020, 9, 1), None, 1, as_of) == findings


def test_an_ended_appointment_has_no_term_alert():
    assert principals.term_findings(D(2020, 9, 1), D(2025, 1, 31), 1, D(2025, 6, 1)) == []


@pytest.mark.parametrize("term, violation", [(1, False), (2, False), (3, True), (4, True)])
def test_a_third_consecutive_term_is_a_violation(term, violation):
    findings = principals.term_findings(D(2024, 9, 1), None, term, D(2025, 1, 1))
    assert (PrincipalFinding.THIRD_TERM in findings) is violation


@pytest.mark.parametrize(
    "passed, as_of, finding",
    [
        (False, D(2025, 8, 31), PrincipalFinding.ON_PROBATION),
        (False, D(2025, 9, 1), PrincipalFinding.PROBATION_OVERDUE),
        (True, D(2025, 9, 1), None),
    ],
)
def test_one_year_probation(passed, as_of, finding):
    assert principals.probation_finding(D(2024, 9, 1), passed, as_of) is finding


@pytest.mark.parametrize(
    "lessons, findings",
    [
        ({1: 50, 2: 50}, []),
        ({1: 49, 2: 50}, [PrincipalFinding.LESSONS_BELOW]),
        ({1: 51, 2: 49}, [PrincipalFinding.LESSONS_BELOW]),
        ({1: 50}, [PrincipalFinding.LESSONS_NOT_REPORTED]),
    ],
)
def test_fifty_lessons_observed_per_semester(lessons, findings):
    as_of = D(2025, 12, 31)
    assert principals.lessons_findings(lessons, D(2020, 9, 1), None, 2025, as_of) == findings


def test_only_semesters_in_post_and_begun_are_owed():
    # Appointed after the spring semester began; judged before the autumn one.
    assert principals.lessons_findings({}, D(2025, 3, 1), None, 2025, D(2025, 12, 31)) == [
        PrincipalFinding.LESSONS_NOT_REPORTED
    ]
    assert principals.lessons_findings({}, D(2020, 9, 1), None, 2025, D(2025, 8, 31)) == [
        PrincipalFinding.LESSONS_NOT_REPORTED
    ]
    assert principals.lessons_findings({}, D(2025, 3, 1), None, 2025, D(2025, 8, 31)) == []


@pytest.mark.parametrize(
    "end_date, findings",
    [
        # Left the day before the autumn semester began: only spring is owed.
        (D(2025, 8, 31), [PrincipalFinding.LESSONS_BELOW]),
        # In post on its first day (the end date is the last day in post): autumn is owed.
        (D(2025, 9, 1), [PrincipalFinding.LESSONS_BELOW, PrincipalFinding.LESSONS_NOT_REPORTED]),
        (D(2025, 9, 2), [PrincipalFinding.LESSONS_BELOW, PrincipalFinding.LESSONS_NOT_REPORTED]),
        (None, [PrincipalFinding.LESSONS_BELOW, PrincipalFinding.LESSONS_NOT_REPORTED]),
        # Left the day before the spring semester began: nothing is owed this year.
        (D(2025, 1, 31), []),
        (D(2025, 2, 1), [PrincipalFinding.LESSONS_BELOW]),
    ],
)
def test_a_principal_who_left_owes_only_the_semesters_begun_in_post(end_date, findings):
    lessons = {1: 49}
    as_of = D(2025, 12, 31)
    assert principals.lessons_findings(lessons, D(2020, 9, 1), end_date, 2025, as_of) == findings


def test_principal_findings_pass_the_end_date_to_the_lessons_rule():
    inputs = appointment(
        start_date=D(2022, 9, 1),
        end_date=D(2025, 8, 31),
        is_first_appointment=False,
        lessons_observed={1: 60},
    )
    assert principals.principal_findings(inputs, 2025, D(2025, 12, 31)) == []
    inputs = appointment(
        start_date=D(2022, 9, 1),
        end_date=None,
        is_first_appointment=False,
        lessons_observed={1: 60},
    )
    assert principals.principal_findings(inputs, 2025, D(2025, 12, 31)) == [
        PrincipalFinding.LESSONS_NOT_REPORTED
    ]


def appointment(**overrides) -> principals.AppointmentInputs:
    values = {
        "start_date": D(2025, 1, 15),
        "end_date": None,
        "consecutive_term": 1,
        "probation_passed": False,
        "is_first_appointment": True,
        "school_stages": PRIMARY,
        "teaching_years": 10,
        "title": Title.SENIOR,
        "management_years": 5,
        "first_qualification_training": D(2025, 6, 1),
        "lessons_observed": {1: 60, 2: 60},
    }
    return principals.AppointmentInputs(**{**values, **overrides})


def test_a_sound_new_principal_is_only_on_probation():
    findings = principals.principal_findings(appointment(), 2025, D(2025, 12, 31))
    assert findings == [PrincipalFinding.ON_PROBATION]


def test_a_new_principal_missing_everything():
    inputs = appointment(
        teaching_years=4,
        title=Title.JUNIOR,
        management_years=2,
        first_qualification_training=None,
        lessons_observed={1: 10},
    )
    findings = principals.principal_findings(inputs, 2026, D(2026, 3, 1))
    # Requirements are checked only in the year of appointment.
    assert findings == [
        PrincipalFinding.PROBATION_OVERDUE,
        PrincipalFinding.QUALIFICATION_OVERDUE,
        PrincipalFinding.LESSONS_BELOW,
    ]
    findings = principals.principal_findings(inputs, 2025, D(2025, 12, 31))
    assert findings[:3] == [
        PrincipalFinding.TEACHING_YEARS,
        PrincipalFinding.TITLE,
        PrincipalFinding.MANAGEMENT_YEARS,
    ]
    assert PrincipalFinding.QUALIFICATION_PENDING in findings
    assert set(findings[:3]) <= principals.PRINCIPAL_VIOLATIONS


def test_a_transfer_is_checked_but_owes_no_probation_or_qualification_training():
    inputs = appointment(
        is_first_appointment=False,
        school_stages=HIGH,
        title=Title.INTERMEDIATE,
        first_qualification_training=None,
    )
    assert principals.principal_findings(inputs, 2025, D(2025, 12, 31)) == [PrincipalFinding.TITLE]


def test_a_new_appointment_without_a_roster_row_is_flagged():
    inputs = appointment(teaching_years=None, probation_passed=True)
    assert principals.principal_findings(inputs, 2025, D(2025, 12, 31)) == [
        PrincipalFinding.ROSTER_MISSING
    ]


# --- teaching researchers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "teaching, title, degree, findings",
    [
        (6, Title.SENIOR, Degree.BACHELOR, []),
        (5, Title.SENIOR, Degree.BACHELOR, [ResearcherFinding.TEACHING_YEARS]),
        (6, Title.INTERMEDIATE, Degree.MASTER, []),
        (6, Title.FULL_SENIOR, Degree.ASSOCIATE, []),
        (6, Title.INTERMEDIATE, Degree.BACHELOR, [ResearcherFinding.TITLE_OR_DEGREE]),
    ],
)
def test_researcher_qualification(teaching, title, degree, findings):
    assert researchers.researcher_qualification_findings(teaching, title, degree) == findings


def duty(**overrides) -> ResearcherDutyInputs:
    values = {
        "level": "county",
        "guidance_days": 80,
        "lessons_observed": 80,
        "public_lessons": 5,
        "in_post_since": 2021,
        "school_practice_done": False,
    }
    return ResearcherDutyInputs(**{**values, **overrides})


@pytest.mark.parametrize(
    "overrides, findings",
    [
        ({}, []),
        ({"guidance_days": 79}, [ResearcherFinding.GUIDANCE_DAYS]),
        ({"lessons_observed": 79}, [ResearcherFinding.LESSONS_OBSERVED]),
        ({"level": "city", "guidance_days": 60, "lessons_observed": 60}, []),
        (
            {"level": "city", "guidance_days": 59, "lessons_observed": 59},
            [ResearcherFinding.GUIDANCE_DAYS, ResearcherFinding.LESSONS_OBSERVED],
        ),
        ({"guidance_days": 60}, [ResearcherFinding.GUIDANCE_DAYS]),  # county needs 80
        ({"public_lessons": 4}, [ResearcherFinding.PUBLIC_LESSONS]),
        ({"in_post_since": 2020}, [ResearcherFinding.SCHOOL_PRACTICE_DUE]),  # 5 full years
        ({"in_post_since": 2020, "school_practice_done": True}, []),
    ],
)
def test_researcher_duties_per_year(overrides, findings):
    assert researchers.researcher_duty_findings(duty(**overrides), 2025) == findings


def test_researcher_findings_add_training_and_missing_duties():
    findings = researchers.researcher_findings(
        teaching_years=8,
        title=Title.SENIOR,
        degree=Degree.BACHELOR,
        training_hours=Decimal("89.9"),
        duty=None,
        year=2025,
    )
    assert findings == [ResearcherFinding.TRAINING_HOURS, ResearcherFinding.DUTIES_NOT_REPORTED]
    assert (
        researchers.researcher_findings(
            teaching_years=8,
            title=Title.SENIOR,
            degree=Degree.BACHELOR,
            training_hours=Decimal("90"),
            duty=duty(),
            year=2025,
        )
        == []
    )


# --- researcher coverage: item 2.2 -----------------------------------------------------------


def test_the_required_matrix_is_the_national_curriculum_plus_the_special_fields():
    required = researchers.REQUIRED_COVERAGE
    assert len(required) == 11 + 15 + 16 + 1 + 1
    assert (Stage.PRIMARY, Subject.SCIENCE) in required
    assert (Stage.JUNIOR, Subject.SCIENCE) not in required
    assert (Stage.SENIOR, Subject.TECHNOLOGY) in required
    assert (Stage.KINDERGARTEN, Subject.PRESCHOOL) in required
    assert (Stage.SPECIAL, Subject.SPECIAL) in required
    for stage in (Stage.PRIMARY, Stage.JUNIOR, Stage.SENIOR):
        assert (stage, Subject.LABOUR) in required
        assert (stage, Subject.MENTAL_HEALTH) in required


def test_full_coverage_suggests_all_stages_and_subjects():
    result = researchers.researcher_coverage(
        [*researchers.REQUIRED_COVERAGE, (Stage.VOCATIONAL, Subject.VOCATIONAL)]
    )
    assert result.category is CoverageCategory.ALL_STAGES_AND_SUBJECTS
    assert (result.missing, len(result.covered), result.required) == ((), 44, 44)


def test_one_stage_missing_but_the_subject_covered_elsewhere_suggests_subjects_only():
    pairs = researchers.REQUIRED_COVERAGE - {(Stage.JUNIOR, Subject.CHINESE)}
    result = researchers.researcher_coverage(pairs)
    assert result.category is CoverageCategory.SUBJECTS_ONLY
    assert result.missing == ((Stage.JUNIOR, Subject.CHINESE),)


def test_every_subject_at_one_stage_only_suggests_subjects_only():
    pairs = {(Stage.SENIOR, subject) for subject in researchers.REQUIRED_SUBJECTS}
    result = researchers.researcher_coverage(pairs)
    assert result.category is CoverageCategory.SUBJECTS_ONLY


def test_a_subject_without_any_researcher_suggests_none():
    pairs = {pair for pair in researchers.REQUIRED_COVERAGE if pair[1] != Subject.SCIENCE}
    result = researchers.researcher_coverage(pairs)
    assert result.category is CoverageCategory.NONE
    assert result.missing_subjects == (Subject.SCIENCE,)
    assert researchers.researcher_coverage([]).category is CoverageCategory.NONE


# --- headline counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headline, at, below",
    [
        (Headline.FAMOUS_TEACHERS, 8000, 7999),
        (Headline.KEY_PRINCIPALS, 250, 249),
        (Headline.CITY_EXCELLENT_TEACHERS, 100, 99),
        (Headline.COUNTY_FAMOUS_TEACHERS, 600, 599),
        (Headline.MOE_NORMAL_GRADUATES, 300, 299),
    ],
)
def test_headline_targets_include_the_number(headline, at, below):
    assert headlines.headline_count(headline, at, year=2025).passed is True
    short = headlines.headline_count(headline, below, year=2025)
    assert (short.passed, short.people_needed) == (False, 1)


def test_staff_must_exceed_twenty_thousand():
    """超过 excludes: 20,000 exactly fails."""
    exactly = headlines.headline_count(Headline.STAFF, 20000, year=2025)
    assert (exactly.passed, exactly.people_needed) == (False, 1)
    assert headlines.headline_count(Headline.STAFF, 20001, year=2025).passed is True


def test_a_county_contributes_to_a_city_target_without_a_verdict():
    result = headlines.headline_count(Headline.FAMOUS_TEACHERS, 10, year=2025, city_wide=False)
    assert (result.passed, result.people_needed, result.value) == (None, None, 10)


@pytest.mark.parametrize(
    "headline, year, window, still_open",
    [
        (Headline.FAMOUS_TEACHERS, 2023, (2021, 2025), True),
        (Headline.KEY_PRINCIPALS, 2025, (2021, 2025), False),
        (Headline.MOE_NORMAL_GRADUATES, 2022, (2021, 2023), True),
        (Headline.MOE_NORMAL_GRADUATES, 2024, (2021, 2023), False),
        (Headline.CITY_EXCELLENT_TEACHERS, 2023, (2023, 2023), False),
        (Headline.STAFF, 2024, (2024, 2024), False),
    ],
)
def test_headline_windows(headline, year, window, still_open):
    assert headlines.headline_window(headline, year) == window
    assert headlines.headline_count(headline, 0, year=year).window_open is still_open
