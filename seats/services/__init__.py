"""Writes to the seat tracker, one module per concept. Every service takes the acting user,
keyword-only, checks the role and unit, and writes in one transaction behind the workflow lock
(`seats.services.locks`). The `apply_*` functions are the shared write paths of the forms and
the Excel imports (which may run without a user, from the command line)."""

from seats.services.enrolment import (
    boarding_school_remove,
    boarding_school_set,
    enrolment_save,
)
from seats.services.locks import return_year
from seats.services.plans import (
    period_create,
    period_update,
    plan_save,
    quotas_save,
)
from seats.services.projects import (
    evidence_add,
    evidence_delete,
    project_create,
    project_delete,
    project_update,
    project_year_delete,
    project_year_save,
)

__all__ = [
    "boarding_school_remove",
    "boarding_school_set",
    "enrolment_save",
    "evidence_add",
    "evidence_delete",
    "period_create",
    "period_update",
    "plan_save",
    "project_create",
    "project_delete",
    "project_update",
    "project_year_delete",
    "project_year_save",
    "quotas_save",
    "return_year",
]
