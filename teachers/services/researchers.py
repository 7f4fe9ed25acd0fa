"""Teaching researchers' duties, one record per researcher and year; a county's statement
that it has none in a year."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiangmen_edu.models import Section, User
from jiangmen_edu.permissions import editor_unit
from jiangmen_edu.workflow import ensure_editable, ensure_years_editable
from teachers.models import NoResearchersStatement, Post, ResearcherDuty, Staff
from teachers.selectors.base import roster_rows
from teachers.services.common import (
    check_staff,
    locked_for_update,
    save,
    staff_record_delete,
)


def _check_duty_unique(staff: Staff, year: int, exclude_pk: int | None = None) -> None:
    if ResearcherDuty.objects.filter(staff=staff, year=year).exclude(pk=exclude_pk).exists():
        raise ValidationError(
            {
                "year": _("The duties of %(staff)s for %(year)s are already recorded.")
                % {"staff": staff, "year": year}
            }
        )


def researcher_duty_create(
    *,
    user: User,
    staff: Staff,
    year: int,
    level: str,
    guidance_days: int,
    lessons_observed: int,
    public_lessons: int,
    in_post_since: int,
    school_practice_done: bool = False,
) -> ResearcherDuty:
    """Record a teaching researcher's duties in one year."""
    unit = editor_unit(user)
    with transaction.atomic():
        ensure_years_editable(unit=unit, years=[year], section=Section.TEACHERS)
        check_staff(unit, staff)
        _check_duty_unique(staff, year)
        return save(
            ResearcherDuty(
                staff=staff,
                year=year,
                level=level,
                guidance_days=guidance_days,
                lessons_observed=lessons_observed,
                public_lessons=public_lessons,
                in_post_since=in_post_since,
                school_practice_done=school_practice_done,
            )
        )


def researcher_duty_update(
    *,
    user: User,
    researcher_duty: ResearcherDuty,
    staff: Staff,
    year: int,
    level: str,
    guidance_days: int,
    lessons_observed: int,
    public_lessons: int,
    in_post_since: int,
    school_practice_done: bool = False,
) -> ResearcherDuty:
    """Change a researcher's yearly duties; old and new years must be editable."""
    unit = editor_unit(user)
    with transaction.atomic():
        record = locked_for_update(researcher_duty, user, lambda r: r.staff.unit)
        ensure_years_editable(unit=unit, years=[record.year, year], section=Section.TEACHERS)
        check_staff(unit, staff)
        _check_duty_unique(staff, year, exclude_pk=record.pk)
        return save(
            record,
            staff=staff,
            year=year,
            level=level,
            guidance_days=guidance_days,
            lessons_observed=lessons_observed,
            public_lessons=public_lessons,
            in_post_since=in_post_since,
            school_practice_done=school_practice_done,
        )


def researcher_duty_delete(*, user: User, researcher_duty: ResearcherDuty) -> None:
    """Remove a researcher's yearly duties of an editable year."""
    staff_record_delete(user, researcher_duty, year_of=lambda r: r.year)


def no_researchers_state(*, user: User, year: int, note: str = "") -> NoResearchersStatement:
    """State that the editor's county has no teaching researchers in `year` (docs/rules.md#i-11),
    or change the explanation of that statement.

    The statement belongs to the year's teachers return, which must be editable; it is refused
    while the roster of that year lists a researcher. Audited like every record.
    """
    unit = editor_unit(user)
    with transaction.atomic():
        ensure_editable(unit=unit, year=year, section=Section.TEACHERS)
        if roster_rows([unit.pk], year).filter(post=Post.RESEARCHER).exists():
            raise ValidationError(
                _(
                    "The %(year)s roster lists teaching researchers: a county with researchers "
                    "cannot state that it has none."
                )
                % {"year": year}
            )
        statement = (
            NoResearchersStatement.objects.select_for_update().filter(unit=unit, year=year).first()
        )
        if statement is None:
            statement = NoResearchersStatement(unit=unit, year=year)
        return save(statement, note=note.strip(), stated_by=user)


def no_researchers_clear(*, user: User, statement: NoResearchersStatement) -> None:
    """Withdraw the county's statement of no teaching researchers, while the year's teachers
    return is editable."""
    unit = editor_unit(user)
    with transaction.atomic():
        current = locked_for_update(statement, user, lambda s: s.unit)
        ensure_editable(unit=unit, year=current.year, section=Section.TEACHERS)
        current.delete()
