"""What every teachers selector shares: the units in scope, the year's roster, exact sums."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import BigIntegerField, F, QuerySet
from django.db.models.functions import Cast, Round
from django.utils import timezone

from jiangmen_edu.models import Unit
from teachers.models import StaffYear

UnitIds = Iterable[int] | QuerySet[Unit]


def unit_filter(unit_ids: UnitIds) -> QuerySet[Unit] | list[int]:
    # A queryset stays a subquery (no extra round trip); anything else is materialised once.
    return unit_ids if isinstance(unit_ids, QuerySet) else list(unit_ids)


def roster_rows(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    return StaffYear.objects.filter(unit__in=unit_filter(unit_ids), year=year).order_by()


def whole_units(field: str, scale: int) -> Cast:
    """A decimal column as a whole number of 1/scale units: exact sums on every database."""
    return Cast(Round(F(field) * scale), BigIntegerField())


def tenths_to_hours(tenths: int) -> Decimal:
    return Decimal(tenths) / 10


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def judging_date(year: int, as_of: datetime.date | None) -> datetime.date:
    """Alerts are judged on `as_of`: by default today, or the year's last day for a past year."""
    if as_of is not None:
        return as_of
    return min(timezone.localdate(), datetime.date(year, 12, 31))


def is_city_wide(unit_ids: UnitIds) -> bool:
    """Whether the units are all of them, so that the city's targets apply. One query."""
    return not Unit.objects.exclude(pk__in=unit_filter(unit_ids)).exists()
