"""Teaching researchers (docs/rules.md#researchers; docs/rules.md#item-2-2)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from teachers.models import NoResearchersStatement, Post, ResearcherDuty, StaffYear
from teachers.rules.researchers import (
    CoverageResult,
    ResearcherDutyInputs,
    ResearcherFinding,
    researcher_findings,
)
from teachers.rules.researchers import researcher_coverage as coverage_of_pairs
from teachers.selectors.base import UnitIds, roster_rows, tenths_to_hours, unit_filter, year_bounds
from teachers.selectors.training import researcher_hours


@dataclass(frozen=True)
class ResearcherCheck:
    roster: StaffYear  # with its staff loaded
    training_hours: Decimal
    duty: ResearcherDutyInputs | None  # None: the year's duties were not reported
    findings: tuple[ResearcherFinding, ...]


def researcher_checks(unit_ids: UnitIds, year: int) -> list[ResearcherCheck]:
    """Every researcher on the year's roster with the findings of docs/rules.md#researchers. Two
    queries."""
    researchers = list(
        researcher_hours(unit_ids, year)
        .select_related("staff")
        .order_by("unit__order", "stage", "subject", "staff__staff_no")
    )
    duties = {
        duty.staff_id: ResearcherDutyInputs(
            level=duty.level,
            guidance_days=duty.guidance_days,
            lessons_observed=duty.lessons_observed,
            public_lessons=duty.public_lessons,
            in_post_since=duty.in_post_since,
            school_practice_done=duty.school_practice_done,
        )
        for duty in ResearcherDuty.objects.filter(
            year=year,
            staff_id__in=roster_rows(unit_ids, year)
            .filter(post=Post.RESEARCHER)
            .values("staff_id"),
        ).order_by()
    }
    checks = []
    for row in researchers:
        hours = tenths_to_hours(row.training_tenths)
        duty = duties.get(row.staff_id)
        findings = researcher_findings(
            teaching_years=row.teaching_years,
            title=row.title,
            degree=row.degree,
            training_hours=hours,
            duty=duty,
            year=year,
        )
        checks.append(ResearcherCheck(row, hours, duty, tuple(findings)))
    return checks


def researcher_coverage(unit_ids: UnitIds, year: int) -> CoverageResult:
    """The stage × subject matrix of full-time researchers and its item 2.2 suggestion.

    Every researcher row counts as a full-time researcher (专职教研员): the roster has a post
    of its own for researchers and no part-time flag. One query.
    """
    pairs = (
        roster_rows(unit_ids, year)
        .filter(post=Post.RESEARCHER)
        .values_list("stage", "subject")
        .distinct()
    )
    return coverage_of_pairs(pairs)


def no_researchers_stated(unit_ids: UnitIds, year: int) -> set[int]:
    """The units that state they have no teaching researchers in the year
    (`NoResearchersStatement`, docs/rules.md#i-11). One query."""
    return set(
        NoResearchersStatement.objects.filter(
            unit__in=unit_filter(unit_ids), year=year
        ).values_list("unit_id", flat=True)
    )


def no_researchers_statements(unit_ids: UnitIds) -> QuerySet[NoResearchersStatement]:
    """The units' statements of every year, newest year first, with who stated them. A lazy
    queryset, one query."""
    return (
        NoResearchersStatement.objects.filter(unit__in=unit_filter(unit_ids))
        .select_related("unit", "stated_by")
        .order_by("-year", "unit__order")
    )


def days_in_year(year: int) -> int:
    first_day, last_day = year_bounds(year)
    return (last_day - first_day).days + 1


def duties_out_of_range(unit_ids: UnitIds, year: int) -> QuerySet[ResearcherDuty]:
    """The year's researcher duties with a figure no year can hold: more days of school
    guidance than the year has, or in post since a later year (a negative time in post).

    The record form accepts both, and the import any day count up to 366. A lazy queryset,
    one query.
    """
    return (
        ResearcherDuty.objects.filter(staff__unit__in=unit_filter(unit_ids), year=year)
        .filter(Q(guidance_days__gt=days_in_year(year)) | Q(in_post_since__gt=year))
        .select_related("staff__unit")
        .order_by("staff__unit__order", "staff__staff_no")
    )
