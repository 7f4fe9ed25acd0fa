"""Training records; a record belongs to the year of its date."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import Section, Unit, User
from jiangmen_edu.permissions import editor_unit
from jiangmen_edu.workflow import ensure_years_editable
from teachers.models import Staff, TrainingRecord
from teachers.services.common import (
    check_staff,
    locked_for_update,
    save,
    staff_record_delete,
)

# Shared with the forms, which check the same thing before a service is called.
HOURS_POSITIVE = gettext_lazy("Enter a number of hours greater than zero.")


def _check_training(unit: Unit, staff: Staff, hours: Decimal) -> None:
    check_staff(unit, staff)
    if hours <= 0:
        raise ValidationError({"hours": HOURS_POSITIVE})


def training_create(
    *,
    user: User,
    staff: Staff,
    date: datetime.date,
    hours: Decimal,
    level: str,
    provider: str = "",
    course: str = "",
    is_qualification: bool = False,
) -> TrainingRecord:
    """Record a training a staff member of the editor's unit took."""
    unit = editor_unit(user)
    with transaction.atomic():
        ensure_years_editable(unit=unit, years=[date.year], section=Section.TEACHERS)
        _check_training(unit, staff, hours)
        return save(
            TrainingRecord(
                staff=staff,
                date=date,
                hours=hours,
                level=level,
                provider=provider,
                course=course,
                is_qualification=is_qualification,
            )
        )


def training_update(
    *,
    user: User,
    training: TrainingRecord,
    staff: Staff,
    date: datetime.date,
    hours: Decimal,
    level: str,
    provider: str = "",
    course: str = "",
    is_qualification: bool = False,
) -> TrainingRecord:
    """Change a training record; its old and new dates' years must both be editable."""
    unit = editor_unit(user)
    with transaction.atomic():
        record = locked_for_update(training, user, lambda r: r.staff.unit)
        ensure_years_editable(
            unit=unit, years=[record.date.year, date.year], section=Section.TEACHERS
        )
        _check_training(unit, staff, hours)
        return save(
            record,
            staff=staff,
            date=date,
            hours=hours,
            level=level,
            provider=provider,
            course=course,
            is_qualification=is_qualification,
        )


def training_delete(*, user: User, training: TrainingRecord) -> None:
    """Remove a training record of an editable year."""
    staff_record_delete(user, training, year_of=lambda r: r.date.year)
