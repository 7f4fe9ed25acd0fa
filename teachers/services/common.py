"""Shared by the teachers-ledger services: the unit checks, the workflow lock on each year's
teachers return, and saving or deleting a record under that lock."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from jiangmen_edu.models import School, Section, Unit, User
from jiangmen_edu.permissions import editor_unit, require_unit
from jiangmen_edu.workflow import ensure_years_editable
from teachers.models import Staff

M = TypeVar("M", bound=Model)


def check_school(unit: Unit, school: School | None, field: str = "school") -> None:
    if school is not None and school.unit_id != unit.pk:
        raise ValidationError({field: _("This school is not in your unit.")})


def check_staff(unit: Unit, staff: Staff) -> None:
    if staff.unit_id != unit.pk:
        raise ValidationError({"staff": _("No staff member with this number in your unit.")})


def locked_for_update(instance: M, user: User, unit_of: Callable[[M], Unit]) -> M:
    """Re-read the row under a lock: the caller's copy may hold a form's unsaved input."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    require_unit(user, unit_of(current))
    return current


def save(instance: M, /, **values) -> M:
    """Set `values` on the instance, check the model's own constraints, and save it."""
    for field, value in values.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    return instance


def staff_record_delete(user: User, instance: M, year_of: Callable[[M], int]) -> None:
    """Remove a record of one of the editor's staff whose year (`year_of`) is editable."""
    unit = editor_unit(user)
    with transaction.atomic():
        record = locked_for_update(instance, user, lambda r: r.staff.unit)
        ensure_years_editable(unit=unit, years=[year_of(record)], section=Section.TEACHERS)
        record.delete()
