"""One county's year of data, written straight to the database, with known scores.

`build_county(unit, size=n)` gives county A (台山市, West) in 2025 these scores (defaults):

| item | data | score |
| --- | --- | --- |
| 1 | assessor 4 + 5 | 9 |
| 2.1 | kindergarten 100 %, primary exactly 93 %, junior 96 % < 98 %, senior exactly 25 % | 12 |
| 2.2 | no researchers, stated by the county (suggestion 0), assessor 0 | 0 |
| 2.3a | assessor 2 | 2 |
| 2.3b | temp pay exactly 70 % of on-staff pay | 2 |
| 2.3c | 10 % temps; 25n last year (approved) → 20n: a fall of exactly 20 % | 4 |
| 2.4 | venue 1, equipment 0.5, training 1 | 4 |
| 3.1 | preschool 300/300, compulsory 1500/2000, high school task 0 | 8 |
| 3.2a | 9500 public incl. purchased of 10000: exactly 95 % | 4 |
| 3.2bc | nothing to convert (I-4) | 3 |
| 3.3 | 90 of 100 boarding seats: exactly 90 % | 3 |
| 3.4a | one primary coefficient exactly 0.50, the rest 0 | 7 |
| 3.4b | not applied, assessor 3 | 3 |
| 4 | 135 satisfied of 150 | 4.5 |

Total 65.5. `size` multiplies the staff, schools, projects and resource rows, never a score.
"""

import datetime
from decimal import Decimal

from assessment.models import (
    AssessmentYear,
    DevelopmentCentre,
    PreschoolStatus,
    QualitativeScore,
    SatisfactionSurvey,
    SchoolResources,
)
from jiangmen_edu.models import (
    ReportingYear,
    Role,
    School,
    Section,
    Stage,
    Unit,
    User,
    YearlyReturn,
)
from seats.models import EnrolmentYear, PlanPeriod, Project, ProjectYear, YearlyPlan
from teachers.models import (
    Degree,
    Employment,
    NoResearchersStatement,
    Post,
    Staff,
    StaffYear,
    Subject,
    Title,
)

YEAR = 2025
EXPECTED = {
    "1": Decimal("9"),
    "2.1": Decimal("12"),
    "2.2": Decimal("0"),
    "2.3a": Decimal("2"),
    "2.3b": Decimal("2"),
    "2.3c": Decimal("4"),
    "2.4": Decimal("4"),
    "3.1": Decimal("8"),
    "3.2a": Decimal("4"),
    "3.2bc": Decimal("3"),
    "3.3": Decimal("3"),
    "3.4a": Decimal("7"),
    "3.4b": Decimal("3"),
    "4": Decimal("4.5"),
}
EXPECTED_TOTAL = Decimal("65.5")
RESOURCE_FIELDS = (
    "qualified_teachers_per_100",
    "backbone_teachers_per_100",
    "pe_arts_teachers_per_100",
    "floor_area_per_student",
    "ground_area_per_student",
    "equipment_value_per_student",
    "multimedia_rooms_per_100",
)


def approve(unit: Unit, *sections: str, year: int = YEAR) -> None:
    """Mark the unit's returns approved (the workflow itself is tested elsewhere)."""
    YearlyReturn.objects.filter(
        unit=unit, reporting_year__year=year, section__in=sections or list(Section)
    ).update(status=YearlyReturn.Status.APPROVED)


def last_year_teachers_return(unit: Unit, status: str | None) -> None:
    """The unit's teachers return of the year before, in `status`; None: that year not opened
    (no return at all). Item 2.3c reads last year's roster only when it is approved."""
    YearlyReturn.objects.filter(
        unit=unit, reporting_year__year=YEAR - 1, section=Section.TEACHERS
    ).delete()
    if status is None:
        return
    reporting_year, _created = ReportingYear.objects.get_or_create(
        year=YEAR - 1, defaults={"due_date": datetime.date(YEAR, 3, 31)}
    )
    YearlyReturn.objects.create(
        unit=unit, reporting_year=reporting_year, section=Section.TEACHERS, status=status
    )


def _school(unit: Unit, number: int, school_type: str, **fields) -> School:
    return School.objects.create(
        unit=unit,
        code=f"{unit.code}{number:04d}",
        name=f"{unit.name}测试学校{number}",
        school_type=school_type,
        ownership=School.Ownership.PUBLIC,
        **fields,
    )


def _teachers(unit: Unit, size: int, schools: dict[str, School]) -> None:
    """Full-time teachers per stage: (count, holders of the target degree)."""
    plan = {
        Stage.KINDERGARTEN: (50, 50, Degree.ASSOCIATE, Degree.HIGH_SCHOOL),
        Stage.PRIMARY: (100, 93, Degree.BACHELOR, Degree.ASSOCIATE),
        Stage.JUNIOR: (50, 48, Degree.BACHELOR, Degree.ASSOCIATE),
        Stage.SENIOR: (20, 5, Degree.MASTER, Degree.BACHELOR),
    }
    staff, rows, number = [], [], 0
    for stage, (count, holders, high, low) in plan.items():
        for index in range(count * size):
            number += 1
            person = Staff(unit=unit, staff_no=f"T{number:05d}", name=f"教师{number}")
            staff.append(person)
            temp = stage == Stage.PRIMARY and index < 20 * size
            rows.append(
                dict(
                    staff=person,
                    stage=stage,
                    degree=high if index < holders * size else low,
                    employment=Employment.TEMPORARY if temp else Employment.ON_STAFF,
                    annual_pay=Decimal("70000") if temp else Decimal("100000"),
                )
            )
    # Last year's temporary teachers: 25 per size, so this year's 20 are a fall of 20 %.
    last_year = []
    for index in range(25 * size):
        person = Staff(unit=unit, staff_no=f"L{index:05d}", name=f"去年临聘{index}")
        staff.append(person)
        last_year.append(person)
    Staff.objects.bulk_create(staff)
    common = dict(unit=unit, post=Post.TEACHER, title=Title.INTERMEDIATE, teaching_years=8)
    StaffYear.objects.bulk_create(
        [
            StaffYear(
                year=YEAR,
                school=schools[row["stage"]],
                subject=Subject.CHINESE,
                **common,
                **row,
            )
            for row in rows
        ]
        + [
            StaffYear(
                staff=person,
                year=YEAR - 1,
                school=schools[Stage.PRIMARY],
                stage=Stage.PRIMARY,
                degree=Degree.BACHELOR,
                employment=Employment.TEMPORARY,
                subject=Subject.CHINESE,
                annual_pay=Decimal("70000"),
                **common,
            )
            for person in last_year
        ]
    )


def _seats(unit: Unit, size: int) -> None:
    period = PlanPeriod.objects.get(start_year__lte=YEAR, end_year__gte=YEAR)
    for stage, seats in (("preschool", 300), ("compulsory", 2000), ("high_school", 0)):
        YearlyPlan.objects.create(period=period, unit=unit, year=YEAR, stage=stage, seats=seats)
    delivered = {"preschool": 300, "compulsory": 1500}
    for stage, seats in delivered.items():
        # The seats are spread over `size` projects; their sum is what counts.
        shares = [seats // size] * size
        shares[0] += seats - sum(shares)
        for index, share in enumerate(shares):
            project = Project.objects.create(
                unit=unit,
                code=f"{stage}-{index}",
                name=f"{stage} 项目 {index}",
                kind="new_build",
                stage=stage,
                seats_planned=share,
                status="completed",
            )
            ProjectYear.objects.create(
                project=project, year=YEAR, seats_planned=share, seats_delivered=share
            )
    EnrolmentYear.objects.create(
        unit=unit,
        year=YEAR,
        public_students=9000,
        purchased_students=500,
        private_students=500,
        boarding_target=100,
        boarding_completed=90,
    )


def _resources(unit: Unit, size: int, start: int) -> None:
    """Primary: pairs of schools of equal students at 9 and 3 (CV exactly 0.5) for the first
    indicator, equal values elsewhere; junior: equal values (CV 0)."""
    rows = []
    for index in range(2 * size):
        primary = _school(unit, start + index, School.Type.PRIMARY, students=400)
        values = {name: Decimal("5") for name in RESOURCE_FIELDS}
        values["qualified_teachers_per_100"] = Decimal("9") if index % 2 else Decimal("3")
        rows.append(
            SchoolResources(school=primary, year=YEAR, stage=Stage.PRIMARY, students=400, **values)
        )
        junior = _school(unit, start + 100 + index, School.Type.JUNIOR, students=300)
        rows.append(
            SchoolResources(
                school=junior,
                year=YEAR,
                stage=Stage.JUNIOR,
                students=300,
                **{name: Decimal("6") for name in RESOURCE_FIELDS},
            )
        )
    SchoolResources.objects.bulk_create(rows)


def _own(unit: Unit) -> None:
    DevelopmentCentre.objects.create(
        unit=unit, year=YEAR, venue=Decimal(1), equipment=Decimal("0.5"), training=Decimal(1)
    )
    PreschoolStatus.objects.create(unit=unit, year=YEAR, status=PreschoolStatus.Status.NOT_APPLIED)
    SatisfactionSurvey.objects.create(
        unit=unit, year=YEAR, group="parents", respondents=100, satisfied=90
    )
    SatisfactionSurvey.objects.create(
        unit=unit, year=YEAR, group="teachers", respondents=50, satisfied=45
    )


def qualitative(assessment: AssessmentYear, unit: Unit, assessor: User) -> None:
    common = dict(assessment=assessment, unit=unit, assessor=assessor)
    QualitativeScore.objects.create(
        code="1",
        score=Decimal(9),
        parts={
            "teacher_policy": {"score": "4", "reason": "政策落实较好"},
            "seat_supply": {"score": "5", "reason": "规划完整"},
        },
        reason="…",
        **common,
    )
    QualitativeScore.objects.create(code="2.2", score=Decimal(0), reason="未配备教研员", **common)
    QualitativeScore.objects.create(code="2.3a", score=Decimal(2), reason="制度健全", **common)
    QualitativeScore.objects.create(code="3.4b", score=Decimal(3), reason="推进有力", **common)


def state_no_researchers(unit: Unit) -> NoResearchersStatement:
    """The county's statement that it has no teaching researchers in the year (I-11)."""
    editor, _created = User.objects.get_or_create(
        username=f"builder_{unit.code}", defaults={"role": Role.COUNTY_EDITOR, "unit": unit}
    )
    return NoResearchersStatement.objects.create(unit=unit, year=YEAR, stated_by=editor)


def build_county(unit: Unit, *, size: int = 1, approved: bool = True) -> None:
    """County data of the year (see the module docstring); returns approved unless told."""
    schools = {
        Stage.KINDERGARTEN: _school(unit, 1, School.Type.KINDERGARTEN),
        Stage.PRIMARY: _school(unit, 2, School.Type.PRIMARY),
        Stage.JUNIOR: _school(unit, 3, School.Type.JUNIOR),
        Stage.SENIOR: _school(unit, 4, School.Type.SENIOR),
    }
    _teachers(unit, size, schools)
    state_no_researchers(unit)
    _seats(unit, size)
    _resources(unit, size, start=10)
    _own(unit)
    if approved:
        approve(unit)
        last_year_teachers_return(unit, YearlyReturn.Status.APPROVED)
