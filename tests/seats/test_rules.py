"""The seat rules at each boundary (docs/rules.md#seats, items 3.1–3.3)."""

from fractions import Fraction

import pytest

from seats import rules
from seats.rules import PlanFit, Requirement


@pytest.mark.parametrize(
    "planned, quota, fit, needs_explanation, short_by",
    [
        (9185, 9185, PlanFit.MATCHES, False, 0),
        (9184, 9185, PlanFit.SHORT, True, 1),
        (9186, 9185, PlanFit.EXCEEDS, False, 0),
        (0, 0, PlanFit.MATCHES, False, 0),
        (0, 1500, PlanFit.SHORT, True, 1500),
    ],
)
def test_plan_check(planned, quota, fit, needs_explanation, short_by):
    check = rules.plan_check(planned=planned, quota=quota)
    assert check.fit == fit
    assert check.needs_explanation is needs_explanation
    assert check.short_by == short_by
    assert check.difference == planned - quota


@pytest.mark.parametrize(
    "figures, total",
    [
        ((1080, 3136, 1779), 5995),  # 市直: the 3136 to convert are inside compulsory
        ((1200, 25233, 4500), 30933),
        ((1500, 9185, 0), 10685),
        ((10080, 96202, 11329), 117611),  # 合计
    ],
)
def test_quota_total_does_not_add_the_seats_to_convert(figures, total):
    preschool, compulsory, high_school = figures
    assert (
        rules.quota_total(preschool=preschool, compulsory=compulsory, high_school=high_school)
        == total
    )


@pytest.mark.parametrize(
    "delivered, task, met",
    [(100, 100, True), (99, 100, False), (101, 100, True), (0, 0, True), (5, 0, True)],
)
def test_year_task_met_includes_the_task_and_a_zero_task_is_met(delivered, task, met):
    assert rules.year_task_met(delivered=delivered, task=task) is met


@pytest.mark.parametrize(
    "delivered, planned, behind",
    [(500, 500, False), (499, 500, True), (501, 500, False), (0, 0, False)],
)
def test_behind_schedule(delivered, planned, behind):
    assert rules.behind_schedule(delivered_to_date=delivered, planned_to_date=planned) is behind


@pytest.mark.parametrize("delivered, met", [(110_000, True), (109_999, False), (110_001, True)])
def test_city_target_includes_110000(delivered, met):
    assert rules.city_target_met(delivered=delivered, target=110_000) is met


def test_public_share_counts_purchased_seats_as_public_and_is_exact():
    assert rules.public_share(public=90, purchased=5, private=5) == Fraction(95, 100)
    # I-7: 95 % exactly, not 0.9499999 or a rounded 95.00 %.
    assert rules.public_share(public=18_999, purchased=1, private=1_000) == Fraction(19, 20)
    assert rules.public_share(public=18_998, purchased=1, private=1_001) < Fraction(95, 100)
    assert rules.public_share(public=0, purchased=0, private=0) is None
    assert rules.public_share(public=0, purchased=0, private=10) == 0


@pytest.mark.parametrize(
    "converted, to_convert, completion",
    [
        (0, 0, Fraction(1)),  # I-4: nothing to convert is complete
        (10, 0, Fraction(1)),
        (0, 8429, Fraction(0)),
        (3372, 8430, Fraction(2, 5)),  # exactly 40 %
        (3371, 8430, Fraction(3371, 8430)),
        (9000, 8429, Fraction(9000, 8429)),  # not capped
    ],
)
def test_restructuring_completion(converted, to_convert, completion):
    assert rules.restructuring_completion(converted=converted, to_convert=to_convert) == completion


@pytest.mark.parametrize(
    "target, completed, completion",
    [
        (None, 0, None),
        (0, 50, None),  # a target of 0 is no task
        (900, 900, Fraction(1)),
        (900, 810, Fraction(9, 10)),
        (900, 809, Fraction(809, 900)),
        (900, 1000, Fraction(10, 9)),
    ],
)
def test_boarding_completion(target, completed, completion):
    assert rules.boarding_completion(target=target, completed=completed) == completion


@pytest.mark.parametrize(
    "population, needed",
    [(None, None), (200_000, False), (200_001, True), (199_999, False), (0, False)],
)
def test_special_school_needed_only_over_200000(population, needed):
    assert rules.needs_special_school(population) is needed


def test_township_requirements_differ_between_towns_and_subdistricts():
    assert rules.township_requirements("town") == (
        Requirement.BOARDING_SCHOOL,
        Requirement.CENTRAL_KINDERGARTEN,
    )
    assert rules.township_requirements("subdistrict") == (Requirement.PUBLIC_KINDERGARTEN,)


@pytest.mark.parametrize(
    "requirement, school, ok",
    [
        (Requirement.BOARDING_SCHOOL, ("primary", "public", False, True), True),
        (Requirement.BOARDING_SCHOOL, ("nine_year", "public", False, True), True),
        (Requirement.BOARDING_SCHOOL, ("primary", "public", True, False), False),  # not boarding
        (Requirement.BOARDING_SCHOOL, ("primary", "private", False, True), False),
        (Requirement.BOARDING_SCHOOL, ("senior", "public", False, True), False),  # not compulsory
        (Requirement.CENTRAL_KINDERGARTEN, ("kindergarten", "public", True, False), True),
        (Requirement.CENTRAL_KINDERGARTEN, ("kindergarten", "public", False, False), False),
        (Requirement.CENTRAL_KINDERGARTEN, ("kindergarten", "private", True, False), False),
        (Requirement.CENTRAL_KINDERGARTEN, ("primary", "public", True, False), False),
        (Requirement.PUBLIC_KINDERGARTEN, ("kindergarten", "public", False, False), True),
        (Requirement.PUBLIC_KINDERGARTEN, ("kindergarten", "private", False, False), False),
    ],
)
def test_which_schools_satisfy_a_line(requirement, school, ok):
    school_type, ownership, is_central, is_boarding = school
    assert (
        rules.satisfies(
            requirement,
            school_type=school_type,
            ownership=ownership,
            is_central=is_central,
            is_boarding=is_boarding,
        )
        is ok
    )
