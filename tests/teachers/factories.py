"""Teachers-ledger data for tests, written straight to the database (not through services).

`make_*` write one record with defaults that give a valid row of county data for the suite's
open year; pass what a test is about. `rosters`, `train` and `populate` write many at once in
bulk, for the dashboard and the query counts. County A is 台山市 (440781), county B 开平市
(440783), as in tests/conftest.py. Schools and staff made without a code or number get one of
their own; staff numbers of `rosters` carry a prefix per test so that a page's rows can be
matched exactly.
"""

import datetime
import itertools
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
D = datetime.date
_numbers = itertools.count(1)


def make_school(
    unit: Unit,
    code: str | None = None,
    name: str | None = None,
    school_type: str = School.Type.PRIMARY,
    ownership: str = School.Ownership.PUBLIC,
    **fields,
) -> School:
    n = next(_numbers)
    return School.objects.create(
        unit=unit,
        code=code or f"D{n:09d}",
        name=name or f"测试学校{n}",
        school_type=school_type,
        ownership=ownership,
        **fields,
    )


def make_staff(
    unit: Unit,
    staff_no: str | None = None,
    name: str | None = None,
    *,
    hired_year: int | None = None,
    moe: bool = False,
) -> Staff:
    n = next(_numbers)
    return Staff.objects.create(
        unit=unit,
        staff_no=staff_no or f"S{n:06d}",
        name=name or f"教师{n}",
        hired_year=hired_year,
        from_moe_normal_university=moe,
    )


def make_roster_row(staff: Staff, school: School | None, **fields) -> StaffYear:
    values = {
        "unit": staff.unit,
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
    return StaffYear.objects.create(staff=staff, school=school, **values)


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


# Many at once, in bulk: the dashboard, its drill-downs and the query counts.


def rosters(
    unit: Unit,
    school: School | None,
    count: int,
    *,
    prefix: str = "S",
    year: int = YEAR,
    stage: str | None = None,
    post: str = Post.TEACHER,
    employment: str = Employment.ON_STAFF,
    degree: int = Degree.BACHELOR,
    title: int = Title.INTERMEDIATE,
    subject: str = Subject.CHINESE,
    annual_pay: str | None = None,
    hired_year: int | None = None,
    staff: list[Staff] | None = None,
) -> list[StaffYear]:
    """`count` roster rows of one kind (new people unless `staff` is given), in bulk."""
    if staff is None:
        start = next(_numbers) * 10000
        staff = Staff.objects.bulk_create(
            Staff(
                unit=unit,
                staff_no=f"{prefix}{start + i}",
                name=f"{prefix}员{i}",
                hired_year=hired_year,
            )
            for i in range(count)
        )
    if stage is None:
        stage = school.stages[0] if school else Stage.PRIMARY
    return StaffYear.objects.bulk_create(
        StaffYear(
            staff=person,
            year=year,
            unit=unit,
            school=school,
            stage=stage,
            post=post,
            employment=employment,
            degree=degree,
            title=title,
            subject=subject,
            teaching_years=10,
            management_years=3,
            annual_pay=None if annual_pay is None else Decimal(annual_pay),
        )
        for person in staff
    )


def train(rows: list[StaffYear], day: datetime.date, hours: str, level: str = "county") -> None:
    TrainingRecord.objects.bulk_create(
        TrainingRecord(staff_id=row.staff_id, date=day, hours=Decimal(hours), level=level)
        for row in rows
    )


def staff_numbers(rows: list[StaffYear]) -> set[str]:
    return {row.staff.staff_no for row in rows}


def populate(unit: Unit, schools: list[School], count: int, year: int = YEAR) -> None:
    """`count` people of every kind over five years, with every kind of record."""
    start = next(_numbers) * 100000
    staff = Staff.objects.bulk_create(
        Staff(
            unit=unit,
            staff_no=f"P{start + i}",
            name=f"批量{i}",
            hired_year=2015 + i % 12,
            from_moe_normal_university=i % 9 == 0,
        )
        for i in range(count)
    )
    rows = []
    for i, person in enumerate(staff):
        post = Post.RESEARCHER if i % 20 == 0 else Post.PRINCIPAL if i % 10 == 5 else Post.TEACHER
        school = None if post == Post.RESEARCHER else schools[i % len(schools)]
        stage = school.stages[0] if school else [Stage.PRIMARY, Stage.JUNIOR][i % 2]
        for row_year in range(year - 4, year + 1):
            rows.append(
                StaffYear(
                    staff=person,
                    year=row_year,
                    unit=unit,
                    school=school,
                    stage=stage,
                    post=post,
                    employment=Employment.TEMPORARY if i % 7 == 0 else Employment.ON_STAFF,
                    degree=1 + (i + row_year) % 5,
                    title=i % 5,
                    subject=[Subject.CHINESE, Subject.MATHS, Subject.PE][i % 3],
                    teaching_years=i % 15,
                    management_years=i % 6,
                    annual_pay=Decimal(60000 + i * 10) if i % 4 else None,
                )
            )
    StaffYear.objects.bulk_create(rows)
    TrainingRecord.objects.bulk_create(
        TrainingRecord(
            staff=person,
            date=D(year - i % 3, 1 + i % 12, 1),
            hours=Decimal(f"{40 + i % 60}.5"),
            level=["city", "county", "school"][i % 3],
            is_qualification=i % 10 == 5 and i % 40 != 15,  # some new principals overdue
        )
        for i, person in enumerate(staff)
    )
    TalentTitle.objects.bulk_create(
        TalentTitle(staff=person, kind=TalentTitle.Kind.values[i % 5], level="city", year=year)
        for i, person in enumerate(staff)
        if i % 3 == 0
    )
    principals = [person for i, person in enumerate(staff) if i % 10 == 5]
    PrincipalAppointment.objects.bulk_create(
        PrincipalAppointment(
            staff=person,
            school=schools[i % len(schools)],
            start_date=D(year - i % 6, 9, 1),
            consecutive_term=1 + i % 3,
        )
        for i, person in enumerate(principals)
    )
    PrincipalSemester.objects.bulk_create(
        PrincipalSemester(staff=person, year=year, semester=1, lessons_observed=45 + i % 10)
        for i, person in enumerate(principals)
    )
    ResearcherDuty.objects.bulk_create(
        ResearcherDuty(
            staff=person,
            year=year,
            level="county",
            guidance_days=70 + i % 20,
            lessons_observed=75 + i % 10,
            public_lessons=i % 8,
            in_post_since=2015 + i % 10,
        )
        for i, person in enumerate(staff)
        if i % 20 == 0
    )


SCHOOL_KINDS = (
    (School.Type.PRIMARY, School.Ownership.PUBLIC),
    (School.Type.NINE_YEAR, School.Ownership.PUBLIC),
    (School.Type.KINDERGARTEN, School.Ownership.PRIVATE),
    (School.Type.KINDERGARTEN, School.Ownership.PUBLIC),
    (School.Type.COMPLETE_SECONDARY, School.Ownership.PUBLIC),
    (School.Type.VOCATIONAL, School.Ownership.PUBLIC),
)


def schools_of_every_kind(unit: Unit) -> list[School]:
    return [
        make_school(unit, school_type=school_type, ownership=ownership)
        for school_type, ownership in SCHOOL_KINDS
    ]
