"""Training (docs/rules.md#training): the 450-hour cycle, researchers' 90 hours a year,
city-level training for 10 % of full-time teachers, new principals' qualification training."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from teachers.rules.shares import ShareResult, share_against

CYCLE_YEARS = 5
CYCLE_HOURS = 450
# Training cycles are aligned with the plan periods: 2021–2025 (14th FYP), 2026–2030, …
FIRST_CYCLE_START = 2021
RESEARCHER_HOURS_PER_YEAR = 90
CITY_TRAINING_SHARE = Fraction(10, 100)
CITY_TRAINING = "city_training"


def plan_period(year: int) -> tuple[int, int]:
    """The five-year period containing `year`: 2021–2025, 2026–2030, … (docs/rules.md#plan-periods).

    Also the 450-hour training cycle: the policy text sets "每5年" without dates, and aligning it
    with the plan periods makes every figure of a period use the same years.
    """
    start = FIRST_CYCLE_START + CYCLE_YEARS * ((year - FIRST_CYCLE_START) // CYCLE_YEARS)
    return start, start + CYCLE_YEARS - 1


def training_years_elapsed(year: int, hired_year: int | None = None) -> int:
    """Full years of the cycle elapsed by the end of `year`, counting `year` itself.

    Someone hired during the cycle is counted from their year of hire: a teacher hired in 2024
    owes two fifths of 450 by the end of 2025, not all of it.
    """
    start, _end = plan_period(year)
    if hired_year is not None:
        start = max(start, min(hired_year, year))
    return year - start + 1


def required_training_hours(year: int, hired_year: int | None = None) -> Fraction:
    """The pro-rata share of 450 hours due by the end of `year` (docs/rules.md#training).

    450 × (years elapsed, the statistical year included) / 5: 90 after the first year, 450 in
    the cycle's last year.
    """
    return Fraction(CYCLE_HOURS * training_years_elapsed(year, hired_year), CYCLE_YEARS)


@dataclass(frozen=True)
class TrainingProgress:
    hours: Decimal
    required: Fraction
    on_schedule: bool
    hours_short: Fraction


def training_progress(
    hours_in_cycle: Decimal, year: int, hired_year: int | None = None
) -> TrainingProgress:
    """A teacher's or principal's hours so far in the cycle vs the pro-rata share of 450.

    docs/rules.md#training: "every teacher and every principal ≥ 450 hours per 5-year cycle"
    ("不少于450学时" includes 450); behind schedule when the hours so far are short of the pro-rata
    share.
    """
    required = required_training_hours(year, hired_year)
    hours = Fraction(hours_in_cycle)
    return TrainingProgress(
        hours_in_cycle, required, hours >= required, max(Fraction(0), required - hours)
    )


def researcher_training_met(hours_in_year: Decimal) -> bool:
    """A teaching researcher's training in one year: "不少于90学时" includes 90
    (docs/rules.md#training)."""
    return hours_in_year >= RESEARCHER_HOURS_PER_YEAR


def city_training_share(trained_teachers: int, full_time_teachers: int) -> ShareResult:
    """City-level training reaches 10 % of full-time teachers in a year (docs/rules.md#training).

    `trained_teachers`: distinct full-time teachers with at least one city-level training
    record dated in the year. "按照…10%的比例" is read as at least 10 %.
    """
    return share_against(CITY_TRAINING, trained_teachers, full_time_teachers, CITY_TRAINING_SHARE)


class QualificationStatus(StrEnum):
    DONE = "done"  # trained on or before the deadline
    LATE = "late"  # trained, but after the deadline
    OVERDUE = "overdue"  # not trained and the deadline has passed
    PENDING = "pending"  # not trained yet, still within the year


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar date `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def qualification_deadline(appointed: datetime.date) -> datetime.date:
    """The last day for a new principal's qualification training: the first anniversary.

    docs/rules.md#training: "within 1 year of appointment" (上任一年内): training on the anniversary
    itself is on time (365 days later in a common year, 366 across a 29 February).
    """
    return add_years(appointed, 1)


def qualification_training_status(
    appointed: datetime.date, trained_on: datetime.date | None, as_of: datetime.date
) -> QualificationStatus:
    """A new principal's qualification training (docs/rules.md#training).

    `trained_on` is the principal's earliest qualification training; one taken before the
    appointment (e.g. from the reserve pool, Annex 1 item 4(3)) counts as on time.
    """
    deadline = qualification_deadline(appointed)
    if trained_on is not None:
        return QualificationStatus.DONE if trained_on <= deadline else QualificationStatus.LATE
    return QualificationStatus.OVERDUE if as_of > deadline else QualificationStatus.PENDING
