"""Read-side queries of the seat tracker, one module per concept.

The assessment app calls `indicator_inputs(unit_ids, year)` (items 3.1, 3.2a, 3.2bc, 3.3);
pages call the others with units already scoped to the user.
"""

from seats.selectors.coverage import coverage
from seats.selectors.enrolment import enrolment_table
from seats.selectors.indicators import (
    Boarding,
    IndicatorInputs,
    NewSeats,
    PublicShare,
    Restructuring,
    StageTask,
    indicator_inputs,
)
from seats.selectors.progress import progress_board, unit_years, units_behind
from seats.selectors.projects import projects_queryset, select_projects
from seats.selectors.quotas import (
    COLUMNS,
    QuotaTable,
    choose_period_and_year,
    entry_years,
    opened_years,
    period_for_year,
    plan_periods,
    quota_table,
)

__all__ = [
    "COLUMNS",
    "Boarding",
    "IndicatorInputs",
    "NewSeats",
    "PublicShare",
    "QuotaTable",
    "Restructuring",
    "StageTask",
    "choose_period_and_year",
    "coverage",
    "enrolment_table",
    "entry_years",
    "indicator_inputs",
    "opened_years",
    "period_for_year",
    "plan_periods",
    "progress_board",
    "projects_queryset",
    "quota_table",
    "select_projects",
    "unit_years",
    "units_behind",
]
