"""Principals' appointments (belonging to the year the term starts) and their semesters."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import School, Section, Unit, User
from jiangmen_edu.permissions import editor_unit
from jiangmen_edu.workflow import ensure_years_editable
from teachers.models import PrincipalAppointment, PrincipalSemester, Staff
from teachers.services.common import (
    check_school,
    check_staff,
    locked_for_update,
    save,
    staff_record_delete,
)

# Shared with the forms, which check the same things before a service is called.
TERM_AT_LEAST_ONE = gettext_lazy("The term number starts at 1.")
END_AFTER_START = gettext_lazy("The term must end after it starts.")


def _check_appointment(
    unit: Unit,
    staff: Staff,
    school: School,
    start_date: datetime.date,
    end_date: datetime.date | None,
    consecutive_term: int,
) -> None:
    check_staff(unit, staff)
    check_school(unit, school)
    if end_date is not None and end_date <= start_date:
        raise ValidationError({"end_date": END_AFTER_START})
    if consecutive_term < 1:
        raise ValidationError({"consecutive_term": TERM_AT_LEAST_ONE})


def appointment_create(
    *,
    user: User,
    staff: Staff,
    school: School,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    consecutive_term: int = 1,
    probation_passed: bool = False,
) -> PrincipalAppointment:
    """Record a principal's appointment to a school of the editor's unit."""
    unit = editor_unit(user)
    with transaction.atomic():
        ensure_years_editable(unit=unit, years=[start_date.year], section=Section.TEACHERS)
        _check_appointment(unit, staff, school, start_date, end_date, consecutive_term)
        return save(
            PrincipalAppointment(
                staff=staff,
                school=school,
                start_date=start_date,
                end_date=end_date,
                consecutive_term=consecutive_term,
                probation_passed=probation_passed,
            )
        )


def appointment_update(
    *,
    user: User,
    appointment: PrincipalAppointment,
    staff: Staff,
    school: School,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    consecutive_term: int = 1,
    probation_passed: bool = False,
) -> PrincipalAppointment:
    """Change an appointment; the years of its old and new start must be editable."""
    unit = editor_unit(user)
    with transaction.atomic():
        record = locked_for_update(appointment, user, lambda r: r.staff.unit)
        ensure_years_editable(
            unit=unit, years=[record.start_date.year, start_date.year], section=Section.TEACHERS
        )
        _check_appointment(unit, staff, school, start_date, end_date, consecutive_term)
        return save(
            record,
            staff=staff,
            school=school,
            start_date=start_date,
            end_date=end_date,
            consecutive_term=consecutive_term,
            probation_passed=probation_passed,
        )


def appointment_delete(*, user: User, appointment: PrincipalAppointment) -> None:
    """Remove an appointment whose start year is editable."""
    staff_record_delete(user, appointment, year_of=lambda r: r.start_date.year)


def _check_semester_unique(
    staff: Staff, year: int, semester: int, exclude_pk: int | None = None
) -> None:
    duplicates = PrincipalSemester.objects.filter(staff=staff, year=year, semester=semester)
    if duplicates.exclude(pk=exclude_pk).exists():
        raise ValidationError(
            {"semester": _("This semester is already recorded for %(staff)s.") % {"staff": staff}}
        )


def principal_semester_create(
    *, user: User, staff: Staff, year: int, semester: int, lessons_observed: int
) -> PrincipalSemester:
    """Record the lessons a principal observed in one semester."""
    unit = editor_unit(user)
    with transaction.atomic():
        ensure_years_editable(unit=unit, years=[year], section=Section.TEACHERS)
        check_staff(unit, staff)
        _check_semester_unique(staff, year, semester)
        return save(
            PrincipalSemester(
                staff=staff, year=year, semester=semester, lessons_observed=lessons_observed
            )
        )


def principal_semester_update(
    *,
    user: User,
    principal_semester: PrincipalSemester,
    staff: Staff,
    year: int,
    semester: int,
    lessons_observed: int,
) -> PrincipalSemester:
    """Change a principal's semester; its old and new years must be editable."""
    unit = editor_unit(user)
    with transaction.atomic():
        record = locked_for_update(principal_semester, user, lambda r: r.staff.unit)
        ensure_years_editable(unit=unit, years=[record.year, year], section=Section.TEACHERS)
        check_staff(unit, staff)
        _check_semester_unique(staff, year, semester, exclude_pk=record.pk)
        return save(
            record, staff=staff, year=year, semester=semester, lessons_observed=lessons_observed
        )


def principal_semester_delete(*, user: User, principal_semester: PrincipalSemester) -> None:
    """Remove a principal's semester of an editable year."""
    staff_record_delete(user, principal_semester, year_of=lambda r: r.year)
