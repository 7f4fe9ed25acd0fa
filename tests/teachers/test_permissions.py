"""Who may do what on the record pages: county B's editor never reaches county A's records,
and the city's roles read everything but write nothing (docs/rules.md#scope)."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict

from teachers import services
from teachers.models import PrincipalAppointment, StaffYear, TrainingRecord
from tests.conftest import client_for
from tests.teachers.conftest import SLUGS, form_data, url
from tests.teachers.test_record_pages import MODELS


@pytest.mark.parametrize("slug", SLUGS)
def test_another_county_editor_gets_404_on_every_record_url(slug, other_editor, record_a, school_a):
    client = client_for(other_editor)
    before = model_to_dict(record_a)
    assert client.get(url(slug, "edit", record_a.pk)).status_code == 404
    assert client.post(url(slug, "edit", record_a.pk), form_data(slug, school_a)).status_code == 404
    assert client.post(url(slug, "delete", record_a.pk)).status_code == 404
    assert model_to_dict(type(record_a).objects.get(pk=record_a.pk)) == before


@pytest.mark.parametrize("slug", SLUGS)
def test_another_county_editor_does_not_see_county_a(slug, other_editor, record_a, records_b):
    client = client_for(other_editor)
    # Even asking for county A by its code shows only county B.
    for params in ({}, {"unit": "440781"}, {"q": record_a.staff.staff_no}):
        page = client.get(url(slug, "list"), params)
        assert record_a not in page.context["page"].object_list
    page = client.get(url(slug, "list"))
    assert list(page.context["page"].object_list) == [records_b[slug]]


@pytest.mark.parametrize("slug", SLUGS)
def test_county_a_in_the_filters_brings_none_of_its_rows(
    slug, other_editor, record_a, records_b, school_a
):
    """County A's unit and school in county B's filters are not applied: the page and the
    export hold county B's rows only."""
    client = client_for(other_editor)
    params = {"unit": "440781", "school": school_a.pk}
    page = client.get(url(slug, "list"), params)
    assert list(page.context["page"].object_list) == [records_b[slug]]
    export = client.get(url(slug, "export"), params)
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and "B0001" in rows[1] and "A0001" not in rows[1]


@pytest.mark.parametrize("slug", ["roster", "appointment"])
def test_another_county_editor_cannot_use_county_a_schools(
    slug, other_editor, county_b, reporting_year, school_a, staff_b
):
    data = form_data(slug, school_a, staff_no="B0001")
    response = client_for(other_editor).post(url(slug, "add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["school"]
    assert not MODELS[slug].objects.exists()


@pytest.mark.parametrize("slug", [s for s in SLUGS if s != "roster"])
def test_another_county_editor_cannot_use_county_a_staff(
    slug, other_editor, reporting_year, staff_a, school_a, school_b
):
    data = form_data(slug, school_b, staff_no=staff_a.staff_no)
    response = client_for(other_editor).post(url(slug, "add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["staff"]
    assert not MODELS[slug].objects.exists()


def test_a_county_b_roster_row_stays_in_county_b(
    other_editor, county_b, reporting_year, staff_a, school_b
):
    """The same staff number in another county is another person."""
    data = form_data("roster", school_b) | {"staff_no": staff_a.staff_no, "name": "黄丽"}
    response = client_for(other_editor).post(url("roster", "add"), data)
    assert response.status_code == 302
    row = StaffYear.objects.get()
    assert row.unit == county_b and row.staff.unit == county_b
    staff_a.refresh_from_db()
    assert staff_a.name == "李明"


def test_services_refuse_another_units_school_staff_and_records(
    other_editor, reporting_year, staff_a, school_a, training_a
):
    with pytest.raises(ValidationError) as error:
        services.appointment_create(
            user=other_editor,
            staff=staff_a,
            school=school_a,
            start_date=training_a.date,
        )
    assert "staff" in error.value.error_dict
    with pytest.raises(PermissionDenied):
        services.training_delete(user=other_editor, training=training_a)
    assert TrainingRecord.objects.filter(pk=training_a.pk).exists()
    assert not PrincipalAppointment.objects.exists()


def test_services_refuse_the_city(reviewer, admin_user, staff_a, training_a):
    for user in (reviewer, admin_user):
        with pytest.raises(PermissionDenied):
            services.training_delete(user=user, training=training_a)
    assert TrainingRecord.objects.filter(pk=training_a.pk).exists()


@pytest.mark.parametrize("role", ["reviewer", "assessor", "admin"])
@pytest.mark.parametrize("slug", SLUGS)
def test_the_city_reads_every_county_but_writes_nothing(
    slug, role, users, record_a, records_b, school_a
):
    client = client_for(users[role])
    page = client.get(url(slug, "list"))
    assert page.status_code == 200
    assert set(page.context["page"].object_list) == {record_a, records_b[slug]}
    assert b'data-testid="export"' in page.content
    assert client.get(url(slug, "export")).status_code == 200

    count = MODELS[slug].objects.count()
    before = model_to_dict(record_a)
    assert client.get(url(slug, "add")).status_code == 403
    assert client.post(url(slug, "add"), form_data(slug, school_a)).status_code == 403
    assert client.get(url(slug, "edit", record_a.pk)).status_code == 403
    assert client.post(url(slug, "edit", record_a.pk), form_data(slug, school_a)).status_code == 403
    assert client.post(url(slug, "delete", record_a.pk)).status_code == 403
    assert MODELS[slug].objects.count() == count
    assert model_to_dict(type(record_a).objects.get(pk=record_a.pk)) == before


def test_the_city_sees_no_edit_links(reviewer, roster_row_a):
    page = client_for(reviewer).get(url("roster", "list"))
    assert url("roster", "edit", roster_row_a.pk).encode() not in page.content
    assert url("roster", "add").encode() not in page.content


def test_the_navbar_links_the_teachers_pages(editor):
    page = client_for(editor).get(url("roster", "list"))
    assert b'data-testid="nav-teachers"' in page.content
    for slug in SLUGS:
        assert url(slug, "list").encode() in page.content
