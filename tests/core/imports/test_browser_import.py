"""The import loop in headless Chromium: template → file with errors → row errors →
corrected file → import → the dashboard changes."""

import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from jiangmen_edu.models import Role, School, Unit
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import reporting_year_open
from tests.browser import log_in
from tests.conftest import COUNTY_A, PASSWORD, make_user
from tests.core.factories import roster_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2025


@pytest.fixture
def county_a_open():
    load_all()
    county_a = Unit.objects.get(code=COUNTY_A)
    School.objects.create(
        code="4407819001",
        name="台山市台城第一小学",
        unit=county_a,
        school_type="primary",
        ownership="public",
    )
    make_user("editor_a", Role.COUNTY_EDITOR, county_a)
    admin = make_user("city_admin", Role.CITY_ADMIN)
    reporting_year_open(year=YEAR, due_date=datetime.date(YEAR + 1, 3, 31), user=admin)
    return county_a


def filled_template(template: bytes, rows: list[list], path) -> str:
    workbook = load_workbook(BytesIO(template))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(3, sheet.max_row)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=3 + offset, column=column, value=value)
    workbook.save(path)
    return str(path)


def upload(page, path: str) -> None:
    page.goto("/imports/roster/upload/")
    page.select_option("select[name=year]", str(YEAR))
    page.set_input_files("input[name=file]", path)
    page.click("[data-testid=upload-form] button[type=submit]")


def primary_figure(page):
    page.goto(f"/teachers/dashboard/?year={YEAR}")
    return page.locator("tr[data-figure='degree.primary']")


def test_template_errors_correction_and_dashboard(page, county_a_open, tmp_path):
    log_in(page, "editor_a", PASSWORD)
    before = primary_figure(page).get_attribute("data-passed")

    page.goto("/imports/")
    with page.expect_download() as download:
        page.click("[data-testid=datasets] tr:has-text('教职工名册') >> text=下载模板")
    template = open(download.value.path(), "rb").read()

    bad = filled_template(
        template,
        [
            roster_row("T001"),
            roster_row("T002", 教龄="十年"),
            roster_row("T003", 学校标识码="4407819999"),
        ],
        tmp_path / "bad.xlsx",
    )
    upload(page, bad)
    errors = page.locator("[data-testid=row-errors] tbody tr")
    assert errors.count() == 2
    assert "不是数字" in errors.nth(0).text_content()
    assert "本单位没有这个学校标识码" in errors.nth(1).text_content()
    assert page.locator("[data-testid=refused]").is_visible()
    assert page.locator("form[action$='/commit/']").count() == 0

    good = filled_template(
        template,
        [
            roster_row("T001"),
            roster_row("T002"),
            roster_row("T003"),
        ],
        tmp_path / "good.xlsx",
    )
    upload(page, good)
    assert "3 行可以导入" in page.text_content("[data-testid=ready]")
    page.click("form[action$='/commit/'] button")
    assert "已导入“教职工名册” 3 行" in page.text_content(".alert-success")

    after = primary_figure(page)
    assert before != after.get_attribute("data-passed")
    assert after.get_attribute("data-passed") == "pass"
