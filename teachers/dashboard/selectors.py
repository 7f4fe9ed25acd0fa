"""The teachers dashboard: every figure of a county-year, or the city's, in one call
(docs/rules.md#teachers; items 2.1–2.3 of docs/rules.md#indicator-table); `figures.py` words
them. Also the 口径说明 texts, the city's comparison of units on the main figures and the
year-over-year series of the charts, each a fixed number of grouped queries."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from jiangmen_edu.models import Unit
from teachers.dashboard.figures import (
    Figure,
    city_training_figure,
    coverage_figure,
    degree_figure,
    headline_figure,
    principal_degree_figure,
    principal_figure,
    researcher_figure,
    temp_pay_figure,
    temp_ratio_figure,
    training_cycle_figure,
    training_figures,
)
from teachers.rules.degrees import DEGREE_TARGETS, stages_below_target
from teachers.rules.headlines import HeadlineResult
from teachers.rules.researchers import CoverageCategory, CoverageResult, researcher_coverage
from teachers.rules.shares import ShareResult
from teachers.rules.training import FIRST_CYCLE_START, plan_period, researcher_training_met
from teachers.selectors.base import UnitIds, is_city_wide, judging_date, unit_filter
from teachers.selectors.degrees import (
    degree_shares,
    degree_shares_by_unit,
    degree_shares_by_year,
    principal_degrees,
)
from teachers.selectors.principals import PrincipalAlert, alerts_for, principal_inputs
from teachers.selectors.researchers import ResearcherCheck, researcher_checks
from teachers.selectors.talents import talent_counts
from teachers.selectors.temporary import (
    TempTeacherFigures,
    temp_teacher_figures,
    temp_teacher_figures_by_unit,
    temp_teacher_figures_by_year,
)
from teachers.selectors.training import (
    TrainingStatus,
    new_principal_training,
    training_by_unit,
    training_status_from,
)


@dataclass(frozen=True)
class TeacherDashboard:
    year: int
    city_wide: bool
    degree_shares: list[ShareResult]  # item 2.1
    principal_degrees: list[ShareResult]
    temp: TempTeacherFigures  # items 2.3b, 2.3c
    training: TrainingStatus
    principal_alerts: list[PrincipalAlert]
    researcher_checks: list[ResearcherCheck]
    coverage: CoverageResult  # item 2.2 suggestion
    talents: list[HeadlineResult]
    figures: list[Figure]

    @property
    def stages_below_target(self) -> int:
        """Item 2.1's count of assessed stages below target (I-1: unassessed stages skip)."""
        return stages_below_target(self.degree_shares)

    def figure(self, key: str) -> Figure:
        return next(figure for figure in self.figures if figure.key == key)


def dashboard(
    unit_ids: UnitIds, year: int, *, as_of: datetime.date | None = None
) -> TeacherDashboard:
    """Every teachers figure of the units and year, for the pages and the assessment app.

    Twelve queries, whatever the data size.
    """
    units = unit_filter(unit_ids)
    city_wide = is_city_wide(units)
    when = judging_date(year, as_of)
    principals = principal_inputs(units, year, when)
    alerts = alerts_for(principals, year, when)
    checks = researcher_checks(units, year)
    training = training_status_from(
        units,
        year,
        researchers=len(checks),
        researchers_below_hours=sum(
            1 for check in checks if not researcher_training_met(check.training_hours)
        ),
        new_principals=new_principal_training(principals, year, when),
    )
    result = TeacherDashboard(
        year=year,
        city_wide=city_wide,
        degree_shares=degree_shares(units, year),
        principal_degrees=principal_degrees(units, year),
        temp=temp_teacher_figures(units, year),
        training=training,
        principal_alerts=alerts,
        researcher_checks=checks,
        coverage=researcher_coverage({(c.roster.stage, c.roster.subject) for c in checks}),
        talents=talent_counts(units, year, city_wide=city_wide),
        figures=[],
    )
    result.figures.extend(all_figures(result))
    return result


def all_figures(board: TeacherDashboard) -> list[Figure]:
    return [
        *(degree_figure(share) for share in board.degree_shares),
        *(principal_degree_figure(share) for share in board.principal_degrees),
        temp_ratio_figure(board.temp.ratio),
        temp_pay_figure(board.temp.pay),
        *training_figures(board.training),
        principal_figure(board.principal_alerts),
        researcher_figure(board.researcher_checks),
        coverage_figure(board.coverage),
        *(headline_figure(headline) for headline in board.talents),
    ]


# 口径说明 (docs/rules.md#interpretations): the interpretations a figure rests on, shown next to it
# (`Figure.notes`).
NOTES: dict[str, str] = {
    "I-1": gettext_lazy(
        "A stage with no full-time teachers in the county is not assessed for the degree "
        "share and loses no points."
    ),
    "I-2": gettext_lazy(
        "Temporary teachers above 5 % whose number is the same as last year's (neither up nor "
        "down) score as a fall of less than 20 %: 3 points."
    ),
    "I-3": gettext_lazy(
        "Temporary teachers above 5 % with no figure for last year to compare with score 3 "
        "points for now, flagged for checking."
    ),
    "I-7": gettext_lazy(
        "Targets are compared on the exact value (a fraction of two counts, or an exact "
        "decimal), never on a rounded or floating-point one: 93 bachelor-degree holders of 100 "
        "teachers meet 93 %. Shares are shown to 2 decimals of a percent."
    ),
}

# Item 2.2's suggested points per category: the defaults of fixtures/reference/indicators.json.
# The scorecard applies the year's configuration; the assessor confirms the suggestion.
COVERAGE_POINTS: dict[CoverageCategory, int] = {
    CoverageCategory.ALL_STAGES_AND_SUBJECTS: 10,
    CoverageCategory.SUBJECTS_ONLY: 5,
    CoverageCategory.NONE: 0,
}


# ---------------------------------------------------------------------------------------------
# The city's comparison of units and the year-over-year series

COMPARISON_KEYS = (
    *(f"degree.{key}" for key in DEGREE_TARGETS),
    "temp.ratio",
    "temp.pay",
    "training.cycle",
    "training.city_level",
)


@dataclass(frozen=True)
class ComparisonRow:
    unit: Unit
    figures: list[Figure]  # in the order of COMPARISON_KEYS


def comparison(units: Sequence[Unit], year: int) -> list[ComparisonRow]:
    """Each unit's main figures side by side, for the city's dashboard. Three grouped queries,
    whatever the number of units and staff."""
    unit_ids = [unit.pk for unit in units]
    degrees = degree_shares_by_unit(unit_ids, year)
    temps = temp_teacher_figures_by_unit(unit_ids, year)
    training = training_by_unit(unit_ids, year)
    cycle = plan_period(year)
    rows = []
    for unit in units:
        temp, unit_training = temps[unit.pk], training[unit.pk]
        figures = [
            *(degree_figure(share) for share in degrees[unit.pk]),
            temp_ratio_figure(temp.ratio),
            temp_pay_figure(temp.pay),
            training_cycle_figure(unit_training.people, unit_training.behind, cycle),
            city_training_figure(unit_training.city_level),
        ]
        rows.append(ComparisonRow(unit, figures))
    return rows


@dataclass(frozen=True)
class History:
    """The figures the year-over-year charts draw, for every year of `years`."""

    years: list[int]
    degree_shares: dict[int, list[ShareResult]]  # year → item 2.1 shares
    temp: dict[int, TempTeacherFigures]  # year → item 2.3 figures


def history(unit_ids: UnitIds, year: int, *, first_year: int = FIRST_CYCLE_START) -> History:
    """The units' degree shares and temporary-teacher figures from `first_year` (2021, the
    start of the 14th FYP) to `year`. Two grouped queries, whatever the number of years."""
    years = list(range(min(first_year, year), year + 1))
    units = unit_filter(unit_ids)
    return History(
        years=years,
        degree_shares=degree_shares_by_year(units, years),
        temp=temp_teacher_figures_by_year(units, years),
    )
