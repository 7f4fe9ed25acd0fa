"""In real Chromium: a county editor cannot submit with an error, corrects it,
explains the warning the correction raises, submits; the city reviewer reads the explanation."""

import datetime

import pytest

from jiangmen_edu.models import Role, Section, Unit, YearlyReturn
from jiangmen_edu.quality import services as quality
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import reporting_year_open
from tests.browser import log_in
from tests.conftest import COUNTY_A, PASSWORD, make_user
from tests.seats.factories import make_enrolment, make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPLANATION = "城区新建两所学校投入使用，随迁子女入学增加，已与学籍系统核对"


@pytest.fixture
def seats_return():
    """台山's 2025 seats return: a plan that adds up to the quota, 2024's enrolment, and no
    2025 enrolment yet (an error: the assessment needs it)."""
    load_all()
    county_a = Unit.objects.get(code=COUNTY_A)
    make_user("editor_a", Role.COUNTY_EDITOR, county_a)
    make_user("reviewer", Role.CITY_REVIEWER)
    admin = make_user("city_admin", Role.CITY_ADMIN)
    reporting_year_open(year=2025, due_date=datetime.date(2026, 3, 31), user=admin)
    make_plan(
        county_a,
        {(2021, "preschool"): 1500, (2021, "compulsory"): 9185, (2025, "high_school"): 0},
    )
    make_enrolment(county_a, 2024)  # 10,000 compulsory students
    # The factories write straight to the database: rerun the rules as the services would.
    quality.findings_refresh(unit=county_a, year=2025)
    return YearlyReturn.objects.get(unit=county_a, reporting_year__year=2025, section=Section.SEATS)


def findings(page) -> dict[str, str]:
    rows = page.locator("[data-testid=finding]")
    return {
        rows.nth(i).get_attribute("data-code"): rows.nth(i).get_attribute("data-severity")
        for i in range(rows.count())
    }


def test_correct_explain_submit_and_the_reviewer_reads_it(open_page, page, seats_return):
    log_in(page, "editor_a", PASSWORD)
    page.goto(f"/returns/{seats_return.pk}/")
    assert findings(page) == {"S05": "error"}
    assert page.locator("[data-testid=submit]").is_disabled()
    assert page.locator("[data-testid=submit-blocked]").is_visible()

    page.goto("/seats/enrolment/edit/?year=2025")
    form = page.locator("form[data-testid=enrolment-form]")
    form.locator("input[name=public_students]").fill("11500")  # 12,500 in all: +25 %
    form.locator("input[name=purchased_students]").fill("500")
    form.locator("input[name=private_students]").fill("500")
    form.locator("button[type=submit]").click()
    notice = page.locator(f".alert a[href='/returns/{seats_return.pk}/#quality']")
    notice.click()

    assert findings(page) == {"S03": "warning"}
    assert page.locator("[data-testid=submit]").is_disabled()
    page.locator("[data-testid=finding][data-code=S03] textarea[name=text]").fill(EXPLANATION)
    page.locator("form[data-testid=explain-form] button").click()
    page.wait_for_url(f"**/returns/{seats_return.pk}/#quality")
    assert page.locator("[data-testid=submit-blocked]").count() == 0
    page.locator("[data-testid=submit]").click()
    page.locator("[data-testid=lock-reason]").wait_for()  # submitted: waiting for the city
    seats_return.refresh_from_db()
    assert seats_return.status == YearlyReturn.Status.SUBMITTED

    city = open_page()
    log_in(city, "reviewer", PASSWORD)
    city.goto(f"/returns/{seats_return.pk}/")
    assert findings(city) == {"S03": "warning"}
    assert city.text_content("[data-testid=explanation]").strip() == EXPLANATION
    assert city.locator("button[formaction$='/approve/']").is_enabled()
