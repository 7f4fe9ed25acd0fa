"""A submitted or approved teachers return refuses every change on the server
(docs/rules.md#yearly-return)."""

import datetime

import pytest
from django.forms.models import model_to_dict

from jiangmen_edu.workflow import ReturnLocked, reporting_year_open, return_transition
from teachers import services
from teachers.models import StaffYear, TrainingRecord
from tests.conftest import client_for
from tests.teachers.conftest import SLUGS, form_data, url
from tests.teachers.factories import YEAR, make_roster_row, make_staff
from tests.teachers.test_record_pages import EDITS, MODELS

# Submission here is about the workflow, not the data-quality rules (tests/core/quality).
pytestmark = pytest.mark.usefixtures("without_quality_rules")


def snapshot(record):
    return model_to_dict(type(record).objects.get(pk=record.pk))


@pytest.mark.parametrize("slug", SLUGS)
def test_an_approved_year_shows_why_and_refuses_edits(slug, editor, record_a, school_a, approved):
    client = client_for(editor)
    before = snapshot(record_a)

    page = client.get(url(slug, "edit", record_a.pk))
    assert page.status_code == 200
    assert b'data-testid="lock-reason"' in page.content
    assert b'type="submit" class="btn btn-primary"' not in page.content

    field, posted, _stored = EDITS[slug]
    data = form_data(slug, school_a) | {field: posted}
    if slug == "roster":
        data |= {"staff_no": record_a.staff.staff_no, "name": record_a.staff.name}
    response = client.post(url(slug, "edit", record_a.pk), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert snapshot(record_a) == before

    response = client.post(url(slug, "delete", record_a.pk))
    assert response.status_code == 302
    assert snapshot(record_a) == before


@pytest.mark.parametrize("slug", SLUGS)
def test_an_approved_year_takes_no_new_records(slug, editor, staff_a, school_a, approved):
    count = MODELS[slug].objects.count()
    response = client_for(editor).post(url(slug, "add"), form_data(slug, school_a))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert MODELS[slug].objects.count() == count


def test_a_submitted_year_is_locked_too(editor, roster_row_a, school_a, submitted):
    page = client_for(editor).get(url("roster", "edit", roster_row_a.pk))
    assert b'data-testid="lock-reason"' in page.content
    with pytest.raises(ReturnLocked):
        services.staff_year_delete(user=editor, staff_year=roster_row_a)
    assert StaffYear.objects.filter(pk=roster_row_a.pk).exists()


def test_the_list_marks_locked_rows(editor, roster_row_a, approved):
    page = client_for(editor).get(url("roster", "list"))
    [row] = page.context["rows"]
    assert not row.can_edit
    # "locked", and View opens the record read-only with the reason.
    assert b'data-testid="locked"' in page.content
    assert url("roster", "edit", roster_row_a.pk).encode() in page.content


def test_the_list_offers_edit_on_open_rows(editor, roster_row_a):
    page = client_for(editor).get(url("roster", "list"))
    [row] = page.context["rows"]
    assert row.can_edit
    assert b'data-testid="locked"' not in page.content
    assert url("roster", "edit", roster_row_a.pk).encode() in page.content


def test_a_returned_year_is_editable_again(editor, reviewer, roster_row_a, school_a, submitted):
    return_transition(yearly_return=submitted, user=reviewer, action="send_back", comment="改")
    services.staff_year_delete(user=editor, staff_year=roster_row_a)
    assert not StaffYear.objects.exists()


@pytest.fixture
def approved_2024(admin_user, editor, reviewer, county_a):
    """County A's teachers return of 2024, approved."""
    year = reporting_year_open(year=2024, due_date=datetime.date(2025, 3, 31), user=admin_user)
    yearly_return = year.returns.get(unit=county_a, section="teachers")
    return_transition(yearly_return=yearly_return, user=editor, action="submit")
    return return_transition(yearly_return=yearly_return, user=reviewer, action="approve")


def test_a_record_cannot_move_into_a_locked_year(editor, training_a, approved_2024):
    with pytest.raises(ReturnLocked):
        services.training_update(
            user=editor,
            training=training_a,
            staff=training_a.staff,
            date=datetime.date(2024, 6, 1),
            hours=training_a.hours,
            level=training_a.level,
        )
    training_a.refresh_from_db()
    assert training_a.date.year == YEAR


def test_a_record_cannot_move_out_of_a_locked_year(
    editor, teachers_return, county_a, school_a, approved_2024
):
    staff = make_staff(county_a, "A0200", "周杰")
    row = make_roster_row(staff, school_a, year=2024)
    data = form_data("roster", school_a) | {"staff_no": "A0200", "name": "周杰", "year": YEAR}
    response = client_for(editor).post(url("roster", "edit", row.pk), data)
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.year == 2024


def test_a_name_in_a_locked_year_cannot_change(
    editor, teachers_return, staff_a, school_a, roster_row_a, approved_2024
):
    make_roster_row(staff_a, school_a, year=2024)
    data = form_data("roster", school_a) | {"staff_no": "A0001", "name": "李明明"}
    response = client_for(editor).post(url("roster", "edit", roster_row_a.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    staff_a.refresh_from_db()
    assert staff_a.name == "李明"


def test_the_training_year_is_the_date_year(editor, teachers_return, staff_a, approved_2024):
    record = services.training_create(
        user=editor,
        staff=staff_a,
        date=datetime.date(YEAR, 1, 2),
        hours=8,
        level=TrainingRecord.Level.SCHOOL,
    )
    assert record.pk
