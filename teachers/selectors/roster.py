"""The year's roster as a return: rows that disagree with the school register, and whether the
rows the assessment reads are there at all (docs/quality.md)."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from teachers.models import Post, StaffYear
from teachers.selectors.base import UnitIds, roster_rows


def rows_at_schools_elsewhere(unit_ids: UnitIds, year: int) -> QuerySet[StaffYear]:
    """Roster rows whose school now belongs to another unit than the row's.

    Forms and imports both give a row the editor's unit, which is also its staff member's, and
    accept only a school of that unit; the school's unit is what can change afterwards (the
    city moves a school in the back office). A lazy queryset, one query when evaluated.
    """
    return (
        roster_rows(unit_ids, year)
        .filter(school__isnull=False)
        .exclude(school__unit=F("unit"))
        .select_related("staff", "school__unit", "unit")
        .order_by("unit__order", "school__code", "staff__staff_no")
    )


@dataclass(frozen=True)
class RosterCounts:
    rows: int
    researchers: int


def roster_counts(unit_ids: UnitIds, year: int) -> RosterCounts:
    """How many roster rows the units have in the year, and of them teaching researchers. One
    query."""
    counts = roster_rows(unit_ids, year).aggregate(
        rows=Count("id"), researchers=Count("id", filter=Q(post=Post.RESEARCHER))
    )
    return RosterCounts(counts["rows"], counts["researchers"])
