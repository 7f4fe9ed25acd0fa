"""Adding, editing and deleting every kind of record through the pages, as county A's editor."""

from decimal import Decimal

import pytest

from teachers.models import (
    PrincipalAppointment,
    PrincipalSemester,
    ResearcherDuty,
    Staff,
    StaffYear,
    TalentTitle,
    TrainingRecord,
)
from tests.conftest import client_for
from tests.teachers.conftest import SLUGS, form_data, url
from tests.teachers.factories import YEAR

MODELS = {
    "roster": StaffYear,
    "training": TrainingRecord,
    "talent": TalentTitle,
    "appointment": PrincipalAppointment,
    "semester": PrincipalSemester,
    "researcher_duty": ResearcherDuty,
}

# slug → (field to change on the edit page, posted value, stored value)
EDITS = {
    "roster": ("annual_pay", "99000.50", Decimal("99000.50")),
    "training": ("hours", "36", Decimal("36")),
    "talent": ("level", "provincial", "provincial"),
    "appointment": ("consecutive_term", "2", 2),
    "semester": ("lessons_observed", "61", 61),
    "researcher_duty": ("guidance_days", "90", 90),
}


@pytest.mark.parametrize("slug", SLUGS)
def test_it_adds_a_record(slug, editor, teachers_return, staff_a, school_a):
    model = MODELS[slug]
    before = model.objects.count()
    client = client_for(editor)
    assert client.get(url(slug, "add")).status_code == 200
    response = client.post(url(slug, "add"), form_data(slug, school_a))
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == url(slug, "list")
    assert model.objects.count() == before + 1


@pytest.mark.parametrize("slug", SLUGS)
def test_it_edits_a_record(slug, editor, record_a, school_a):
    field, posted, stored = EDITS[slug]
    data = form_data(slug, school_a) | {field: posted}
    if slug == "roster":
        data |= {"staff_no": record_a.staff.staff_no, "name": record_a.staff.name}
    client = client_for(editor)
    page = client.get(url(slug, "edit", record_a.pk))
    assert page.status_code == 200
    assert b'data-testid="lock-reason"' not in page.content
    response = client.post(url(slug, "edit", record_a.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    record_a.refresh_from_db()
    assert getattr(record_a, field) == stored


@pytest.mark.parametrize("slug", SLUGS)
def test_it_deletes_a_record(slug, editor, record_a):
    client = client_for(editor)
    assert client.get(url(slug, "delete", record_a.pk)).status_code == 405
    response = client.post(url(slug, "delete", record_a.pk))
    assert response.status_code == 302
    assert not MODELS[slug].objects.filter(pk=record_a.pk).exists()


def test_the_edit_form_shows_the_staff_number(editor, training_a):
    page = client_for(editor).get(url("training", "edit", training_a.pk))
    assert page.context["form"]["staff"].value() == "A0001"
    assert "李明" in page.content.decode()


def test_a_roster_row_creates_the_person_once(editor, teachers_return, school_a):
    client = client_for(editor)
    data = form_data("roster", school_a)
    client.post(url("roster", "add"), data)
    staff = Staff.objects.get(unit=editor.unit, staff_no="A0100")
    assert staff.name == "王芳"
    # Training for the new person is found by the same number.
    response = client.post(
        url("training", "add"), form_data("training", school_a, staff_no=" A0100 ")
    )
    assert response.status_code == 302
    assert staff.trainings.count() == 1


def test_a_known_staff_number_needs_the_same_name(editor, roster_row_a, school_a):
    data = form_data("roster", school_a) | {"staff_no": "A0001", "name": "李敏", "year": YEAR}
    response = client_for(editor).post(url("roster", "add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert StaffYear.objects.count() == 1


def test_one_roster_row_per_person_and_year(editor, roster_row_a, school_a):
    data = form_data("roster", school_a) | {"staff_no": "A0001", "name": "李明"}
    response = client_for(editor).post(url("roster", "add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert StaffYear.objects.count() == 1


def test_the_name_can_be_corrected_on_the_edit_page(editor, roster_row_a, school_a):
    data = form_data("roster", school_a) | {"staff_no": "A0001", "name": "李明明"}
    response = client_for(editor).post(url("roster", "edit", roster_row_a.pk), data)
    assert response.status_code == 302
    roster_row_a.staff.refresh_from_db()
    assert roster_row_a.staff.name == "李明明"


def test_another_staff_number_moves_the_row_and_drops_the_empty_person(
    editor, teachers_return, county_a, school_a
):
    from tests.teachers.factories import make_roster_row, make_staff

    typo = make_staff(county_a, "A00O1", "张伟")
    row = make_roster_row(typo, school_a)
    data = form_data("roster", school_a) | {"staff_no": "A0011", "name": "张伟"}
    response = client_for(editor).post(url("roster", "edit", row.pk), data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.staff.staff_no == "A0011"
    assert not Staff.objects.filter(pk=typo.pk).exists()


def test_the_school_must_teach_the_stage(editor, teachers_return, school_a):
    data = form_data("roster", school_a) | {"stage": "senior"}
    response = client_for(editor).post(url("roster", "add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["stage"]
    assert not StaffYear.objects.exists()


def test_only_researchers_may_have_no_school(editor, teachers_return, school_a):
    client = client_for(editor)
    data = form_data("roster", school_a) | {"school": ""}
    response = client.post(url("roster", "add"), data)
    assert response.context["form"].errors["school"]
    response = client.post(url("roster", "add"), data | {"post": "researcher"})
    assert response.status_code == 302
    assert StaffYear.objects.get().school is None


@pytest.mark.parametrize(
    "slug, field, value",
    [
        ("training", "hours", "0"),
        ("roster", "annual_pay", "-1"),
        ("appointment", "consecutive_term", "0"),
        ("appointment", "end_date", f"{YEAR}-01-01"),
    ],
)
def test_model_constraints_come_back_as_field_errors(
    slug, field, value, editor, teachers_return, staff_a, school_a
):
    data = form_data(slug, school_a) | {field: value}
    response = client_for(editor).post(url(slug, "add"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not MODELS[slug].objects.exists()


def test_an_unknown_staff_number_is_a_form_error(editor, teachers_return, staff_a, school_a):
    data = form_data("talent", school_a, staff_no="NOPE")
    response = client_for(editor).post(url("talent", "add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["staff"]
    assert not TalentTitle.objects.exists()


def test_a_year_the_city_has_not_opened_takes_no_data(editor, teachers_return, staff_a, school_a):
    data = form_data("training", school_a) | {"date": f"{YEAR - 3}-05-10"}
    response = client_for(editor).post(url("training", "add"), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not TrainingRecord.objects.exists()
