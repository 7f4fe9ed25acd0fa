"""In real headless Chromium: a supporting county records a dispatched
teacher; the recipient county sees it; a third county does not."""

import datetime

import pytest

from jiangmen_edu.models import Role
from jiangmen_edu.reference import load_all
from jiangmen_edu.workflow import reporting_year_open
from pairing.models import Placement
from tests.browser import log_in
from tests.conftest import PASSWORD, make_user
from tests.pairing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pairing_world():
    """Transactional tests start from an empty database, so build what the pages need."""
    load_all()
    admin = make_user("city_admin", Role.CITY_ADMIN)
    reporting_year_open(year=2025, due_date=datetime.date(2026, 3, 31), user=admin)
    for code, username in ((f.XINHUI, "xinhui"), (f.TAISHAN, "taishan"), (f.KAIPING, "kaiping")):
        make_user(username, Role.COUNTY_EDITOR, f.unit(code))
    return {
        "cycle": f.make_cycles()[1],
        "home": f.make_school("4407059001", "新会区会城第一小学", f.XINHUI),
        "host": f.make_school("4407819101", "台山市都斛镇中心小学", f.TAISHAN, central=True),
    }


def test_a_dispatched_teacher_is_seen_by_the_recipient_and_not_by_a_third_county(
    page, live_server, pairing_world
):
    log_in(page, "xinhui", PASSWORD)
    page.goto("/pairing/placements/add/")
    page.select_option("select[name=kind]", "dispatched")
    page.fill("input[name=name]", "黄喆支教")
    page.fill("input[name=staff_no]", "X2025")
    page.fill("input[name=subject]", "初中数学")
    page.select_option("select[name=home_school]", str(pairing_world["home"].pk))
    page.select_option("select[name=host_school]", str(pairing_world["host"].pk))
    page.select_option("select[name=cycle]", str(pairing_world["cycle"].pk))
    page.fill("input[name=start]", "2025-01-01")
    page.fill("input[name=end]", "2025-08-31")
    page.click("[data-testid=save]")
    page.wait_for_url("**/pairing/placements/")
    assert "黄喆支教" in page.text_content("[data-testid=records]")
    placement = Placement.objects.get(staff_no="X2025")
    page.context.clear_cookies()

    log_in(page, "taishan", PASSWORD)
    page.goto("/pairing/placements/")
    row = page.locator(f"[data-testid=records] tr[data-pk='{placement.pk}']")
    assert "黄喆支教" in row.text_content() and "台山市都斛镇中心小学" in row.text_content()
    # The recipient sees it but the sending side edits it: no edit link, and 403 if forced.
    assert row.locator("a").count() == 0
    response = page.goto(f"/pairing/placements/{placement.pk}/edit/")
    assert response.status == 403
    page.context.clear_cookies()

    log_in(page, "kaiping", PASSWORD)
    page.goto("/pairing/placements/")
    assert "黄喆支教" not in page.content()
    response = page.goto(f"/pairing/placements/{placement.pk}/edit/")
    assert response.status == 404
