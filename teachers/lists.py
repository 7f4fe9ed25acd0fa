"""The ledger's record lists (see `jiangmen_edu.record_lists`): every row a user sees is
of a staff member of their unit; each list's filters are in `teachers.filters`.

(Dashboard read-queries live in `teachers/selectors.py`; these are the record pages'.)
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from jiangmen_edu.models import User
from jiangmen_edu.permissions import scope
from jiangmen_edu.record_lists import Column, Listing, label
from teachers import filters
from teachers.filters import UNIT, YEAR
from teachers.models import (
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    Staff,
    StaffYear,
    TalentTitle,
    TrainingRecord,
)


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def scoped(
    model: type[Model],
    unit_field: str,
    *,
    select_related: tuple[str, ...],
    ordering: tuple[str, ...],
) -> Callable[[User], QuerySet]:
    """A listing's `rows`: those of the user's units, reached through `unit_field`."""

    def rows(user: User) -> QuerySet:
        queryset = model.objects.select_related(*select_related).order_by(*ordering)
        return scope(queryset, user, unit_field=unit_field)

    return rows


STAFF_NO = label(Staff, "staff_no")
# A person's name (姓名), not the generic "name" of units and schools (名称).
NAME = pgettext_lazy("person", "Name")


def _staff_columns(unit: Callable[[Any], Any]) -> tuple[Column, ...]:
    return (
        Column(UNIT, lambda r: unit(r).name),
        Column(STAFF_NO, lambda r: r.staff.staff_no),
        Column(NAME, lambda r: r.staff.name),
    )


# ---------------------------------------------------------------------------------------
# the six lists

ROSTER = Listing(
    slug="roster",
    title=gettext_lazy("Staff roster"),
    rows=scoped(
        StaffYear,
        "unit",
        select_related=("staff", "unit", "school"),
        ordering=("-year", "unit__order", "school__code", "staff__staff_no", "pk"),
    ),
    filterset=filters.RosterFilterSet,
    columns=(
        Column(YEAR, lambda r: r.year),
        *_staff_columns(lambda r: r.unit),
        Column(label(StaffYear, "school"), lambda r: r.school.name if r.school else None),
        Column(label(StaffYear, "stage"), lambda r: r.get_stage_display()),
        Column(label(StaffYear, "post"), lambda r: r.get_post_display()),
        Column(label(StaffYear, "employment"), lambda r: r.get_employment_display()),
        Column(label(StaffYear, "degree"), lambda r: r.get_degree_display()),
        Column(label(StaffYear, "title"), lambda r: r.get_title_display()),
        Column(label(StaffYear, "subject"), lambda r: r.get_subject_display()),
        Column(label(StaffYear, "teaching_years"), lambda r: r.teaching_years, numeric=True),
        Column(label(StaffYear, "management_years"), lambda r: r.management_years, numeric=True),
        Column(label(StaffYear, "annual_pay"), lambda r: r.annual_pay, numeric=True),
    ),
)

TRAINING = Listing(
    slug="training",
    title=gettext_lazy("Training records"),
    rows=scoped(
        TrainingRecord,
        "staff__unit",
        select_related=("staff__unit",),
        ordering=("-date", "staff__unit__order", "staff__staff_no", "pk"),
    ),
    filterset=filters.TrainingFilterSet,
    columns=(
        Column(label(TrainingRecord, "date"), lambda r: r.date),
        *_staff_columns(lambda r: r.staff.unit),
        Column(label(TrainingRecord, "hours"), lambda r: r.hours, numeric=True),
        Column(label(TrainingRecord, "level"), lambda r: r.get_level_display()),
        Column(label(TrainingRecord, "provider"), lambda r: r.provider),
        Column(label(TrainingRecord, "course"), lambda r: r.course),
        Column(label(TrainingRecord, "is_qualification"), lambda r: yes_no(r.is_qualification)),
    ),
)

TALENT_TITLES = Listing(
    slug="talent",
    title=gettext_lazy("Talent titles"),
    rows=scoped(
        TalentTitle,
        "staff__unit",
        select_related=("staff__unit",),
        ordering=("-year", "staff__unit__order", "staff__staff_no", "kind", "pk"),
    ),
    filterset=filters.TalentTitleFilterSet,
    columns=(
        Column(label(TalentTitle, "year"), lambda r: r.year),
        *_staff_columns(lambda r: r.staff.unit),
        Column(label(TalentTitle, "kind"), lambda r: r.get_kind_display()),
        Column(label(TalentTitle, "level"), lambda r: r.get_level_display()),
    ),
)

APPOINTMENTS = Listing(
    slug="appointment",
    title=gettext_lazy("Principal appointments"),
    rows=scoped(
        PrincipalAppointment,
        "staff__unit",
        select_related=("staff__unit", "school"),
        ordering=("-start_date", "staff__unit__order", "school__code", "pk"),
    ),
    filterset=filters.AppointmentFilterSet,
    columns=(
        *_staff_columns(lambda r: r.staff.unit),
        Column(label(PrincipalAppointment, "school"), lambda r: r.school.name),
        Column(label(PrincipalAppointment, "start_date"), lambda r: r.start_date),
        Column(label(PrincipalAppointment, "end_date"), lambda r: r.end_date),
        Column(
            label(PrincipalAppointment, "consecutive_term"),
            lambda r: r.consecutive_term,
            numeric=True,
        ),
        Column(
            label(PrincipalAppointment, "probation_passed"),
            lambda r: yes_no(r.probation_passed),
        ),
    ),
)

PRINCIPAL_SEMESTERS = Listing(
    slug="semester",
    title=gettext_lazy("Principals' lesson observation"),
    rows=scoped(
        PrincipalSemester,
        "staff__unit",
        select_related=("staff__unit",),
        ordering=("-year", "-semester", "staff__unit__order", "staff__staff_no", "pk"),
    ),
    filterset=filters.PrincipalSemesterFilterSet,
    columns=(
        Column(label(PrincipalSemester, "year"), lambda r: r.year),
        Column(label(PrincipalSemester, "semester"), lambda r: r.get_semester_display()),
        *_staff_columns(lambda r: r.staff.unit),
        Column(
            label(PrincipalSemester, "lessons_observed"),
            lambda r: r.lessons_observed,
            numeric=True,
        ),
    ),
)

RESEARCHER_DUTIES = Listing(
    slug="researcher_duty",
    title=gettext_lazy("Researchers' yearly duties"),
    rows=scoped(
        ResearcherDuty,
        "staff__unit",
        select_related=("staff__unit",),
        ordering=("-year", "staff__unit__order", "staff__staff_no", "pk"),
    ),
    filterset=filters.ResearcherDutyFilterSet,
    columns=(
        Column(label(ResearcherDuty, "year"), lambda r: r.year),
        *_staff_columns(lambda r: r.staff.unit),
        Column(label(ResearcherDuty, "level"), lambda r: r.get_level_display()),
        Column(label(ResearcherDuty, "guidance_days"), lambda r: r.guidance_days, numeric=True),
        Column(
            label(ResearcherDuty, "lessons_observed"),
            lambda r: r.lessons_observed,
            numeric=True,
        ),
        Column(label(ResearcherDuty, "public_lessons"), lambda r: r.public_lessons, numeric=True),
        Column(label(ResearcherDuty, "in_post_since"), lambda r: r.in_post_since),
        Column(
            label(ResearcherDuty, "school_practice_done"),
            lambda r: yes_no(r.school_practice_done),
        ),
    ),
)

LISTINGS = (ROSTER, TRAINING, TALENT_TITLES, APPOINTMENTS, PRINCIPAL_SEMESTERS, RESEARCHER_DUTIES)
