"""Training (docs/rules.md#training): the 450-hour cycle, researchers' hours, city-level
training and new principals' qualification training."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor

from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from teachers.models import Post, PrincipalAppointment, Staff, StaffYear, TrainingRecord
from teachers.rules.principals import AppointmentInputs
from teachers.rules.shares import ShareResult
from teachers.rules.training import (
    CYCLE_HOURS,
    CYCLE_YEARS,
    RESEARCHER_HOURS_PER_YEAR,
    QualificationStatus,
    city_training_share,
    plan_period,
    qualification_training_status,
    required_training_hours,
)
from teachers.selectors.base import (
    UnitIds,
    judging_date,
    roster_rows,
    unit_filter,
    whole_units,
    year_bounds,
)
from teachers.selectors.principals import principal_inputs

# The pro-rata training due per year of the cycle, in tenths of an hour (450 / 5 = 90 hours).
_TENTHS_PER_CYCLE_YEAR = Fraction(CYCLE_HOURS, CYCLE_YEARS) * 10
assert _TENTHS_PER_CYCLE_YEAR.denominator == 1
_RESEARCHER_TENTHS = RESEARCHER_HOURS_PER_YEAR * 10


def _hours_tenths(staff_ref: str, start: datetime.date, end: datetime.date) -> Coalesce:
    """A person's training hours between two dates, in tenths, as a correlated subquery."""
    total = (
        TrainingRecord.objects.filter(staff=OuterRef(staff_ref), date__gte=start, date__lte=end)
        .order_by()
        .values("staff")
        .annotate(tenths=Sum(whole_units("hours", 10)))
        .values("tenths")
    )
    return Coalesce(Subquery(total), Value(0), output_field=BigIntegerField())


def _required_tenths(year: int) -> Cast:
    """`rules.training.required_training_hours` as a database expression, per person, in tenths.

    Mirrors `rules.training.training_years_elapsed`: the cycle is counted from its start, or
    from the year of hire when that is later (capped at the statistical year).
    """
    start, _end = plan_period(year)
    counted_from = Greatest(
        Value(start),
        Least(
            Coalesce(F("staff__hired_year"), Value(start), output_field=IntegerField()),
            Value(year),
            output_field=IntegerField(),
        ),
        output_field=IntegerField(),
    )
    years = Value(year + 1) - counted_from
    return Cast(Value(int(_TENTHS_PER_CYCLE_YEAR)) * years, BigIntegerField())


def training_people(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    """Teachers and principals of the year with their cycle hours and the hours due so far."""
    start, _end = plan_period(year)
    return (
        roster_rows(unit_ids, year)
        .filter(post__in=[Post.TEACHER, Post.PRINCIPAL])
        .annotate(
            cycle_hours_tenths=_hours_tenths(
                "staff_id", datetime.date(start, 1, 1), datetime.date(year, 12, 31)
            ),
            required_hours_tenths=_required_tenths(year),
        )
    )


_BEHIND = Q(cycle_hours_tenths__lt=F("required_hours_tenths"))


def staff_behind_on_training(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    """The teachers and principals behind the pro-rata share of 450 hours: the drill-down.

    A lazy queryset (one query when evaluated, paginate it freely), annotated with
    `cycle_hours_tenths` and `required_hours_tenths` (see `tenths_to_hours`).
    """
    return (
        training_people(unit_ids, year)
        .filter(_BEHIND)
        .select_related("staff", "school")
        .order_by("unit__order", "school__code", "staff__staff_no")
    )


@dataclass(frozen=True)
class NewPrincipalTraining:
    checked: int  # first appointments started this year or last, active this year
    statuses: dict[QualificationStatus, int]

    @property
    def overdue(self) -> int:
        return self.statuses.get(QualificationStatus.OVERDUE, 0)

    @property
    def late(self) -> int:
        return self.statuses.get(QualificationStatus.LATE, 0)


@dataclass(frozen=True)
class TrainingStatus:
    year: int
    cycle: tuple[int, int]
    hours_due_for_full_cycle_staff: Fraction  # the pro-rata share for someone in post all cycle
    people: int  # teachers and principals on the year's roster
    behind: int  # of whom behind schedule: `staff_behind_on_training` lists them
    researchers: int
    researchers_below_hours: int  # under 90 hours in the year
    new_principals: NewPrincipalTraining
    city_level: ShareResult  # city-level training vs 10 % of full-time teachers


def training_status(
    unit_ids: UnitIds, year: int, *, as_of: datetime.date | None = None
) -> TrainingStatus:
    """Every training rule (docs/rules.md#training) for the units and year. Four queries."""
    when = judging_date(year, as_of)
    counts = researcher_hours(unit_ids, year).aggregate(
        researchers=Count("id"),
        below=Count("id", filter=Q(training_tenths__lt=_RESEARCHER_TENTHS)),
    )
    return training_status_from(
        unit_ids,
        year,
        researchers=counts["researchers"],
        researchers_below_hours=counts["below"],
        new_principals=new_principal_training(principal_inputs(unit_ids, year, when), year, when),
    )


def training_status_from(
    unit_ids: UnitIds,
    year: int,
    *,
    researchers: int,
    researchers_below_hours: int,
    new_principals: NewPrincipalTraining,
) -> TrainingStatus:
    """The cycle and city-level figures (two queries), with the researchers' and new
    principals' figures the caller has already worked out."""
    counts = training_people(unit_ids, year).aggregate(
        people=Count("id"), behind=Count("id", filter=_BEHIND)
    )
    return TrainingStatus(
        year=year,
        cycle=plan_period(year),
        hours_due_for_full_cycle_staff=required_training_hours(year),
        people=counts["people"],
        behind=counts["behind"],
        researchers=researchers,
        researchers_below_hours=researchers_below_hours,
        new_principals=new_principals,
        city_level=city_training(unit_ids, year),
    )


def _city_record(year: int) -> Exists:
    """Whether the row's person has a city-level training record dated in the year."""
    first_day, last_day = year_bounds(year)
    return Exists(
        TrainingRecord.objects.filter(
            staff=OuterRef("staff_id"),
            level=TrainingRecord.Level.CITY,
            date__gte=first_day,
            date__lte=last_day,
        )
    )


def city_training(unit_ids: UnitIds, year: int) -> ShareResult:
    """Distinct full-time teachers with a city-level training record dated in the year. One
    query (a roster row is one person in one year, so rows are people)."""
    counts = (
        roster_rows(unit_ids, year)
        .filter(post=Post.TEACHER)
        .aggregate(teachers=Count("id"), trained=Count("id", filter=_city_record(year)))
    )
    return city_training_share(counts["trained"], counts["teachers"])


def teachers_with_city_training(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    """The drill-down of the city-level figure: the full-time teachers it counts. Lazy."""
    return (
        roster_rows(unit_ids, year)
        .filter(_city_record(year), post=Post.TEACHER)
        .select_related("staff", "school", "unit")
        .order_by("unit__order", "school__code", "staff__staff_no")
    )


@dataclass(frozen=True)
class UnitTraining:
    people: int  # teachers and principals on the roster
    behind: int  # of whom behind the pro-rata share of 450 hours
    city_level: ShareResult


def training_by_unit(unit_ids: Iterable[int], year: int) -> dict[int, UnitTraining]:
    """The cycle and city-level figures of each of `unit_ids`, for the city's comparison of
    counties: one grouped query."""
    unit_ids = list(unit_ids)
    teacher = Q(post=Post.TEACHER)
    rows = {
        row["unit_id"]: row
        for row in training_people(unit_ids, year)
        .values("unit_id")
        .annotate(
            people=Count("id"),
            behind=Count("id", filter=_BEHIND),
            teachers=Count("id", filter=teacher),
            trained=Count("id", filter=teacher & Q(_city_record(year))),
        )
    }
    result = {}
    for unit_id in unit_ids:
        row = rows.get(unit_id, {})
        result[unit_id] = UnitTraining(
            row.get("people", 0),
            row.get("behind", 0),
            city_training_share(row.get("trained", 0), row.get("teachers", 0)),
        )
    return result


def researcher_hours(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    first_day, last_day = year_bounds(year)
    return (
        roster_rows(unit_ids, year)
        .filter(post=Post.RESEARCHER)
        .annotate(training_tenths=_hours_tenths("staff_id", first_day, last_day))
    )


def researchers_below_hours(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    """The drill-down of the researchers' figure: researchers under 90 hours in the year,
    annotated with `training_tenths`. Lazy."""
    return (
        researcher_hours(unit_ids, year)
        .filter(training_tenths__lt=_RESEARCHER_TENTHS)
        .select_related("staff", "unit")
        .order_by("unit__order", "stage", "subject", "staff__staff_no")
    )


def _new_principal_statuses(
    principals: list[tuple[PrincipalAppointment, AppointmentInputs]],
    year: int,
    as_of: datetime.date,
) -> Iterator[tuple[PrincipalAppointment, QualificationStatus]]:
    for appointment, inputs in principals:
        # The one-year window of a first appointment started last year ends this year.
        if not inputs.is_first_appointment or inputs.start_date.year < year - 1:
            continue
        status = qualification_training_status(
            inputs.start_date, inputs.first_qualification_training, as_of
        )
        yield appointment, status


def new_principal_training(
    principals: list[tuple[PrincipalAppointment, AppointmentInputs]],
    year: int,
    as_of: datetime.date,
) -> NewPrincipalTraining:
    statuses: dict[QualificationStatus, int] = defaultdict(int)
    checked = 0
    for _appointment, status in _new_principal_statuses(principals, year, as_of):
        checked += 1
        statuses[status] += 1
    return NewPrincipalTraining(checked, dict(statuses))


_MISSED = (QualificationStatus.LATE, QualificationStatus.OVERDUE)


def new_principals_behind(
    unit_ids: UnitIds, year: int, *, as_of: datetime.date | None = None
) -> list[tuple[PrincipalAppointment, QualificationStatus]]:
    """The drill-down of the new principals' figure: first appointments of this year or last
    whose qualification training is late or overdue. One query."""
    when = judging_date(year, as_of)
    principals = principal_inputs(unit_ids, year, when)
    return [
        (appointment, status)
        for appointment, status in _new_principal_statuses(principals, year, when)
        if status in _MISSED
    ]


def staff_with_hours_over(unit_ids: UnitIds, year: int, hours: Decimal) -> QuerySet[Staff]:
    """Staff members of the units with more than `hours` of training dated in the year,
    annotated with `training_tenths` (see `tenths_to_hours`). A lazy queryset, one query.

    A new principal's qualification training is a long course by design (docs/rules.md#training) and
    is not counted: only continuing training can be implausibly much.
    """
    first_day, last_day = year_bounds(year)
    in_year = Q(
        trainings__date__gte=first_day,
        trainings__date__lte=last_day,
        trainings__is_qualification=False,
    )
    # Whole tenths compare exactly with an integer bound: t > 10h exactly when t > floor(10h).
    bound = floor(hours * 10)
    return (
        Staff.objects.filter(unit__in=unit_filter(unit_ids))
        .annotate(training_tenths=Sum(whole_units("trainings__hours", 10), filter=in_year))
        .filter(training_tenths__gt=bound)
        .select_related("unit")
        .order_by("unit__order", "staff_no")
    )
