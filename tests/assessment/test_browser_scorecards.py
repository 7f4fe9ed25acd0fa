"""The overview in headless Chromium: the menu link, and sorting by a column."""

import pytest

from jiangmen_edu.models import Role, Unit
from jiangmen_edu.reference import load_all
from tests.assessment.factories import build_results
from tests.browser import log_in
from tests.conftest import COUNTY_A, PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def results():
    """Transactional tests start from an empty database, so build what the pages need."""
    load_all()
    make_user("reviewer", Role.CITY_REVIEWER)
    make_user("editor_a", Role.COUNTY_EDITOR, Unit.objects.get(code=COUNTY_A))
    build_results()


def county_order(page) -> list[str]:
    return page.locator("[data-testid=overview-table] tbody tr th a").all_text_contents()


def test_reviewer_opens_the_overview_from_the_menu_and_sorts_it(page, results):
    log_in(page, "reviewer", PASSWORD)
    page.click("[data-testid=nav-results]")
    page.wait_for_url("**/assessment/2025/")
    assert county_order(page)[:2] == ["蓬江区", "开平市"]  # by rank
    table = page.locator("[data-testid=overview-table]")
    item_4 = table.locator("thead th").nth(4 + 13)  # item 4 (satisfaction): 开平市 4.33
    item_4.locator("button").click()
    assert item_4.get_attribute("aria-sort") == "descending"
    assert county_order(page)[-1] == "开平市"
    item_4.locator("button").click()
    assert item_4.get_attribute("aria-sort") == "ascending"
    assert county_order(page)[0] == "开平市"
    # the average row stays at the foot
    assert table.locator("tfoot tr").first.get_attribute("data-testid") == "average-row"


def test_county_editor_is_taken_to_their_own_scorecard(page, results):
    log_in(page, "editor_a", PASSWORD)
    page.click("[data-testid=nav-results]")
    page.wait_for_url("**/assessment/2025/440781/")
    assert page.text_content("[data-testid=total]").split()[0] == "85"
    assert page.locator("[data-testid=items-chart] svg").count() == 1
