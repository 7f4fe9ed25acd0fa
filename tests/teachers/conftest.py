"""Fixtures of the record-page tests: county B's own data, locked returns, form data."""

import pytest
from django.urls import reverse

from jiangmen_edu.models import School
from jiangmen_edu.workflow import return_transition
from tests.teachers import factories
from tests.teachers.factories import YEAR

# slug of the pages → the fixture holding county A's record of that kind
RECORD_FIXTURES = {
    "roster": "roster_row_a",
    "training": "training_a",
    "talent": "talent_title_a",
    "appointment": "appointment_a",
    "semester": "principal_semester_a",
    "researcher_duty": "researcher_duty_a",
}
SLUGS = tuple(RECORD_FIXTURES)


def url(slug: str, action: str, pk: int | None = None) -> str:
    return reverse(f"teachers:{slug}_{action}", kwargs={"pk": pk} if pk else None)


def form_data(slug: str, school: School, staff_no: str = "A0001") -> dict:
    """A valid add form for each kind of record, as a browser posts it."""
    return {
        "roster": {
            "staff_no": "A0100",
            "name": "王芳",
            "year": YEAR,
            "school": school.pk,
            "stage": "primary",
            "post": "teacher",
            "employment": "on_staff",
            "degree": 3,
            "title": 2,
            "subject": "maths",
            "teaching_years": 5,
            "management_years": 0,
            "annual_pay": "88000",
        },
        "training": {
            "staff": staff_no,
            "date": f"{YEAR}-05-10",
            "hours": "24",
            "level": "city",
            "provider": "江门市教师发展中心",
            "course": "新课程标准",
        },
        "talent": {"staff": staff_no, "kind": "city_excellent", "level": "city", "year": YEAR},
        "appointment": {
            "staff": staff_no,
            "school": school.pk,
            "start_date": f"{YEAR}-02-01",
            "end_date": "",
            "consecutive_term": 1,
        },
        "semester": {"staff": staff_no, "year": YEAR, "semester": 2, "lessons_observed": 55},
        "researcher_duty": {
            "staff": staff_no,
            "year": YEAR,
            "level": "county",
            "guidance_days": 80,
            "lessons_observed": 100,
            "public_lessons": 5,
            "in_post_since": 2020,
        },
    }[slug]


@pytest.fixture
def school_b(county_b):
    return factories.make_school(county_b, "4407838001", "开平市长沙第八小学")


@pytest.fixture
def staff_b(county_b):
    return factories.make_staff(county_b, "B0001", "陈静")


@pytest.fixture
def records_b(reporting_year, staff_b, school_b):
    """One record of each kind in county B, by slug."""
    return {
        "roster": factories.make_roster_row(staff_b, school_b),
        "training": factories.make_training(staff_b),
        "talent": factories.make_talent_title(staff_b),
        "appointment": factories.make_appointment(staff_b, school_b),
        "semester": factories.make_principal_semester(staff_b),
        "researcher_duty": factories.make_researcher_duty(staff_b),
    }


@pytest.fixture
def record_a(request, slug):
    """County A's record of the kind under test (tests parametrise `slug`)."""
    return request.getfixturevalue(RECORD_FIXTURES[slug])


@pytest.fixture
def submitted(teachers_return, editor, without_quality_rules):
    return return_transition(yearly_return=teachers_return, user=editor, action="submit")


@pytest.fixture
def approved(submitted, reviewer):
    return return_transition(yearly_return=submitted, user=reviewer, action="approve")
