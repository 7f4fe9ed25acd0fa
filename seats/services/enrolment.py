"""Writes to the yearly enrolment figures and the boarding-school list
(docs/rules.md#seat-records)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.models import School, Unit, User
from jiangmen_edu.permissions import editor_unit
from jiangmen_edu.workflow import ReturnLocked
from seats import rules
from seats.models import BoardingSchool, EnrolmentYear
from seats.selectors.quotas import opened_years
from seats.services.locks import ensure_current_editable, ensure_governing_years_editable

ENROLMENT_FIELDS = (
    "public_students",
    "purchased_students",
    "private_students",
    "private_seats_converted",
    "boarding_target",
    "boarding_completed",
    "population",
    "notes",
)

NULLABLE = ("boarding_target", "population")


def enrolment_year_error(year: int, opened: list[int]) -> str:
    """Why enrolment cannot be entered for `year`, or "" when it can (the import's preview
    and `enrolment_apply` both ask).

    Enrolment is counted for a year that has happened: a year after the latest opened one is
    refused; an earlier year the city never opened belongs to the next opened return.
    """
    if not opened or year > opened[-1]:
        return _("The city has not opened %(year)s for returns yet.") % {"year": year}
    return ""


def enrolment_apply(*, unit: Unit, year: int, values: dict) -> EnrolmentYear:
    """Create or replace the unit's figures for `year`; the caller holds a transaction."""
    refusal = enrolment_year_error(year, opened_years())
    if refusal:
        raise ReturnLocked(refusal)
    ensure_governing_years_editable(unit, {year})
    record = EnrolmentYear.objects.filter(unit=unit, year=year).first() or EnrolmentYear(
        unit=unit, year=year
    )
    for field in ENROLMENT_FIELDS:
        if field in values:
            value = values[field]
            if value is None and field not in NULLABLE:
                value = "" if field == "notes" else 0
            setattr(record, field, value)
    record.full_clean()
    record.save()
    return record


def enrolment_save(*, user: User, year: int, **values) -> EnrolmentYear:
    """A county editor enters the unit's compulsory enrolment, conversions and boarding
    figures for a year."""
    unit = editor_unit(user)
    with transaction.atomic():
        return enrolment_apply(unit=unit, year=year, values=values)


def check_boarding_school(unit: Unit, school: School) -> None:
    if school.unit_id != unit.pk:
        raise ValidationError({"school": _("This school is not in your unit.")})
    if school.ownership != School.Ownership.PUBLIC or school.school_type not in (
        rules.COMPULSORY_SCHOOL_TYPES
    ):
        raise ValidationError(
            {
                "school": _(
                    "Only a public school with a compulsory stage counts as a boarding school."
                )
            }
        )


def boarding_school_set(*, user: User, school: School, boarding_places: int) -> BoardingSchool:
    """Mark one of the unit's schools as a boarding school (or change its places)."""
    unit = editor_unit(user)
    check_boarding_school(unit, school)
    with transaction.atomic():
        ensure_current_editable(unit)
        record, _created = BoardingSchool.objects.update_or_create(
            school=school, defaults={"boarding_places": boarding_places}
        )
    return record


def boarding_school_remove(*, user: User, boarding: BoardingSchool) -> None:
    unit = editor_unit(user, boarding.school.unit)
    with transaction.atomic():
        ensure_current_editable(unit)
        BoardingSchool.objects.filter(pk=boarding.pk).delete()
