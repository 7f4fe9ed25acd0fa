"""Writes to the teachers ledger (docs/rules.md#teachers), one service per record and action, one
module per kind of record; `common` holds what they share.

Every service takes the acting user, keyword-only, and runs in one transaction that first
calls `workflow.ensure_editable` for each statistical year it touches: a submitted or approved
teachers return refuses the change on the server, whatever page or script asked for it.
Moving a record to another year needs both years editable, so an approved year can neither
lose nor gain rows.

Rules a form cannot check on its own (the school belongs to the editor's unit, the stage is
one the school teaches, a staff member is one of the unit's) raise `ValidationError`, keyed by
the form field where that makes sense; the model's own constraints are checked last with
`full_clean()`.
"""

from teachers.services.principals import (
    END_AFTER_START,
    TERM_AT_LEAST_ONE,
    appointment_create,
    appointment_delete,
    appointment_update,
    principal_semester_create,
    principal_semester_delete,
    principal_semester_update,
)
from teachers.services.researchers import (
    no_researchers_clear,
    no_researchers_state,
    researcher_duty_create,
    researcher_duty_delete,
    researcher_duty_update,
)
from teachers.services.roster import (
    PAY_NOT_NEGATIVE,
    SCHOOL_REQUIRED,
    staff_year_create,
    staff_year_delete,
    staff_year_update,
)
from teachers.services.talents import (
    talent_title_create,
    talent_title_delete,
    talent_title_update,
)
from teachers.services.training import (
    HOURS_POSITIVE,
    training_create,
    training_delete,
    training_update,
)

__all__ = [
    "END_AFTER_START",
    "HOURS_POSITIVE",
    "PAY_NOT_NEGATIVE",
    "SCHOOL_REQUIRED",
    "TERM_AT_LEAST_ONE",
    "appointment_create",
    "appointment_delete",
    "appointment_update",
    "no_researchers_clear",
    "no_researchers_state",
    "principal_semester_create",
    "principal_semester_delete",
    "principal_semester_update",
    "researcher_duty_create",
    "researcher_duty_delete",
    "researcher_duty_update",
    "staff_year_create",
    "staff_year_delete",
    "staff_year_update",
    "talent_title_create",
    "talent_title_delete",
    "talent_title_update",
    "training_create",
    "training_delete",
    "training_update",
]
