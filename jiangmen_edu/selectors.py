"""Read-side queries for the core pages; every one starts from the user's scope."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from jiangmen_edu.models import (
    ReportingYear,
    ReturnEvent,
    School,
    Section,
    Severity,
    Unit,
    YearlyReturn,
)
from jiangmen_edu.permissions import counties_for_user, scope

# Sections in the order the policy lists them, not alphabetically.
SECTION_ORDER = Case(
    *(When(section=value, then=Value(index)) for index, value in enumerate(Section.values)),
    output_field=IntegerField(),
)


def returns_for_user(user) -> QuerySet[YearlyReturn]:
    return scope(YearlyReturn.objects.select_related("unit", "reporting_year"), user).order_by(
        "-reporting_year__year", "unit__order", SECTION_ORDER
    )


def with_finding_counts(returns: QuerySet[YearlyReturn]) -> QuerySet[YearlyReturn]:
    """Attach `error_count` and `warning_count`: the findings of the rules' last run."""
    return returns.annotate(
        error_count=Count("findings", filter=Q(findings__severity=Severity.ERROR)),
        warning_count=Count("findings", filter=Q(findings__severity=Severity.WARNING)),
    )


def with_last_comment(returns: QuerySet[YearlyReturn]) -> QuerySet[YearlyReturn]:
    """Attach `last_events`: the newest event first, to show why a return came back."""
    return returns.prefetch_related(
        Prefetch(
            "events",
            queryset=ReturnEvent.objects.select_related("actor").order_by("-at", "-pk"),
            to_attr="last_events",
        )
    )


def schools_for_user(user) -> QuerySet[School]:
    return scope(School.objects.select_related("unit", "township"), user)


def current_reporting_year() -> ReportingYear | None:
    return ReportingYear.objects.order_by("-year").first()


@dataclass
class StatusRow:
    unit: Unit
    cells: list[YearlyReturn | None]


@dataclass
class StatusMatrix:
    """Units × sections for one year: the city's at-a-glance view of the returns."""

    sections: list[tuple[str, str]]
    rows: list[StatusRow]
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def status_matrix(user, reporting_year: ReportingYear) -> StatusMatrix:
    returns = {
        (r.unit_id, r.section): r
        for r in returns_for_user(user).filter(reporting_year=reporting_year)
    }
    rows = [
        StatusRow(unit, [returns.get((unit.pk, section)) for section in Section.values])
        for unit in counties_for_user(user)
    ]
    counts = Counter(r.status for r in returns.values())
    return StatusMatrix(sections=Section.choices, rows=rows, counts=counts)
