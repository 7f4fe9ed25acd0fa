"""Teachers-ledger rows for tests, written straight to the database (not through services).

Defaults give a valid row of county data for the suite's open year; pass what a test is about.
"""

import datetime
from decimal import Decimal

from jiangmen_edu.models import School, Stage, Unit
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

YEAR = 2025


def make_school(
    unit: Unit, code: str, name: str, school_type: str = School.Type.PRIMARY, **fields
) -> School:
    return School.objects.create(
        unit=unit,
        code=code,
        name=name,
        school_type=school_type,
        ownership=fields.pop("ownership", School.Ownership.PUBLIC),
        **fields,
    )


def make_staff(unit: Unit, staff_no: str, name: str) -> Staff:
    return Staff.objects.create(unit=unit, staff_no=staff_no, name=name)


def make_roster_row(staff: Staff, school: School | None, **fields) -> StaffYear:
    values = {
        "year": YEAR,
        "stage": school.stages[0] if school else Stage.PRIMARY,
        "post": Post.TEACHER if school else Post.RESEARCHER,
        "employment": Employment.ON_STAFF,
        "degree": Degree.BACHELOR,
        "title": Title.INTERMEDIATE,
        "subject": Subject.CHINESE,
        "teaching_years": 10,
        "annual_pay": Decimal("96000.00"),
    }
    values.update(fields)
    return StaffYear.objects.create(staff=staff, unit=staff.unit, school=school, **values)


def make_training(staff: Staff, **fields) -> TrainingRecord:
    values = {
        "date": datetime.date(YEAR, 3, 15),
        "hours": Decimal("12.0"),
        "level": TrainingRecord.Level.COUNTY,
        "provider": "县教师发展中心",
    }
    values.update(fields)
    return TrainingRecord.objects.create(staff=staff, **values)


def make_talent_title(staff: Staff, **fields) -> TalentTitle:
    values = {
        "kind": TalentTitle.Kind.COUNTY_FAMOUS_TEACHER,
        "level": TalentTitle.Level.COUNTY,
        "year": YEAR,
    }
    values.update(fields)
    return TalentTitle.objects.create(staff=staff, **values)


def make_appointment(staff: Staff, school: School, **fields) -> PrincipalAppointment:
    values = {"start_date": datetime.date(YEAR, 9, 1), "consecutive_term": 1}
    values.update(fields)
    return PrincipalAppointment.objects.create(staff=staff, school=school, **values)


def make_principal_semester(staff: Staff, **fields) -> PrincipalSemester:
    values = {"year": YEAR, "semester": 1, "lessons_observed": 52}
    values.update(fields)
    return PrincipalSemester.objects.create(staff=staff, **values)


def make_researcher_duty(staff: Staff, **fields) -> ResearcherDuty:
    values = {
        "year": YEAR,
        "level": ResearcherDuty.Level.COUNTY,
        "guidance_days": 85,
        "lessons_observed": 120,
        "public_lessons": 6,
        "in_post_since": 2019,
    }
    values.update(fields)
    return ResearcherDuty.objects.create(staff=staff, **values)
