"""Writes to the teachers ledger (SPEC §3), one service per record and action.

Every service takes the acting user, keyword-only, and runs in one transaction that first
calls `workflow.ensure_editable` for each statistical year it touches: a submitted or approved
teachers return refuses the change on the server, whatever page or script asked for it.
Moving a record to another year needs both years editable, so an approved year can neither
lose nor gain rows.

Rules a form cannot check on its own (the school belongs to the editor's unit, the stage is
one the school teaches, a staff member is one of the unit's) raise `ValidationError`, keyed by
the form field where that makes sense; the model's own constraints are checked last with
`full_clean()`.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiangmen_edu.models import Role, School, Section, Unit, User, YearlyReturn
from jiangmen_edu.permissions import require_role, require_unit
from jiangmen_edu.workflow import ensure_editable, lock_reason
from teachers.models import (
    Post,
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    Staff,
    StaffYear,
    TalentTitle,
    TrainingRecord,
)

# Messages shared with the forms, which check the same things before a service is called.
SCHOOL_REQUIRED = gettext_lazy("Choose a school: only teaching researchers may have none.")
HOURS_POSITIVE = gettext_lazy("Enter a number of hours greater than zero.")
PAY_NOT_NEGATIVE = gettext_lazy("Annual pay cannot be negative.")
TERM_AT_LEAST_ONE = gettext_lazy("The term number starts at 1.")
END_AFTER_START = gettext_lazy("The term must end after it starts.")

EDITABLE_STATUSES = (YearlyReturn.Status.DRAFT, YearlyReturn.Status.RETURNED)


# ---------------------------------------------------------------------------------------
# shared checks


def _editor_unit(user: User) -> Unit:
    """Only a county editor writes the ledger, and only for their own unit."""
    require_role(user, {Role.COUNTY_EDITOR})
    return user.unit


def _ensure_years_editable(unit: Unit, *years: int) -> None:
    # Sorted, so that two transactions lock the same returns in the same order.
    for year in sorted(set(years)):
        ensure_editable(unit=unit, year=year, section=Section.TEACHERS)


def _check_school(unit: Unit, school: School | None, field: str = "school") -> None:
    if school is not None and school.unit_id != unit.pk:
        raise ValidationError({field: _("This school is not in your unit.")})


def _check_staff(unit: Unit, staff: Staff) -> None:
    if staff.unit_id != unit.pk:
        raise ValidationError({"staff": _("No staff member with this number in your unit.")})


def _locked_for_update(instance: Model, user: User, unit_of) -> Model:
    """Re-read the row under a lock: the caller's copy may hold a form's unsaved input."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    require_unit(user, unit_of(current))
    return current


def _save(instance: Model) -> Model:
    instance.full_clean()
    instance.save()
    return instance


def teachers_lock_reason(*, unit: Unit, year: int) -> str:
    """Why the unit's teachers data of `year` cannot be changed now, or "" when it can."""
    yearly_return = (
        YearlyReturn.objects.filter(unit=unit, reporting_year__year=year, section=Section.TEACHERS)
        .select_related("reporting_year")
        .first()
    )
    if yearly_return is None:
        return _("The city has not opened %(year)s for returns yet.") % {"year": year}
    return lock_reason(yearly_return)


def locked_years(*, unit: Unit) -> set[int]:
    """The years whose teachers return is submitted or approved for this unit (one query)."""
    return set(
        YearlyReturn.objects.filter(unit=unit, section=Section.TEACHERS)
        .exclude(status__in=EDITABLE_STATUSES)
        .values_list("reporting_year__year", flat=True)
    )


# ---------------------------------------------------------------------------------------
# staff identity and roster rows


def _staff_find_or_create(*, unit: Unit, staff_no: str, name: str) -> Staff:
    """The unit's staff member with this number, created on first use; the name must match."""
    staff_no, name = staff_no.strip(), name.strip()
    staff = Staff.objects.filter(unit=unit, staff_no=staff_no).first()
    if staff is None:
        return _save(Staff(unit=unit, staff_no=staff_no, name=name))
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
    years = sorted(
        YearlyReturn.objects.filter(
            unit=staff.unit_id,
            section=Section.TEACHERS,
            reporting_year__year__in=staff.years.values("year"),
        )
        .exclude(status__in=EDITABLE_STATUSES)
        .values_list("reporting_year__year", flat=True)
    )
    if years:
        raise ValidationError(
            {
                "name": _(
                    "The name cannot be changed: this person is in the locked return of %(years)s."
                )
                % {"years": ", ".join(str(y) for y in years)}
            }
        )
    staff.name = name
    _save(staff)


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
    _check_school(unit, school)
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
    unit = _editor_unit(user)
    with transaction.atomic():
        _ensure_years_editable(unit, year)
        _check_roster_row(unit=unit, school=school, stage=stage, post=post, annual_pay=annual_pay)
        staff = _staff_find_or_create(unit=unit, staff_no=staff_no, name=name)
        _check_one_row_per_year(staff, year)
        return _save(
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
    unit = _editor_unit(user)
    with transaction.atomic():
        row = _locked_for_update(staff_year, user, lambda r: r.unit)
        _ensure_years_editable(unit, row.year, year)
        _check_roster_row(unit=unit, school=school, stage=stage, post=post, annual_pay=annual_pay)
        previous_staff = row.staff
        if staff_no.strip() == previous_staff.staff_no:
            _staff_rename(staff=previous_staff, name=name)
            staff = previous_staff
        else:
            staff = _staff_find_or_create(unit=unit, staff_no=staff_no, name=name)
        _check_one_row_per_year(staff, year, exclude_pk=row.pk)
        row.staff = staff
        row.year = year
        row.school = school
        row.stage = stage
        row.post = post
        row.employment = employment
        row.degree = degree
        row.title = title
        row.subject = subject
        row.teaching_years = teaching_years
        row.management_years = management_years
        row.annual_pay = annual_pay
        _save(row)
        if staff.pk != previous_staff.pk:
            _drop_if_orphan(previous_staff)
        return row


def staff_year_delete(*, user: User, staff_year: StaffYear) -> None:
    """Remove a roster row; the person goes too when nothing else refers to them."""
    unit = _editor_unit(user)
    with transaction.atomic():
        row = _locked_for_update(staff_year, user, lambda r: r.unit)
        _ensure_years_editable(unit, row.year)
        staff = row.staff
        row.delete()
        _drop_if_orphan(staff)


# ---------------------------------------------------------------------------------------
# training records: the year is the date's


def _check_training(unit: Unit, staff: Staff, hours: Decimal) -> None:
    _check_staff(unit, staff)
    if hours <= 0:
        raise ValidationError({"hours": HOURS_POSITIVE})


def training_create(
    *,
    user: User,
    staff: Staff,
    date: datetime.date,
    hours: Decimal,
    level: str,
    provider: str = "",
    course: str = "",
    is_qualification: bool = False,
) -> TrainingRecord:
    """Record a training a staff member of the editor's unit took."""
    unit = _editor_unit(user)
    with transaction.atomic():
        _ensure_years_editable(unit, date.year)
        _check_training(unit, staff, hours)
        return _save(
            TrainingRecord(
                staff=staff,
                date=date,
                hours=hours,
                level=level,
                provider=provider,
                course=course,
                is_qualification=is_qualification,
            )
        )


def training_update(
    *,
    user: User,
    training: TrainingRecord,
    staff: Staff,
    date: datetime.date,
    hours: Decimal,
    level: str,
    provider: str = "",
    course: str = "",
    is_qualification: bool = False,
) -> TrainingRecord:
    """Change a training record; its old and new dates' years must both be editable."""
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(training, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.date.year, date.year)
        _check_training(unit, staff, hours)
        record.staff = staff
        record.date = date
        record.hours = hours
        record.level = level
        record.provider = provider
        record.course = course
        record.is_qualification = is_qualification
        return _save(record)


def training_delete(*, user: User, training: TrainingRecord) -> None:
    """Remove a training record of an editable year."""
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(training, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.date.year)
        record.delete()


# ---------------------------------------------------------------------------------------
# talent titles: the year awarded


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
    unit = _editor_unit(user)
    with transaction.atomic():
        _ensure_years_editable(unit, year)
        _check_staff(unit, staff)
        _check_talent_title_unique(staff, kind, level, year)
        return _save(TalentTitle(staff=staff, kind=kind, level=level, year=year))


def talent_title_update(
    *, user: User, talent_title: TalentTitle, staff: Staff, kind: str, level: str, year: int
) -> TalentTitle:
    """Change a talent title; its old and new years must both be editable."""
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(talent_title, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.year, year)
        _check_staff(unit, staff)
        _check_talent_title_unique(staff, kind, level, year, exclude_pk=record.pk)
        record.staff = staff
        record.kind = kind
        record.level = level
        record.year = year
        return _save(record)


def talent_title_delete(*, user: User, talent_title: TalentTitle) -> None:
    """Remove a talent title of an editable year."""
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(talent_title, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.year)
        record.delete()


# ---------------------------------------------------------------------------------------
# principal appointments: the year of the term's start


def _check_appointment(
    unit: Unit,
    staff: Staff,
    school: School,
    start_date: datetime.date,
    end_date: datetime.date | None,
    consecutive_term: int,
) -> None:
    _check_staff(unit, staff)
    _check_school(unit, school)
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
    unit = _editor_unit(user)
    with transaction.atomic():
        _ensure_years_editable(unit, start_date.year)
        _check_appointment(unit, staff, school, start_date, end_date, consecutive_term)
        return _save(
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
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(appointment, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.start_date.year, start_date.year)
        _check_appointment(unit, staff, school, start_date, end_date, consecutive_term)
        record.staff = staff
        record.school = school
        record.start_date = start_date
        record.end_date = end_date
        record.consecutive_term = consecutive_term
        record.probation_passed = probation_passed
        return _save(record)


def appointment_delete(*, user: User, appointment: PrincipalAppointment) -> None:
    """Remove an appointment whose start year is editable."""
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(appointment, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.start_date.year)
        record.delete()


# ---------------------------------------------------------------------------------------
# principals' semesters


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
    unit = _editor_unit(user)
    with transaction.atomic():
        _ensure_years_editable(unit, year)
        _check_staff(unit, staff)
        _check_semester_unique(staff, year, semester)
        return _save(
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
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(principal_semester, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.year, year)
        _check_staff(unit, staff)
        _check_semester_unique(staff, year, semester, exclude_pk=record.pk)
        record.staff = staff
        record.year = year
        record.semester = semester
        record.lessons_observed = lessons_observed
        return _save(record)


def principal_semester_delete(*, user: User, principal_semester: PrincipalSemester) -> None:
    """Remove a principal's semester of an editable year."""
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(principal_semester, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.year)
        record.delete()


# ---------------------------------------------------------------------------------------
# researchers' yearly duties


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
    unit = _editor_unit(user)
    with transaction.atomic():
        _ensure_years_editable(unit, year)
        _check_staff(unit, staff)
        _check_duty_unique(staff, year)
        return _save(
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
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(researcher_duty, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.year, year)
        _check_staff(unit, staff)
        _check_duty_unique(staff, year, exclude_pk=record.pk)
        record.staff = staff
        record.year = year
        record.level = level
        record.guidance_days = guidance_days
        record.lessons_observed = lessons_observed
        record.public_lessons = public_lessons
        record.in_post_since = in_post_since
        record.school_practice_done = school_practice_done
        return _save(record)


def researcher_duty_delete(*, user: User, researcher_duty: ResearcherDuty) -> None:
    """Remove a researcher's yearly duties of an editable year."""
    unit = _editor_unit(user)
    with transaction.atomic():
        record = _locked_for_update(researcher_duty, user, lambda r: r.staff.unit)
        _ensure_years_editable(unit, record.year)
        record.delete()
