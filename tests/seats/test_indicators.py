"""The inputs seats gives items 3.1, 3.2a, 3.2bc and 3.3 (docs/rules.md#indicator-table), at their
boundaries."""

from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiangmen_edu.models import Unit
from seats.models import SeatQuota
from seats.selectors import indicator_inputs
from tests.seats.conftest import approve
from tests.seats.factories import make_enrolment, make_plan, make_project


def inputs(unit, year=2025):
    return indicator_inputs([unit.pk], year)[unit.pk]


@pytest.mark.parametrize(
    "task, delivered, met",
    [(500, 499, False), (500, 500, True), (500, 501, True), (0, 0, True), (0, 30, True)],
)
def test_3_1_compares_the_years_deliveries_with_its_task(db, county_a, task, delivered, met):
    make_plan(county_a, {(2025, "compulsory"): task, (2024, "compulsory"): 10_000})
    make_project(county_a, "P1", deliveries={2025: delivered, 2024: 10_000})
    stage = inputs(county_a).new_seats.compulsory
    assert (stage.task, stage.delivered, stage.met) == (task, delivered, met)


def test_3_1_separates_stages_and_has_no_task_without_a_plan_row(db, county_a):
    make_plan(county_a, {(2025, "preschool"): 90})
    make_project(county_a, "K1", stage="preschool", deliveries={2025: 90})
    make_project(county_a, "H1", stage="high_school", deliveries={2025: 600})
    result = inputs(county_a).new_seats
    assert (result.preschool.task, result.preschool.delivered, result.preschool.met) == (
        90,
        90,
        True,
    )
    assert (result.high_school.task, result.high_school.delivered, result.high_school.met) == (
        None,
        600,
        None,
    )
    assert result.compulsory.delivered == 0


def test_3_1_says_when_there_is_no_plan_at_all(db, county_a):
    result = inputs(county_a)
    assert all(stage.task is None for stage in result.new_seats.stages)
    assert any("2025" in reason for reason in result.missing)


@pytest.mark.parametrize(
    "public, purchased, private, share",
    [
        (9000, 500, 500, Fraction(95, 100)),  # exactly 95 %: full marks under I-7
        (8999, 500, 501, Fraction(9499, 10000)),
        (10000, 0, 0, Fraction(1)),
        (0, 0, 100, Fraction(0)),
    ],
)
def test_3_2a_counts_purchased_seats_as_public(db, county_a, public, purchased, private, share):
    make_enrolment(
        county_a, public_students=public, purchased_students=purchased, private_students=private
    )
    result = inputs(county_a).public_share
    assert result.share == share
    assert result.public_incl_purchased == public + purchased
    assert result.all_students == public + purchased + private


def test_3_2a_is_missing_without_enrolment_figures(db, county_a):
    result = inputs(county_a)
    assert result.public_share is None and result.boarding is None
    assert result.restructuring.share is None


def test_3_2bc_sums_conversions_of_the_period_up_to_the_year(db, county_b):
    SeatQuota.objects.filter(unit=county_b).update(private_to_convert=1000)
    make_enrolment(county_b, 2021, private_seats_converted=100)
    make_enrolment(county_b, 2023, private_seats_converted=150)
    make_enrolment(county_b, 2024, private_seats_converted=150)  # 400 by 2024: exactly 40 %
    make_enrolment(county_b, 2025, private_seats_converted=199)
    make_enrolment(county_b, 2020, private_seats_converted=999)  # before the period: ignored
    assert inputs(county_b, 2024).restructuring.completion == Fraction(2, 5)
    assert inputs(county_b, 2023).restructuring.completion == Fraction(1, 4)
    result = inputs(county_b, 2025).restructuring
    assert (result.converted, result.to_convert, result.completion) == (
        599,
        1000,
        Fraction(599, 1000),
    )
    assert result.share == Fraction(95, 100)


def test_3_2bc_with_nothing_to_convert_is_complete(db, county_a):
    # 台山市's quota has 0 private seats to convert (I-4).
    make_enrolment(county_a)
    result = inputs(county_a).restructuring
    assert (result.to_convert, result.no_task, result.completion) == (0, True, Fraction(1))


@pytest.mark.parametrize(
    "target, completed, entered, has_task, completion",
    [
        (None, 0, False, False, None),  # not entered yet: not "no task" (I-11)
        (0, 0, True, False, None),  # no task (I-8)
        (900, 900, True, True, Fraction(1)),
        (900, 810, True, True, Fraction(9, 10)),
        (900, 809, True, True, Fraction(809, 900)),
    ],
)
def test_3_3_boarding_task_and_completion(
    db, county_a, target, completed, entered, has_task, completion
):
    make_enrolment(county_a, boarding_target=target, boarding_completed=completed)
    result = inputs(county_a).boarding
    assert (result.entered, result.has_task, result.completion) == (entered, has_task, completion)


def test_inputs_say_whether_the_seats_return_is_approved(years_open, county_a, editor, reviewer):
    assert inputs(county_a).return_status == "draft" and not inputs(county_a).approved
    approve(county_a, 2025, editor, reviewer)
    assert inputs(county_a).approved


def test_a_year_outside_every_period_has_no_seats_inputs(db, county_a):
    result = inputs(county_a, 2031)
    assert result.period is None and result.new_seats is None and result.restructuring is None


def test_inputs_for_all_units_cost_a_fixed_number_of_queries(db, county_a, county_b):
    make_plan(county_a, {(2025, "compulsory"): 100})
    for number in range(20):
        make_project(county_b, f"B{number}", deliveries={2025: 10})
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as few:
        indicator_inputs(unit_ids[:2], 2025)
    with CaptureQueriesContext(connection) as many:
        result = indicator_inputs(unit_ids, 2025)
    assert len(many) == len(few) <= 9
    assert result[county_b.pk].new_seats.compulsory.delivered == 200
