"""Projects: the services, year-of-delivery counting, evidence files, the list and its export."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from jiangmen_edu.models import Township
from jiangmen_edu.workflow import ReturnLocked
from seats import selectors, services
from seats.models import Project, ProjectEvidence, ProjectYear
from tests.conftest import client_for
from tests.seats.conftest import approve, submit
from tests.seats.factories import PDF, make_evidence, make_project


def project_values(**changes):
    values = {
        "code": "TS-001",
        "name": "台城第八小学新建工程",
        "kind": "new_build",
        "stage": "compulsory",
        "township": None,
        "school": None,
        "seats_planned": 1350,
        "boarding_planned": 200,
        "status": "under_way",
        "start_date": datetime.date(2023, 3, 1),
        "planned_completion": datetime.date(2024, 8, 31),
        "completed_on": None,
        "notes": "",
    }
    return values | changes


def board_cell(period, year, unit, stage="compulsory"):
    board = selectors.progress_board(units=[unit], period=period, year=year, city_view=False)
    return next(cell for cell in board.rows[0].stages if cell.stage == stage)


def test_delivered_seats_count_in_the_year_of_delivery(years_open, editor, period, county_a):
    project = services.project_create(user=editor, **project_values())
    services.project_year_save(
        user=editor, project=project, year=2023, seats_planned=1350, seats_delivered=0
    )
    services.project_year_save(
        user=editor, project=project, year=2024, seats_planned=0, seats_delivered=900
    )
    services.project_year_save(
        user=editor, project=project, year=2025, seats_planned=0, seats_delivered=450
    )
    assert [
        (c.delivered_in_year, c.delivered_to_date)
        for c in (
            board_cell(period, 2023, county_a),
            board_cell(period, 2024, county_a),
            board_cell(period, 2025, county_a),
        )
    ] == [(0, 0), (900, 900), (450, 1350)]
    inputs = selectors.indicator_inputs([county_a.pk], 2024)[county_a.pk]
    assert inputs.new_seats.compulsory.delivered == 900
    assert (
        selectors.indicator_inputs([county_a.pk], 2023)[county_a.pk].new_seats.compulsory.delivered
        == 0
    )
    # The other stages get nothing from a compulsory project.
    assert board_cell(period, 2025, county_a, "preschool").delivered_to_date == 0


def test_seats_cannot_be_delivered_in_a_year_not_opened(years_open, editor):
    project = services.project_create(user=editor, **project_values())
    with pytest.raises(ValidationError):
        services.project_year_save(user=editor, project=project, year=2026, seats_delivered=10)
    # Planned figures for a later year are fine: they belong to the current return.
    services.project_year_save(user=editor, project=project, year=2026, seats_planned=10)
    assert ProjectYear.objects.get(project=project, year=2026).seats_planned == 10


def test_an_approved_year_locks_its_figures_and_the_project_kind(
    years_open, editor, reviewer, county_a
):
    project = services.project_create(user=editor, **project_values())
    services.project_year_save(user=editor, project=project, year=2023, seats_delivered=500)
    approve(county_a, 2023, editor, reviewer)
    with pytest.raises(ReturnLocked):
        services.project_year_save(user=editor, project=project, year=2023, seats_delivered=600)
    with pytest.raises(ReturnLocked):
        services.project_update(user=editor, project=project, **project_values(stage="preschool"))
    with pytest.raises(ReturnLocked):
        services.project_delete(user=editor, project=project)
    # What does not change how approved seats count can still change.
    services.project_update(user=editor, project=project, **project_values(name="新名称"))
    services.project_year_save(user=editor, project=project, year=2024, seats_delivered=100)
    assert Project.objects.get(pk=project.pk).name == "新名称"


def test_a_submitted_current_return_locks_project_edits(years_open, editor, county_a):
    project = services.project_create(user=editor, **project_values())
    submit(county_a, 2025, editor)
    with pytest.raises(ReturnLocked):
        services.project_update(user=editor, project=project, **project_values(name="x"))
    with pytest.raises(ReturnLocked):
        services.project_create(user=editor, **project_values(code="TS-002"))


def test_projects_belong_to_the_editors_own_unit(years_open, editor, other_editor, county_b):
    project = services.project_create(user=editor, **project_values())
    with pytest.raises(PermissionDenied):
        services.project_update(user=other_editor, project=project, **project_values(name="x"))
    with pytest.raises(PermissionDenied):
        services.project_year_save(user=other_editor, project=project, year=2025, seats_delivered=1)
    township_b = Township.objects.filter(unit=county_b).first()
    with pytest.raises(ValidationError) as refused:
        services.project_create(user=editor, **project_values(code="X", township=township_b))
    assert "township" in refused.value.error_dict


def test_a_completed_project_needs_its_date(years_open, editor):
    with pytest.raises(ValidationError) as refused:
        services.project_create(user=editor, **project_values(status="completed"))
    assert "completed_on" in refused.value.error_dict


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_evidence_is_checked_and_served_only_within_scope(
    years_open, editor, other_editor, reviewer, county_a
):
    project = make_project(county_a, deliveries={2025: 100})
    evidence = services.evidence_add(
        user=editor, project=project, upload=upload("验收报告.pdf", PDF), description="验收"
    )
    assert not evidence.file.name.endswith("验收报告.pdf")  # the stored name reveals nothing
    url = reverse("seats:evidence_download", kwargs={"pk": evidence.pk})
    for user, status in ((editor, 200), (reviewer, 200), (other_editor, 404)):
        response = client_for(user).get(url)
        assert response.status_code == status
        if status == 200:
            assert b"".join(response.streaming_content) == PDF
            assert "attachment" in response["Content-Disposition"]
    services.evidence_delete(user=editor, evidence=evidence)
    assert not ProjectEvidence.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("报告.exe", b"MZ..."),
        ("报告.pdf", b"<html>not a pdf</html>"),  # the content must match the type
        ("照片.png", PDF),
        ("无扩展名", PDF),
    ],
)
def test_evidence_of_the_wrong_type_is_refused(years_open, editor, county_a, name, content):
    project = make_project(county_a)
    with pytest.raises(ValidationError):
        services.evidence_add(user=editor, project=project, upload=upload(name, content))
    assert not ProjectEvidence.objects.exists()


def test_evidence_over_10_mb_is_refused(years_open, editor, county_a):
    project = make_project(county_a)
    big = upload("大.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError):
        services.evidence_add(user=editor, project=project, upload=big)
    exactly = upload("刚好.pdf", PDF + b"0" * (10 * 1024 * 1024 - len(PDF)))
    services.evidence_add(user=editor, project=project, upload=exactly)


def test_the_project_pages_record_a_delivery(years_open, editor, county_a, period):
    client = client_for(editor)
    response = client.post(
        reverse("seats:project_add"),
        {
            "code": "TS-009",
            "name": "台城中心幼儿园扩建",
            "kind": "expansion",
            "stage": "preschool",
            "seats_planned": 270,
            "boarding_planned": 0,
            "status": "completed",
            "completed_on": "2025-08-20",
        },
    )
    project = Project.objects.get(code="TS-009")
    assert response.status_code == 302 and project.unit == county_a
    response = client.post(
        reverse("seats:project_year", kwargs={"pk": project.pk}),
        {
            "year": 2025,
            "seats_planned": 270,
            "seats_delivered": 270,
            "boarding_planned": 0,
            "boarding_delivered": 0,
        },
    )
    assert response.status_code == 302
    assert board_cell(period, 2025, county_a, "preschool").delivered_to_date == 270
    detail = client.get(reverse("seats:project_detail", kwargs={"pk": project.pk}))
    assert detail.context["project"].delivered == 270
    # The same number twice in a unit is refused on the form.
    again = client.post(reverse("seats:project_add"), {"code": "TS-009", "name": "x"})
    assert "code" in again.context["form"].errors


def test_the_list_filters_and_exports_the_same_rows(
    years_open, editor, reviewer, county_a, county_b
):
    make_project(county_a, "A1", stage="preschool", deliveries={2024: 90, 2025: 90})
    make_project(county_a, "A2", kind="conversion", deliveries={2025: 500})
    make_project(county_b, "B1", deliveries={2025: 700})
    client = client_for(reviewer)
    page = client.get(reverse("seats:project_list"), {"unit": county_a.code, "year": "2025"})
    rows = {row.record.code: row.record for row in page.context["rows"]}
    assert set(rows) == {"A1", "A2"}
    assert (rows["A1"].delivered, rows["A1"].delivered_in_year) == (180, 90)
    export = client.get(
        reverse("seats:project_export"), {"unit": county_a.code, "kind": "conversion"}
    )
    sheet = load_workbook(BytesIO(export.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 2 and values[1][1] == "A2" and 500 in values[1]
    # A county editor's list and export hold only their unit, whatever the filter says.
    own = client_for(editor).get(reverse("seats:project_list"), {"unit": county_b.code})
    assert {row.record.code for row in own.context["rows"]} == {"A1", "A2"}
    sheet = load_workbook(
        BytesIO(client_for(editor).get(reverse("seats:project_export")).content)
    ).active
    assert sheet.max_row == 3


def test_county_bs_unit_and_township_in_the_filters_bring_none_of_its_projects(
    years_open, editor, county_a, county_b
):
    township_a = Township.objects.filter(unit=county_a).first()
    township_b = Township.objects.filter(unit=county_b).first()
    make_project(county_a, "A1", township=township_a, deliveries={2025: 90})
    make_project(county_a, "A2", deliveries={2025: 500})
    make_project(county_b, "B1", township=township_b, deliveries={2025: 700})
    params = {"unit": county_b.code, "township": township_b.pk, "year": "2025"}
    client = client_for(editor)
    page = client.get(reverse("seats:project_list"), params)
    assert [row.record.code for row in page.context["rows"]] == ["A1", "A2"]
    assert set(page.context["filters"].errors) == {"unit", "township"}
    sheet = load_workbook(BytesIO(client.get(reverse("seats:project_export"), params).content))
    assert [row[1] for row in sheet.active.iter_rows(min_row=2, values_only=True)] == ["A1", "A2"]


def test_the_project_filters_offer_what_the_user_may_see(editor, reviewer, county_a, county_b):
    def filters(user, params):
        return selectors.select_projects(user, params).filters

    own = filters(editor, {})
    assert own.options("unit") == [(county_a.code, county_a.name)]
    townships = {pk for pk, _name in own.options("township")}
    assert townships == {
        str(pk) for pk in Township.objects.filter(unit=county_a).values_list("pk", flat=True)
    }
    assert "unit" not in [field.name for field in own.shown]
    # The city picks a unit before the township drop-down is filled.
    assert filters(reviewer, {}).options("township") == []
    city = filters(reviewer, {"unit": county_b.code})
    assert {pk for pk, _name in city.options("township")} == {
        str(pk) for pk in Township.objects.filter(unit=county_b).values_list("pk", flat=True)
    }


def test_another_countys_project_is_a_404_on_every_page(years_open, other_editor, county_a):
    project = make_project(county_a, deliveries={2025: 100})
    evidence = make_evidence(project)
    client = client_for(other_editor)
    for name, method, pk in (
        ("seats:project_detail", "get", project.pk),
        ("seats:project_edit", "get", project.pk),
        ("seats:project_edit", "post", project.pk),
        ("seats:project_year", "post", project.pk),
        ("seats:project_delete", "post", project.pk),
        ("seats:evidence_upload", "post", project.pk),
        ("seats:project_year_delete", "post", project.years.get().pk),
        ("seats:evidence_download", "get", evidence.pk),
        ("seats:evidence_delete", "post", evidence.pk),
    ):
        response = getattr(client, method)(reverse(name, kwargs={"pk": pk}))
        assert response.status_code == 404, name
    assert Project.objects.filter(pk=project.pk).exists()
    assert ProjectEvidence.objects.filter(pk=evidence.pk).exists()
