"""The seat imports (docs/rules.md#imports): messy cells, row errors, all-or-nothing, the same path
on the CLI."""

from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from jiangmen_edu.imports import datasets
from jiangmen_edu.imports.services import (
    ImportRefused,
    import_commit,
    import_preview,
    template_for,
)
from jiangmen_edu.models import ImportBatch, School, Township
from seats.models import EnrolmentYear, PlanExplanation, Project, ProjectYear, YearlyPlan
from tests.core.factories import run_import_data
from tests.seats.conftest import approve, submit
from tests.seats.factories import fourteenth, make_plan, make_project

PLAN = datasets.get("seat_plan")
PROJECTS = datasets.get("seat_projects")
ENROLMENT = datasets.get("seat_enrolment")


def xlsx(rows, name="file.xlsx") -> BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def preview(dataset, rows, unit, user=None, year=2025):
    return import_preview(
        dataset=dataset, unit=unit, year=year, file=xlsx(rows), filename="f.xlsx", user=user
    )


def errors_of(batch):
    return [(e["row"], e["message"]) for e in batch.errors]


PLAN_HEADER = ["学段", "年度", "计划新增学位数", "说明"]


def plan_rows(compulsory_2025=1837):
    rows = [["台山市“十四五”分年度实施计划"], PLAN_HEADER]
    for year in range(2021, 2026):
        rows.append(["学前教育", year, "３００", ""])
        rows.append(["义务教育 ", str(year), 1837 if year < 2025 else compulsory_2025, ""])
    return rows


def test_a_plan_file_imports_and_matches_the_quota(years_open, editor, county_a):
    batch = preview(PLAN, plan_rows(), county_a, editor)
    assert batch.errors == []
    assert import_commit(batch=batch, dataset=PLAN, user=editor) == 10
    assert YearlyPlan.objects.filter(unit=county_a, stage="compulsory").count() == 5
    assert sum(YearlyPlan.objects.filter(unit=county_a).values_list("seats", flat=True)) == 10685


def test_a_short_plan_needs_an_explanation_in_the_file(years_open, editor, county_a):
    batch = preview(PLAN, plan_rows(1000), county_a, editor)
    assert len(batch.errors) == 1 and batch.errors[0]["row"] == 4  # the stage's first row
    with pytest.raises(ImportRefused):
        import_commit(batch=batch, dataset=PLAN, user=editor)
    assert not YearlyPlan.objects.exists()
    rows = plan_rows(1000)
    rows[-1][3] = "一所学校用地调整，顺延至下一规划期"
    batch = preview(PLAN, rows, county_a, editor)
    assert batch.errors == []
    import_commit(batch=batch, dataset=PLAN, user=editor)
    assert PlanExplanation.objects.get(unit=county_a, stage="compulsory").text.startswith("一所")


# The clerk leaves the compulsory rows out; 台山's compulsory quota is 9,185.
SHORT_OF_COMPULSORY = (
    "义务教育：计划数比任务数（9185）少 9185 个学位。请在“分年度计划”页面填写说明，"
    "或在导入文件的“差额说明”列中填写。"
)


def plan_without_compulsory():
    return [PLAN_HEADER, *(["学前教育", year, 300, ""] for year in range(2021, 2026))]


def test_a_stage_left_out_and_short_is_refused_by_the_preview(years_open, editor, county_a):
    with pytest.raises(ImportRefused) as refused:
        preview(PLAN, plan_without_compulsory(), county_a, editor)
    assert str(refused.value) == SHORT_OF_COMPULSORY
    assert not ImportBatch.objects.exists() and not YearlyPlan.objects.exists()


def test_the_command_refuses_it_on_one_line(years_open, county_a, tmp_path, capsys):
    file = tmp_path / "plan.xlsx"
    file.write_bytes(xlsx(plan_without_compulsory()).getvalue())
    status = run_import_data("seat_plan", str(file), "--county", county_a.code, "--year", "2025")
    assert status == 1
    assert capsys.readouterr().err.splitlines() == [f"CommandError: {SHORT_OF_COMPULSORY}"]
    assert not YearlyPlan.objects.exists()


def test_an_explanation_on_the_plan_page_lets_the_stage_be_left_out(years_open, editor, county_a):
    PlanExplanation.objects.create(
        period=fourteenth(), unit=county_a, stage="compulsory", text="义务教育学位由市统筹"
    )
    batch = preview(PLAN, plan_without_compulsory(), county_a, editor)
    assert batch.errors == []
    assert import_commit(batch=batch, dataset=PLAN, user=editor) == 5


def test_the_template_offers_the_explanation_column_and_it_is_stored(years_open, editor, county_a):
    content = template_for(dataset=PLAN, unit=county_a, year=2025)
    headers = [cell.value for cell in load_workbook(BytesIO(content)).active[2]]
    assert headers == ["学段", "年度", "计划新增学位数", "差额说明"]
    rows = [headers, *(["学前教育", year, 300, ""] for year in range(2021, 2026))]
    rows.append(["义务教育", 2021, 1000, "两所学校用地未落实，顺延至“十五五”"])
    batch = preview(PLAN, rows, county_a, editor)
    assert batch.errors == []
    import_commit(batch=batch, dataset=PLAN, user=editor)
    assert PlanExplanation.objects.get(unit=county_a, stage="compulsory").text.startswith("两所")


def test_an_explanation_removed_after_the_preview_refuses_the_commit(
    years_open, editor, county_a, tmp_path, capsys, monkeypatch
):
    """The one rule (`shortfalls`) runs again at commit: the plan rows written before it
    are rolled back, and the command says why on one line."""
    from jiangmen_edu.imports import services

    explanation = PlanExplanation.objects.create(
        period=fourteenth(), unit=county_a, stage="compulsory", text="由市统筹"
    )
    real_preview = services.import_preview

    def preview_then_remove_the_explanation(**kwargs):
        batch = real_preview(**kwargs)
        explanation.delete()  # another editor clears it on the plan page
        return batch

    monkeypatch.setattr(services, "import_preview", preview_then_remove_the_explanation)
    file = tmp_path / "plan.xlsx"
    file.write_bytes(xlsx(plan_without_compulsory()).getvalue())
    status = run_import_data("seat_plan", str(file), "--county", county_a.code, "--year", "2025")
    assert status == 1
    assert capsys.readouterr().err.splitlines() == [f"CommandError: {SHORT_OF_COMPULSORY}"]
    assert not YearlyPlan.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.REFUSED


def test_a_new_explanation_needs_the_return_that_holds_explanations(years_open, editor, county_a):
    """Explanations belong to the latest opened year's return (as on the plan page): with
    2025 submitted, a 2024 file may change 2024's figures but not an explanation."""
    make_plan(county_a, {(y, "preschool"): 300 for y in range(2021, 2026)})
    PlanExplanation.objects.create(
        period=fourteenth(), unit=county_a, stage="compulsory", text="由市统筹"
    )
    submit(county_a, 2025, editor)
    rows = [PLAN_HEADER, ["学前教育", 2024, 320, ""], ["义务教育", 2024, 0, "另有说明"]]
    batch = preview(PLAN, rows, county_a, editor, year=2024)
    assert errors_of(batch) == [(3, "2025 年度学位建设填报已提交或已审核，该行不能修改其数据。")]
    rows[2][3] = "由市统筹"  # the stored explanation, unchanged: nothing of 2025 changes
    batch = preview(PLAN, rows, county_a, editor, year=2024)
    assert batch.errors == []
    import_commit(batch=batch, dataset=PLAN, user=editor)
    assert YearlyPlan.objects.get(unit=county_a, year=2024, stage="preschool").seats == 320


def test_bad_plan_rows_are_all_reported(years_open, editor, reviewer, county_a):
    approve(county_a, 2023, editor, reviewer)
    rows = [
        PLAN_HEADER,
        ["初中", 2024, 10, ""],  # not a stage of the quota table
        ["学前教育", 2030, 10, ""],  # not a year of the period
        ["学前教育", 2024, "十", ""],
        ["学前教育", 2023, 10, ""],  # 2023 is approved
        ["普通高中", 2024, 0, ""],
        ["普通高中", 2024, 0, ""],  # the same stage and year twice
    ]
    batch = preview(PLAN, rows, county_a, editor)
    assert [row for row, _message in errors_of(batch)] == [2, 3, 4, 5, 7]
    with pytest.raises(ImportRefused):
        import_commit(batch=batch, dataset=PLAN, user=editor)
    assert not YearlyPlan.objects.exists()


PROJECT_HEADER = [
    "项目编号",
    "项目名称",
    "建设类型",
    "学段",
    "镇街",
    "学校标识码",
    "计划学位数",
    "计划寄宿学位数",
    "项目状态",
    "开工日期",
    "计划竣工日期",
    "竣工日期",
    "本年计划学位数",
    "本年交付学位数",
    "本年计划寄宿学位数",
    "本年交付寄宿学位数",
]


def project_row(code="TS-01", **changes):
    row = {
        "项目编号": code,
        "项目名称": "台城第八小学新建工程",
        "建设类型": "新建",
        "学段": "义务教育",
        "镇街": "",
        "学校标识码": "",
        "计划学位数": "1,350",
        "计划寄宿学位数": 0,
        "项目状态": "已竣工",
        "开工日期": "2023.03.01",
        "计划竣工日期": "2025年8月31日",
        "竣工日期": "2025-08-20",
        "本年计划学位数": 1350,
        "本年交付学位数": 1350,
        "本年计划寄宿学位数": "",
        "本年交付寄宿学位数": "",
    }
    row.update(changes)
    return [row[header] for header in PROJECT_HEADER]


def test_a_project_file_creates_and_updates_projects(years_open, editor, county_a):
    town = Township.objects.filter(unit=county_a).first()
    rows = [
        PROJECT_HEADER,
        project_row(镇街=town.name),
        project_row(
            "TS-02", 建设类型="政府购买学位", 项目状态="在建", 竣工日期="", 本年交付学位数=0
        ),
    ]
    batch = preview(PROJECTS, rows, county_a, editor)
    assert batch.errors == []
    assert import_commit(batch=batch, dataset=PROJECTS, user=editor) == 2
    project = Project.objects.get(unit=county_a, code="TS-01")
    assert (project.kind, project.stage, project.township, project.seats_planned) == (
        "new_build",
        "compulsory",
        town,
        1350,
    )
    assert ProjectYear.objects.get(project=project, year=2025).seats_delivered == 1350
    # Importing again updates by number, and a zero year removes the figures.
    batch = preview(
        PROJECTS,
        [PROJECT_HEADER, project_row(项目名称="新名称", 本年计划学位数=0, 本年交付学位数=0)],
        county_a,
        editor,
    )
    import_commit(batch=batch, dataset=PROJECTS, user=editor)
    project.refresh_from_db()
    assert project.name == "新名称" and not project.years.exists()
    assert Project.objects.filter(unit=county_a).count() == 2


def test_bad_project_rows_reject_the_whole_file(years_open, editor, reviewer, county_a, county_b):
    approve(county_a, 2024, editor, reviewer)
    locked = make_project(county_a, "OLD", deliveries={2024: 100})
    other_school = School.objects.create(
        code="4407839001", name="开平学校", unit=county_b, school_type="primary", ownership="public"
    )
    rows = [
        PROJECT_HEADER,
        project_row("OK-1"),
        project_row("BAD-1", 建设类型="翻新"),
        project_row("BAD-2", 学校标识码=other_school.code),
        project_row("BAD-3", 竣工日期=""),  # completed without a date
        project_row("BAD-4", 开工日期="2026-01-01"),  # completed before it started
        project_row(locked.code, 学段="学前教育"),  # changes the stage of approved seats
        project_row("OK-1"),
        project_row("BAD-5", 镇街="不存在镇"),
    ]
    batch = preview(PROJECTS, rows, county_a, editor)
    assert [row for row, _message in errors_of(batch)] == [3, 4, 5, 6, 7, 8, 9]
    with pytest.raises(ImportRefused):
        import_commit(batch=batch, dataset=PROJECTS, user=editor)
    assert list(Project.objects.values_list("code", flat=True)) == ["OLD"]


def test_projects_need_the_latest_years_return_whatever_the_import_year(
    years_open, editor, county_a
):
    """A project's description belongs to the latest opened year's return (2025 here), so
    a 2024 file is refused by the preview, not by the commit."""
    submit(county_a, 2025, editor)
    with pytest.raises(ImportRefused, match="^2025 年度学位建设填报已提交或已审核。"):
        preview(
            PROJECTS, [PROJECT_HEADER, project_row(竣工日期="2024-08-20")], county_a, editor, 2024
        )
    assert not ImportBatch.objects.exists() and not Project.objects.exists()


ENROLMENT_HEADER = [
    "年度",
    "公办学校在校生",
    "政府购买学位在校生",
    "民办学校在校生",
    "本年压缩民办学位数",
    "寄宿学位任务数",
    "寄宿学位完成数",
    "常住人口",
]


def test_enrolment_rows_for_several_years(years_open, editor, reviewer, county_a):
    rows = [
        ENROLMENT_HEADER,
        ["", "85,000", 900, 1200, 0, 900, 850, "910000"],  # the import year
        [2024, 84000, 800, 1300, 0, "", "", ""],
    ]
    batch = preview(ENROLMENT, rows, county_a, editor)
    assert batch.errors == []
    assert import_commit(batch=batch, dataset=ENROLMENT, user=editor) == 2
    record = EnrolmentYear.objects.get(unit=county_a, year=2025)
    assert (record.public_students, record.boarding_target, record.population) == (
        85000,
        900,
        910000,
    )
    assert EnrolmentYear.objects.get(unit=county_a, year=2024).boarding_target is None
    approve(county_a, 2024, editor, reviewer)
    bad = [
        ENROLMENT_HEADER,
        [2024, 1, 0, 1, 0, "", "", ""],
        [2026, 1, 0, 1, 0, "", "", ""],
        [2025, "x", 0, 1, 0, "", "", ""],
    ]
    batch = preview(ENROLMENT, bad, county_a, editor)
    assert [row for row, _message in errors_of(batch)] == [2, 3, 4]


def test_the_commands_run_the_same_import(years_open, county_a, tmp_path):
    template = tmp_path / "projects.xlsx"
    call_command(
        "export_template", "seat_projects", county=county_a.code, year=2025, output=template
    )
    headers = [cell.value for cell in load_workbook(template).active[2]]
    assert len(headers) == len(PROJECTS.columns)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([PROJECT_HEADER, project_row("X", 建设类型="翻新")]).getvalue())
    with pytest.raises(CommandError):
        call_command("import_data", "seat_projects", str(bad), county=county_a.code, year=2025)
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([PROJECT_HEADER, project_row("Y")]).getvalue())
    call_command("import_data", "seat_projects", str(good), county=county_a.code, year=2025)
    assert Project.objects.get(code="Y").unit == county_a


@pytest.mark.parametrize("slug", ["seat_plan", "seat_projects", "seat_enrolment"])
def test_a_downloaded_template_imports_back_unchanged(years_open, editor, county_a, slug, tmp_path):
    """The template the page offers, prefilled with the unit's figures, is itself importable."""
    from jiangmen_edu.imports.services import template_for
    from tests.seats.factories import make_enrolment, make_plan

    make_plan(
        county_a,
        {
            (y, s): v
            for y in range(2021, 2026)
            for s, v in (("preschool", 300), ("compulsory", 1837), ("high_school", 0))
        },
    )
    make_project(county_a, "T-1", deliveries={2025: 30})
    make_enrolment(county_a, 2025, boarding_target=900, boarding_completed=10, population=910000)
    dataset = datasets.get(slug)
    content = template_for(dataset=dataset, unit=county_a, year=2025)
    batch = import_preview(
        dataset=dataset,
        unit=county_a,
        year=2025,
        file=BytesIO(content),
        filename="t.xlsx",
        user=editor,
    )
    assert batch.errors == [] and batch.rows
