"""Principals (docs/rules.md#principals): appointment requirements, probation, terms and
lessons observed; new principals' qualification training is judged in `training`."""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from jiangmen_edu.models import Stage
from teachers.models import Title
from teachers.rules.training import (
    QualificationStatus,
    add_years,
    qualification_training_status,
)

PRINCIPAL_MIN_TEACHING_YEARS = 5
PRINCIPAL_MIN_TITLE = Title.INTERMEDIATE
HIGH_SCHOOL_PRINCIPAL_MIN_TITLE = Title.SENIOR
PRINCIPAL_MIN_MANAGEMENT_YEARS = 3
PROBATION_YEARS = 1
TERM_YEARS = 5
MAX_CONSECUTIVE_TERMS = 2
PRINCIPAL_MIN_LESSONS = 50
# The day each semester is taken to begin; a principal in post on that day owes its lessons.
SEMESTER_STARTS = {1: (2, 1), 2: (9, 1)}


class PrincipalFinding(StrEnum):
    ROSTER_MISSING = "roster_missing"
    TEACHING_YEARS = "teaching_years"
    TITLE = "title"
    MANAGEMENT_YEARS = "management_years"
    QUALIFICATION_PENDING = "qualification_pending"
    QUALIFICATION_LATE = "qualification_late"
    QUALIFICATION_OVERDUE = "qualification_overdue"
    ON_PROBATION = "on_probation"
    PROBATION_OVERDUE = "probation_overdue"
    TERM_LAST_YEAR = "term_last_year"
    TERM_EXPIRED = "term_expired"
    THIRD_TERM = "third_term"
    LESSONS_BELOW = "lessons_below"
    LESSONS_NOT_REPORTED = "lessons_not_reported"


# Breaches of a rule; the other findings are alerts (something is due) or information.
PRINCIPAL_VIOLATIONS = frozenset(
    {
        PrincipalFinding.TEACHING_YEARS,
        PrincipalFinding.TITLE,
        PrincipalFinding.MANAGEMENT_YEARS,
        PrincipalFinding.QUALIFICATION_LATE,
        PrincipalFinding.QUALIFICATION_OVERDUE,
        PrincipalFinding.THIRD_TERM,
        PrincipalFinding.LESSONS_BELOW,
    }
)


@dataclass(frozen=True)
class AppointmentInputs:
    """One principal appointment and what the rules need to know about its holder."""

    start_date: datetime.date
    end_date: datetime.date | None
    consecutive_term: int
    probation_passed: bool
    is_first_appointment: bool  # the person's first principal post: a "new principal"
    school_stages: tuple[str, ...]
    teaching_years: int | None = None  # from the statistical year's roster row; None: no row
    title: int | None = None
    management_years: int | None = None
    first_qualification_training: datetime.date | None = None
    lessons_observed: Mapping[int, int] = field(default_factory=dict)  # semester → lessons


def is_high_school(school_stages: Iterable[str]) -> bool:
    """A school with the general senior stage: its principal needs a senior title
    (docs/rules.md#principals)."""
    return Stage.SENIOR in set(school_stages)


def appointment_findings(
    teaching_years: int, title: int, management_years: int, school_stages: Iterable[str]
) -> list[PrincipalFinding]:
    """A new appointment's requirements (docs/rules.md#principals, Annex 1 4(1)).

    "5年以上一线教学经历": ≥ 5 years; "中级以上…(高中校长应具备高级以上)": intermediate or
    above, senior or above for a school with the senior stage; "3年以上教育管理": ≥ 3 years.
    """
    findings = []
    if teaching_years < PRINCIPAL_MIN_TEACHING_YEARS:
        findings.append(PrincipalFinding.TEACHING_YEARS)
    minimum = (
        HIGH_SCHOOL_PRINCIPAL_MIN_TITLE if is_high_school(school_stages) else PRINCIPAL_MIN_TITLE
    )
    if title < minimum:
        findings.append(PrincipalFinding.TITLE)
    if management_years < PRINCIPAL_MIN_MANAGEMENT_YEARS:
        findings.append(PrincipalFinding.MANAGEMENT_YEARS)
    return findings


def term_findings(
    start_date: datetime.date,
    end_date: datetime.date | None,
    consecutive_term: int,
    as_of: datetime.date,
) -> list[PrincipalFinding]:
    """Terms (docs/rules.md#principals, Annex 1 6(1)): 5 years each, at most 2 consecutive in one
    post.

    An alert in the last year of a term (from the fourth anniversary of its start); a term
    still open after its fifth anniversary has expired without a recorded reappointment.
    `end_date` is when the appointment actually ended: one that has ended gets no term alert.
    A third consecutive term is a violation; the policy text allows approved exceptions, which the
    reviewer judges from the evidence.
    """
    findings = []
    if consecutive_term > MAX_CONSECUTIVE_TERMS:
        findings.append(PrincipalFinding.THIRD_TERM)
    if end_date is not None and end_date <= as_of:
        return findings
    term_end = add_years(start_date, TERM_YEARS)
    if as_of >= term_end:
        findings.append(PrincipalFinding.TERM_EXPIRED)
    elif as_of >= add_years(start_date, TERM_YEARS - 1):
        findings.append(PrincipalFinding.TERM_LAST_YEAR)
    return findings


def probation_finding(
    start_date: datetime.date, probation_passed: bool, as_of: datetime.date
) -> PrincipalFinding | None:
    """A new principal's 1-year probation (docs/rules.md#principals, Annex 1 4(1)): passed, running,
    or overdue."""
    if probation_passed:
        return None
    if as_of < add_years(start_date, PROBATION_YEARS):
        return PrincipalFinding.ON_PROBATION
    return PrincipalFinding.PROBATION_OVERDUE


def lessons_findings(
    lessons_observed: Mapping[int, int],
    start_date: datetime.date,
    end_date: datetime.date | None,
    year: int,
    as_of: datetime.date,
) -> list[PrincipalFinding]:
    """At least 50 lessons observed per semester ("不少于50节" includes 50;
    docs/rules.md#principals, Annex 1 5(3)).

    A semester is owed when the principal was in post on its first day (appointed on or
    before it, and `end_date`, the last day in post, not before it) and it has begun by
    `as_of`; an owed semester without a record is "not reported", an alert, not a breach.
    """
    findings = []
    for semester, (month, day) in SEMESTER_STARTS.items():
        begins = datetime.date(year, month, day)
        if start_date > begins or as_of < begins:
            continue
        if end_date is not None and end_date < begins:
            continue  # left before the semester began
        lessons = lessons_observed.get(semester)
        if lessons is None:
            findings.append(PrincipalFinding.LESSONS_NOT_REPORTED)
        elif lessons < PRINCIPAL_MIN_LESSONS:
            findings.append(PrincipalFinding.LESSONS_BELOW)
    return findings


def principal_findings(
    appointment: AppointmentInputs, year: int, as_of: datetime.date
) -> list[PrincipalFinding]:
    """Every principal rule (docs/rules.md#principals) for one appointment, in the statistical
    `year`.

    The appointment requirements apply to an appointment to a post that starts in `year`
    (consecutive term 1, so transfers count: a primary head moving to a high school needs the
    senior title); probation and qualification training only to the person's first post.
    """
    findings: list[PrincipalFinding] = []
    if appointment.consecutive_term == 1 and appointment.start_date.year == year:
        if appointment.teaching_years is None:
            findings.append(PrincipalFinding.ROSTER_MISSING)
        else:
            findings += appointment_findings(
                appointment.teaching_years,
                appointment.title or Title.NONE,
                appointment.management_years or 0,
                appointment.school_stages,
            )
    if appointment.is_first_appointment:
        findings += _new_principal_findings(appointment, as_of)
    findings += term_findings(
        appointment.start_date, appointment.end_date, appointment.consecutive_term, as_of
    )
    findings += lessons_findings(
        appointment.lessons_observed, appointment.start_date, appointment.end_date, year, as_of
    )
    return findings


def _new_principal_findings(
    appointment: AppointmentInputs, as_of: datetime.date
) -> list[PrincipalFinding]:
    findings = []
    probation = probation_finding(appointment.start_date, appointment.probation_passed, as_of)
    if probation is not None:
        findings.append(probation)
    status = qualification_training_status(
        appointment.start_date, appointment.first_qualification_training, as_of
    )
    finding = {
        QualificationStatus.PENDING: PrincipalFinding.QUALIFICATION_PENDING,
        QualificationStatus.LATE: PrincipalFinding.QUALIFICATION_LATE,
        QualificationStatus.OVERDUE: PrincipalFinding.QUALIFICATION_OVERDUE,
    }.get(status)
    if finding is not None:
        findings.append(finding)
    return findings
