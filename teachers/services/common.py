"""Shared by the teachers-ledger services: the editor's unit and the unit checks, the workflow
lock on each year's teachers return, and saving or deleting a record under that lock."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from jiangmen_edu.models import Role, School, Section, Unit, User, YearlyReturn
from jiangmen_edu.permissions import require_role, require_unit
from jiangmen_edu.workflow import ensure_editable, lock_reason
from teachers.models import Staff

EDITABLE_STATUSES = (YearlyReturn.Status.DRAFT, YearlyReturn.Status.RETURNED)

M = TypeVar("M", bound=Model)


def editor_unit(user: User) -> Unit:
    """Only a county editor writes the ledger, and only for their own unit."""
    require_role(user, {Role.COUNTY_EDITOR})
    return user.unit


def ensure_years_editable(unit: Unit, *years: int) -> None:
    # Sorted, so that two transactions lock the same returns in the same order.
    for year in sorted(set(years)):
        ensure_editable(unit=unit, year=year, section=Section.TEACHERS)


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


def delete_staff_record(user: User, instance: M, year_of: Callable[[M], int]) -> None:
    """Remove a record of one of the editor's staff whose year (`year_of`) is editable."""
    unit = editor_unit(user)
    with transaction.atomic():
        record = locked_for_update(instance, user, lambda r: r.staff.unit)
        ensure_years_editable(unit, year_of(record))
        record.delete()


def teachers_lock_reason(*, unit: Unit, year: int) -> str:
    """Why the unit's teachers data of `year` cannot be changed now, or "" when it can."""
    yearly_return = (
        YearlyReturn.objects.filter(unit=unit, reporting_year__year=year, section=Section.TEACHERS)
        .select_related("reporting_year")
        .first()
    )
    if yearly_return is None:
        return _("The city has not opened %(year)s for returns yet.") % {"year": year}
    return lock_reason(yearly_return)


def locked_years(*, unit: Unit) -> set[int]:
    """The years whose teachers return is submitted or approved for this unit (one query)."""
    return set(
        YearlyReturn.objects.filter(unit=unit, section=Section.TEACHERS)
        .exclude(status__in=EDITABLE_STATUSES)
        .values_list("reporting_year__year", flat=True)
    )
