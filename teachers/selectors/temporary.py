"""Temporary teachers (docs/rules.md#temporary-teachers; items 2.3b, 2.3c): their ratio and their
pay."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from jiangmen_edu.models import School
from teachers.models import Employment, Post, StaffYear
from teachers.rules.temporary import PayRatioResult, TempRatioResult, temp_pay_ratio, temp_ratio
from teachers.selectors.base import UnitIds, roster_rows, unit_filter, whole_units


@dataclass(frozen=True)
class TempTeacherFigures:
    ratio: TempRatioResult  # item 2.3c, with last year's count
    pay: PayRatioResult  # item 2.3b


_PUBLIC = Q(school__ownership=School.Ownership.PUBLIC)
# What items 2.3b and 2.3c count: temporary full-time teachers of public schools over on-staff
# staff (在编教职工) of public schools.
_TEMP_TEACHER = _PUBLIC & Q(post=Post.TEACHER, employment=Employment.TEMPORARY)
_ON_STAFF = _PUBLIC & Q(employment=Employment.ON_STAFF)


def _temp_rows(unit_ids: UnitIds, years: Iterable[int]) -> list[dict]:
    """Per unit and year: temporary teachers and on-staff staff of public schools, and the pay
    of temporary and on-staff teachers in whole fen. One query grouped by unit and year."""
    temp_teacher, on_staff = _TEMP_TEACHER, _ON_STAFF
    on_staff_teacher = on_staff & Q(post=Post.TEACHER)
    paid = Q(annual_pay__isnull=False)
    fen = whole_units("annual_pay", 100)
    return list(
        StaffYear.objects.filter(unit__in=unit_filter(unit_ids), year__in=list(years))
        .order_by()
        .values("unit_id", "year")
        .annotate(
            temps=Count("id", filter=temp_teacher),
            on_staff=Count("id", filter=on_staff),
            temp_fen=Sum(fen, filter=temp_teacher & paid),
            temp_paid=Count("id", filter=temp_teacher & paid),
            staff_fen=Sum(fen, filter=on_staff_teacher & paid),
            staff_paid=Count("id", filter=on_staff_teacher & paid),
        )
    )


def _figures(rows: Iterable[dict], year: int) -> TempTeacherFigures:
    """The year's figures from `_temp_rows` rows of that year and the year before."""
    this_year = {row["unit_id"]: row for row in rows if row["year"] == year}
    last_year = {row["unit_id"]: row for row in rows if row["year"] == year - 1}

    def total(key: str) -> int:
        return sum(row[key] or 0 for row in this_year.values())

    last_count = None
    if this_year.keys() <= last_year.keys():
        last_count = sum(row["temps"] for row in last_year.values())
    return TempTeacherFigures(
        ratio=temp_ratio(total("temps"), total("on_staff"), last_count),
        pay=temp_pay_ratio(
            Decimal(total("temp_fen")) / 100,
            total("temp_paid"),
            Decimal(total("staff_fen")) / 100,
            total("staff_paid"),
        ),
    )


def temp_teacher_figures(unit_ids: UnitIds, year: int) -> TempTeacherFigures:
    """Temporary teachers / on-staff staff of public schools, this year and last; their pay.

    - temporary teachers: full-time-teacher rows employed as temporary in public schools;
    - on-staff staff (在编教职工): every on-staff row of a public school, whatever the post;
      researchers sit in the bureau, not a school, and are not school staff;
    - pay: average annual pay of those temporary teachers vs on-staff full-time teachers of
      public schools, over the rows with a recorded pay.
    Last year's count exists when every unit with a roster this year also has one last year
    (I-3 otherwise). One query grouped by unit and year.
    """
    return _figures(_temp_rows(unit_ids, [year, year - 1]), year)


def temp_teacher_figures_by_unit(
    unit_ids: Iterable[int], year: int
) -> dict[int, TempTeacherFigures]:
    """`temp_teacher_figures` of each of `unit_ids`, for the city's comparison. One query."""
    unit_ids = list(unit_ids)
    by_unit: dict[int, list[dict]] = defaultdict(list)
    for row in _temp_rows(unit_ids, [year, year - 1]):
        by_unit[row["unit_id"]].append(row)
    return {unit_id: _figures(by_unit[unit_id], year) for unit_id in unit_ids}


def temp_teacher_figures_by_year(
    unit_ids: UnitIds, years: Iterable[int]
) -> dict[int, TempTeacherFigures]:
    """`temp_teacher_figures` of the units for each of `years`, for the year-over-year charts.

    One query over the years and the year before the first, whatever the number of years.
    """
    years = list(years)
    rows = _temp_rows(unit_ids, {*years, *(year - 1 for year in years)})
    return {year: _figures(rows, year) for year in years}


def temp_teacher_figures_within(
    unit_ids: UnitIds, years: Iterable[int]
) -> dict[int, TempTeacherFigures]:
    """`temp_teacher_figures` of each of `years` that has a roster row in the units, reading
    those years only: a year whose previous year is not among `years` has no last-year count
    (category I-3), and a year without a roster is left out. One query."""
    rows = _temp_rows(unit_ids, years)
    return {year: _figures(rows, year) for year in sorted({row["year"] for row in rows})}


def temporary_teachers(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    """The drill-down of items 2.3b and 2.3c: the temporary teachers of public schools the
    ratio counts, with their pay. A lazy queryset."""
    return (
        roster_rows(unit_ids, year)
        .filter(_TEMP_TEACHER)
        .select_related("staff", "school", "unit")
        .order_by("unit__order", "school__code", "staff__staff_no")
    )
