"""The roster import end to end: messy files, all-or-nothing, the lock, the two entry points."""

from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from jiangmen_edu.imports import datasets
from jiangmen_edu.imports.reading import FileRejected
from jiangmen_edu.imports.services import ImportRefused, import_commit, import_preview
from jiangmen_edu.models import ImportBatch, YearlyReturn
from jiangmen_edu.workflow import WorkflowError, return_transition
from teachers.models import Degree, Employment, Staff, StaffYear, Title
from tests.conftest import YEAR, client_for
from tests.core.factories import ROSTER_HEADER, roster_row, xlsx

# Submission here is about the workflow, not the data-quality rules (tests/core/quality).
pytestmark = pytest.mark.usefixtures("without_quality_rules")

ROSTER = datasets.get("roster")


@pytest.fixture
def open_year(reporting_year, schools_a, school_b):
    return reporting_year


def preview(file, unit, user=None, year=YEAR):
    return import_preview(
        dataset=ROSTER, unit=unit, year=year, file=file, filename="roster.xlsx", user=user
    )


def errors_of(batch):
    return [(e["row"], e["column"], e["message"]) for e in batch.errors]


def test_a_clean_file_imports_every_row(open_year, county_a, editor):
    batch = preview(
        xlsx([ROSTER_HEADER, roster_row("T001"), roster_row("T002", name="林堃")]), county_a, editor
    )
    assert batch.errors == [] and len(batch.rows) == 2
    assert not StaffYear.objects.exists()  # the preview writes nothing
    assert import_commit(batch=batch, dataset=ROSTER, user=editor) == 2
    row = StaffYear.objects.get(staff__staff_no="T001")
    assert (
        row.year,
        row.unit,
        row.school.code,
        row.stage,
        row.degree,
        row.title,
        row.employment,
        str(row.annual_pay),
    ) == (
        YEAR,
        county_a,
        "4407819001",
        "primary",
        Degree.BACHELOR,
        Title.INTERMEDIATE,
        Employment.ON_STAFF,
        "98000.50",
    )
    assert Staff.objects.get(staff_no="T002").name == "林堃"


def test_messy_cells_are_cleaned(open_year, county_a, editor):
    messy = roster_row(
        "　T003 ",
        name=" 陈昇　",
        学段="小学 ",
        最高学历="大学本科",
        职称="一级教师",
        用工性质="临时聘用",
        教龄="１５",
        管理年限="3",
        **{"年收入（元）": "56,000"},
        学校标识码=4407819001.0,
    )
    batch = preview(xlsx([ROSTER_HEADER, messy]), county_a, editor)
    assert batch.errors == []
    import_commit(batch=batch, dataset=ROSTER, user=editor)
    row = StaffYear.objects.select_related("staff").get()
    assert row.staff.staff_no == "T003" and row.staff.name == "陈昇"
    assert (row.degree, row.title, row.employment, row.teaching_years, row.management_years) == (
        Degree.BACHELOR,
        Title.INTERMEDIATE,
        Employment.TEMPORARY,
        15,
        3,
    )


def test_title_rows_two_line_merged_header_and_blank_rows(open_year, county_a, editor):
    group = ["学校", "", "基本信息", "", "任职情况", "", "", "", "", "", "", "", "", "", ""]
    detail = ROSTER_HEADER
    file = xlsx(
        [group, detail, roster_row("T001"), [None] * 15, roster_row("T002")],
        title_rows=[["江门市2025年教职工名册"], ["填报单位：台山市教育局"]],
        merges=["A1:O1", "A3:B3", "C3:D3", "E3:O3"],
    )
    batch = preview(file, county_a, editor)
    assert batch.errors == [] and len(batch.rows) == 2 and batch.total_rows == 2


def test_row_errors_name_row_column_value_and_reason(open_year, county_a, editor):
    file = xlsx(
        [
            ROSTER_HEADER,
            roster_row("T001"),
            roster_row("T002", 学校标识码="4407819999"),  # no such school
            roster_row("T003", 学校标识码="4407839001"),  # county B's school
            roster_row("T001"),  # duplicate staff number
            roster_row("T005", 最高学历="大学"),  # not a degree
            roster_row("T006", 教龄="十年"),
            roster_row("T007", 学段="初中"),  # the primary school has no junior stage
            roster_row("", name=""),
        ]
    )
    batch = preview(file, county_a, editor)
    assert errors_of(batch) == [
        (3, "学校标识码", "本单位没有这个学校标识码。"),
        (4, "学校标识码", "该学校属于其他县（市、区）。"),
        (5, "工号", "与第 2 行的工号重复。"),
        (6, "最高学历", "不是允许的取值。"),
        (7, "教龄", "不是数字。"),
        (8, "学段", "该学校没有这个学段。"),
        (9, "工号", "必填。"),
        (9, "姓名", "必填。"),
    ]
    assert batch.errors[0]["value"] == "4407819999"
    with pytest.raises(ImportRefused):
        import_commit(batch=batch, dataset=ROSTER, user=editor)
    assert not StaffYear.objects.exists() and not Staff.objects.exists()


def test_a_pay_the_column_cannot_hold_is_a_row_error(open_year, county_a, editor):
    """PostgreSQL's numeric(9, 2) refuses 10,000,000 at commit; the preview refuses it first."""
    rows = [
        ROSTER_HEADER,
        roster_row("T001", **{"年收入（元）": "9,999,999.99"}),
        roster_row("T002", **{"年收入（元）": 10_000_000}),
    ]
    batch = preview(xlsx(rows), county_a, editor)
    assert errors_of(batch) == [(3, "年收入（元）", "须小于 10000000。")]


def test_rejected_rows_file_lists_the_rows_with_reasons(open_year, county_a, editor):
    batch = preview(
        xlsx([ROSTER_HEADER, roster_row("T001"), roster_row("T002", 教龄="x")]), county_a, editor
    )
    response = client_for(editor).get(reverse("imports:rejected", args=[batch.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=3, values_only=True) if any(row)]
    assert len(rows) == 1
    assert rows[0][2] == "T002" and rows[0][-2] == 3 and "教龄" in rows[0][-1]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not a spreadsheet", "无法作为 Excel 工作簿读取"),
        (b"PK\x03\x04broken zip", "无法作为 Excel 工作簿读取"),
    ],
)
def test_a_file_that_is_not_excel_is_rejected(open_year, county_a, editor, content, message):
    with pytest.raises(FileRejected, match=message):
        preview(BytesIO(content), county_a, editor)


def test_a_file_above_the_row_cap_is_rejected_whole(open_year, county_a, editor, monkeypatch):
    monkeypatch.setattr("jiangmen_edu.imports.services.MAX_ROWS", 2)
    rows = [ROSTER_HEADER, roster_row("T001"), roster_row("T002")]
    preview(xlsx(rows), county_a, editor)

    with pytest.raises(FileRejected, match="超过 2 行"):
        preview(xlsx([*rows, roster_row("T003")]), county_a, editor)


def test_a_file_of_another_data_set_is_named(open_year, county_a, editor):
    training = xlsx([["工号", "姓名", "培训日期", "学时", "培训级别", "培训机构"]])
    with pytest.raises(FileRejected, match="“培训记录”的文件，而不是“教职工名册”"):
        preview(training, county_a, editor)


def test_missing_columns_are_named(open_year, county_a, editor):
    with pytest.raises(FileRejected, match="缺少：.*工号"):
        preview(xlsx([["学校标识码", "姓名"], ["4407819001", "黄喆"]]), county_a, editor)


def test_reimport_replaces_the_years_roster(open_year, county_a, editor):
    first = preview(xlsx([ROSTER_HEADER, roster_row("T001"), roster_row("T002")]), county_a, editor)
    import_commit(batch=first, dataset=ROSTER, user=editor)
    second = preview(xlsx([ROSTER_HEADER, roster_row("T002", name="黄喆二")]), county_a, editor)
    import_commit(batch=second, dataset=ROSTER, user=editor)
    assert list(StaffYear.objects.values_list("staff__staff_no", flat=True)) == ["T002"]
    assert Staff.objects.get(staff_no="T002").name == "黄喆二"
    assert Staff.objects.count() == 2  # identities stay across years


def test_a_batch_is_committed_once(open_year, county_a, editor):
    batch = preview(xlsx([ROSTER_HEADER, roster_row("T001")]), county_a, editor)
    import_commit(batch=batch, dataset=ROSTER, user=editor)
    with pytest.raises(ImportRefused):
        import_commit(batch=batch, dataset=ROSTER, user=editor)


def test_locked_return_refuses_the_import(open_year, county_a, editor, reviewer):
    batch = preview(xlsx([ROSTER_HEADER, roster_row("T001")]), county_a, editor)
    teachers = YearlyReturn.objects.get(unit=county_a, reporting_year=open_year, section="teachers")
    return_transition(yearly_return=teachers, user=editor, action="submit")
    with pytest.raises(WorkflowError):
        import_commit(batch=batch, dataset=ROSTER, user=editor)
    with pytest.raises(ImportRefused, match="已提交"):
        preview(xlsx([ROSTER_HEADER, roster_row("T001")]), county_a, editor)
    assert not StaffYear.objects.exists()


def test_cross_county_editor_cannot_see_or_commit(open_year, county_a, editor, other_editor):
    batch = preview(xlsx([ROSTER_HEADER, roster_row("T001")]), county_a, editor)
    client = client_for(other_editor)
    for name in ("imports:preview", "imports:rejected"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:commit", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:discard", args=[batch.pk])).status_code == 404
    assert not StaffYear.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED


def test_an_editor_imports_only_into_their_own_unit(open_year, county_b, editor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        preview(
            xlsx([ROSTER_HEADER, roster_row("T001", 学校标识码="4407839001")]), county_b, editor
        )


def test_upload_page_round_trip(open_year, county_a, editor):
    client = client_for(editor)
    file = xlsx([ROSTER_HEADER, roster_row("T001"), roster_row("T002", 教龄="x")])
    response = client.post(reverse("imports:upload", args=["roster"]), {"year": YEAR, "file": file})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "不是数字。" in page and "没有导入任何数据" in page
    good = xlsx([ROSTER_HEADER, roster_row("T001"), roster_row("T002")])
    client.post(reverse("imports:upload", args=["roster"]), {"year": YEAR, "file": good})
    batch = ImportBatch.objects.filter(errors=[]).get()
    assert (
        "2 行可以导入" in client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    )
    response = client.post(reverse("imports:commit", args=[batch.pk]), follow=True)
    assert "已导入“教职工名册” 2 行" in response.content.decode()
    assert StaffYear.objects.count() == 2


def test_upload_page_shows_a_not_excel_error(open_year, editor):
    bad = BytesIO(b"name,school\n")
    bad.name = "roster.csv"
    response = client_for(editor).post(
        reverse("imports:upload", args=["roster"]), {"year": YEAR, "file": bad}
    )
    assert response.status_code == 200
    assert "无法作为 Excel 工作簿读取" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_template_has_chinese_headers_dropdowns_and_the_units_schools(open_year, editor, county_a):
    response = client_for(editor).get(reverse("imports:template", args=["roster"]), {"year": YEAR})
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[2]]
    assert headers[:4] == ["学校标识码", "学校名称", "工号", "姓名"]
    assert [row[0].value for row in sheet.iter_rows(min_row=3, max_row=4)] == [
        "4407819001",
        "4407819002",
    ]
    validations = {
        str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation
    }
    assert "E3" in validations  # 学段 drop-down
    options = workbook["选项"]
    assert "本科" in [cell.value for cell in options["D"]]


def test_the_template_round_trips(open_year, county_a, editor):
    """A template filled in by the county imports without errors."""
    response = client_for(editor).get(reverse("imports:template", args=["roster"]), {"year": YEAR})
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook.worksheets[0]
    for column, value in enumerate(roster_row("T001")[2:], start=3):
        sheet.cell(row=3, column=column, value=value)
    sheet.delete_rows(4)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    batch = preview(buffer, county_a, editor)
    assert batch.errors == [] and len(batch.rows) == 1


def test_command_line_import(open_year, county_a, tmp_path, capsys):
    good = tmp_path / "roster.xlsx"
    good.write_bytes(xlsx([ROSTER_HEADER, roster_row("T001")]).getvalue())
    call_command(
        "import_data", "roster", str(good), "--county", "440781", "--year", str(YEAR), "--dry-run"
    )
    assert not StaffYear.objects.exists()
    call_command("import_data", "roster", str(good), "--county", "440781", "--year", str(YEAR))
    assert StaffYear.objects.count() == 1
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([ROSTER_HEADER, roster_row("T009", 教龄="x")]).getvalue())
    with pytest.raises(CommandError, match="1 of 1 rows rejected"):
        call_command("import_data", "roster", str(bad), "--county", "440781", "--year", str(YEAR))
    assert "教龄" in capsys.readouterr().out
    assert StaffYear.objects.count() == 1


def test_command_line_template(open_year, tmp_path):
    target = tmp_path / "t.xlsx"
    call_command(
        "export_template", "roster", "--county", "440781", "--year", str(YEAR), "-o", str(target)
    )
    assert load_workbook(target).worksheets[0]["C2"].value == "工号"


def test_reimport_writes_one_audit_entry_not_one_per_replaced_row(open_year, county_a, editor):
    from auditlog.models import LogEntry

    file = [ROSTER_HEADER, *(roster_row(f"T{n:03}") for n in range(30))]
    import_commit(batch=preview(xlsx(file), county_a, editor), dataset=ROSTER, user=editor)
    before = LogEntry.objects.count()
    import_commit(batch=preview(xlsx(file), county_a, editor), dataset=ROSTER, user=editor)
    assert LogEntry.objects.count() == before + 1
    assert StaffYear.objects.count() == 30
