"""Home pages in real headless Chromium: what a county editor and a city reviewer see."""

import datetime

import pytest

from jiangmen_edu.models import Role, Unit, YearlyReturn
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import reporting_year_open, return_transition
from tests.browser import log_in
from tests.conftest import COUNTY_A, PASSWORD, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("without_quality_rules"),
]


@pytest.fixture
def open_year():
    """Transactional tests start from an empty database, so build what the pages need."""
    load_all()
    county_a = Unit.objects.get(code=COUNTY_A)
    editor = make_user("editor_a", Role.COUNTY_EDITOR, county_a)
    reviewer = make_user("reviewer", Role.CITY_REVIEWER)
    admin = make_user("city_admin", Role.CITY_ADMIN)
    year = reporting_year_open(year=2025, due_date=datetime.date(2026, 3, 31), user=admin)
    teachers = YearlyReturn.objects.get(unit=county_a, reporting_year=year, section="teachers")
    return_transition(yearly_return=teachers, user=editor, action="submit")
    return {"editor": editor, "reviewer": reviewer}


def test_county_editor_sees_own_returns_and_what_is_due(page, open_year):
    log_in(page, "editor_a", PASSWORD)
    assert "台山市" in page.text_content("[data-testid=who]")
    due = page.text_content("[data-testid=due]")
    assert "2025 年度待填报（截止 2026-03-31）" in due
    # Teachers has been submitted, so three sections are still due.
    assert "学位建设" in due and "东西部结对帮扶" in due and "考核材料" in due
    assert "教师队伍" not in due
    current = page.text_content("[data-testid=current-returns]")
    assert "已提交" in current
    assert "开平市" not in page.content()
    page.click("[data-testid=due] >> text=学位建设")
    page.fill("textarea[name=comment]", "")
    page.click("text=提交市教育局审核")
    assert "已提交市教育局审核。" in page.text_content(".alert-success")


def test_city_reviewer_sees_every_county_at_a_glance(page, open_year):
    log_in(page, "reviewer", PASSWORD)
    matrix = page.locator("[data-testid=status-matrix]")
    rows = matrix.locator("tbody tr")
    assert rows.count() == 8
    for name in ("市直", "蓬江区", "江海区", "新会区", "鹤山市", "台山市", "开平市", "恩平市"):
        assert name in matrix.text_content()
    assert "已提交待审核: 1" in " ".join(page.text_content("[data-testid=status-counts]").split())
    taishan = rows.filter(has_text="台山市")
    assert taishan.locator("[data-status=submitted]").count() == 1
    taishan.locator("[data-status=submitted]").click()
    page.click("text=审核通过并锁定")
    assert "已审核通过，数据已锁定。" in page.text_content(".alert-success")
    assert "本填报已审核通过并锁定" in page.text_content("[data-testid=lock-reason]")
