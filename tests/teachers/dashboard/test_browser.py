"""The dashboard in headless Chromium: from the menu to a county's figures, then to the staff
behind one of them."""

import pytest

from jiangmen_edu.models import Role, Unit
from jiangmen_edu.reference import load_all
from teachers.models import Degree
from tests.browser import log_in
from tests.conftest import COUNTY_A, PASSWORD, make_user
from tests.teachers.factories import YEAR, make_school, rosters

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county_data():
    """Transactional tests start from an empty database: reference data, a reviewer, and
    county A with 13 of 14 primary teachers holding a bachelor's (93 % needs all 14)."""
    load_all()
    county_a = Unit.objects.get(code=COUNTY_A)
    make_user("reviewer", Role.CITY_REVIEWER)
    school = make_school(county_a)
    rosters(county_a, school, 13, prefix="A")
    return rosters(county_a, school, 1, prefix="L", degree=Degree.ASSOCIATE)


def test_from_the_menu_to_the_staff_behind_a_figure(page, county_data):
    log_in(page, "reviewer", PASSWORD)
    page.click("[data-testid=nav-teachers]")
    page.click("[data-testid=nav-teachers-dashboard]")
    assert page.locator("[data-testid=comparison] tbody tr").count() == 8
    page.select_option("select[name=year]", str(YEAR))
    page.select_option("[data-testid=unit-select]", COUNTY_A)
    page.click("[data-testid=scope-form] button")
    primary = page.locator("tr[data-figure='degree.primary']")
    assert (primary.get_attribute("data-passed"), primary.get_attribute("data-gap")) == (
        "fail",
        "1",
    )
    assert page.locator("[data-testid=degree-charts] svg").count() == 4
    primary.locator("[data-testid=drilldown-link]").click()
    assert page.get_attribute("[data-testid=count]", "data-count") == "1"
    assert county_data[0].staff.staff_no in page.text_content("[data-testid=drilldown]")
