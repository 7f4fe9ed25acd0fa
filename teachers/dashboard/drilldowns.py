"""The staff behind each dashboard figure: one drill-down list per figure (docs/rules.md#training).

A `Drilldown` names its rows (a lazy queryset, or a list the rules have judged) and how each row
reads. Each list uses the selector the figure itself is computed from, or the same filter, so
that the list holds exactly the people the figure counts. Every row is read from what the
selector loaded (unit names come from the caller's unit map), so a page costs the same number
of queries whatever its length.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import Unit
from teachers.dashboard.figures import headline_label, stage_label
from teachers.models import Degree, PrincipalAppointment, Staff, StaffYear
from teachers.rules.degrees import DEGREE_TARGETS, PRINCIPALS_KINDERGARTEN, PRINCIPALS_SCHOOL
from teachers.rules.headlines import Headline
from teachers.rules.principals import PrincipalFinding
from teachers.rules.researchers import ResearcherFinding
from teachers.rules.training import (
    RESEARCHER_HOURS_PER_YEAR,
    QualificationStatus,
    qualification_deadline,
)
from teachers.selectors.base import UnitIds, tenths_to_hours
from teachers.selectors.degrees import principals_without_degree, teachers_without_degree
from teachers.selectors.principals import PrincipalAlert, principal_alerts
from teachers.selectors.researchers import ResearcherCheck, researcher_checks
from teachers.selectors.talents import headline_people, staff_on_roster
from teachers.selectors.temporary import temporary_teachers
from teachers.selectors.training import (
    new_principals_behind,
    researchers_below_hours,
    staff_behind_on_training,
    teachers_with_city_training,
)

Units = Mapping[int, Unit]
Rows = Callable[[UnitIds, int], QuerySet | Sequence]


def field_label(name: str, model=StaffYear) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


PRINCIPAL_FINDING_LABELS = {
    PrincipalFinding.ROSTER_MISSING: gettext_lazy("no roster row this year"),
    PrincipalFinding.TEACHING_YEARS: gettext_lazy("under 5 years of teaching"),
    PrincipalFinding.TITLE: gettext_lazy("title below the requirement"),
    PrincipalFinding.MANAGEMENT_YEARS: gettext_lazy("under 3 years of management"),
    PrincipalFinding.QUALIFICATION_PENDING: gettext_lazy("qualification training due"),
    PrincipalFinding.QUALIFICATION_LATE: gettext_lazy("qualification training late"),
    PrincipalFinding.QUALIFICATION_OVERDUE: gettext_lazy("qualification training overdue"),
    PrincipalFinding.ON_PROBATION: gettext_lazy("on probation"),
    PrincipalFinding.PROBATION_OVERDUE: gettext_lazy("probation not confirmed"),
    PrincipalFinding.TERM_LAST_YEAR: gettext_lazy("last year of the term"),
    PrincipalFinding.TERM_EXPIRED: gettext_lazy("term expired"),
    PrincipalFinding.THIRD_TERM: gettext_lazy("third consecutive term"),
    PrincipalFinding.LESSONS_BELOW: gettext_lazy("under 50 lessons observed in a semester"),
    PrincipalFinding.LESSONS_NOT_REPORTED: gettext_lazy("lessons observed not reported"),
}
# A separate table: the two enums share the value "teaching_years".
RESEARCHER_FINDING_LABELS = {
    ResearcherFinding.TEACHING_YEARS: gettext_lazy("under 6 years of teaching"),
    ResearcherFinding.TITLE_OR_DEGREE: gettext_lazy("neither a senior title nor a master's"),
    ResearcherFinding.TRAINING_HOURS: gettext_lazy("under 90 training hours"),
    ResearcherFinding.DUTIES_NOT_REPORTED: gettext_lazy("yearly duties not reported"),
    ResearcherFinding.GUIDANCE_DAYS: gettext_lazy("too few days of school guidance"),
    ResearcherFinding.LESSONS_OBSERVED: gettext_lazy("too few lessons observed"),
    ResearcherFinding.PUBLIC_LESSONS: gettext_lazy("under 5 public lessons or lectures"),
    ResearcherFinding.SCHOOL_PRACTICE_DUE: gettext_lazy("a year back in a school is due"),
}
QUALIFICATION_LABELS = {
    QualificationStatus.LATE: gettext_lazy("trained after the deadline"),
    QualificationStatus.OVERDUE: gettext_lazy("not trained, deadline passed"),
}


def findings_text(findings, labels) -> str:
    return "; ".join(str(labels[finding]) for finding in findings)


@dataclass(frozen=True)
class Drilldown:
    slug: str
    figure_keys: tuple[str, ...]  # the dashboard figures that link here
    title: Callable[[], str]
    headers: Callable[[], list[str]]
    rows: Rows
    cells: Callable[[Any, Units], list[Any]]
    numeric: frozenset[int] = frozenset()  # column indexes shown right-aligned


# --- roster rows ------------------------------------------------------------------------------


def _staff_headers() -> list[str]:
    return [
        field_label("unit"),
        field_label("school"),
        field_label("staff_no", Staff),
        field_label("name", Staff),
        field_label("stage"),
        field_label("subject"),
        field_label("degree"),
        field_label("title"),
    ]


def _staff_cells(row: StaffYear, units: Units) -> list[Any]:
    return [
        units[row.unit_id].name,
        row.school.name if row.school_id else "",
        row.staff.staff_no,
        row.staff.name,
        row.get_stage_display(),
        row.get_subject_display(),
        row.get_degree_display(),
        row.get_title_display(),
    ]


def _degree_drilldown(key: str) -> Drilldown:
    target = DEGREE_TARGETS[key]

    def title() -> str:
        return _("%(stage)s: full-time teachers without a %(degree)s or above") % {
            "stage": stage_label(key),
            "degree": Degree(target.min_degree).label,
        }

    return Drilldown(
        slug=f"degree_{key}",
        figure_keys=(f"degree.{key}",),
        title=title,
        headers=_staff_headers,
        rows=lambda units, year: teachers_without_degree(units, year, key),
        cells=_staff_cells,
    )


def _principal_degree_drilldown(slug: str, group: str, label) -> Drilldown:
    return Drilldown(
        slug=slug,
        figure_keys=(f"principal_degree.{group}",),
        title=lambda: str(label),
        headers=_staff_headers,
        rows=lambda units, year: principals_without_degree(units, year, group),
        cells=_staff_cells,
    )


def _temporary_headers() -> list[str]:
    return [*_staff_headers(), field_label("annual_pay")]


def _temporary_cells(row: StaffYear, units: Units) -> list[Any]:
    return [*_staff_cells(row, units), row.annual_pay]


def _hours_headers() -> list[str]:
    return [
        *_staff_headers(),
        _("Hours so far"),
        _("Hours due so far"),
        _("Hours short"),
    ]


def _training_cells(row: StaffYear, units: Units) -> list[Any]:
    hours = tenths_to_hours(row.cycle_hours_tenths)
    required = tenths_to_hours(row.required_hours_tenths)
    return [*_staff_cells(row, units), hours, required, required - hours]


def _researcher_hours_cells(row: StaffYear, units: Units) -> list[Any]:
    hours = tenths_to_hours(row.training_tenths)
    required = Decimal(RESEARCHER_HOURS_PER_YEAR)
    return [*_staff_cells(row, units), hours, required, required - hours]


_HOURS_COLUMNS = frozenset({8, 9, 10})


# --- principals and researchers ---------------------------------------------------------------


def _appointment_headers() -> list[str]:
    return [
        field_label("unit"),
        field_label("school"),
        field_label("staff_no", Staff),
        field_label("name", Staff),
        field_label("start_date", PrincipalAppointment),
        field_label("consecutive_term", PrincipalAppointment),
    ]


def _appointment_cells(appointment: PrincipalAppointment) -> list[Any]:
    return [
        appointment.school.unit.name,
        appointment.school.name,
        appointment.staff.staff_no,
        appointment.staff.name,
        appointment.start_date,
        appointment.consecutive_term,
    ]


def _alert_headers() -> list[str]:
    return [*_appointment_headers(), _("Breaks a rule"), _("Findings")]


def _alert_cells(alert: PrincipalAlert, units: Units) -> list[Any]:
    return [
        *_appointment_cells(alert.appointment),
        _("Yes") if alert.violations else _("No"),
        findings_text(alert.findings, PRINCIPAL_FINDING_LABELS),
    ]


def _new_principal_headers() -> list[str]:
    return [*_appointment_headers(), _("Deadline"), _("Qualification training")]


def _new_principal_cells(row: tuple, units: Units) -> list[Any]:
    appointment, status = row
    return [
        *_appointment_cells(appointment),
        qualification_deadline(appointment.start_date),
        QUALIFICATION_LABELS[status],
    ]


def _researcher_headers() -> list[str]:
    return [
        field_label("unit"),
        field_label("staff_no", Staff),
        field_label("name", Staff),
        field_label("stage"),
        field_label("subject"),
        _("Training hours this year"),
        _("Findings"),
    ]


def _researcher_cells(check: ResearcherCheck, units: Units) -> list[Any]:
    row = check.roster
    return [
        units[row.unit_id].name,
        row.staff.staff_no,
        row.staff.name,
        row.get_stage_display(),
        row.get_subject_display(),
        check.training_hours,
        findings_text(check.findings, RESEARCHER_FINDING_LABELS),
    ]


def _person_headers() -> list[str]:
    return [
        field_label("unit", Staff),
        field_label("staff_no", Staff),
        field_label("name", Staff),
        field_label("hired_year", Staff),
        field_label("from_moe_normal_university", Staff),
        _("Titles counted"),
    ]


def _person_cells(person: Staff, units: Units) -> list[Any]:
    return [
        units[person.unit_id].name,
        person.staff_no,
        person.name,
        person.hired_year,
        _("Yes") if person.from_moe_normal_university else _("No"),
        "; ".join(
            f"{title.year} {title.get_kind_display()}（{title.get_level_display()}）"
            for title in person.counted_titles
        ),
    ]


def _headline_drilldown(headline: Headline) -> Drilldown:
    if headline is Headline.STAFF:
        rows, headers, cells = staff_on_roster, _staff_headers, _staff_cells
    else:

        def rows(units, year):
            return headline_people(units, year, headline)

        headers, cells = _person_headers, _person_cells
    return Drilldown(
        slug=f"talent_{headline.value}",
        figure_keys=(f"talent.{headline.value}",),
        title=lambda: headline_label(headline),
        headers=headers,
        rows=rows,
        cells=cells,
    )


def _researchers_falling_short(units: UnitIds, year: int) -> list[ResearcherCheck]:
    return [check for check in researcher_checks(units, year) if check.findings]


DRILLDOWNS: dict[str, Drilldown] = {
    drilldown.slug: drilldown
    for drilldown in (
        *(_degree_drilldown(key) for key in DEGREE_TARGETS),
        _principal_degree_drilldown(
            "principal_degree_school",
            PRINCIPALS_SCHOOL,
            gettext_lazy("Principals of primary and secondary schools without a bachelor's"),
        ),
        _principal_degree_drilldown(
            "principal_degree_kindergarten",
            PRINCIPALS_KINDERGARTEN,
            gettext_lazy("Kindergarten heads without an associate degree"),
        ),
        Drilldown(
            slug="temporary",
            figure_keys=("temp.ratio", "temp.pay"),
            title=lambda: _("Temporary teachers in public schools"),
            headers=_temporary_headers,
            rows=lambda units, year: temporary_teachers(units, year),
            cells=_temporary_cells,
            numeric=frozenset({8}),
        ),
        Drilldown(
            slug="training_behind",
            figure_keys=("training.cycle",),
            title=lambda: _("Teachers and principals behind on the 450 training hours"),
            headers=_hours_headers,
            rows=lambda units, year: staff_behind_on_training(units, year),
            cells=_training_cells,
            numeric=_HOURS_COLUMNS,
        ),
        Drilldown(
            slug="researcher_training",
            figure_keys=("training.researchers",),
            title=lambda: _("Teaching researchers under 90 training hours this year"),
            headers=_hours_headers,
            rows=lambda units, year: researchers_below_hours(units, year),
            cells=_researcher_hours_cells,
            numeric=_HOURS_COLUMNS,
        ),
        Drilldown(
            slug="new_principals",
            figure_keys=("training.new_principals",),
            title=lambda: _("New principals who missed qualification training"),
            headers=_new_principal_headers,
            rows=lambda units, year: new_principals_behind(units, year),
            cells=_new_principal_cells,
        ),
        Drilldown(
            slug="city_training",
            figure_keys=("training.city_level",),
            title=lambda: _("Full-time teachers with city-level training this year"),
            headers=_staff_headers,
            rows=lambda units, year: teachers_with_city_training(units, year),
            cells=_staff_cells,
        ),
        Drilldown(
            slug="principal_alerts",
            figure_keys=("principals",),
            title=lambda: _("Principal appointments that need attention"),
            headers=_alert_headers,
            rows=lambda units, year: principal_alerts(units, year),
            cells=_alert_cells,
        ),
        Drilldown(
            slug="researchers",
            figure_keys=("researchers",),
            title=lambda: _("Teaching researchers who fall short of a requirement"),
            headers=_researcher_headers,
            rows=_researchers_falling_short,
            cells=_researcher_cells,
            numeric=frozenset({5}),
        ),
        *(_headline_drilldown(headline) for headline in Headline),
    )
}

# The drill-down of each dashboard figure, by figure key.
FIGURE_DRILLDOWNS: dict[str, str] = {
    key: drilldown.slug for drilldown in DRILLDOWNS.values() for key in drilldown.figure_keys
}
