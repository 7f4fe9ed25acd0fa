"""Core data for tests: throw-away data-quality rules and stored findings; import workbooks.

`declare_rule` registers a rule for one test (the caller empties the registry first, with
`monkeypatch`); `register_rules` three of them, with findings the test decides. `xlsx` writes
rows into a workbook as a county would send it; `roster_row` is a valid row of the roster
import, in `ROSTER_HEADER` order; `run_import_data` runs `manage.py import_data` as a shell does.
"""

import datetime
from io import BytesIO
from unittest import mock

import pytest
from django.core.management import base
from django.utils import timezone
from openpyxl import Workbook

from jiangmen_edu.management.commands.import_data import Command as ImportData
from jiangmen_edu.models import QualityExplanation, QualityFinding, Section, Severity, YearlyReturn
from jiangmen_edu.quality import registry
from jiangmen_edu.quality.registry import Hit, rule
from tests.conftest import COUNTY_A, COUNTY_B, YEAR

CHECKED_AT = timezone.make_aware(datetime.datetime(2025, 6, 1, 9, 30))


def declare_rule(
    code: str,
    check,
    *,
    section: str = Section.TEACHERS,
    severity: str = Severity.WARNING,
    title: str = "Test rule",
    message: str = "%(label)s",
    **options,
):
    """Register `check` as a rule of the test's own (source "test")."""
    return rule(
        code=code,
        section=section,
        severity=severity,
        title=title,
        message=message,
        source="test",
        **options,
    )(check)


def register_rules(monkeypatch) -> dict[str, list[str]]:
    """Three throw-away rules, alone in the registry: an error and a warning on teachers, a
    warning on seats. Each flags the units listed in `hits[code]`, one record per unit.
    """
    monkeypatch.setattr(registry, "_registry", {})
    hits: dict[str, list[str]] = {"X01": [], "X02": [], "S91": []}

    def flag(code):
        def check(context):
            if context.unit.code in hits[code]:
                yield Hit(key=f"unit:{context.unit.code}", label=context.unit.name, url="/r/")

        return check

    declare_rule(
        "X01",
        flag("X01"),
        severity=Severity.ERROR,
        title="Broken record",
        message="%(label)s is broken",
    )
    declare_rule(
        "X02",
        flag("X02"),
        title="Too many hours",
        message="%(label)s: %(hours)s hours, more than %(threshold)s",
        default_threshold="200",
        threshold_label="hours",
    )
    declare_rule(
        "S91",
        flag("S91"),
        section=Section.SEATS,
        title="Odd seats",
        message="%(label)s has odd seats",
    )
    return hits


def add_finding(unit_code, code, key, *, year=YEAR, url=""):
    """A stored finding in the unit's return of the rule's section, with X02's figures, as
    a run at `CHECKED_AT` left it."""
    rule_ = registry.get(code)
    yearly_return = YearlyReturn.objects.get(
        unit__code=unit_code, reporting_year__year=year, section=rule_.section
    )
    YearlyReturn.objects.filter(pk=yearly_return.pk).update(quality_checked_at=CHECKED_AT)
    return QualityFinding.objects.create(
        yearly_return=yearly_return,
        code=code,
        severity=rule_.severity,
        key=key,
        label=key,
        params={"label": key, "hours": "250", "threshold": "200"},
        url=url,
        checked_at=CHECKED_AT,
    )


def explain(finding, author, text="已核实"):
    return QualityExplanation.objects.create(
        yearly_return=finding.yearly_return,
        code=finding.code,
        key=finding.key,
        text=text,
        author=author,
    )


def add_findings(editor, other_editor) -> list[QualityFinding]:
    """County A: 2 errors of X01, 3 warnings of X02 (1 explained); county B: 1 S91 warning."""
    for key in ("a1", "a2"):
        add_finding(COUNTY_A, "X01", key)
    warnings = [add_finding(COUNTY_A, "X02", key) for key in ("w1", "w2", "w3")]
    explain(warnings[0], editor)
    explain(add_finding(COUNTY_B, "S91", "b1"), other_editor)
    return warnings


# --- import workbooks -------------------------------------------------------------------------

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
