"""The seat tracker's pages, one module per concept. Every view declares its roles with
`allow`; everyone reads, scoped to their units (another county's object is a 404); only a
county editor writes, for their own unit; the quota tables are the city administrator's."""

from seats.views.board import board, board_export, plan_edit, unit_progress
from seats.views.enrolment import (
    boarding_add,
    boarding_remove,
    coverage,
    coverage_unit,
    enrolment_edit,
    enrolment_export,
    enrolment_list,
)
from seats.views.periods import period_add, period_edit, quota_import, quota_table, quota_template
from seats.views.projects import (
    evidence_delete,
    evidence_download,
    evidence_upload,
    project_add,
    project_delete,
    project_detail,
    project_edit,
    project_export,
    project_list,
    project_year,
    project_year_delete,
)

__all__ = [
    "board",
    "board_export",
    "boarding_add",
    "boarding_remove",
    "coverage",
    "coverage_unit",
    "enrolment_edit",
    "enrolment_export",
    "enrolment_list",
    "evidence_delete",
    "evidence_download",
    "evidence_upload",
    "period_add",
    "period_edit",
    "plan_edit",
    "project_add",
    "project_delete",
    "project_detail",
    "project_edit",
    "project_export",
    "project_list",
    "project_year",
    "project_year_delete",
    "quota_import",
    "quota_table",
    "quota_template",
    "unit_progress",
]
