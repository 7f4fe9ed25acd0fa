"""The "school_resources" import (docs/rules.md#balance-coefficients, docs/rules.md#imports):
template, preview, all-or-nothing."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from assessment.models import SchoolResources
from jiangmen_edu.imports import datasets
from jiangmen_edu.imports.services import ImportRefused, import_commit, import_preview, template_for
from jiangmen_edu.models import School
from tests.core.factories import xlsx

HEADER = [
    "学校标识码",
    "学校名称",
    "学段",
    "在校生数",
    "每百名学生拥有高于规定学历教师数",
    "每百名学生拥有县级以上骨干教师数",
    "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
    "生均教学及辅助用房面积",
    "生均体育运动场馆面积",
    "生均教学仪器设备值",
    "每百名学生拥有网络多媒体教室数",
]


def row(code="4407810101", stage="小学", students=420, *values):
    values = values or (6.5, 1.2, 0.9, 5.5, 8.25, 3200.5, 4.1)
    return [code, "", stage, students, *values]


@pytest.fixture
def schools(reporting_year, county_a, county_b):
    def school(unit, code, school_type, **fields):
        return School.objects.create(
            unit=unit,
            code=code,
            name=f"学校{code}",
            school_type=school_type,
            ownership="public",
            **fields,
        )

    return {
        "primary": school(county_a, "4407810101", "primary"),
        "nine_year": school(county_a, "4407810102", "nine_year"),
        "point": school(county_a, "4407810103", "primary", is_teaching_point=True),
        "kindergarten": school(county_a, "4407810104", "kindergarten"),
        "other": school(county_b, "4407830101", "primary"),
    }


def preview(rows, unit, user=None):
    return import_preview(
        dataset=datasets.get("school_resources"),
        unit=unit,
        year=2025,
        file=xlsx([HEADER, *rows]),
        filename="resources.xlsx",
        user=user,
    )


def test_a_clean_file_with_real_world_mess_imports(schools, county_a, editor):
    batch = preview(
        [
            row(),
            [],
            ["４４０７８１０１０２ ", "", "小学", "300", "7", "1", "1", "5", "8", "3000", "4"],
            row("4407810102", "初中", 200),
            row("4407810103", "小学", 30),
        ],
        county_a,
        editor,
    )
    assert batch.errors == []
    assert import_commit(batch=batch, dataset=datasets.get("school_resources"), user=editor) == 4
    nine_year = SchoolResources.objects.filter(school=schools["nine_year"])
    assert sorted(nine_year.values_list("stage", flat=True)) == ["junior", "primary"]
    first = SchoolResources.objects.get(school=schools["primary"])
    assert first.ground_area_per_student == Decimal("8.25")
    assert first.equipment_value_per_student == Decimal("3200.50")


def test_bad_rows_are_named_and_nothing_is_written(schools, county_a, editor):
    batch = preview(
        [
            row(),
            row("4407839999"),  # no such school
            row("4407830101"),  # county B's school
            row("4407810101", "初中"),  # a primary school has no junior stage
            row("4407810104", "幼儿园"),  # not a balance stage
            row("4407810101", "小学", -5),
            row("4407810102", "小学", 100, "abc", 1, 1, 1, 1, 1, 1),
            row("4407810102", "小学", 100, 1, 1, 1, 1, -1, 1, 1),
            row("4407810101"),  # the same school and stage twice
        ],
        county_a,
        editor,
    )
    values = {error["row"]: error["value"] for error in batch.errors}
    # Row 1 is the header; the first data row (2) is clean.
    assert values == {
        3: "4407839999",
        4: "4407830101",
        5: "初中",
        6: "幼儿园",
        7: "-5",
        8: "abc",
        9: "-1",
        10: "4407810101",
    }
    # Another county's school is told apart from an unknown code.
    assert batch.errors[0]["message"] != batch.errors[1]["message"]
    with pytest.raises(ImportRefused):
        import_commit(batch=batch, dataset=datasets.get("school_resources"), user=editor)
    assert not SchoolResources.objects.exists()


def test_reimport_replaces_the_years_rows(schools, county_a, editor):
    dataset = datasets.get("school_resources")
    import_commit(
        batch=preview([row(), row("4407810102")], county_a, editor), dataset=dataset, user=editor
    )
    import_commit(
        batch=preview([row(students=500)], county_a, editor), dataset=dataset, user=editor
    )
    assert list(SchoolResources.objects.values_list("students", flat=True)) == [500]


def test_template_lists_the_countys_primary_and_junior_schools(schools, county_a):
    content = template_for(dataset=datasets.get("school_resources"), unit=county_a, year=2025)
    sheet = load_workbook(io.BytesIO(content)).active
    codes = [
        (str(r[0]), r[2])
        for r in sheet.iter_rows(values_only=True)
        if r[0] and str(r[0])[:4] == "4407"
    ]
    assert ("4407810101", "小学") in codes
    assert ("4407810102", "初中") in codes and ("4407810102", "小学") in codes
    assert all(code != "4407810104" for code, _stage in codes)
    assert all(not code.startswith("440783") for code, _stage in codes)


def test_the_commands_run_the_same_import(schools, county_a, tmp_path):
    template = tmp_path / "template.xlsx"
    call_command("export_template", "school_resources", county="440781", year=2025, output=template)
    assert template.exists()
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([HEADER, row()]).getvalue())
    call_command("import_data", "school_resources", str(good), county="440781", year=2025)
    assert SchoolResources.objects.count() == 1
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([HEADER, row("4407830101")]).getvalue())
    with pytest.raises(CommandError):
        call_command("import_data", "school_resources", str(bad), county="440781", year=2025)
