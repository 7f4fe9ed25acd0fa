"""In real Chromium: a county editor records a delivered project; their board and the city's
view of it change."""

import datetime

import pytest

from jiangmen_edu.models import Role, Unit
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import reporting_year_open
from tests.browser import log_in
from tests.conftest import COUNTY_A, PASSWORD, make_user
from tests.seats.factories import make_plan, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting():
    """Transactional tests start empty: reference data, users, 2025 open, 台山's plan."""
    load_all()
    county_a = Unit.objects.get(code=COUNTY_A)
    make_user("editor_a", Role.COUNTY_EDITOR, county_a)
    make_user("reviewer", Role.CITY_REVIEWER)
    admin = make_user("city_admin", Role.CITY_ADMIN)
    reporting_year_open(year=2025, due_date=datetime.date(2026, 3, 31), user=admin)
    make_plan(county_a, {(2025, "compulsory"): 1200, (2025, "preschool"): 0})
    # Another county's delivery, so the city total is not just 台山's.
    make_project(Unit.objects.get(code="440783"), "KP-1", deliveries={2025: 800})
    return county_a


def cell(page, unit: str, stage: str) -> int:
    return int(
        page.locator(
            f"[data-testid=progress-board] tr[data-unit='{unit}'] td[data-stage={stage}]"
        ).get_attribute("data-delivered")
    )


def test_a_delivered_project_moves_the_county_board_and_the_city_view(open_page, page, setting):
    city = open_page()
    log_in(city, "reviewer", PASSWORD)
    city.goto("/seats/?year=2025")
    assert cell(city, COUNTY_A, "compulsory") == 0
    assert int(city.text_content("[data-testid=city-delivered]")) == 800

    log_in(page, "editor_a", PASSWORD)
    page.goto("/seats/")
    assert page.locator("[data-testid=progress-board] tbody tr").count() == 1  # only 台山市
    row = page.locator(f"tr[data-unit='{COUNTY_A}']")
    assert row.locator("[data-testid=behind]").count() == 1  # 1200 planned, 0 delivered
    assert page.locator("[data-testid=city-total]").count() == 0

    page.goto("/seats/projects/")
    page.click("[data-testid=add-project]")
    form = page.locator("form[data-testid=project-form]")
    form.locator("input[name=code]").fill("TS-2025-01")
    form.locator("input[name=name]").fill("台城第八小学新建工程")
    form.locator("select[name=kind]").select_option("new_build")
    form.locator("select[name=stage]").select_option("compulsory")
    form.locator("input[name=seats_planned]").fill("1350")
    form.locator("select[name=status]").select_option("completed")
    form.locator("input[name=completed_on]").fill("2025-08-25")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/seats/projects/*/")

    page.click("[data-testid=record-year]")
    figures = page.locator("form[data-testid=project-year-form]")
    figures.locator("select[name=year]").select_option("2025")
    figures.locator("input[name=seats_planned]").fill("1350")
    figures.locator("input[name=seats_delivered]").fill("1350")
    figures.locator("button[type=submit]").click()
    page.wait_for_url("**/seats/projects/*/")
    assert page.text_content("[data-testid=delivered]").strip() == "1350"

    page.goto("/seats/")
    assert cell(page, COUNTY_A, "compulsory") == 1350
    assert cell(page, COUNTY_A, "total") == 1350
    assert page.locator(f"tr[data-unit='{COUNTY_A}'] [data-testid=behind]").count() == 0

    city.reload()
    assert cell(city, COUNTY_A, "compulsory") == 1350
    assert int(city.text_content("[data-testid=city-delivered]")) == 800 + 1350
    city.goto("/seats/projects/?unit=440781")
    assert city.locator("[data-testid=project-list] tr[data-project='TS-2025-01']").count() == 1
    city.context.close()
