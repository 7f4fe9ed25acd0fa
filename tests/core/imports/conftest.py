from io import BytesIO
from unittest import mock

import pytest
from django.core.management import base
from openpyxl import Workbook

from jiangmen_edu.management.commands.import_data import Command as ImportData
from jiangmen_edu.models import School

ROSTER_HEADER = [
    "学校标识码",
    "学校名称",
    "工号",
    "姓名",
    "学段",
    "岗位",
    "用工性质",
    "最高学历",
    "职称",
    "任教学科",
    "教龄",
    "管理年限",
    "年收入（元）",
    "入职年份",
    "部属师范院校毕业",
]


def roster_row(staff_no="T001", school="4407819001", name="黄喆", **overrides):
    row = {
        "学校标识码": school,
        "学校名称": "",
        "工号": staff_no,
        "姓名": name,
        "学段": "小学",
        "岗位": "专任教师",
        "用工性质": "在编",
        "最高学历": "本科",
        "职称": "中级",
        "任教学科": "语文",
        "教龄": 12,
        "管理年限": 0,
        "年收入（元）": 98000.5,
        "入职年份": 2012,
        "部属师范院校毕业": "否",
    }
    row.update(overrides)
    return [row[header] for header in ROSTER_HEADER]


def xlsx(rows, title_rows=(), merges=()) -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in [*title_rows, *rows]:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(merge)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "roster.xlsx"
    return buffer


@pytest.fixture
def schools_a(county_a):
    return [
        School.objects.create(
            code="4407819001",
            name="台山市台城第一小学",
            unit=county_a,
            school_type="primary",
            ownership="public",
        ),
        School.objects.create(
            code="4407819002",
            name="台山市台城中学",
            unit=county_a,
            school_type="junior",
            ownership="public",
        ),
    ]


@pytest.fixture
def school_b(county_b):
    return School.objects.create(
        code="4407839001",
        name="开平市长沙小学",
        unit=county_b,
        school_type="primary",
        ownership="public",
    )


def run_import_data(*argv: str) -> int:
    """`manage.py import_data …` as a shell runs it; returns the exit status (the output is
    on the test's stdout and stderr).

    `run_from_argv` closes the database connections when it ends, which would end the test's
    transaction on PostgreSQL; they stay open here."""
    with (
        mock.patch.object(base.connections, "close_all"),
        pytest.raises(SystemExit) as exit_,
    ):
        ImportData().run_from_argv(["manage.py", "import_data", *argv])
        raise SystemExit(0)
    return exit_.value.code
