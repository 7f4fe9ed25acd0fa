"""Talent titles (市级卓越教师, 县级教学名师, 骨干校长 …); a title belongs to the year awarded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.models import Section, User
from jiangmen_edu.permissions import editor_unit
from jiangmen_edu.workflow import ensure_years_editable
from teachers.models import Staff, TalentTitle
from teachers.services.common import (
    check_staff,
    locked_for_update,
    save,
    staff_record_delete,
)


def _check_talent_title_unique(
    staff: Staff, kind: str, level: str, year: int, exclude_pk: int | None = None
) -> None:
    duplicates = TalentTitle.objects.filter(staff=staff, kind=kind, level=level, year=year)
    if duplicates.exclude(pk=exclude_pk).exists():
        raise ValidationError(
            _("%(staff)s already has this title for %(year)s.")
            % {
                "staff": staff,
                "year": year,
            }
        )


def talent_title_create(
    *, user: User, staff: Staff, kind: str, level: str, year: int
) -> TalentTitle:
    """Record a talent title (市级卓越教师, 县级教学名师, 骨干校长 …) awarded in `year`."""
    unit = editor_unit(user)
    with transaction.atomic():
        ensure_years_editable(unit=unit, years=[year], section=Section.TEACHERS)
        check_staff(unit, staff)
        _check_talent_title_unique(staff, kind, level, year)
        return save(TalentTitle(staff=staff, kind=kind, level=level, year=year))


def talent_title_update(
    *, user: User, talent_title: TalentTitle, staff: Staff, kind: str, level: str, year: int
) -> TalentTitle:
    """Change a talent title; its old and new years must both be editable."""
    unit = editor_unit(user)
    with transaction.atomic():
        record = locked_for_update(talent_title, user, lambda r: r.staff.unit)
        ensure_years_editable(unit=unit, years=[record.year, year], section=Section.TEACHERS)
        check_staff(unit, staff)
        _check_talent_title_unique(staff, kind, level, year, exclude_pk=record.pk)
        return save(record, staff=staff, kind=kind, level=level, year=year)


def talent_title_delete(*, user: User, talent_title: TalentTitle) -> None:
    """Remove a talent title of an editable year."""
    staff_record_delete(user, talent_title, year_of=lambda r: r.year)
