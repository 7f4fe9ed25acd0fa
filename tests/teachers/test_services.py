"""teachers.services: the rules the pages rely on, called directly as a script would."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from teachers import services
from teachers.models import Staff, StaffYear
from tests.conftest import client_for
from tests.teachers.conftest import form_data, url
from tests.teachers.factories import YEAR


def roster_fields(school, **overrides):
    fields = {
        "staff_no": "A0300",
        "name": "赵敏",
        "year": YEAR,
        "school": school,
        "stage": "primary",
        "post": "teacher",
        "employment": "on_staff",
        "degree": 3,
        "title": 2,
        "subject": "maths",
        "annual_pay": Decimal("90000"),
    }
    return fields | overrides


def error_fields(error) -> set[str]:
    return set(error.value.error_dict)


def test_it_adds_a_roster_row_and_its_person(editor, teachers_return, school_a):
    row = services.staff_year_create(user=editor, **roster_fields(school_a))
    assert row.unit == editor.unit
    assert row.staff == Staff.objects.get(unit=editor.unit, staff_no="A0300", name="赵敏")


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"stage": "senior"}, "stage"),
        ({"school": None}, "school"),
        ({"annual_pay": Decimal("-1")}, "annual_pay"),
        ({"subject": "latin"}, "subject"),
    ],
)
def test_roster_rules(overrides, field, editor, teachers_return, school_a):
    with pytest.raises(ValidationError) as error:
        services.staff_year_create(user=editor, **(roster_fields(school_a) | overrides))
    assert error_fields(error) == {field}
    assert not StaffYear.objects.exists()
    assert not Staff.objects.filter(staff_no="A0300").exists()


def test_a_researcher_needs_no_school(editor, teachers_return):
    row = services.staff_year_create(
        user=editor, **roster_fields(None, post="researcher", stage="junior")
    )
    assert row.school is None


def test_a_school_of_another_unit_is_refused(other_editor, reporting_year, school_a):
    with pytest.raises(ValidationError) as error:
        services.staff_year_create(user=other_editor, **roster_fields(school_a))
    assert error_fields(error) == {"school"}


def test_only_county_editors_write(reviewer, teachers_return, school_a):
    with pytest.raises(PermissionDenied):
        services.staff_year_create(user=reviewer, **roster_fields(school_a))


def test_deleting_a_row_keeps_a_person_with_other_records(editor, roster_row_a, training_a):
    services.staff_year_delete(user=editor, staff_year=roster_row_a)
    assert Staff.objects.filter(pk=roster_row_a.staff_id).exists()


def test_deleting_the_last_record_of_a_person_removes_them(editor, roster_row_a):
    services.staff_year_delete(user=editor, staff_year=roster_row_a)
    assert not Staff.objects.filter(pk=roster_row_a.staff_id).exists()


def test_appointment_rules(editor, teachers_return, staff_a, school_a):
    start = datetime.date(YEAR, 9, 1)
    with pytest.raises(ValidationError) as error:
        services.appointment_create(
            user=editor, staff=staff_a, school=school_a, start_date=start, end_date=start
        )
    assert error_fields(error) == {"end_date"}
    with pytest.raises(ValidationError) as error:
        services.appointment_create(
            user=editor, staff=staff_a, school=school_a, start_date=start, consecutive_term=0
        )
    assert error_fields(error) == {"consecutive_term"}


def test_training_hours_must_be_positive(editor, teachers_return, staff_a):
    with pytest.raises(ValidationError) as error:
        services.training_create(
            user=editor, staff=staff_a, date=datetime.date(YEAR, 1, 5), hours=0, level="school"
        )
    assert error_fields(error) == {"hours"}


def test_duplicates_are_refused(editor, talent_title_a, principal_semester_a, researcher_duty_a):
    staff = talent_title_a.staff
    with pytest.raises(ValidationError):
        services.talent_title_create(
            user=editor,
            staff=staff,
            kind=talent_title_a.kind,
            level=talent_title_a.level,
            year=talent_title_a.year,
        )
    with pytest.raises(ValidationError) as error:
        services.principal_semester_create(
            user=editor, staff=staff, year=YEAR, semester=1, lessons_observed=50
        )
    assert error_fields(error) == {"semester"}
    with pytest.raises(ValidationError) as error:
        services.researcher_duty_create(
            user=editor,
            staff=staff,
            year=YEAR,
            level="county",
            guidance_days=80,
            lessons_observed=90,
            public_lessons=5,
            in_post_since=2018,
        )
    assert error_fields(error) == {"year"}


def test_updates_use_the_stored_row_not_the_callers_copy(editor, training_a):
    """The caller's instance may carry a form's input; the lock is checked on the stored year."""
    training_a.hours = Decimal("999")
    updated = services.training_update(
        user=editor,
        training=training_a,
        staff=training_a.staff,
        date=training_a.date,
        hours=Decimal("20"),
        level="city",
    )
    assert updated.hours == Decimal("20")


def test_page_changes_are_in_the_audit_trail(editor, teachers_return, school_a):
    client_for(editor).post(url("roster", "add"), form_data("roster", school_a))
    row = StaffYear.objects.get()
    entry = LogEntry.objects.get_for_object(row).get()
    assert entry.actor == editor
    assert entry.additional_data == {"unit": editor.unit.code}
