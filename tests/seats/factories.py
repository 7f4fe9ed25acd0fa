"""Seat-tracker records for tests, written straight to the database (no services)."""

import datetime

from django.core.files.base import ContentFile

from jiangmen_edu.models import School, Township, Unit
from seats.models import (
    BoardingSchool,
    EnrolmentYear,
    PlanPeriod,
    Project,
    ProjectEvidence,
    ProjectYear,
    YearlyPlan,
)

PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fourteenth() -> PlanPeriod:
    return PlanPeriod.objects.get(start_year=2021)


def make_project(
    unit: Unit,
    code: str = "P001",
    *,
    stage: str = "compulsory",
    kind: str = "new_build",
    seats: int = 1000,
    deliveries: dict[int, int] | None = None,
    **fields,
) -> Project:
    project = Project.objects.create(
        unit=unit,
        code=code,
        name=fields.pop("name", f"{unit.name}{code}项目"),
        kind=kind,
        stage=stage,
        seats_planned=seats,
        **fields,
    )
    for year, delivered in (deliveries or {}).items():
        ProjectYear.objects.create(project=project, year=year, seats_delivered=delivered)
    return project


def make_evidence(project: Project, name: str = "竣工验收.pdf") -> ProjectEvidence:
    evidence = ProjectEvidence(project=project, original_name=name, size=len(PDF))
    evidence.file.save(name, ContentFile(PDF), save=False)
    evidence.save()
    return evidence


def make_plan(unit: Unit, figures: dict[tuple[int, str], int], period=None) -> None:
    period = period or fourteenth()
    for (year, stage), seats in figures.items():
        YearlyPlan.objects.update_or_create(
            unit=unit, year=year, stage=stage, defaults={"period": period, "seats": seats}
        )


def make_enrolment(unit: Unit, year: int = 2025, **fields) -> EnrolmentYear:
    values = {"public_students": 9000, "purchased_students": 500, "private_students": 500}
    values.update(fields)
    return EnrolmentYear.objects.create(unit=unit, year=year, **values)


def make_school(unit: Unit, code: str, name: str, school_type: str = "primary", **fields):
    return School.objects.create(
        unit=unit,
        code=code,
        name=name,
        school_type=school_type,
        ownership=fields.pop("ownership", "public"),
        **fields,
    )


def make_boarding_school(unit: Unit, code: str = "4407818801", township: Township | None = None):
    school = make_school(
        unit, code, f"{unit.name}寄宿学校{code[-2:]}", "nine_year", township=township
    )
    return BoardingSchool.objects.create(school=school, boarding_places=300)


TODAY = datetime.date(2025, 9, 1)
