"""Enrolment and restructuring per unit and year (docs/rules.md#seat-records; inputs of items 3.2a,
3.2bc, 3.3).

Four queries for any number of units and years.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Sum

from jiangmen_edu.models import Unit
from seats import rules
from seats.models import (
    EnrolmentYear,
    PlanPeriod,
    ProjectKind,
    ProjectYear,
    SeatQuota,
    SeatStage,
)


@dataclass
class EnrolmentCell:
    year: int
    record: EnrolmentYear | None
    converted_to_date: int
    conversion_projects: int  # compulsory seats delivered that year by conversion projects
    boarding_from_projects: int  # boarding seats delivered that year by projects
    to_convert: int

    @property
    def share(self) -> Fraction | None:
        if self.record is None:
            return None
        return rules.public_share(
            public=self.record.public_students,
            purchased=self.record.purchased_students,
            private=self.record.private_students,
        )

    @property
    def share_percent(self) -> float | None:
        return None if self.share is None else float(self.share * 100)

    @property
    def completion(self) -> Fraction:
        return rules.restructuring_completion(
            converted=self.converted_to_date, to_convert=self.to_convert
        )

    @property
    def completion_percent(self) -> float:
        return float(self.completion * 100)

    @property
    def boarding(self) -> Fraction | None:
        if self.record is None:
            return None
        return rules.boarding_completion(
            target=self.record.boarding_target, completed=self.record.boarding_completed
        )

    @property
    def boarding_percent(self) -> float | None:
        return None if self.boarding is None else float(self.boarding * 100)

    @property
    def boarding_mismatch(self) -> bool:
        """With a task, the entered completion differs from what the projects record."""
        return (
            self.record is not None
            and bool(self.record.boarding_target)
            and self.record.boarding_completed != self.boarding_from_projects
        )


@dataclass
class UnitEnrolment:
    unit: Unit
    to_convert: int
    cells: list[EnrolmentCell]


def enrolment_table(*, units: Iterable[Unit], period: PlanPeriod) -> list[UnitEnrolment]:
    """Each unit's yearly figures over the period, with conversions accumulated."""
    units = list(units)
    unit_ids = [unit.pk for unit in units]
    years = list(period.years)
    records = {
        (r.unit_id, r.year): r
        for r in EnrolmentYear.objects.filter(unit_id__in=unit_ids, year__in=years)
    }
    quotas = dict(
        SeatQuota.objects.filter(period=period, unit_id__in=unit_ids).values_list(
            "unit_id", "private_to_convert"
        )
    )
    conversions: dict[tuple[int, int], int] = defaultdict(int)
    boarding: dict[tuple[int, int], int] = defaultdict(int)
    rows = (
        ProjectYear.objects.filter(project__unit_id__in=unit_ids, year__in=years)
        .values_list("project__unit_id", "year", "project__kind", "project__stage")
        .annotate(seats=Sum("seats_delivered"), boarding=Sum("boarding_delivered"))
        .order_by()
    )
    for unit_id, year, kind, stage, seats, boarding_seats in rows:
        if kind == ProjectKind.CONVERSION and stage == SeatStage.COMPULSORY:
            conversions[(unit_id, year)] += seats
        boarding[(unit_id, year)] += boarding_seats
    result = []
    for unit in units:
        to_convert = quotas.get(unit.pk, 0)
        cells, converted = [], 0
        for year in years:
            record = records.get((unit.pk, year))
            converted += record.private_seats_converted if record else 0
            cells.append(
                EnrolmentCell(
                    year=year,
                    record=record,
                    converted_to_date=converted,
                    conversion_projects=conversions[(unit.pk, year)],
                    boarding_from_projects=boarding[(unit.pk, year)],
                    to_convert=to_convert,
                )
            )
        result.append(UnitEnrolment(unit, to_convert, cells))
    return result


@dataclass(frozen=True)
class EnrolmentChange:
    """All compulsory students of a unit in one year and in the year before."""

    previous: int
    current: int

    @property
    def change(self) -> Fraction:
        """The relative change against the year before, signed: 0.25 is a rise of 25 %."""
        return Fraction(self.current - self.previous, self.previous)


def enrolment_change(*, unit: Unit, year: int) -> EnrolmentChange | None:
    """The unit's compulsory enrolment of `year` against the year before (one query).

    None when either year has no figures, or the year before counts no students: there is
    nothing to compare with.
    """
    totals = {
        record.year: record.all_students
        for record in EnrolmentYear.objects.filter(unit=unit, year__in=(year - 1, year))
    }
    if not totals.get(year - 1) or year not in totals:
        return None
    return EnrolmentChange(previous=totals[year - 1], current=totals[year])
