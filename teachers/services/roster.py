"""Roster rows (`StaffYear`) and the staff identity they find, create, rename or leave behind."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import School, Section, Unit, User
from jiangmen_edu.permissions import editor_unit
from jiangmen_edu.workflow import ensure_years_editable, locked_years
from teachers.models import Post, Staff, StaffYear
from teachers.services.common import (
    check_school,
    locked_for_update,
    save,
)

# Shared with the forms, which check the same things before a service is called.
SCHOOL_REQUIRED = gettext_lazy("Choose a school: only teaching researchers may have none.")
PAY_NOT_NEGATIVE = gettext_lazy("Annual pay cannot be negative.")


def _staff_find_or_create(*, unit: Unit, staff_no: str, name: str) -> Staff:
    """The unit's staff member with this number, created on first use; the name must match."""
    staff_no, name = staff_no.strip(), name.strip()
    staff = Staff.objects.filter(unit=unit, staff_no=staff_no).first()
    if staff is None:
        return save(Staff(unit=unit, staff_no=staff_no, name=name))
    if staff.name != name:
        raise ValidationError(
            {
                "name": _("Staff number %(staff_no)s belongs to %(name)s in your unit.")
                % {"staff_no": staff_no, "name": staff.name}
            }
        )
    return staff


def _staff_rename(*, staff: Staff, name: str) -> None:
    """Correct a name: it shows in every year, so no year of this person may be locked."""
    name = name.strip()
    if name == staff.name:
        return
    locked = locked_years(unit=staff.unit, section=Section.TEACHERS)
    years = sorted(locked.intersection(staff.years.values_list("year", flat=True)))
    if years:
        raise ValidationError(
            {
                "name": _(
                    "The name cannot be changed: this person is in the locked return of %(years)s."
                )
                % {"years": ", ".join(str(y) for y in years)}
            }
        )
    save(staff, name=name)


def _drop_if_orphan(staff: Staff) -> None:
    """A staff identity left with no record of any kind is removed rather than kept empty."""
    related = (
        staff.years,
        staff.trainings,
        staff.talent_titles,
        staff.appointments,
        staff.semesters,
        staff.researcher_duties,
    )
    if not any(manager.exists() for manager in related):
        staff.delete()


def _check_roster_row(
    *, unit: Unit, school: School | None, stage: str, post: str, annual_pay: Decimal | None
) -> None:
    check_school(unit, school)
    if school is None and post != Post.RESEARCHER:
        raise ValidationError({"school": SCHOOL_REQUIRED})
    if school is not None and stage not in school.stages:
        raise ValidationError(
            {
                "stage": _("%(school)s does not teach this stage.") % {"school": school.name},
            }
        )
    if annual_pay is not None and annual_pay < 0:
        raise ValidationError({"annual_pay": PAY_NOT_NEGATIVE})


def _check_one_row_per_year(staff: Staff, year: int, exclude_pk: int | None = None) -> None:
    rows = StaffYear.objects.filter(staff=staff, year=year).exclude(pk=exclude_pk)
    if rows.exists():
        raise ValidationError(
            {
                "year": _("%(staff)s already has a roster row for %(year)s.")
                % {"staff": staff, "year": year}
            }
        )


def staff_year_create(
    *,
    user: User,
    staff_no: str,
    name: str,
    year: int,
    school: School | None,
    stage: str,
    post: str,
    employment: str,
    degree: int,
    title: int,
    subject: str,
    teaching_years: int = 0,
    management_years: int = 0,
    annual_pay: Decimal | None = None,
) -> StaffYear:
    """Add a roster row; the staff member is found by number in the editor's unit, or created."""
    unit = editor_unit(user)
    with transaction.atomic():
        ensure_years_editable(unit=unit, years=[year], section=Section.TEACHERS)
        _check_roster_row(unit=unit, school=school, stage=stage, post=post, annual_pay=annual_pay)
        staff = _staff_find_or_create(unit=unit, staff_no=staff_no, name=name)
        _check_one_row_per_year(staff, year)
        return save(
            StaffYear(
                staff=staff,
                year=year,
                unit=unit,
                school=school,
                stage=stage,
                post=post,
                employment=employment,
                degree=degree,
                title=title,
                subject=subject,
                teaching_years=teaching_years,
                management_years=management_years,
                annual_pay=annual_pay,
            )
        )


def staff_year_update(
    *,
    user: User,
    staff_year: StaffYear,
    staff_no: str,
    name: str,
    year: int,
    school: School | None,
    stage: str,
    post: str,
    employment: str,
    degree: int,
    title: int,
    subject: str,
    teaching_years: int = 0,
    management_years: int = 0,
    annual_pay: Decimal | None = None,
) -> StaffYear:
    """Change a roster row.

    The same staff number with another name corrects the person's name (in every year, so
    none of their years may be locked); another staff number moves the row to that person,
    found or created like on adding.
    """
    unit = editor_unit(user)
    with transaction.atomic():
        row = locked_for_update(staff_year, user, lambda r: r.unit)
        ensure_years_editable(unit=unit, years=[row.year, year], section=Section.TEACHERS)
        _check_roster_row(unit=unit, school=school, stage=stage, post=post, annual_pay=annual_pay)
        previous_staff = row.staff
        if staff_no.strip() == previous_staff.staff_no:
            _staff_rename(staff=previous_staff, name=name)
            staff = previous_staff
        else:
            staff = _staff_find_or_create(unit=unit, staff_no=staff_no, name=name)
        _check_one_row_per_year(staff, year, exclude_pk=row.pk)
        save(
            row,
            staff=staff,
            year=year,
            school=school,
            stage=stage,
            post=post,
            employment=employment,
            degree=degree,
            title=title,
            subject=subject,
            teaching_years=teaching_years,
            management_years=management_years,
            annual_pay=annual_pay,
        )
        if staff.pk != previous_staff.pk:
            _drop_if_orphan(previous_staff)
        return row


def staff_year_delete(*, user: User, staff_year: StaffYear) -> None:
    """Remove a roster row; the person goes too when nothing else refers to them."""
    unit = editor_unit(user)
    with transaction.atomic():
        row = locked_for_update(staff_year, user, lambda r: r.unit)
        ensure_years_editable(unit=unit, years=[row.year], section=Section.TEACHERS)
        staff = row.staff
        row.delete()
        _drop_if_orphan(staff)
