"""The plain rules of the pairing ledger (docs/rules.md#pairing): periods served, funding and each
target at its boundary."""

import datetime
from decimal import Decimal

import pytest

from pairing.rules import funding, targets
from pairing.rules.periods import (
    Span,
    months_served,
    overlaps,
    semesters_served,
    weeks_served,
    year_span,
)

D = datetime.date


# --- funding: pro-rating and the split (Annex 2 五(二)) -------------------------------------


def test_a_xinhui_teacher_serving_8_months_costs_6666_67_split_without_losing_a_fen():
    amount = funding.pro_rata(Decimal("10000.00"), 8)
    assert amount == Decimal("6666.67")
    city, district = funding.split(amount, Decimal("0.50"))
    # The city's half (3,333.335) rounds half-up; the district pays the remainder.
    assert (city, district) == (Decimal("3333.34"), Decimal("3333.33"))
    assert city + district == amount
    assert all(isinstance(x, Decimal) for x in (amount, city, district))


@pytest.mark.parametrize("months", range(13))
@pytest.mark.parametrize("share", ["1.00", "0.50", "0.00", "0.33"])
def test_the_parts_always_add_up_to_the_amount(months, share):
    amount = funding.pro_rata(Decimal("10000.00"), months)
    city, district = funding.split(amount, Decimal(share))
    assert city + district == amount
    assert abs(city - amount * Decimal(share)) <= Decimal("0.005")
    assert amount.as_tuple().exponent == -2


def test_a_full_year_is_the_annual_amount_and_the_city_pays_all_for_the_west():
    assert funding.pro_rata(Decimal("10000.00"), 12) == Decimal("10000.00")
    assert funding.split(Decimal("10000.00"), Decimal("1.00")) == (
        Decimal("10000.00"),
        Decimal("0.00"),
    )


def test_money_is_never_float():
    with pytest.raises(TypeError):
        funding.to_fen(6666.67)
    with pytest.raises(ValueError):
        funding.pro_rata(Decimal("10000"), 13)


def test_the_most_specific_tier_applies():
    rates = [
        funding.Rate(2021, "", None, 0, Decimal("10000")),
        funding.Rate(2021, "dispatched", None, 0, Decimal("11000")),
        funding.Rate(2021, "dispatched", None, 24, Decimal("12000")),
        funding.Rate(2021, "", 7, 0, Decimal("13000")),
        funding.Rate(2024, "", None, 0, Decimal("10500")),
    ]

    def pick(year=2023, kind="shadowing", host=5, months=12):
        rate = funding.pick_rate(
            rates, year=year, kind=kind, host_unit_id=host, total_months=months
        )
        return rate.annual_amount

    assert pick() == Decimal("10000")
    assert pick(year=2024) == Decimal("10500")
    assert pick(kind="dispatched") == Decimal("11000")
    # A duration tier: at 24 months served in all, not at 23.
    assert pick(kind="dispatched", months=24) == Decimal("12000")
    assert pick(kind="dispatched", months=23) == Decimal("11000")
    # A host county's own rate is more specific than a kind's.
    assert pick(kind="dispatched", host=7) == Decimal("13000")
    assert funding.pick_rate(rates, year=2020, kind="x", host_unit_id=1, total_months=1) is None


def test_the_city_share_in_force_is_the_latest():
    shares = [
        funding.Share(1, 2021, Decimal("0.50")),
        funding.Share(1, 2024, Decimal("0.60")),
    ]
    assert funding.pick_share(shares, unit_id=1, year=2023) == Decimal("0.50")
    assert funding.pick_share(shares, unit_id=1, year=2024) == Decimal("0.60")
    assert funding.pick_share(shares, unit_id=2, year=2024) == Decimal(1)


# --- periods served ----------------------------------------------------------------------------


def test_january_to_august_is_8_months():
    assert months_served(Span(D(2025, 1, 1), D(2025, 8, 31))) == 8
    two_years = Span(D(2023, 9, 1), D(2025, 8, 31))
    assert [months_served(two_years, year_span(y)) for y in (2023, 2024, 2025)] == [4, 12, 8]


@pytest.mark.parametrize(
    "end, months",
    [
        # A month counts when at least half of its days are served: July has 31 days.
        (D(2025, 7, 15), 6),  # 15 days: just below half
        (D(2025, 7, 16), 7),  # 16 days: at half (15.5) and above
        (D(2025, 2, 13), 1),  # February 2025 has 28 days: 13 is below 14
        (D(2025, 2, 14), 2),  # 14 is exactly half
    ],
)
def test_a_month_counts_from_half_of_its_days(end, months):
    assert months_served(Span(D(2025, 1, 1), end)) == months


def test_weeks_and_semesters():
    assert weeks_served(Span(D(2025, 3, 1), D(2025, 3, 14))) == 2
    assert weeks_served(Span(D(2025, 3, 1), D(2025, 3, 13))) == 1
    # Autumn term 2024-09-01 – 2025-01-31, spring term 2025-02-01 – 2025-07-31.
    assert semesters_served(Span(D(2024, 9, 1), D(2025, 7, 31))) == 2
    # The spring term has 181 days: 90 are short of half, 91 reach it.
    assert semesters_served(Span(D(2025, 2, 1), D(2025, 5, 1))) == 0
    assert semesters_served(Span(D(2025, 2, 1), D(2025, 5, 2))) == 1


def test_placements_overlap_when_they_share_a_day():
    assert overlaps(D(2025, 1, 1), D(2025, 6, 30), D(2025, 6, 30), D(2025, 12, 31))
    assert not overlaps(D(2025, 1, 1), D(2025, 6, 30), D(2025, 7, 1), D(2025, 12, 31))


# --- targets, each at, just above and just below its value ------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        targets.DISPATCHED_PER_CYCLE,
        targets.SHADOWING_PER_YEAR,
        targets.SCHOOL_PAIRS_PER_CYCLE,
    ],
)
def test_count_targets_are_met_at_their_value(target):
    assert target in (120, 30)
    assert not targets.at_least(target - 1, target)
    assert targets.at_least(target, target)
    assert targets.at_least(target + 1, target)


@pytest.mark.parametrize(
    "rate, units",
    [
        (targets.OPEN_CLASSES_PER_MONTH, 8),  # 2 a month, 8 months: 16
        (targets.REVIEWS_PER_WEEK, 30),  # 2 a week, 30 weeks: 60
        (targets.OBSERVATIONS_PER_WEEK, 30),  # 3 a week: 90
        (targets.REFLECTIONS_PER_SEMESTER, 2),  # 1 a semester: 2
        (targets.PRINCIPAL_VISITS_PER_MONTH, 12),  # 2 a month: 24
    ],
)
def test_rate_targets_at_their_boundary(rate, units):
    need = targets.required(rate, units)
    assert need == rate * units
    assert not targets.at_least(need - 1, need)
    assert targets.at_least(need, need)
    assert targets.at_least(need + 1, need)


def test_rate_values_are_those_of_annex_2():
    assert (
        targets.OPEN_CLASSES_PER_MONTH,
        targets.REVIEWS_PER_WEEK,
        targets.OBSERVATIONS_PER_WEEK,
        targets.REFLECTIONS_PER_SEMESTER,
        targets.PRINCIPAL_VISITS_PER_MONTH,
    ) == (2, 2, 3, 1, 2)


@pytest.mark.parametrize(
    "trained, teachers, met",
    [(49, 1000, False), (50, 1000, True), (51, 1000, True), (49, 999, False), (50, 999, True)],
)
def test_it_training_reaches_5_percent_exactly(trained, teachers, met):
    assert targets.it_training_met(trained, teachers) is met


def test_it_training_required_rounds_up_and_needs_5_days_and_30_hours():
    assert targets.it_training_required(1000) == 50
    assert targets.it_training_required(999) == 50  # 49.95
    assert targets.it_training_required(980) == 49
    assert not targets.it_training_met(0, 0)
    assert targets.counts_as_it_training(Decimal(30), 5)
    assert not targets.counts_as_it_training(Decimal("29.5"), 5)
    assert not targets.counts_as_it_training(Decimal(30), 4)
    assert targets.counts_as_it_training(Decimal(31), 6)


@pytest.mark.parametrize("count, ok", [(0, False), (1, True), (2, True), (3, False)])
def test_one_or_two_schools(count, ok):
    assert targets.team_schools_count_ok(count) is ok
    assert targets.within(count, targets.GROUP_SCHOOLING_SCHOOLS) is ok


@pytest.mark.parametrize("staff, ok", [(2, False), (3, True), (4, True), (5, True), (6, False)])
def test_three_to_five_staff_a_semester(staff, ok):
    assert targets.within(staff, targets.GROUP_SCHOOLING_STAFF) is ok


@pytest.mark.parametrize(
    "years, trained, ok",
    [(5, 999, False), (5, 1000, True), (2, 399, False), (2, 400, True), (0, 0, True)],
)
def test_training_coverage_is_pro_rata_then_full_after_5_years(years, trained, ok):
    need = targets.coverage_required(1000, years)
    assert targets.at_least(trained, need) is ok
    assert targets.coverage_required(1000, 7) == 1000
