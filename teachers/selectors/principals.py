"""Principals (docs/rules.md#principals): the appointments active in a year and their alerts."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery

from teachers.models import PrincipalAppointment, PrincipalSemester, StaffYear, TrainingRecord
from teachers.rules.principals import (
    PRINCIPAL_VIOLATIONS,
    AppointmentInputs,
    PrincipalFinding,
    principal_findings,
)
from teachers.selectors.base import UnitIds, judging_date, unit_filter, year_bounds


@dataclass(frozen=True)
class PrincipalAlert:
    appointment: PrincipalAppointment  # with its staff and school loaded
    inputs: AppointmentInputs
    findings: tuple[PrincipalFinding, ...]

    @property
    def violations(self) -> tuple[PrincipalFinding, ...]:
        return tuple(f for f in self.findings if f in PRINCIPAL_VIOLATIONS)


def principal_inputs(
    unit_ids: UnitIds, year: int, as_of: datetime.date
) -> list[tuple[PrincipalAppointment, AppointmentInputs]]:
    """The appointments active in the year, each with its rule inputs. One query."""
    first_day, last_day = year_bounds(year)
    staff = OuterRef("staff_id")
    roster = StaffYear.objects.filter(staff=staff, year=year).order_by()
    semesters = PrincipalSemester.objects.filter(staff=staff, year=year).order_by()
    appointments = (
        PrincipalAppointment.objects.filter(
            school__unit__in=unit_filter(unit_ids), start_date__lte=min(last_day, as_of)
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first_day))
        .annotate(
            first_start=Subquery(
                PrincipalAppointment.objects.filter(staff=staff)
                .order_by("start_date")
                .values("start_date")[:1]
            ),
            first_qualification=Subquery(
                TrainingRecord.objects.filter(staff=staff, is_qualification=True)
                .order_by("date")
                .values("date")[:1]
            ),
            roster_teaching_years=Subquery(roster.values("teaching_years")[:1]),
            roster_title=Subquery(roster.values("title")[:1]),
            roster_management_years=Subquery(roster.values("management_years")[:1]),
            spring_lessons=Subquery(semesters.filter(semester=1).values("lessons_observed")[:1]),
            autumn_lessons=Subquery(semesters.filter(semester=2).values("lessons_observed")[:1]),
        )
        .select_related("staff", "school", "school__unit")
        .order_by("school__unit__order", "school__code", "start_date")
    )
    result = []
    for appointment in appointments:
        lessons = {
            semester: value
            for semester, value in (
                (1, appointment.spring_lessons),
                (2, appointment.autumn_lessons),
            )
            if value is not None
        }
        inputs = AppointmentInputs(
            start_date=appointment.start_date,
            end_date=appointment.end_date,
            consecutive_term=appointment.consecutive_term,
            probation_passed=appointment.probation_passed,
            is_first_appointment=appointment.start_date == appointment.first_start,
            school_stages=tuple(appointment.school.stages),
            teaching_years=appointment.roster_teaching_years,
            title=appointment.roster_title,
            management_years=appointment.roster_management_years,
            first_qualification_training=appointment.first_qualification,
            lessons_observed=lessons,
        )
        result.append((appointment, inputs))
    return result


def alerts_for(
    principals: list[tuple[PrincipalAppointment, AppointmentInputs]],
    year: int,
    as_of: datetime.date,
) -> list[PrincipalAlert]:
    alerts = []
    for appointment, inputs in principals:
        findings = principal_findings(inputs, year, as_of)
        if findings:
            alerts.append(PrincipalAlert(appointment, inputs, tuple(findings)))
    return alerts


def principal_alerts(
    unit_ids: UnitIds, year: int, *, as_of: datetime.date | None = None
) -> list[PrincipalAlert]:
    """Principal appointments active in the year with at least one finding
    (docs/rules.md#principals).

    Appointment requirements for appointments started this year; probation and qualification
    training for first appointments; term alerts, third terms and lessons observed for all.
    The appointment requirements are read from the statistical year's roster row. One query.
    """
    when = judging_date(year, as_of)
    return alerts_for(principal_inputs(unit_ids, year, when), year, when)


def appointments_beyond_term(
    unit_ids: UnitIds, year: int, max_term: int
) -> QuerySet[PrincipalAppointment]:
    """Appointments covering any day of the year whose consecutive term in the post is above
    `max_term` (docs/rules.md#principals: at most 2). A lazy queryset, one query."""
    first_day, last_day = year_bounds(year)
    return (
        PrincipalAppointment.objects.filter(
            school__unit__in=unit_filter(unit_ids),
            start_date__lte=last_day,
            consecutive_term__gt=max_term,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first_day))
        .select_related("staff__unit", "school")
        .order_by("school__unit__order", "school__code", "start_date")
    )
