"""Balance coefficients of item 3.4a and the schools they count
(docs/rules.md#balance-coefficients)."""

import math
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest

from assessment.scoring.balance import (
    INDICATOR_KEYS,
    SchoolKind,
    SchoolRecord,
    StageFigures,
    coefficient,
    counts_for_balance,
    dispersion,
    per_hundred_students,
    per_student,
    stage_dispersions,
    stage_samples,
    within,
)


def test_equal_values_have_coefficient_zero():
    assert coefficient([(100, 5), (300, 5), (20, 5)]) == 0


def test_two_equal_schools_give_the_textbook_value_exactly():
    # X̄ = 2, σ = 1: CV = 0.5, exactly, not 0.4999…
    assert coefficient([(100, 3), (100, 1)]) == Decimal("0.5")


def test_weights_are_the_schools_students():
    # P = 400, X̄ = (100·10 + 300·20) / 400 = 17.5, σ² = ¼·7.5² + ¾·2.5² = 18.75
    value = coefficient([(100, 10), (300, 20)])
    assert math.isclose(float(value), math.sqrt(18.75) / 17.5, rel_tol=1e-15)
    assert dispersion([(100, 10), (300, 20)]).mean == Fraction(35, 2)
    assert dispersion([(100, 10), (300, 20)]).variance == Fraction(75, 4)


def test_value_has_fifty_significant_digits():
    value = coefficient([(100, 10), (300, 20)])
    assert len(value.as_tuple().digits) == 50
    # sqrt(18.75) / 17.5 = sqrt(3) / 7, to 50 digits
    assert str(value).startswith("0.24743582965269675")


@pytest.mark.parametrize(
    "schools, threshold, expected",
    [
        ([(100, 3), (100, 1)], "0.5", True),  # at: "低于0.5" includes 0.5
        ([(100, 301), (100, 99)], "0.5", False),  # 0.505 just above
        ([(100, 299), (100, 101)], "0.5", True),  # 0.495 just below
        ([(100, 29), (100, 11)], "0.45", True),  # exactly 0.45
        ([(1000, 29), (1000, Fraction(10999, 1000))], "0.45", False),  # 0.45005…
        ([(100, 2), (100, 2)], "0", True),
    ],
)
def test_within_is_exact_at_the_boundary(schools, threshold, expected):
    assert within(schools, Decimal(threshold)) is expected


def test_within_agrees_with_the_value_for_an_irrational_coefficient():
    schools = [(100, 10), (300, 20)]
    value = coefficient(schools)
    with localcontext() as context:
        context.prec = 60
        above, below = value + Decimal("1e-45"), value - Decimal("1e-45")
    assert within(schools, above) is True
    assert within(schools, below) is False


def test_undefined_without_students_or_with_a_zero_mean():
    assert coefficient([]) is None
    assert coefficient([(0, 3)]) is None
    assert coefficient([(100, 0), (50, 0)]) is None
    assert within([(100, 0)], Decimal("0.5")) is None


def test_a_school_with_no_students_weighs_nothing():
    assert coefficient([(100, 3), (100, 1), (0, 1000)]) == Decimal("0.5")


def test_negative_figures_are_refused():
    with pytest.raises(ValueError):
        coefficient([(-1, 3)])
    with pytest.raises(ValueError):
        coefficient([(10, -3)])


def test_per_student_helpers_are_exact():
    assert per_hundred_students(7, 300) == Fraction(7, 3)
    assert per_student(Decimal("1234.5"), 7) == Fraction(12345, 70)
    with pytest.raises(ValueError):
        per_student(1, 0)


# ---------------------------------------------------------------------------------------------
# Which schools count


def figures(students: int, value: int = 1) -> StageFigures:
    return StageFigures(students, (value,) * len(INDICATOR_KEYS))


def test_special_and_vocational_schools_never_count():
    special = SchoolRecord("s", {"primary": figures(500)}, kind=SchoolKind.SPECIAL)
    vocational = SchoolRecord("v", {"junior": figures(500)}, kind=SchoolKind.VOCATIONAL)
    assert not counts_for_balance(special)
    assert not counts_for_balance(vocational)


@pytest.mark.parametrize("students, counts", [(49, False), (50, True), (51, True)])
def test_teaching_points_count_from_50_students(students, counts):
    point = SchoolRecord("p", {"primary": figures(students)}, is_teaching_point=True)
    assert counts_for_balance(point) is counts


def test_a_small_regular_school_counts():
    assert counts_for_balance(SchoolRecord("r", {"primary": figures(12)}))


def test_the_minimum_is_configurable():
    point = SchoolRecord("p", {"primary": figures(60)}, is_teaching_point=True)
    assert not counts_for_balance(point, min_students=100)


def test_a_nine_year_school_counts_in_both_stages_with_its_own_figures():
    nine_year = SchoolRecord("9", {"primary": figures(600, 4), "junior": figures(300, 9)})
    primary_only = SchoolRecord("p", {"primary": figures(200, 2)})
    records = [nine_year, primary_only]
    assert stage_samples(records, "primary", "qualified_teachers") == [(600, 4), (200, 2)]
    assert stage_samples(records, "junior", "qualified_teachers") == [(300, 9)]


def test_stage_dispersions_cover_the_seven_indicators():
    values_a = (3, 1, 1, 1, 1, 1, 0)
    values_b = (1, 1, 1, 1, 1, 1, 0)
    records = [
        SchoolRecord("a", {"primary": StageFigures(100, values_a)}),
        SchoolRecord("b", {"primary": StageFigures(100, values_b)}),
        SchoolRecord("x", {"primary": StageFigures(100, (99,) * 7)}, kind=SchoolKind.SPECIAL),
    ]
    result = stage_dispersions(records, "primary")
    assert list(result) == list(INDICATOR_KEYS)
    assert result["qualified_teachers"].value() == Decimal("0.5")
    assert result["backbone_teachers"].value() == 0
    assert result["multimedia_classrooms"].value() is None  # all zero: undefined
    assert stage_dispersions(records, "junior")["qualified_teachers"] is None


def test_stage_figures_need_seven_values():
    with pytest.raises(ValueError):
        StageFigures(100, (1, 2, 3))
