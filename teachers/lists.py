"""The ledger's record lists (see `jiangmen_edu.record_lists`): every row a user sees is
of a staff member of their unit, and the lists search by name or staff number.

(Dashboard read-queries live in `teachers/selectors.py`; these are the record pages'.)
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from jiangmen_edu.models import ReportingYear, School, Stage, User
from jiangmen_edu.permissions import counties_for_user, is_city_user, scope
from jiangmen_edu.record_lists import Column, Filter, Listing, Options, choice_options, label
from teachers.models import (
    Degree,
    Employment,
    Post,
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    Staff,
    StaffYear,
    Subject,
    TalentTitle,
    Title,
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


# ---------------------------------------------------------------------------------------
# filter options, all scoped to the user


def year_options(user: User, params: Mapping[str, str]) -> Options:
    return [(str(y), str(y)) for y in ReportingYear.objects.values_list("year", flat=True)]


def unit_options(user: User, params: Mapping[str, str]) -> Options:
    return [(unit.code, unit.name) for unit in counties_for_user(user)]


def school_options(user: User, params: Mapping[str, str]) -> Options:
    """The user's schools; the city picks a unit first rather than scroll a thousand names."""
    schools = scope(School.objects.order_by("code"), user)
    if is_city_user(user):
        unit_code = params.get("unit", "")
        if not unit_code:
            return []
        schools = schools.filter(unit__code=unit_code)
    return [(str(pk), name) for pk, name in schools.values_list("pk", "name")]


YEAR = gettext_lazy("Year")
UNIT = gettext_lazy("Unit")
STAFF_NO = label(Staff, "staff_no")
# A person's name (姓名), not the generic "name" of units and schools (名称).
NAME = pgettext_lazy("person", "Name")
STAFF_SEARCH = ("staff__name__contains", "staff__staff_no__startswith")


def _unit_filter(lookup: str) -> Filter:
    return Filter("unit", UNIT, lookup, unit_options)


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
    filters=(
        Filter("year", YEAR, "year", year_options),
        _unit_filter("unit__code"),
        Filter("school", label(StaffYear, "school"), "school_id", school_options),
        Filter("stage", label(StaffYear, "stage"), "stage", choice_options(Stage.choices)),
        Filter("post", label(StaffYear, "post"), "post", choice_options(Post.choices)),
        Filter(
            "employment",
            label(StaffYear, "employment"),
            "employment",
            choice_options(Employment.choices),
        ),
        Filter("degree", label(StaffYear, "degree"), "degree", choice_options(Degree.choices)),
        Filter("title", label(StaffYear, "title"), "title", choice_options(Title.choices)),
        Filter("subject", label(StaffYear, "subject"), "subject", choice_options(Subject.choices)),
    ),
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
    search=STAFF_SEARCH,
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
    filters=(
        Filter("year", YEAR, "date__year", year_options),
        _unit_filter("staff__unit__code"),
        Filter(
            "level",
            label(TrainingRecord, "level"),
            "level",
            choice_options(TrainingRecord.Level.choices),
        ),
    ),
    columns=(
        Column(label(TrainingRecord, "date"), lambda r: r.date),
        *_staff_columns(lambda r: r.staff.unit),
        Column(label(TrainingRecord, "hours"), lambda r: r.hours, numeric=True),
        Column(label(TrainingRecord, "level"), lambda r: r.get_level_display()),
        Column(label(TrainingRecord, "provider"), lambda r: r.provider),
        Column(label(TrainingRecord, "course"), lambda r: r.course),
        Column(label(TrainingRecord, "is_qualification"), lambda r: yes_no(r.is_qualification)),
    ),
    search=STAFF_SEARCH,
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
    filters=(
        Filter("year", YEAR, "year", year_options),
        _unit_filter("staff__unit__code"),
        Filter(
            "kind", label(TalentTitle, "kind"), "kind", choice_options(TalentTitle.Kind.choices)
        ),
        Filter(
            "level",
            label(TalentTitle, "level"),
            "level",
            choice_options(TalentTitle.Level.choices),
        ),
    ),
    columns=(
        Column(label(TalentTitle, "year"), lambda r: r.year),
        *_staff_columns(lambda r: r.staff.unit),
        Column(label(TalentTitle, "kind"), lambda r: r.get_kind_display()),
        Column(label(TalentTitle, "level"), lambda r: r.get_level_display()),
    ),
    search=STAFF_SEARCH,
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
    filters=(
        Filter("year", YEAR, "start_date__year", year_options),
        _unit_filter("staff__unit__code"),
        Filter("school", label(PrincipalAppointment, "school"), "school_id", school_options),
    ),
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
    search=STAFF_SEARCH,
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
    filters=(
        Filter("year", YEAR, "year", year_options),
        _unit_filter("staff__unit__code"),
        Filter(
            "semester",
            label(PrincipalSemester, "semester"),
            "semester",
            choice_options(PrincipalSemester._meta.get_field("semester").choices),
        ),
    ),
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
    search=STAFF_SEARCH,
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
    filters=(
        Filter("year", YEAR, "year", year_options),
        _unit_filter("staff__unit__code"),
        Filter(
            "level",
            label(ResearcherDuty, "level"),
            "level",
            choice_options(ResearcherDuty.Level.choices),
        ),
    ),
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
    search=STAFF_SEARCH,
)

LISTINGS = (ROSTER, TRAINING, TALENT_TITLES, APPOINTMENTS, PRINCIPAL_SEMESTERS, RESEARCHER_DUTIES)
