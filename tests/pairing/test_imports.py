"""Excel imports of placements and activity logs — preview with row errors,
all-or-nothing, and the same code path for `import_data` / `export_template`."""

import datetime
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from jiangmen_edu.imports import datasets
from jiangmen_edu.imports.services import ImportRefused, import_commit, import_preview
from pairing.models import Activity, Placement
from tests.conftest import client_for
from tests.core.factories import xlsx
from tests.pairing import factories as f

D = datetime.date
DISPATCHED = datasets.get("pairing_dispatched")
SHADOWING = datasets.get("pairing_shadowing")
ACTIVITIES = datasets.get("pairing_activities")
# The headers as a county office types them, in Chinese, under a title row.
DISPATCHED_HEADER = [
    "工号",
    "姓名",
    "学科",
    "派出学校标识码",
    "受援学校标识码",
    "开始日期",
    "结束日期",
]
pytestmark = pytest.mark.django_db


def preview(dataset, rows, unit_code, user=None, title=("新会区 2025 年支教教师名单",)):
    return import_preview(
        dataset=dataset,
        unit=f.unit(unit_code),
        year=2025,
        file=xlsx(rows, title_rows=[title]),
        filename="pairing.xlsx",
        user=user,
    )


def errors_of(batch):
    return sorted((e["row"], e["message"]) for e in batch.errors)


@pytest.fixture
def ready(reporting_year, cycle2, xinhui_school, taishan_school, kaiping_school):
    return reporting_year


def row(staff_no, host="4407819101", start="2025-01-01", end="2025-08-31", home="4407059001"):
    return [staff_no, f"教师{staff_no}", "小学数学", home, host, start, end]


def test_dispatched_teachers_import_for_the_sending_unit(ready, xinhui_editor):
    batch = preview(
        DISPATCHED,
        [DISPATCHED_HEADER, row("X001"), row("X002", start="2025.3.1")],
        f.XINHUI,
        xinhui_editor,
    )
    assert batch.errors == []
    assert not Placement.objects.exists()
    assert import_commit(batch=batch, dataset=DISPATCHED, user=xinhui_editor) == 2
    placement = Placement.objects.get(staff_no="X002")
    assert (placement.kind, placement.start, placement.cycle.number) == (
        "dispatched",
        D(2025, 3, 1),
        2,
    )
    assert placement.recipient_unit.code == f.TAISHAN


def test_a_file_with_bad_rows_imports_nothing(ready, dispatched, xinhui_editor):
    rows = [
        DISPATCHED_HEADER,
        row("X100"),  # good
        row("X101", host="4407810000"),  # no such school
        row("X102", host="4407839101"),  # 开平 is not 新会's recipient
        row("X103", start="2024-12-01"),  # not in 2025
        row("X001", start="2025-08-01", end="2025-12-31"),  # overlaps the existing X001
        row("X104"),
        row("X104", start="2025-05-01"),  # overlaps the row above
        ["", "", "", "", "", "", ""],  # blank rows are skipped
        row("X105", home="4407819101"),  # not the unit's own school
    ]
    batch = preview(DISPATCHED, rows, f.XINHUI, xinhui_editor)
    assert [number for number, _message in errors_of(batch)] == [4, 5, 6, 7, 9, 11]
    assert len(batch.rows) == 2
    with pytest.raises(ImportRefused):
        import_commit(batch=batch, dataset=DISPATCHED, user=xinhui_editor)
    assert list(Placement.objects.values_list("staff_no", flat=True)) == ["X001"]


def test_importing_again_updates_the_same_placements(ready, xinhui_editor):
    for end in ("2025-07-31", "2025-08-31"):
        batch = preview(DISPATCHED, [DISPATCHED_HEADER, row("X001", end=end)], f.XINHUI)
        import_commit(batch=batch, dataset=DISPATCHED, user=None)
    assert Placement.objects.get().end == D(2025, 8, 31)


def test_shadowing_teachers_import_for_the_receiving_county(ready, editor):
    header = ["工号", "姓名", "派出学校标识码", "跟岗学校标识码", "开始日期", "结束日期"]
    good = ["T001", "王跟岗", "4407819101", "4407059001", "2025-02-01", "2025-12-31"]
    wrong_pair = ["T002", "李跟岗", "4407819101", "4407849001", "2025-02-01", "2025-12-31"]
    f.make_school("4407849001", "鹤山市沙坪第一小学", f.HESHAN)
    batch = preview(SHADOWING, [header, good, wrong_pair], f.TAISHAN, editor)
    assert [n for n, _m in errors_of(batch)] == [4]
    batch = preview(SHADOWING, [header, good], f.TAISHAN, editor)
    assert import_commit(batch=batch, dataset=SHADOWING, user=editor) == 1
    placement = Placement.objects.get()
    assert (placement.kind, placement.editing_unit_id) == ("shadowing", editor.unit_id)


def test_the_activity_log_imports_and_replaces_the_year(shadowing, editor):
    header = ["活动类型", "日期", "次数", "学时", "天数", "主题", "工号", "支援组", "学校标识码"]
    rows = [
        header,
        ["听课", "2025-03-31", "１２", "", "", "三月听课", "T001", "", ""],
        ["跟岗总结", "2025年6月30日", 1, "", "", "", "T001", "", ""],
        ["公开课", "2025-03-31", 2, "", "", "", "T001", "", ""],  # not a dispatched teacher
        ["听课", "2025-01-15", 3, "", "", "", "T001", "", ""],  # before the placement
        ["听课", "2025-03-31", 3, "", "", "", "T999", "", ""],  # no such teacher
    ]
    batch = preview(ACTIVITIES, rows, f.TAISHAN, editor)
    assert [n for n, _m in errors_of(batch)] == [5, 6, 7]
    batch = preview(ACTIVITIES, rows[:3], f.TAISHAN, editor)
    assert import_commit(batch=batch, dataset=ACTIVITIES, user=editor) == 2
    assert sorted(Activity.objects.values_list("kind", "count")) == [
        ("observation", 12),
        ("reflection", 1),
    ]
    batch = preview(ACTIVITIES, rows[:2], f.TAISHAN, editor)
    import_commit(batch=batch, dataset=ACTIVITIES, user=editor)
    assert list(Activity.objects.values_list("kind", flat=True)) == ["observation"]


def test_the_command_line_and_the_template(ready, tmp_path):
    template = tmp_path / "template.xlsx"
    call_command(
        "export_template",
        "pairing_dispatched",
        "--county",
        f.XINHUI,
        "--year",
        "2025",
        "-o",
        str(template),
    )
    sheet = load_workbook(template).active
    headers = [cell.value for cell in sheet[2]]
    assert len(headers) == len(DISPATCHED.columns)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([DISPATCHED_HEADER, row("X1", host="4407839101")]).getvalue())
    with pytest.raises(CommandError):
        call_command(
            "import_data", "pairing_dispatched", str(bad), "--county", f.XINHUI, "--year", "2025"
        )
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([DISPATCHED_HEADER, row("X1")]).getvalue())
    call_command(
        "import_data", "pairing_dispatched", str(good), "--county", f.XINHUI, "--year", "2025"
    )
    assert Placement.objects.filter(staff_no="X1").exists()


def test_the_upload_page_previews_the_row_errors(ready, xinhui_editor):
    file = xlsx([DISPATCHED_HEADER, row("X1", host="4407839101")])
    file.name = "dispatched.xlsx"
    response = client_for(xinhui_editor).post(
        reverse("imports:upload", kwargs={"slug": "pairing_dispatched"}),
        {"file": file, "year": 2025},
    )
    assert response.status_code == 302
    page = client_for(xinhui_editor).get(response["Location"]).content.decode()
    assert "4407839101" in page and "1" in page
    assert not Placement.objects.exists()


def test_the_template_downloads_from_the_page(ready, xinhui_editor):
    response = client_for(xinhui_editor).get(
        reverse("imports:template", kwargs={"slug": "pairing_activities"}), {"year": 2025}
    )
    assert response.status_code == 200
    assert load_workbook(BytesIO(response.content)).active.max_column == len(ACTIVITIES.columns)
