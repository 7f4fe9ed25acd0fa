"""Degrees (docs/rules.md#degree-targets; docs/rules.md#item-2-1): full-time teachers' and
principals' degrees."""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import Count, QuerySet

from jiangmen_edu.models import School
from teachers.models import Post, StaffYear
from teachers.rules.degrees import (
    DEGREE_TARGETS,
    PRINCIPAL_DEGREE_GROUPS,
    degree_holders,
    degree_share,
    principal_degree_group,
    principal_degree_share,
)
from teachers.rules.shares import ShareResult
from teachers.selectors.base import UnitIds, roster_rows, unit_filter

Histogram = Mapping[str, Mapping[int, int]]  # stage → degree → full-time teachers


def _shares(histogram: Histogram) -> list[ShareResult]:
    """The item 2.1 share of every stage group from a stage × degree histogram."""
    results = []
    for target in DEGREE_TARGETS.values():
        counts: dict[int, int] = defaultdict(int)
        for stage in target.stages:
            for degree, n in histogram.get(stage, {}).items():
                counts[degree] += n
        holders = degree_holders(counts, target.min_degree)
        results.append(degree_share(target.key, holders, sum(counts.values())))
    return results


def _teachers_by(queryset: QuerySet[StaffYear], *fields: str) -> dict[tuple, dict]:
    """Full-time teachers counted by `fields`, stage and degree: one grouped query."""
    histograms: dict[tuple, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = (
        queryset.filter(post=Post.TEACHER)
        .order_by()
        .values(*fields, "stage", "degree")
        .annotate(n=Count("id"))
    )
    for row in rows:
        key = tuple(row[field] for field in fields)
        histograms[key][row["stage"]][row["degree"]] = row["n"]
    return histograms


def degree_shares(unit_ids: UnitIds, year: int) -> list[ShareResult]:
    """Full-time teachers with the target degree per stage group, against the 2025 targets.

    All full-time teacher rows count (public and private schools, on-staff and temporary): the
    policy text's targets are for a stage's 专任教师 as a whole. One grouped query.
    """
    return _shares(_teachers_by(roster_rows(unit_ids, year)).get((), {}))


def degree_shares_by_unit(unit_ids: Iterable[int], year: int) -> dict[int, list[ShareResult]]:
    """`degree_shares` of each of `unit_ids`, for the city's comparison: one grouped query."""
    unit_ids = list(unit_ids)
    histograms = _teachers_by(roster_rows(unit_ids, year), "unit_id")
    return {unit_id: _shares(histograms.get((unit_id,), {})) for unit_id in unit_ids}


def degree_shares_by_year(unit_ids: UnitIds, years: Iterable[int]) -> dict[int, list[ShareResult]]:
    """`degree_shares` of the units for each of `years`, for the year-over-year charts.

    Every requested year is in the result; a year without a roster has no stage assessed.
    One grouped query, whatever the number of years.
    """
    years = list(years)
    rows = StaffYear.objects.filter(unit__in=unit_filter(unit_ids), year__in=years)
    histograms = _teachers_by(rows, "year")
    return {year: _shares(histograms.get((year,), {})) for year in years}


def teachers_without_degree(unit_ids: UnitIds, year: int, key: str) -> QuerySet[StaffYear]:
    """The drill-down of a stage group's degree share: its full-time teachers below the target
    degree (`key` from `DEGREE_TARGETS`). A lazy queryset, one query per evaluation."""
    target = DEGREE_TARGETS[key]
    return (
        roster_rows(unit_ids, year)
        .filter(post=Post.TEACHER, stage__in=target.stages, degree__lt=target.min_degree)
        .select_related("staff", "school", "unit")
        .order_by("unit__order", "school__code", "staff__staff_no")
    )


def principal_degrees(unit_ids: UnitIds, year: int) -> list[ShareResult]:
    """Principals with the required degree, by their school's type (docs/rules.md#degree-targets).
    One query."""
    holders: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    rows = (
        roster_rows(unit_ids, year)
        .filter(post=Post.PRINCIPAL)
        .values("school__school_type", "degree")
        .annotate(n=Count("id"))
    )
    for row in rows:
        group = principal_degree_group(School.STAGES_BY_TYPE[row["school__school_type"]])
        if group is None:
            continue
        totals[group] += row["n"]
        if row["degree"] >= PRINCIPAL_DEGREE_GROUPS[group]:
            holders[group] += row["n"]
    return [
        principal_degree_share(group, holders[group], totals[group])
        for group in PRINCIPAL_DEGREE_GROUPS
    ]


def principals_without_degree(unit_ids: UnitIds, year: int, group: str) -> QuerySet[StaffYear]:
    """The drill-down of a principals' degree figure: the group's principals below its degree
    (`group` from `PRINCIPAL_DEGREE_GROUPS`). A lazy queryset."""
    school_types = [
        school_type
        for school_type, stages in School.STAGES_BY_TYPE.items()
        if principal_degree_group(stages) == group
    ]
    return (
        roster_rows(unit_ids, year)
        .filter(
            post=Post.PRINCIPAL,
            school__school_type__in=school_types,
            degree__lt=PRINCIPAL_DEGREE_GROUPS[group],
        )
        .select_related("staff", "school", "unit")
        .order_by("unit__order", "school__code", "staff__staff_no")
    )
